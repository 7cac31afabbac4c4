// Query mechanics (pattern.h, event.h): empty spans, onsets of fragments, a buffer that is too
// small, time overflow, and max_events sufficing for dense patterns and long spans.
#include "compile_pattern.h"
#include "patterns/parse.h"
#include "patterns/time_math.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

namespace {

using namespace weft::patterns;

using weft::test::compile;

TEST(Query, EmptyOrReversedSpansGiveNothing) {
  const Pattern p = compile("a b");
  std::vector<Event> storage(8);
  EventBuffer out(storage);
  EXPECT_EQ(p.query(TimeSpan{{1, 2}, {1, 2}}, out), QueryStatus::kOk);
  EXPECT_EQ(p.query(TimeSpan{{1, 1}, {1, 2}}, out), QueryStatus::kOk);
  EXPECT_EQ(out.size(), 0u);
}

TEST(Query, FragmentsKeepTheirWholeAndOnlyTheFirstHasTheOnset) {
  const Pattern p = compile("a/2");
  std::vector<Event> storage(8);
  EventBuffer out(storage);
  ASSERT_EQ(p.query(TimeSpan{{1, 2}, {3, 2}}, out), QueryStatus::kOk);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].whole, (TimeSpan{{0, 1}, {2, 1}}));
  EXPECT_EQ(out[0].part, (TimeSpan{{1, 2}, {3, 2}}));
  EXPECT_FALSE(out[0].has_onset());
}

TEST(Query, ASmallBufferIsReportedNotOverrun) {
  const Pattern p = compile("a*8");
  std::vector<Event> storage(3);
  EventBuffer out(storage);
  EXPECT_EQ(p.query(TimeSpan{{0, 1}, {1, 1}}, out), QueryStatus::kCapacityExceeded);
  EXPECT_EQ(out.size(), 3u);
  EXPECT_TRUE(out.overflowed());
}

TEST(Query, TimeOverflowIsReported) {
  const Pattern p = compile("a*3");
  std::vector<Event> storage(16);
  EventBuffer out(storage);
  const Rational huge{INT64_MAX / 2, 1};
  EXPECT_EQ(p.query(TimeSpan{huge, TimeMath().add(huge, Rational{1, 1})}, out),
            QueryStatus::kTimeOverflow);
}

TEST(Query, MaxEventsBoundsDenseQueries) {
  for (const char* text : {"[a b c d]*<8 16> e(<5 7>,<8 12>,<1 2>):<1 [2 3]>", "{a b c}%<5 9>*3",
                           "<a b>!4 [c|d|e]*16?", "[a, b c, d e f]/<3 5> g@7 h!3"}) {
    const Pattern p = compile(text);
    for (Rational length : {Rational{1, 7}, Rational{1, 1}, Rational{5, 2}}) {
      std::vector<Event> storage(p.max_events(length));
      TimeMath m;
      for (Rational t{-4, 1}; less(t, Rational{12, 1}); t = m.add(t, length)) {
        EventBuffer out(storage);
        EXPECT_EQ(p.query(TimeSpan{t, m.add(t, length)}, out), QueryStatus::kOk) << text;
      }
    }
  }
}

} // namespace

namespace {

std::vector<TimeSpan> parts(const Pattern& p) {
  std::vector<Event> storage(p.max_events(Rational{1, 1}));
  EventBuffer out(storage);
  EXPECT_EQ(p.query(TimeSpan{{0, 1}, {1, 1}}, out), QueryStatus::kOk);
  std::vector<TimeSpan> spans;
  for (const Event& e : out.events()) spans.push_back(e.part);
  std::sort(spans.begin(), spans.end(),
            [](const TimeSpan& a, const TimeSpan& b) { return less(a.begin, b.begin); });
  return spans;
}

// §8.11: slot i plays iff B[(i − r) mod n]. Strudel ignores a rotation of n or more (its array
// slice), a disagreement with the spec, which weft follows (left out of the golden cases).
TEST(Query, EuclidRotationIsTakenModuloTheSteps) {
  EXPECT_EQ(parts(compile("a(3,8,10)")), parts(compile("a(3,8,2)")));
  EXPECT_EQ(parts(compile("a(3,8,-1)")), parts(compile("a(3,8,7)")));
  EXPECT_EQ(parts(compile("a(3,8,2)")),
            (std::vector<TimeSpan>{{{0, 1}, {1, 8}}, {{1, 4}, {3, 8}}, {{5, 8}, {3, 4}}}));
}

} // namespace
