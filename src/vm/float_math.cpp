// The binary32 lane kernels: one inlined per-lane core in binary64 per function, run by a chunk
// driver over a stack buffer (so that `out` may alias an input); the lanes a core does not handle
// are flagged in the same vectorised loop and, only when a chunk has any, recomputed with the
// binary64 reference. Built with -ffp-contract=off (weft_vm): no FMA contraction, the same bits
// in every lane, vectorised or not. This file also has -fno-trapping-math (so that g++ may
// evaluate both sides of a select and if-convert the loops) and -fno-math-errno (so that `sqrt`
// vectorises): they concern exception flags and errno, never a value.
// Polynomials: near-minimax fits (mpmath chebyfit, 200-bit arithmetic) of the stated function on
// the reduced interval widened by 0.01 %, coefficients rounded to binary64; the fit error is far
// below binary32's 2^-24 (at most 4e-12 relative), so the only visible error is the final
// rounding to binary32.
#include "vm/float_math.h"

#include "ir/builtins/math.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace weft::vm {

namespace {

constexpr std::size_t kChunk = 256;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kFloatMax = std::numeric_limits<float>::max();

/// `(v + kShifter) - kShifter` rounds `v` (|v| < 2^51) to the nearest integer, ties to even; the
/// low bits of `v + kShifter` hold that integer in two's complement.
constexpr double kShifter = 0x1.8p52;

constexpr double kPi = 0x1.921fb54442d18p+1;
constexpr double kPi2 = 0x1.921fb54442d18p+0;
constexpr double kPi4 = 0x1.921fb54442d18p-1;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
/// π/2 = kPio2A + kPio2B + kPio2C + kPio2D: the first three have at most 24 significant bits, so
/// `k * part` is exact for |k| < 2^29, and `x - k * kPio2A` is exact for a binary32 `x`.
constexpr double kPio2A = 0x1.921fb4p+0;
constexpr double kPio2B = 0x1.4442dp-24;
constexpr double kPio2C = 0x1.846988p-48;
constexpr double kPio2D = 0x1.8cc51701b839ap-72;
/// sin, cos and tan reduce |x| <= 2^28 here (|k| < 2^28); larger or non-finite x go to the
/// reference.
constexpr float kTrigBound = 0x1p28f;

constexpr double kLog2e = 0x1.71547652b82fep+0;
/// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 32 significant bits (`k * kLn2Hi` exact for |k| < 2^21).
constexpr double kLn2Hi = 0x1.62e42feep-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp+0;
constexpr double kTanPi8 = 0x1.a827999fcef32p-2;

// sin(r) = r + r z S(z), z = r², |r| <= π/4: fit error 2.8e-14.
constexpr double kSin[] = {-0x1.555555555516ap-3, 0x1.1111110fd3935p-7, -0x1.a019fd9a9838bp-13,
                           0x1.71d9a97cd3c34p-19, -0x1.aa28204b8cc64p-26};
// cos(r) = 1 - z/2 + z² C(z), |r| <= π/4: fit error 2.4e-12 (of C; 1.3e-12 relative to cos).
constexpr double kCos[] = {0x1.5555555502be6p-5, -0x1.6c16bf5495185p-10, 0x1.a015c40ec65ecp-16,
                           -0x1.25242a3a17327p-22};
// exp(r) = 1 + r + r² E(r), |r| <= ln2 / 2: fit error 2.7e-11 (of E; 3.2e-12 relative to exp).
constexpr double kExp[] = {0x1p-1,
                           0x1.55555567532adp-3,
                           0x1.5555555c87148p-5,
                           0x1.1110c632a3088p-7,
                           0x1.6c16858b7acb9p-10,
                           0x1.a15179d80ae96p-13,
                           0x1.a1132015ba37ep-16};
// atanh(s) = s + s z L(z), z = s², |s| <= (√2 - 1) / (√2 + 1): fit error 3.6e-12 (of L; 1.1e-13
// relative).
constexpr double kLog[] = {0x1.5555555564ed7p-2, 0x1.999998cad0ef1p-3, 0x1.2493240725728p-3,
                           0x1.c67ac8fe30812p-4, 0x1.8c8d5c6b0f530p-4};
// atan(t) = t + t z A(z), z = t², |t| <= tan(π/8): fit error 6.7e-13 (of A; 1.1e-13 relative).
constexpr double kAtan[] = {-0x1.5555555552605p-2, 0x1.9999998859170p-3,  -0x1.249240d86ba87p-3,
                            0x1.c71962df85f3dp-4,  -0x1.7415a99ae0103p-4, 0x1.377da553e9083p-4,
                            -0x1.edbd91278e3e1p-5, 0x1.0df3d7740e89ep-5};

template <std::size_t N>
[[gnu::always_inline]] inline double horner(double z, const double (&c)[N]) {
  double p = c[N - 1];
  for (std::size_t i = N - 1; i-- > 0;) p = p * z + c[i];
  return p;
}

// ---------------------------------------------------------------------------------------------
// Per-lane cores (binary64 inside, inlined into the lane loops).

/// sin and cos of the reduced argument and the quadrant `q` (k mod 4 in the low two bits).
struct SinCos {
  double s, c;
  std::uint64_t q;
};

[[gnu::always_inline]] inline SinCos sincos_core(float xf) {
  const double x = xf;
  const double shifted = x * kTwoOverPi + kShifter;
  const double k = shifted - kShifter;
  const double r = (((x - k * kPio2A) - k * kPio2B) - k * kPio2C) - k * kPio2D;
  const double z = r * r;
  const double s = r + r * z * horner(z, kSin);
  const double c = (1.0 - 0.5 * z) + z * z * horner(z, kCos);
  return {s, c, std::bit_cast<std::uint64_t>(shifted)};
}

[[gnu::always_inline]] inline float sin_core(float x) {
  const SinCos v = sincos_core(x);
  const double m = (v.q & 1) != 0 ? v.c : v.s; // sin(x) = s, c, -s, -c for q = 0, 1, 2, 3
  const float result = static_cast<float>((v.q & 2) != 0 ? -m : m);
  return x == 0.0f ? x : result; // sin(-0) = -0 (the polynomial gives +0)
}

[[gnu::always_inline]] inline float cos_core(float x) {
  const SinCos v = sincos_core(x);
  const double m = (v.q & 1) != 0 ? v.s : v.c; // cos(x) = c, -s, -c, s for q = 0, 1, 2, 3
  return static_cast<float>(((v.q + 1) & 2) != 0 ? -m : m);
}

[[gnu::always_inline]] inline float tan_core(float x) {
  const SinCos v = sincos_core(x);
  const bool odd = (v.q & 1) != 0; // tan(x) = s / c, or -c / s in odd quadrants
  const float result = static_cast<float>((odd ? v.c : v.s) / (odd ? -v.s : v.c));
  return x == 0.0f ? x : result; // tan(-0) = -0
}

/// e^x for any binary64 x (NaN stays NaN): 0 below -160, +inf above 100 once rounded to
/// binary32. The result is `p * 2^k` with `p` in [0.7, 1.5], exact in binary64.
[[gnu::always_inline]] inline double exp_wide(double x) {
  x = x < -160.0 ? -160.0 : x;
  x = x > 100.0 ? 100.0 : x;
  const double shifted = x * kLog2e + kShifter;
  const double k = shifted - kShifter;
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  const double p = 1.0 + (r + r * r * horner(r, kExp));
  // (k + 1023) << 52: the exponent field of 2^k (the shifter's low 12 bits are 0).
  const double scale = std::bit_cast<double>((std::bit_cast<std::uint64_t>(shifted) + 1023) << 52);
  return p * scale;
}

/// ln x for a positive, finite x that is a binary32 value (normal in binary64).
[[gnu::always_inline]] inline double log_wide(double x) {
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffu) | 0x3ff0000000000000u); // [1, 2)
  double e = std::bit_cast<double>((bits >> 52) | 0x4330000000000000u) - (0x1p52 + 1023.0);
  const bool high = m > kSqrt2;
  m = high ? 0.5 * m : m; // [√2 / 2, √2]
  e = high ? e + 1.0 : e;
  const double f = m - 1.0; // exact
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double s2 = 2.0 * s;
  return e * kLn2 + (s2 + s2 * z * horner(z, kLog)); // ln m = 2 atanh(s)
}

