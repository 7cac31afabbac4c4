// The `play` safety stage (LANGUAGE.md §9.2): NaN to 0, then a hard clamp to [−1, 1].
#include "audio/dsp/safety.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace weft::audio::dsp {
namespace {

TEST(Safety, NaNBecomesZero) {
  EXPECT_EQ(std::bit_cast<std::uint64_t>(make_safe(NAN)), std::bit_cast<std::uint64_t>(0.0));
  EXPECT_EQ(make_safe(-std::numeric_limits<double>::quiet_NaN()), 0.0);
  EXPECT_EQ(make_safe(std::numeric_limits<double>::signaling_NaN()), 0.0);
}

TEST(Safety, InfinitiesAndLargeValuesAreClampedToPlusMinusOne) {
  EXPECT_EQ(make_safe(INFINITY), 1.0);
  EXPECT_EQ(make_safe(-INFINITY), -1.0);
  EXPECT_EQ(make_safe(1e300), 1.0);
  EXPECT_EQ(make_safe(-2), -1.0);
  EXPECT_EQ(make_safe(std::nextafter(1.0, 2.0)), 1.0);
}

TEST(Safety, InRangeValuesPassBitForBit) {
  for (double v : {0.0, -0.0, 1.0, -1.0, 0.5, -0.999999, 5e-324, -1e-310, 0.123456789}) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(make_safe(v)), std::bit_cast<std::uint64_t>(v)) << v;
  }
}

TEST(Safety, BlockAppliesToEveryValueInPlace) {
  std::vector<double> v = {NAN, INFINITY, -INFINITY, 3, -3, 0.25, -0.75};
  safety_block(v.data(), v.data(), v.size());
  EXPECT_EQ(v, (std::vector<double>{0, 1, -1, 1, -1, 0.25, -0.75}));
}

} // namespace
} // namespace weft::audio::dsp
