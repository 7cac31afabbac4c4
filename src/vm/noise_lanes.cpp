// The noise lane kernels: one inlined per-lane core, the reference's improved noise written
// branch-free, run by a chunk driver over a stack buffer (so that `out` may alias an input).
// Built with -ffp-contract=off (weft_vm): no FMA contraction, the reference's roundings in every
// lane, vectorised or not. This file also has -fno-trapping-math and -fno-math-errno (so that
// g++ may if-convert the selects and inline `floor`; they concern exception flags and errno,
// never a value) and, with g++, gathers enabled for the tunings that turn them off (znver1–3,
// generic): the permutation lookups are the only reason the loops would not vectorise.
//
// Why each lane is the reference's value bit for bit (ir::noise::improved, noise.cpp):
// - the floating-point operations on the fractions (`v - floor(v)`, fade, the gradients' `± u
//   ± v`, the lerps) are the reference's, in its order, on the same operands;
// - the lattice cell `floor(v) mod 256` (the reference's exact `fmod`) is `f - 256 · floor(f ·
//   2^-8)` for the integer `f = floor(v)`: `f · 2^-8` and the product by 256 only move the
//   exponent (no overflow, no underflow: `f` is 0 or at least 1 in magnitude), and the
//   difference is an integer in [0, 256), representable, hence exact;
// - `p[i]` and `p[i + 1]` (the reference's `p(i) = perm[i & 255]`, with i ≤ 511) come from one
//   entry of a table of adjacent pairs;
// - the gradient is picked by selects on the same low 4 bits of the hash (negation is exact);
// - a lane with a non-finite coordinate reads cell 0 (no out-of-range index), comes out NaN and
//   is replaced by the reference's quiet NaN.
#include "vm/noise_lanes.h"

#include "ir/builtins/noise.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace weft::vm {

namespace {

constexpr std::size_t kChunk = 64;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using ir::noise::kPermutation;

/// `pairs[i] = p[i] | p[i + 1] << 32` for i in 0…511, p the permutation repeated (the
/// reference's `p`): the indices the reference reads are at most 511 (`X + 1 ≤ 256`,
/// `A, B ≤ 510`, `AA, AB, BA, BB ≤ 510` and each `+ 1`).
struct PairTable {
  alignas(64) std::int64_t pairs[512];
};

constexpr PairTable make_pairs() {
  PairTable t{};
  for (std::size_t i = 0; i < 512; ++i) {
    t.pairs[i] = static_cast<std::int64_t>(kPermutation[i & 255]) |
                 static_cast<std::int64_t>(kPermutation[(i + 1) & 255]) << 32;
  }
  return t;
}

constexpr PairTable kPairs = make_pairs();

[[gnu::always_inline]] inline std::int64_t low(std::int64_t pair) {
  return pair & 0xffffffff;
}

[[gnu::always_inline]] inline std::int64_t high(std::int64_t pair) {
  return pair >> 32;
}

[[gnu::always_inline]] inline double fade(double t) {
  return t * t * t * (t * (t * 6 - 15) + 10);
}

[[gnu::always_inline]] inline double lerp(double t, double a, double b) {
  return a + t * (b - a);
}

/// The reference gradient with selects: u = x or y, v = y, x or z by the low 4 bits of `hash`,
/// then `± u ± v`, the signs flipped by bits 0 and 1 (negation is a flip of the sign bit).
[[gnu::always_inline]] inline double grad(std::int64_t hash, double x, double y, double z) {
  const std::int64_t h = hash & 15;
  const double u = h < 8 ? x : y;
  const double v = h < 4 ? y : (((h == 12) | (h == 14)) ? x : z);
  const std::uint64_t u_sign = static_cast<std::uint64_t>(h) << 63;
  const std::uint64_t v_sign = static_cast<std::uint64_t>(h >> 1) << 63;
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(u) ^ u_sign) +
         std::bit_cast<double>(std::bit_cast<std::uint64_t>(v) ^ v_sign);
}

/// `floor(v) mod 256` for the floored value `f` of a finite `v`, exactly (see the top); 0 for a
/// non-finite `v` (whose lane is NaN anyway), so that every index stays in the table.
[[gnu::always_inline]] inline std::int64_t lattice(double f) {
  const double cell = f - 256.0 * std::floor(f * 0x1p-8); // NaN for ±inf and NaN
  return static_cast<std::int32_t>(cell >= 0.0 ? cell : 0.0);
}