[[gnu::always_inline]] inline float exp_core(float x) {
  return static_cast<float>(exp_wide(x));
}

[[gnu::always_inline]] inline float log_core(float xf) {
  double v = log_wide(xf);
  v = xf > 0.0f ? v : kNaN; // negative or NaN
  v = xf == 0.0f ? -kInf : v;
  v = xf == std::numeric_limits<float>::infinity() ? kInf : v;
  return static_cast<float>(v);
}

/// For finite y and x; ir::math::atan2's zeros: (±0, ±0) → +0, (±0, x < 0) → +π.
[[gnu::always_inline]] inline float atan2_core(float yf, float xf) {
  const double y = yf, x = xf;
  const double ay = std::fabs(y), ax = std::fabs(x);
  const bool swap = ay > ax;
  const double a = swap ? ax : ay; // a <= b
  const double b = swap ? ay : ax;
  // Above tan(π/8): atan(a / b) = π/4 + atan((a - b) / (a + b)), both exact in binary64.
  const bool high = a > b * kTanPi8;
  const double t = (high ? a - b : a) / (high ? a + b : b);
  const double z = t * t;
  double angle = t + t * z * horner(z, kAtan);
  angle = high ? kPi4 + angle : angle;
  angle = swap ? kPi2 - angle : angle;
  angle = x < 0.0 ? kPi - angle : angle;
  angle = std::copysign(angle, y);
  angle = y == 0.0 && x < 0.0 ? kPi : angle;
  angle = y == 0.0 && x == 0.0 ? 0.0 : angle;
  return static_cast<float>(angle);
}

