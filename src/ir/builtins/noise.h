/// \file
/// Ken Perlin's improved noise (2002) in three dimensions, exactly as the reference
/// implementation computes it in binary64, and the [lib.noise] builtins built on it. This is the
/// one definition every engine reproduces (and the constant folder uses).
/// Implements: LANGUAGE.md §8.3. Tests: tests/ir/noise_test.cpp.
/// Real-time: yes (noexcept, allocation-free, no global state besides a constant table).
#pragma once

namespace weft::ir::noise {

inline constexpr int kMinOctaves = 1;
inline constexpr int kMaxOctaves = 16;

/// `P(x, y, z)`: the reference permutation table, fade `6t^5 - 15t^4 + 10t^3`, the 12-direction
/// gradient picked by the low 4 bits of the hash. 0 at integer lattice points; roughly within
/// [-1.04, 1.04]. The lattice cell is `floor(v) mod 256`, exact for every finite `v`. NaN if an
/// argument is NaN or infinite.
double improved(double x, double y, double z) noexcept;

/// `snoise`: `P` clamped to [-1, 1].
double snoise(double x, double y, double z = 0) noexcept;

/// `noise`: `0.5 + 0.5 * snoise(x, y, z)`, in [0, 1].
double noise(double x, double y, double z = 0) noexcept;

/// `fbm`: `0.5 + 0.5 * (Σ gain^k P(x L^k, y L^k, z L^k)) / (Σ gain^k)` for k = 0 … octaves - 1,
/// clamped to [0, 1]; `gain^k` and `L^k` are C `pow`, the sums are taken in order of k.
/// `octaves` outside kMinOctaves…kMaxOctaves gives NaN (the front end rejects it earlier).
double fbm(double x, double y, double z, int octaves, double lacunarity, double gain) noexcept;

} // namespace weft::ir::noise
