// Exact cycle arithmetic for queries (LANGUAGE.md §8.11): reduced results, floors of negative
// times, exact comparison, and overflow reported rather than rounded.
#include "patterns/time_math.h"

#include <gtest/gtest.h>

namespace {

using namespace weft::patterns;

TEST(TimeMath, IsExact) {
  TimeMath m;
  EXPECT_EQ(m.add(Rational{1, 3}, Rational{1, 6}), (Rational{1, 2}));
  EXPECT_EQ(m.sub(Rational{1, 3}, Rational{1, 3}), (Rational{0, 1}));
  EXPECT_EQ(m.mul(Rational{2, 3}, Rational{9, 4}), (Rational{3, 2}));
  EXPECT_EQ(m.div(Rational{1, 2}, Rational{3, 4}), (Rational{2, 3}));
  EXPECT_EQ(TimeMath::floor(Rational{-1, 3}), (Rational{-1, 1}));
  EXPECT_EQ(TimeMath::floor(Rational{7, 2}), (Rational{3, 1}));
  EXPECT_EQ(TimeMath::floor(Rational{-4, 1}), (Rational{-4, 1}));
  EXPECT_FALSE(m.overflowed());
}

TEST(TimeMath, ReportsOverflowInsteadOfRounding) {
  TimeMath m;
  m.add(Rational{INT64_MAX, 1}, Rational{1, 1});
  EXPECT_TRUE(m.overflowed());
  TimeMath d;
  d.div(Rational{1, 1}, Rational{0, 1});
  EXPECT_TRUE(d.overflowed());
  TimeMath p;
  p.mul(Rational{1, INT64_MAX}, Rational{1, 3});
  EXPECT_TRUE(p.overflowed());
}

TEST(TimeMath, ComparesAndIntersectsExactly) {
  EXPECT_TRUE(less(Rational{1, 3}, Rational{1, 2}));
  EXPECT_EQ(compare(Rational{INT64_MAX - 1, INT64_MAX}, Rational{INT64_MAX - 2, INT64_MAX - 1}), 1);
  bool ok = false;
  const TimeSpan s = intersect(TimeSpan{{0, 1}, {1, 2}}, TimeSpan{{1, 4}, {1, 1}}, ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(s, (TimeSpan{{1, 4}, {1, 2}}));
  intersect(TimeSpan{{0, 1}, {1, 2}}, TimeSpan{{1, 2}, {1, 1}}, ok);
  EXPECT_FALSE(ok); // touching half-open spans do not meet
}

} // namespace
