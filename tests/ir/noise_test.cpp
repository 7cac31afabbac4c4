// Improved Perlin noise and the [lib.noise] builtins (LANGUAGE.md §8.3). Expected values come
// from Ken Perlin's reference algorithm (ImprovedNoise.java: noise(3.14, 42, 7) =
// 0.13691995878400012) run in binary64, so equality is exact.
#include "ir/builtins/noise.h"
#include "ir/builtins/registry.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

using namespace weft::ir;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double fold(std::string_view name, std::vector<double> args) {
  const Builtin* b = find_builtin(name);
  std::vector<CallArgument> call(args.size());
  BoundArguments bound = bind_arguments(*b, call);
  EXPECT_TRUE(bound.ok());
  std::vector<double> values;
  for (const BoundValue& v : bound.values) {
    values.push_back(v.argument ? args[*v.argument] : v.default_value);
  }
  return b->fold(values);
}

} // namespace

TEST(Noise, MatchesThePerlinReference) {
  EXPECT_EQ(noise::improved(3.14, 42, 7), 0.13691995878400012);
  EXPECT_EQ(noise::improved(0.5, 0.5, 0.5), -0.25);
  EXPECT_EQ(noise::improved(-1.25, 2.75, -0.3), 0.06860773592376712);
  EXPECT_EQ(noise::improved(123.456, -78.9, 0.001), 0.09044436761007818);
  EXPECT_EQ(noise::improved(0.1, 0.2, 0), 0.04510399999999999);
  EXPECT_EQ(noise::improved(-300.7, 513.2, 1e-9), 0.31191015226725294);
  EXPECT_EQ(noise::improved(1000000.3, 0.7, -2.5), -0.0950319309037699);
}

TEST(Noise, IsZeroAtIntegerLatticePoints) {
  for (int x = -3; x <= 3; ++x) {
    for (int y = -3; y <= 3; ++y) {
      for (int z = -3; z <= 3; ++z) EXPECT_EQ(noise::improved(x, y, z), 0) << x << y << z;
    }
  }
  EXPECT_EQ(noise::improved(255, 256, -256), 0);
  EXPECT_EQ(noise::improved(1e6, -1e9, 3e15), 0);
}

TEST(Noise, RepeatsEvery256Cells) {
  EXPECT_EQ(noise::improved(3.25 + 256, 42.5, 7.75), noise::improved(3.25, 42.5, 7.75));
  EXPECT_EQ(noise::improved(-3e9 + 0.25, 0.5, 0.5), noise::improved(0.25, 0.5, 0.5));
  EXPECT_EQ(noise::improved(0.25, -512 + 0.5, 0.5), noise::improved(0.25, 0.5, 0.5));
}

TEST(Noise, HugeAndNonFiniteArguments) {
  EXPECT_TRUE(std::isfinite(noise::improved(1e300, 0.5, 0.5)));
  EXPECT_TRUE(std::isfinite(noise::improved(-1e300, 0.5, 0.5)));
  EXPECT_TRUE(std::isnan(noise::improved(kNaN, 0.5, 0.5)));
  EXPECT_TRUE(std::isnan(noise::improved(0.5, kInf, 0.5)));
  EXPECT_TRUE(std::isnan(noise::noise(0.5, 0.5, -kInf)));
  EXPECT_TRUE(std::isnan(fold("fbm", {kNaN, 0.5})));
}

TEST(Noise, SignedAndUnitFormsStayInRange) {
  for (int i = 0; i < 2000; ++i) {
    const double x = i * 0.137, y = i * 0.071 - 40, z = i * 0.0123;
    const double p = noise::improved(x, y, z);
    const double s = noise::snoise(x, y, z);
    EXPECT_EQ(s, std::fmin(1.0, std::fmax(-1.0, p)));
    EXPECT_EQ(noise::noise(x, y, z), 0.5 + 0.5 * s);
    EXPECT_GE(noise::noise(x, y, z), 0);
    EXPECT_LE(noise::noise(x, y, z), 1);
  }
}

TEST(Noise, BuiltinsFoldWithDefaultZ) {
  EXPECT_EQ(fold("snoise", {3.14, 42, 7}), 0.13691995878400012);
  EXPECT_EQ(fold("noise", {3.14, 42, 7}), 0.5684599793920001);
  EXPECT_EQ(fold("noise", {0.1, 0.2}), 0.5 + 0.5 * 0.04510399999999999);
  EXPECT_EQ(fold("noise", {5, 6}), 0.5);
}

TEST(Noise, FbmSumsOctaves) {
  EXPECT_EQ(noise::fbm(0.3, 0.7, 0, 5, 2, 0.5), 0.5055524996129033);
  EXPECT_EQ(fold("fbm", {0.3, 0.7}), 0.5055524996129033); // z = 0, 5 octaves, 2, 0.5
  EXPECT_EQ(fold("fbm", {3.14, 42, 7, 8, 1.9, 0.6}), 0.5287721975076924);
  EXPECT_EQ(fold("fbm", {-2.2, 5.5, 1.5, 1}), 0.5867760000000001); // one octave: 0.5 + 0.5 P
  EXPECT_EQ(fold("fbm", {2, 3, 4, 16}), 0.5);
}

TEST(Noise, FbmRejectsOctavesOutsideOneToSixteen) {
  EXPECT_TRUE(std::isnan(fold("fbm", {0.3, 0.7, 0, 0})));
  EXPECT_TRUE(std::isnan(fold("fbm", {0.3, 0.7, 0, 17})));
  EXPECT_TRUE(std::isnan(fold("fbm", {0.3, 0.7, 0, 2.5})));
  EXPECT_TRUE(std::isnan(noise::fbm(0.3, 0.7, 0, 0, 2, 0.5)));
}