/// Bit for bit the reference ir::math::hypot rounded to binary32: a² and b² are exact in
/// binary64, and the reference's power-of-two scaling changes no rounding for binary32 inputs.
[[gnu::always_inline]] inline float hypot_core(float af, float bf) {
  const double a = af, b = bf;
  return static_cast<float>(std::sqrt(a * a + b * b));
}

/// For a > 0 and both finite.
[[gnu::always_inline]] inline float pow_core(float a, float b) {
  return static_cast<float>(exp_wide(static_cast<double>(b) * log_wide(a)));
}

[[gnu::always_inline]] inline bool finite(float v) {
  return std::fabs(v) <= kFloatMax; // false for NaN
}

// ---------------------------------------------------------------------------------------------
// Chunk drivers.

/// `core` over every lane in chunks through a buffer; lanes for which `outside` holds are then
/// recomputed with `reference` (a scan only in chunks that have any).
template <class Core, class Outside, class Reference>
[[gnu::always_inline]] inline void lanes1(const float* x, float* out, std::size_t n, Core core,
                                          Outside outside, Reference reference) {
  alignas(64) float buf[kChunk];
  for (std::size_t base = 0; base < n; base += kChunk) {
    const std::size_t m = std::min(kChunk, n - base);
    const float* xs = x + base;
    unsigned any = 0;
    for (std::size_t i = 0; i < m; ++i) {
      buf[i] = core(xs[i]);
      any |= outside(xs[i]) ? 1u : 0u;
    }
    if (any != 0) {
      for (std::size_t i = 0; i < m; ++i) {
        if (outside(xs[i])) buf[i] = reference(xs[i]);
      }
    }
    std::memcpy(out + base, buf, m * sizeof(float));
  }
}

