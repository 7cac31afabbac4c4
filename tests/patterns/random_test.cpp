// R(t) of LANGUAGE.md §8.11 against values printed by Strudel 1.2.6 (`rand.segment(n)` and
// `rand.early(0.0006)` in the oracle), including negative times and a seeded offset.
#include "patterns/random.h"

#include <gtest/gtest.h>

namespace {

using namespace weft::patterns;

TEST(Random, MatchesStrudelsLegacyGenerator) {
  EXPECT_EQ(random_at(0), 0);
  EXPECT_EQ(random_at(0.25), 0.36975969187915325);
  EXPECT_EQ(random_at(0.5), 0.2604806162416935);
  EXPECT_EQ(random_at(0.75), 0.19582648016512394);
  EXPECT_EQ(random_at(-2), 0.9594354815781116);
  EXPECT_EQ(random_at(-1), 0.520488191395998);
}

TEST(Random, SeedKOffsetsTheTimeByThreeKTenThousandths) {
  TimeMath math;
  EXPECT_EQ(random_for_seed(Rational{1000, 1}, 2, math), 0.45884042233228683);
  EXPECT_FALSE(math.overflowed());
  random_for_seed(Rational{INT64_MAX, 3}, 1, math);
  EXPECT_TRUE(math.overflowed());
}

} // namespace
