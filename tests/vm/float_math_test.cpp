// The binary32 lane kernels (src/vm/float_math.h) against the binary64 reference rounded to
// binary32 (std::sin and so on, ir::math::atan2 / hypot / pow): the largest error in ulp over
// dense sweeps of ordinary arguments and grids of atan2 / pow arguments, the exact special
// values (NaN, ±inf, ±0, overflow, underflow, subnormals, huge arguments), and the same bits for
// any lane count, offset and aliasing.
#include "vm/float_math.h"

#include "ir/builtins/math.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace weft::vm {
namespace {

/// The bound float_math.h documents (what the sweeps below measure: 1 everywhere).
constexpr std::int64_t kMaxUlp = 1;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kMax = std::numeric_limits<float>::max();
constexpr float kMinNormal = std::numeric_limits<float>::min();
constexpr float kMinSub = std::numeric_limits<float>::denorm_min();
constexpr float kPi = std::numbers::pi_v<float>;

using Kernel1 = void (*)(const float*, float*, std::size_t) noexcept;
using Kernel2 = void (*)(const float*, const float*, float*, std::size_t) noexcept;

/// Position of a float on the line of all floats (-0 and +0 both 0).
std::int64_t order(float f) {
  const std::int32_t i = std::bit_cast<std::int32_t>(f);
  return i < 0 ? -static_cast<std::int64_t>(i & 0x7fffffff) : i;
}

float from_order(std::int64_t o) {
  const std::uint32_t bits =
      o < 0 ? static_cast<std::uint32_t>(-o) | 0x80000000u : static_cast<std::uint32_t>(o);
  return std::bit_cast<float>(bits);
}

bool same_bits(float a, float b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

/// Ulps between `got` and `want`; NaN only matches NaN, and a zero must have the right sign.
std::int64_t ulp_error(float got, float want) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want) ? 0 : 1 << 30;
  if (want == 0 && got == 0 && std::signbit(got) != std::signbit(want)) return 1 << 30;
  return std::llabs(order(got) - order(want));
}

float ref_sin(float x) {
  return static_cast<float>(std::sin(static_cast<double>(x)));
}
float ref_cos(float x) {
  return static_cast<float>(std::cos(static_cast<double>(x)));
}
float ref_tan(float x) {
  return static_cast<float>(std::tan(static_cast<double>(x)));
}
float ref_exp(float x) {
  return static_cast<float>(std::exp(static_cast<double>(x)));
}
float ref_log(float x) {
  return static_cast<float>(std::log(static_cast<double>(x)));
}
float ref_atan2(float y, float x) {
  return static_cast<float>(ir::math::atan2(y, x));
}
float ref_hypot(float a, float b) {
  const double v[2] = {a, b};
  return static_cast<float>(ir::math::hypot(v));
}
float ref_pow(float a, float b) {
  return static_cast<float>(ir::math::pow(a, b));
}

/// The largest error of a kernel over some lanes, with the first lane where it occurs.
struct Worst {
  std::int64_t ulp = 0;
  float a = 0, b = 0, got = 0, want = 0;
  std::size_t lanes = 0;
  void note(std::int64_t u, float x, float y, float g, float w) {
    ++lanes;
    if (u > ulp) *this = {u, x, y, g, w, lanes};
  }
};