template <class Core, class Outside, class Reference>
[[gnu::always_inline]] inline void lanes2(const float* x, const float* y, float* out, std::size_t n,
                                          Core core, Outside outside, Reference reference) {
  alignas(64) float buf[kChunk];
  for (std::size_t base = 0; base < n; base += kChunk) {
    const std::size_t m = std::min(kChunk, n - base);
    const float* xs = x + base;
    const float* ys = y + base;
    unsigned any = 0;
    for (std::size_t i = 0; i < m; ++i) {
      buf[i] = core(xs[i], ys[i]);
      any |= outside(xs[i], ys[i]) ? 1u : 0u;
    }
    if (any != 0) {
      for (std::size_t i = 0; i < m; ++i) {
        if (outside(xs[i], ys[i])) buf[i] = reference(xs[i], ys[i]);
      }
    }
    std::memcpy(out + base, buf, m * sizeof(float));
  }
}

/// Lanes the trigonometric reduction does not take: |x| > 2^28, ±inf, NaN.
[[gnu::always_inline]] inline bool trig_outside(float x) {
  return !(std::fabs(x) <= kTrigBound);
}

/// The binary64 reference `f` on the widened argument, rounded to binary32.
template <double (*F)(double)> float reference1(float x) {
  return static_cast<float>(F(static_cast<double>(x)));
}

double sin_reference(double x) {
  return std::sin(x);
}
double cos_reference(double x) {
  return std::cos(x);
}
double tan_reference(double x) {
  return std::tan(x);
}

constexpr auto kNever1 = [](float) { return false; };
constexpr auto kNever2 = [](float, float) { return false; };

} // namespace

void sin_lanes(const float* x, float* out, std::size_t n) noexcept {
  lanes1(
      x, out, n, [](float v) { return sin_core(v); }, [](float v) { return trig_outside(v); },
      reference1<sin_reference>);
}

void cos_lanes(const float* x, float* out, std::size_t n) noexcept {
  lanes1(
      x, out, n, [](float v) { return cos_core(v); }, [](float v) { return trig_outside(v); },
      reference1<cos_reference>);
}

void tan_lanes(const float* x, float* out, std::size_t n) noexcept {
  lanes1(
      x, out, n, [](float v) { return tan_core(v); }, [](float v) { return trig_outside(v); },
      reference1<tan_reference>);
}

void exp_lanes(const float* x, float* out, std::size_t n) noexcept {
  lanes1(
      x, out, n, [](float v) { return exp_core(v); }, kNever1, [](float v) { return exp_core(v); });
}

void log_lanes(const float* x, float* out, std::size_t n) noexcept {
  lanes1(
      x, out, n, [](float v) { return log_core(v); }, kNever1, [](float v) { return log_core(v); });
}

void atan2_lanes(const float* y, const float* x, float* out, std::size_t n) noexcept {
  lanes2(
      y, x, out, n, [](float a, float b) { return atan2_core(a, b); },
      [](float a, float b) { return !(finite(a) && finite(b)); },
      [](float a, float b) {
        return static_cast<float>(ir::math::atan2(static_cast<double>(a), static_cast<double>(b)));
      });
}

void hypot_lanes(const float* a, const float* b, float* out, std::size_t n) noexcept {
  lanes2(
      a, b, out, n, [](float u, float v) { return hypot_core(u, v); }, kNever2,
      [](float u, float v) { return hypot_core(u, v); });
}

void pow_lanes(const float* a, const float* b, float* out, std::size_t n) noexcept {
  lanes2(
      a, b, out, n, [](float u, float v) { return pow_core(u, v); },
      [](float u, float v) { return !(u > 0.0f && finite(u) && finite(v)); },
      [](float u, float v) {
        return static_cast<float>(ir::math::pow(static_cast<double>(u), static_cast<double>(v)));
      });
}

} // namespace weft::vm
