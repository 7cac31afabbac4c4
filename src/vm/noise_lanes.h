/// \file
/// Lane kernels of [lib.noise] (LANGUAGE.md §8.3) for the VM: Ken Perlin's improved noise over
/// arrays of binary64 lanes, bit for bit the scalar reference ir::noise::improved (and `snoise`,
/// `noise`, `fbm` built on it) for every input, in plain loops that g++ vectorises at -O3 (the
/// permutation-table lookups become gathers) instead of one scalar call per lane.
/// Exactness: the same binary64 operations in the same order as the reference (built with
/// -ffp-contract=off, no -ffast-math); the only differences are in how integers are found, and
/// those are exact: the lattice cell `floor(v) mod 256` is computed as
/// `f - 256 · floor(f / 256)` (every step exact for every finite integer `f`) instead of `fmod`,
/// the permutation is read from a table of adjacent pairs so that `p[i]` and `p[i + 1]` come
/// from one lookup, and the gradient is picked with selects instead of branches. Lanes with a
/// non-finite coordinate give the reference's quiet NaN. The clamps of `snoise`, `noise` and
/// `fbm` are the reference's ir::math::clamp (NaN to the quiet NaN, signed zeros as it gives
/// them). tests/vm/noise_lanes_test.cpp compares every kernel with the reference bit for bit.
/// Determinism: a lane's result depends only on its arguments, never on `n`, the lane's position,
/// vectorisation or the thread.
/// Aliasing: `out` may be the same array as an input; no other overlap.
/// Implements: LANGUAGE.md §8.3. Tests: tests/vm/noise_lanes_test.cpp.
/// Real-time: yes (no allocation, no locks).
#pragma once

#include "ir/builtins/noise.h"

#include <cstddef>

namespace weft::vm {

/// ir::noise::improved on every lane.
void improved_lanes(const double* x, const double* y, const double* z, double* out,
                    std::size_t n) noexcept;
/// ir::noise::snoise on every lane.
void snoise_lanes(const double* x, const double* y, const double* z, double* out,
                  std::size_t n) noexcept;
/// ir::noise::noise on every lane.
void noise_lanes(const double* x, const double* y, const double* z, double* out,
                 std::size_t n) noexcept;
/// The scalars of ir::noise::fbm that are the same for every lane: `gain^k` and
/// `lacunarity^k` (the reference's C `pow`) and their norm `Σ gain^k` (summed in order of k).
struct FbmOctaves {
  int octaves = 0; ///< 0 when the count is outside kMinOctaves…kMaxOctaves: every lane is NaN
  double amplitude[ir::noise::kMaxOctaves] = {};
  double scale[ir::noise::kMaxOctaves] = {};
  double norm = 0;
};
FbmOctaves fbm_octaves(int octaves, double lacunarity, double gain) noexcept;

/// ir::noise::fbm on every lane, with the same octaves, lacunarity and gain for all of them.
void fbm_lanes(const FbmOctaves& octaves, const double* x, const double* y, const double* z,
               double* out, std::size_t n) noexcept;
/// The same, the scalars computed for this call.
void fbm_lanes(const double* x, const double* y, const double* z, double* out, std::size_t n,
               int octaves, double lacunarity, double gain) noexcept;

} // namespace weft::vm