template <class Ref> void run1(Kernel1 k, Ref ref, const std::vector<float>& in, Worst& worst) {
  std::vector<float> out(in.size());
  k(in.data(), out.data(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const float want = ref(in[i]);
    worst.note(ulp_error(out[i], want), in[i], 0, out[i], want);
  }
}

template <class Ref>
void run2(Kernel2 k, Ref ref, const std::vector<float>& a, const std::vector<float>& b,
          Worst& worst) {
  std::vector<float> out(a.size());
  k(a.data(), b.data(), out.data(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const float want = ref(a[i], b[i]);
    worst.note(ulp_error(out[i], want), a[i], b[i], out[i], want);
  }
}

/// Every `stride`-th float from `lo` to `hi` (in the order of floats), in batches.
template <class Ref>
void sweep1(Kernel1 k, Ref ref, float lo, float hi, std::int64_t stride, Worst& worst) {
  std::vector<float> in;
  for (std::int64_t o = order(lo); o <= order(hi); o += stride) {
    in.push_back(from_order(o));
    if (in.size() == 1 << 16) {
      run1(k, ref, in, worst);
      in.clear();
    }
  }
  in.push_back(hi);
  run1(k, ref, in, worst);
}

void report(const char* what, const Worst& w) {
  std::printf("%-28s max %lld ulp over %zu lanes", what, static_cast<long long>(w.ulp), w.lanes);
  if (w.ulp > 0) {
    std::printf(" (first at %a, %a: %a, reference %a)", static_cast<double>(w.a),
                static_cast<double>(w.b), static_cast<double>(w.got), static_cast<double>(w.want));
  }
  std::printf("\n");
  EXPECT_LE(w.ulp, kMaxUlp) << what << " at " << w.a << ", " << w.b << ": " << w.got
                            << " vs reference " << w.want;
}

/// One lane through a kernel.
float one(Kernel1 k, float x) {
  float r;
  k(&x, &r, 1);
  return r;
}
float one(Kernel2 k, float a, float b) {
  float r;
  k(&a, &b, &r, 1);
  return r;
}

#define EXPECT_BITS(got, want)                                                                     \
  EXPECT_TRUE(same_bits(got, want)) << #got << " = " << (got) << ", want " << (want)

// ---------------------------------------------------------------------------------------------
// Dense sweeps.

TEST(FloatMath, SinCosTanWithinTheBoundOverDenseSweeps) {
  const float range = 100 * kPi;
  struct Fn {
    const char* name;
    Kernel1 k;
    float (*ref)(float);
  } fns[] = {{"sin", sin_lanes, ref_sin}, {"cos", cos_lanes, ref_cos}, {"tan", tan_lanes, ref_tan}};
  for (const Fn& f : fns) {
    Worst wide, small, large;
    sweep1(f.k, f.ref, -range, range, 257, wide);    // every 257th float of [-100π, 100π]
    sweep1(f.k, f.ref, -1.0f, 1.0f, 61, small);      // every 61st of [-1, 1], subnormals included
    sweep1(f.k, f.ref, range, 0x1p28f, 4093, large); // large arguments up to the fallback bound
    report((std::string(f.name) + " [-100pi, 100pi]").c_str(), wide);
    report((std::string(f.name) + " [-1, 1]").c_str(), small);
    report((std::string(f.name) + " [100pi, 2^28]").c_str(), large);
  }
}

TEST(FloatMath, SinCosNearMultiplesOfHalfPi) {
  // The floats around k π/2 (where the reduced argument is smallest), k up to 2^20.
  std::vector<float> in;
  for (std::int64_t k = -(1 << 20); k <= (1 << 20); k += (k > -64 && k < 64) ? 1 : 997) {
    const float c = static_cast<float>(static_cast<double>(k) * std::numbers::pi / 2);
    for (int d = -8; d <= 8; ++d) in.push_back(from_order(order(c) + d));
  }
  Worst s, c, t;
  run1(sin_lanes, ref_sin, in, s);
  run1(cos_lanes, ref_cos, in, c);
  run1(tan_lanes, ref_tan, in, t);
  report("sin near k pi/2", s);
  report("cos near k pi/2", c);
  report("tan near k pi/2", t);
}

TEST(FloatMath, ExpWithinTheBoundOverItsWholeFiniteRange) {
  Worst w, tiny;
  sweep1(exp_lanes, ref_exp, -104.0f, 89.0f, 97, w); // overflow, normal and subnormal results
  sweep1(exp_lanes, ref_exp, -0x1p-20f, 0x1p-20f, 131, tiny);
  report("exp [-104, 89]", w);
  report("exp [-2^-20, 2^-20]", tiny);
}

TEST(FloatMath, LogWithinTheBoundOverAllPositiveFloats) {
  Worst all, near_one;
  sweep1(log_lanes, ref_log, kMinSub, kMax, 211, all); // subnormals to the largest float
  sweep1(log_lanes, ref_log, 0.5f, 2.0f, 7, near_one); // every 7th float of [0.5, 2]
  report("log (0, max]", all);
  report("log [0.5, 2]", near_one);
}

TEST(FloatMath, Atan2WithinTheBoundOverAGridOfAllQuadrants) {
  // Polar grid: 4096 directions (the axes and diagonals included) at many radii, plus a grid of
  // special and ordinary magnitudes with every sign, plus random pairs.
  std::vector<float> ys, xs;
  const float radii[] = {kMinSub, 1e-40f, kMinNormal, 1e-20f, 1e-3f, 0.5f,
                         1.0f,    3.0f,   1e6f,       1e20f,  1e38f, kMax};
  for (int i = 0; i < 4096; ++i) {
    const double angle = -std::numbers::pi + 2 * std::numbers::pi * i / 4096;
    for (float r : radii) {
      ys.push_back(static_cast<float>(r * std::sin(angle)));
      xs.push_back(static_cast<float>(r * std::cos(angle)));
    }
  }
  const float values[] = {0.0f,  -0.0f,  kMinSub, -kMinSub, 1e-30f, -1e-30f, 0.1f,   -0.1f, 1.0f,
                          -1.0f, 0.414f, -2.414f, kPi,      -kPi,   1e30f,   -1e30f, kMax,  -kMax};
  for (float y : values) {
    for (float x : values) {
      ys.push_back(y);
      xs.push_back(x);
    }
  }
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> unit(-1, 1);
  std::uniform_int_distribution<std::uint32_t> bits;
  for (int i = 0; i < 1 << 20; ++i) {
    ys.push_back(unit(rng));
    xs.push_back(unit(rng));
    const float y = std::bit_cast<float>(bits(rng)), x = std::bit_cast<float>(bits(rng));
    ys.push_back(std::isfinite(y) ? y : 1.0f); // any finite magnitudes
    xs.push_back(std::isfinite(x) ? x : -1.0f);
  }
  Worst w;
  run2(atan2_lanes, ref_atan2, ys, xs, w);
  report("atan2 grid", w);
}

TEST(FloatMath, HypotEqualsTheReferenceBitForBit) {
  std::vector<float> as, bs;
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::uint32_t> bits;
  std::uniform_real_distribution<float> unit(-2, 2);
  for (int i = 0; i < 1 << 20; ++i) {
    as.push_back(std::bit_cast<float>(bits(rng)));
    bs.push_back(std::bit_cast<float>(bits(rng)));
    as.push_back(unit(rng));
    bs.push_back(unit(rng));
  }
  const float values[] = {0.0f,  -0.0f, kMinSub, kMinNormal, 1.0f,  -3.0f, 4.0f,
                          1e30f, kMax,  -kMax,   kInf,       -kInf, kNaN};
  for (float a : values) {
    for (float b : values) {
      as.push_back(a);
      bs.push_back(b);
    }
  }
  std::vector<float> out(as.size());
  hypot_lanes(as.data(), bs.data(), out.data(), as.size());
  int failures = 0;
  for (std::size_t i = 0; i < as.size() && failures < 5; ++i) {
    if (!same_bits(out[i], ref_hypot(as[i], bs[i]))) {
      ++failures;
      ADD_FAILURE() << "hypot(" << as[i] << ", " << bs[i] << ") = " << out[i] << ", reference "
                    << ref_hypot(as[i], bs[i]);
    }
  }
}

TEST(FloatMath, PowWithinTheBoundOverAGrid) {
  std::vector<float> as, bs;
  const float bases[] = {kMinSub, 1e-30f, 1e-3f, 0.1f,  0.5f,  0.9999f, 1.0f, 1.0001f,
                         2.0f,    2.2f,   kPi,   10.0f, 1e10f, 1e30f,   kMax};
  for (float a : bases) {
    for (int j = -4000; j <= 4000; ++j) {
      as.push_back(a);
      bs.push_back(static_cast<float>(j) / 64); // -62.5 … 62.5, integers and fractions
    }
  }
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> base(0, 4), exponent(-40, 40);
  std::uniform_int_distribution<std::uint32_t> bits;
  for (int i = 0; i < 1 << 20; ++i) {
    as.push_back(base(rng));
    bs.push_back(exponent(rng));
    as.push_back(std::bit_cast<float>(bits(rng) & 0x7fffffffu)); // any positive base …
    bs.push_back(exponent(rng) * 0.125f);                        // … with a moderate exponent
  }
  // Negative bases, zeros, infinities and NaN (the reference's own lanes).
  const float special[] = {-2.0f, -0.5f, -0.0f, 0.0f, kInf, -kInf, kNaN, 1.0f, -1.0f};
  const float exps[] = {3.0f, -3.0f, 0.5f, 2.0f, 0.0f, -0.0f, kInf, -kInf, kNaN, 1e30f};
  for (float a : special) {
    for (float b : exps) {
      as.push_back(a);
      bs.push_back(b);
    }
  }
  Worst w;
  run2(pow_lanes, ref_pow, as, bs, w);
  report("pow grid", w);
}

// ---------------------------------------------------------------------------------------------
// Special values.

TEST(FloatMath, SpecialValuesOfSinCosTan) {
  for (Kernel1 k : {sin_lanes, cos_lanes, tan_lanes}) {
    EXPECT_TRUE(std::isnan(one(k, kInf)));
    EXPECT_TRUE(std::isnan(one(k, -kInf)));
    EXPECT_TRUE(std::isnan(one(k, kNaN)));
  }
  EXPECT_BITS(one(sin_lanes, 0.0f), 0.0f);
  EXPECT_BITS(one(sin_lanes, -0.0f), -0.0f);
  EXPECT_BITS(one(tan_lanes, -0.0f), -0.0f);
  EXPECT_BITS(one(cos_lanes, -0.0f), 1.0f);
  EXPECT_BITS(one(sin_lanes, kMinSub), kMinSub);
  EXPECT_BITS(one(sin_lanes, -kMinNormal), -kMinNormal);
  // Huge arguments: the reference's exact reduction (the fallback), bit for bit.
  for (float x : {0x1p28f, 0x1.000002p28f, 1e10f, -1e22f, 1e38f, kMax, -kMax}) {
    EXPECT_BITS(one(sin_lanes, x), ref_sin(x));
    EXPECT_BITS(one(cos_lanes, x), ref_cos(x));
    EXPECT_BITS(one(tan_lanes, x), ref_tan(x));
  }
}

TEST(FloatMath, SpecialValuesOfExpAndLog) {
  EXPECT_BITS(one(exp_lanes, 0.0f), 1.0f);
  EXPECT_BITS(one(exp_lanes, -0.0f), 1.0f);
  EXPECT_BITS(one(exp_lanes, kInf), kInf);
  EXPECT_BITS(one(exp_lanes, -kInf), 0.0f);
  EXPECT_TRUE(std::isnan(one(exp_lanes, kNaN)));
  EXPECT_BITS(one(exp_lanes, 88.72283f), ref_exp(88.72283f)); // the largest finite result
  EXPECT_BITS(one(exp_lanes, 88.7229f), kInf);                // overflow
  EXPECT_BITS(one(exp_lanes, kMax), kInf);
  EXPECT_BITS(one(exp_lanes, -90.0f), ref_exp(-90.0f)); // subnormal result
  EXPECT_EQ(std::fpclassify(one(exp_lanes, -90.0f)), FP_SUBNORMAL);
  EXPECT_BITS(one(exp_lanes, -104.0f), 0.0f); // underflow
  EXPECT_BITS(one(exp_lanes, -kMax), 0.0f);
  EXPECT_BITS(one(exp_lanes, kMinSub), 1.0f);

  EXPECT_BITS(one(log_lanes, 0.0f), -kInf);
  EXPECT_BITS(one(log_lanes, -0.0f), -kInf);
  EXPECT_TRUE(std::isnan(one(log_lanes, -1.0f)));
  EXPECT_TRUE(std::isnan(one(log_lanes, -kMinSub)));
  EXPECT_TRUE(std::isnan(one(log_lanes, -kInf)));
  EXPECT_TRUE(std::isnan(one(log_lanes, kNaN)));
  EXPECT_BITS(one(log_lanes, kInf), kInf);
  EXPECT_BITS(one(log_lanes, 1.0f), 0.0f);
  EXPECT_BITS(one(log_lanes, kMinSub), ref_log(kMinSub));
  EXPECT_BITS(one(log_lanes, kMax), ref_log(kMax));
}

TEST(FloatMath, SpecialValuesOfAtan2FollowTheReference) {
  const float pi = static_cast<float>(std::numbers::pi);
  const float half = static_cast<float>(std::numbers::pi / 2);
  const float quarter = static_cast<float>(std::numbers::pi / 4);
  EXPECT_BITS(one(atan2_lanes, 0.0f, 0.0f), 0.0f);
  EXPECT_BITS(one(atan2_lanes, -0.0f, 0.0f), 0.0f);
  EXPECT_BITS(one(atan2_lanes, 0.0f, -0.0f), 0.0f);
  EXPECT_BITS(one(atan2_lanes, -0.0f, -0.0f), 0.0f);
  EXPECT_BITS(one(atan2_lanes, 0.0f, -1.0f), pi);
  EXPECT_BITS(one(atan2_lanes, -0.0f, -1.0f), pi); // on the axis: π, not −π
  EXPECT_BITS(one(atan2_lanes, -0.0f, -kInf), pi);
  EXPECT_BITS(one(atan2_lanes, -0.0f, 1.0f), -0.0f);
  EXPECT_BITS(one(atan2_lanes, 0.0f, 1.0f), 0.0f);
  EXPECT_BITS(one(atan2_lanes, 1.0f, 0.0f), half);
  EXPECT_BITS(one(atan2_lanes, 1.0f, -0.0f), half);
  EXPECT_BITS(one(atan2_lanes, -1.0f, 0.0f), -half);
  EXPECT_BITS(one(atan2_lanes, 1.0f, 1.0f), quarter);
  EXPECT_BITS(one(atan2_lanes, -1.0f, -1.0f), -3 * quarter);
  EXPECT_BITS(one(atan2_lanes, kInf, kInf), quarter);
  EXPECT_BITS(one(atan2_lanes, -kInf, -kInf), ref_atan2(-kInf, -kInf));
  EXPECT_BITS(one(atan2_lanes, kInf, 1.0f), half);
  EXPECT_BITS(one(atan2_lanes, 1.0f, -kInf), pi);
  EXPECT_BITS(one(atan2_lanes, -1.0f, -kInf), -pi);
  EXPECT_BITS(one(atan2_lanes, -1.0f, kInf), -0.0f);
  EXPECT_BITS(one(atan2_lanes, kMax, kMinSub), half);
  EXPECT_BITS(one(atan2_lanes, kMinSub, kMax), ref_atan2(kMinSub, kMax));
  for (float v : {0.0f, 1.0f, kInf}) {
    EXPECT_TRUE(std::isnan(one(atan2_lanes, kNaN, v)));
    EXPECT_TRUE(std::isnan(one(atan2_lanes, v, kNaN)));
  }
}

TEST(FloatMath, SpecialValuesOfHypotAndPow) {
  EXPECT_BITS(one(hypot_lanes, kInf, 1.0f), kInf);
  EXPECT_BITS(one(hypot_lanes, -kInf, kMax), kInf);
  EXPECT_TRUE(std::isnan(one(hypot_lanes, kInf, kNaN))); // NaN wins, as in ir::math::hypot
  EXPECT_TRUE(std::isnan(one(hypot_lanes, kNaN, kInf)));
  EXPECT_BITS(one(hypot_lanes, -0.0f, 0.0f), 0.0f);
  EXPECT_BITS(one(hypot_lanes, 3.0f, -4.0f), 5.0f);
  EXPECT_BITS(one(hypot_lanes, kMax, kMax), kInf);
  EXPECT_BITS(one(hypot_lanes, kMinSub, 0.0f), kMinSub);

  EXPECT_BITS(one(pow_lanes, 0.0f, 0.0f), 1.0f);
  EXPECT_BITS(one(pow_lanes, kNaN, 0.0f), 1.0f);
  EXPECT_BITS(one(pow_lanes, 1.0f, kNaN), 1.0f);
  EXPECT_BITS(one(pow_lanes, -2.0f, 3.0f), -8.0f);
  EXPECT_TRUE(std::isnan(one(pow_lanes, -2.0f, 0.5f)));
  EXPECT_BITS(one(pow_lanes, 0.0f, -1.0f), kInf);
  EXPECT_BITS(one(pow_lanes, -0.0f, -1.0f), -kInf);
  EXPECT_BITS(one(pow_lanes, 2.0f, 0.5f), static_cast<float>(std::sqrt(2.0)));
  EXPECT_BITS(one(pow_lanes, 2.0f, 10.0f), 1024.0f);
  EXPECT_BITS(one(pow_lanes, 2.0f, -149.0f), kMinSub);
  EXPECT_BITS(one(pow_lanes, 2.0f, 128.0f), kInf);
  EXPECT_BITS(one(pow_lanes, 10.0f, -50.0f), 0.0f);
  EXPECT_BITS(one(pow_lanes, 1.0f, 1e30f), 1.0f);
  EXPECT_BITS(one(pow_lanes, 0.5f, kInf), 0.0f);
  EXPECT_TRUE(std::isnan(one(pow_lanes, kNaN, 1.0f)));
}

// ---------------------------------------------------------------------------------------------
// Determinism: the vectorised body, the tails and one lane give the same bits.

TEST(FloatMath, SameBitsForAnyLaneCountOffsetAndAliasing) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> wide(-400, 400);
  std::vector<float> a(1100), b(1100);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = wide(rng);
    b[i] = wide(rng);
  }
  // Some lanes for the fallbacks and special values, at positions the vector body covers.
  const float special[] = {kNaN, kInf, -kInf, 0.0f, -0.0f, 1e30f, -1e20f, kMinSub, -3.0f};
  for (std::size_t j = 0; j < std::size(special); ++j) {
    a[37 + 101 * j] = special[j];
    b[91 + 97 * j] = special[j];
  }
  struct Fn1 {
    const char* name;
    Kernel1 k;
  } unary[] = {{"sin", sin_lanes},
               {"cos", cos_lanes},
               {"tan", tan_lanes},
               {"exp", exp_lanes},
               {"log", log_lanes}};
  struct Fn2 {
    const char* name;
    Kernel2 k;
  } binary[] = {{"atan2", atan2_lanes}, {"hypot", hypot_lanes}, {"pow", pow_lanes}};
  auto positive = [](float v) { return std::fabs(v) * 0.01f; }; // pow bases, mostly in (0, 4)
  for (const Fn1& f : unary) {
    std::vector<float> want(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) want[i] = one(f.k, a[i]);
    for (std::size_t n : {1u, 7u, 64u, 1000u}) {
      for (std::size_t offset : {0u, 1u, 3u, 17u, 100u}) {
        std::vector<float> out(n);
        f.k(a.data() + offset, out.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(same_bits(out[i], want[offset + i]))
              << f.name << " n " << n << " offset " << offset << " lane " << i;
        }
        std::vector<float> in_place(a.begin() + offset, a.begin() + offset + n);
        f.k(in_place.data(), in_place.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(same_bits(in_place[i], want[offset + i])) << f.name << " in place";
        }
      }
    }
  }
  for (const Fn2& f : binary) {
    std::vector<float> base(a.size()), want(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      base[i] = f.k == pow_lanes ? positive(a[i]) : a[i];
      want[i] = one(f.k, base[i], b[i]);
    }
    for (std::size_t n : {1u, 7u, 64u, 1000u}) {
      for (std::size_t offset : {0u, 1u, 3u, 17u, 100u}) {
        std::vector<float> out(n);
        f.k(base.data() + offset, b.data() + offset, out.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(same_bits(out[i], want[offset + i]))
              << f.name << " n " << n << " offset " << offset << " lane " << i;
        }
        std::vector<float> in_place(b.begin() + offset, b.begin() + offset + n);
        f.k(base.data() + offset, in_place.data(), in_place.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(same_bits(in_place[i], want[offset + i])) << f.name << " in place";
        }
      }
    }
  }
}

} // namespace
} // namespace weft::vm
