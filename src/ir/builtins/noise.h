/// \file
/// Ken Perlin's improved noise (2002) in three dimensions, exactly as the reference
/// implementation computes it in binary64, and the [lib.noise] builtins built on it. This is the
/// one definition every engine reproduces (and the constant folder uses).
/// Implements: LANGUAGE.md §8.3. Tests: tests/ir/noise_test.cpp.
/// Real-time: yes (noexcept, allocation-free, no global state besides a constant table).
#pragma once

#include <array>
#include <cstdint>

namespace weft::ir::noise {

inline constexpr int kMinOctaves = 1;
inline constexpr int kMaxOctaves = 16;

/// Ken Perlin's reference permutation of 0…255 (`p[i]` = kPermutation[i & 255]); shared with the
/// VM's lane kernels (src/vm/noise_lanes.cpp).
constexpr std::array<std::uint8_t, 256> kPermutation = {
    151, 160, 137, 91,  90,  15,  131, 13,  201, 95,  96,  53,  194, 233, 7,   225, 140, 36,  103,
    30,  69,  142, 8,   99,  37,  240, 21,  10,  23,  190, 6,   148, 247, 120, 234, 75,  0,   26,
    197, 62,  94,  252, 219, 203, 117, 35,  11,  32,  57,  177, 33,  88,  237, 149, 56,  87,  174,
    20,  125, 136, 171, 168, 68,  175, 74,  165, 71,  134, 139, 48,  27,  166, 77,  146, 158, 231,
    83,  111, 229, 122, 60,  211, 133, 230, 220, 105, 92,  41,  55,  46,  245, 40,  244, 102, 143,
    54,  65,  25,  63,  161, 1,   216, 80,  73,  209, 76,  132, 187, 208, 89,  18,  169, 200, 196,
    135, 130, 116, 188, 159, 86,  164, 100, 109, 198, 173, 186, 3,   64,  52,  217, 226, 250, 124,
    123, 5,   202, 38,  147, 118, 126, 255, 82,  85,  212, 207, 206, 59,  227, 47,  16,  58,  17,
    182, 189, 28,  42,  223, 183, 170, 213, 119, 248, 152, 2,   44,  154, 163, 70,  221, 153, 101,
    155, 167, 43,  172, 9,   129, 22,  39,  253, 19,  98,  108, 110, 79,  113, 224, 232, 178, 185,
    112, 104, 218, 246, 97,  228, 251, 34,  242, 193, 238, 210, 144, 12,  191, 179, 162, 241, 81,
    51,  145, 235, 249, 14,  239, 107, 49,  192, 214, 31,  181, 199, 106, 157, 184, 84,  204, 176,
    115, 121, 50,  45,  127, 4,   150, 254, 138, 236, 205, 93,  222, 114, 67,  29,  24,  72,  243,
    141, 128, 195, 78,  66,  215, 61,  156, 180};

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
