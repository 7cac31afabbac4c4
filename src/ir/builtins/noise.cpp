// [lib.noise] (LANGUAGE.md §8.3): improved Perlin noise and fbm, then the table entries.
#include "ir/builtins/noise.h"

#include "ir/builtins/builtin_internal.h"
#include "ir/builtins/math.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace weft::ir::noise {

namespace {

/// `p[i]` of the reference: the permutation repeated to 512 entries.
int p(int i) noexcept {
  return kPermutation[static_cast<std::size_t>(i & 255)];
}

double fade(double t) noexcept {
  return t * t * t * (t * (t * 6 - 15) + 10);
}

double lerp(double t, double a, double b) noexcept {
  return a + t * (b - a);
}

/// The reference gradient: the low 4 bits pick one of 12 cube-edge directions (4 of them twice).
double grad(int hash, double x, double y, double z) noexcept {
  const int h = hash & 15;
  const double u = h < 8 ? x : y;
  const double v = h < 4 ? y : (h == 12 || h == 14 ? x : z);
  return ((h & 1) == 0 ? u : -u) + ((h & 2) == 0 ? v : -v);
}

/// `floor(v) & 255` of the reference, exact for every finite floored value (fmod is exact).
int lattice(double floored) noexcept {
  double cell = std::fmod(floored, 256.0);
  if (cell < 0) cell += 256;
  return static_cast<int>(cell);
}

} // namespace

double improved(double x, double y, double z) noexcept {
  if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
  const int X = lattice(fx), Y = lattice(fy), Z = lattice(fz);
  x -= fx;
  y -= fy;
  z -= fz;
  const double u = fade(x), v = fade(y), w = fade(z);
  const int A = p(X) + Y, AA = p(A) + Z, AB = p(A + 1) + Z;
  const int B = p(X + 1) + Y, BA = p(B) + Z, BB = p(B + 1) + Z;
  return lerp(
      w,
      lerp(v, lerp(u, grad(p(AA), x, y, z), grad(p(BA), x - 1, y, z)),
           lerp(u, grad(p(AB), x, y - 1, z), grad(p(BB), x - 1, y - 1, z))),
      lerp(v, lerp(u, grad(p(AA + 1), x, y, z - 1), grad(p(BA + 1), x - 1, y, z - 1)),
           lerp(u, grad(p(AB + 1), x, y - 1, z - 1), grad(p(BB + 1), x - 1, y - 1, z - 1))));
}

double snoise(double x, double y, double z) noexcept {
  return math::clamp(improved(x, y, z), -1, 1);
}

double noise(double x, double y, double z) noexcept {
  return 0.5 + 0.5 * snoise(x, y, z);
}

double fbm(double x, double y, double z, int octaves, double lacunarity, double gain) noexcept {
  if (octaves < kMinOctaves || octaves > kMaxOctaves) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  double sum = 0;
  double norm = 0;
  for (int k = 0; k < octaves; ++k) {
    const double amplitude = std::pow(gain, k);
    const double scale = std::pow(lacunarity, k);
    sum += amplitude * improved(x * scale, y * scale, z * scale);
    norm += amplitude;
  }
  return math::clamp(0.5 + 0.5 * (sum / norm), 0, 1);
}

} // namespace weft::ir::noise

namespace weft::ir::detail {

namespace {

using Args = std::span<const double>;

Builtin noise_builtin(std::string_view name, std::vector<Param> params, FoldFn fold,
                      OutputRange range, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.noise";
  b.section = "§8.3";
  b.params = std::move(params);
  b.fold = fold;
  b.range = range;
  b.doc = doc;
  return b;
}

double fold_fbm(Args a) {
  const bool whole = std::floor(a[3]) == a[3];
  const bool allowed = whole && a[3] >= noise::kMinOctaves && a[3] <= noise::kMaxOctaves;
  if (!allowed) return std::numeric_limits<double>::quiet_NaN();
  return noise::fbm(a[0], a[1], a[2], static_cast<int>(a[3]), a[4], a[5]);
}

} // namespace

void register_noise_builtins(std::vector<Builtin>& table) {
  table.push_back(noise_builtin(
      "snoise", {number("x"), number("y"), number("z", 0)},
      [](Args a) { return noise::snoise(a[0], a[1], a[2]); }, OutputRange{-1, 1},
      "signed gradient noise in [-1, 1]"));
  table.push_back(noise_builtin(
      "noise", {number("x"), number("y"), number("z", 0)},
      [](Args a) { return noise::noise(a[0], a[1], a[2]); }, OutputRange{0, 1},
      "gradient noise in [0, 1]"));
  const ValueRange octaves{noise::kMinOctaves, noise::kMaxOctaves, false, false, true};
  table.push_back(
      noise_builtin("fbm",
                    {number("x"), number("y"), number("z", 0), constant("octaves", 5, octaves),
                     number("lacunarity", 2), number("gain", 0.5)},
                    fold_fbm, OutputRange{0, 1}, "fractal sum of noise octaves in [0, 1]"));
}

} // namespace weft::ir::detail