/// ir::noise::improved, branch-free. The lanes are 64-bit integers beside the binary64 ones
/// (the same vector length for both: no packing between them, the shortest code with AVX2).
[[gnu::always_inline]] inline double improved_core(double x, double y, double z) {
  const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
  const std::int64_t X = lattice(fx), Y = lattice(fy), Z = lattice(fz);
  x -= fx;
  y -= fy;
  z -= fz;
  const double u = fade(x), v = fade(y), w = fade(z);
  const std::int64_t pX = kPairs.pairs[X]; // p(X), p(X + 1)
  const std::int64_t A = low(pX) + Y, B = high(pX) + Y;
  const std::int64_t pA = kPairs.pairs[A], pB = kPairs.pairs[B];
  const std::int64_t AA = low(pA) + Z, AB = high(pA) + Z;
  const std::int64_t BA = low(pB) + Z, BB = high(pB) + Z;
  const std::int64_t pAA = kPairs.pairs[AA], pAB = kPairs.pairs[AB];
  const std::int64_t pBA = kPairs.pairs[BA], pBB = kPairs.pairs[BB];
  const double result =
      lerp(w,
           lerp(v, lerp(u, grad(low(pAA), x, y, z), grad(low(pBA), x - 1, y, z)),
                lerp(u, grad(low(pAB), x, y - 1, z), grad(low(pBB), x - 1, y - 1, z))),
           lerp(v, lerp(u, grad(high(pAA), x, y, z - 1), grad(high(pBA), x - 1, y, z - 1)),
                lerp(u, grad(high(pAB), x, y - 1, z - 1), grad(high(pBB), x - 1, y - 1, z - 1))));
  // A finite lane's result is finite; a non-finite coordinate makes its fade NaN, and every
  // fade weighs the whole result: NaN exactly when the reference returns its quiet NaN.
  return result == result ? result : kNaN;
}

/// ir::math::clamp(v, -1, 1): NaN gives the quiet NaN; ±0 stay.
[[gnu::always_inline]] inline double clamp_signed(double v) {
  double r = v > -1.0 ? v : -1.0;
  r = r < 1.0 ? r : 1.0;
  return v != v ? kNaN : r;
}

/// ir::math::clamp(v, 0, 1): NaN gives the quiet NaN; ±0 and below give +0 (its `max`).
[[gnu::always_inline]] inline double clamp_unit(double v) {
  double r = v > 0.0 ? v : 0.0;
  r = r < 1.0 ? r : 1.0;
  return v != v ? kNaN : r;
}

/// `out[i] = f(core(x[i], y[i], z[i]))` in chunks through a buffer.
template <class F>
[[gnu::always_inline]] inline void lanes(const double* x, const double* y, const double* z,
                                         double* out, std::size_t n, F f) {
  alignas(64) double buf[kChunk];
  for (std::size_t base = 0; base < n; base += kChunk) {
    const std::size_t m = std::min(kChunk, n - base);
    const double* xs = x + base;
    const double* ys = y + base;
    const double* zs = z + base;
    for (std::size_t i = 0; i < m; ++i) buf[i] = f(improved_core(xs[i], ys[i], zs[i]));
    std::memcpy(out + base, buf, m * sizeof(double));
  }
}

} // namespace

void improved_lanes(const double* x, const double* y, const double* z, double* out,
                    std::size_t n) noexcept {
  lanes(x, y, z, out, n, [](double v) { return v; });
}

void snoise_lanes(const double* x, const double* y, const double* z, double* out,
                  std::size_t n) noexcept {
  lanes(x, y, z, out, n, [](double v) { return clamp_signed(v); });
}

void noise_lanes(const double* x, const double* y, const double* z, double* out,
                 std::size_t n) noexcept {
  lanes(x, y, z, out, n, [](double v) { return 0.5 + 0.5 * clamp_signed(v); });
}

FbmOctaves fbm_octaves(int octaves, double lacunarity, double gain) noexcept {
  FbmOctaves o;
  if (octaves < ir::noise::kMinOctaves || octaves > ir::noise::kMaxOctaves) return o;
  o.octaves = octaves;
  for (int k = 0; k < octaves; ++k) { // as ir::noise::fbm: C pow, the norm summed in order of k
    o.amplitude[k] = std::pow(gain, k);
    o.scale[k] = std::pow(lacunarity, k);
    o.norm += o.amplitude[k];
  }
  return o;
}

void fbm_lanes(const FbmOctaves& o, const double* x, const double* y, const double* z, double* out,
               std::size_t n) noexcept {
  if (o.octaves == 0) {
    std::fill_n(out, n, kNaN);
    return;
  }
  const int octaves = o.octaves;
  const double norm = o.norm;
  alignas(64) double sum[kChunk];
  for (std::size_t base = 0; base < n; base += kChunk) {
    const std::size_t m = std::min(kChunk, n - base);
    const double* xs = x + base;
    const double* ys = y + base;
    const double* zs = z + base;
    std::fill_n(sum, m, 0.0);
    for (int k = 0; k < octaves; ++k) {
      const double a = o.amplitude[k], s = o.scale[k];
      for (std::size_t i = 0; i < m; ++i) {
        sum[i] += a * improved_core(xs[i] * s, ys[i] * s, zs[i] * s);
      }
    }
    for (std::size_t i = 0; i < m; ++i) out[base + i] = clamp_unit(0.5 + 0.5 * (sum[i] / norm));
  }
}

void fbm_lanes(const double* x, const double* y, const double* z, double* out, std::size_t n,
               int octaves, double lacunarity, double gain) noexcept {
  fbm_lanes(fbm_octaves(octaves, lacunarity, gain), x, y, z, out, n);
}

} // namespace weft::vm
