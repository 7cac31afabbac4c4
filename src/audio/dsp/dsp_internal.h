/// \file
/// Private helpers shared by the DSP kernels of src/audio/dsp (not part of the library's
/// interface): the spec's `clamp` (LANGUAGE.md §8.1, NaN in gives NaN out), subnormal flushing
/// of recursive state, and block-constant detection of argument arrays.
/// Implements: LANGUAGE.md §8.1 (clamp). Tests: through tests/audio_dsp/*_test.cpp.
/// Real-time: yes (all inline, no allocation, no locks).
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace weft::audio::dsp::detail {

/// `min(max(x, lo), hi)` as §8.1 defines it: a NaN `x` stays NaN.
inline double clamp(double x, double lo, double hi) noexcept {
  if (std::isnan(x)) return x;
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

/// A recursive state value that has decayed into the subnormal range becomes 0 (the values differ
/// by less than 2^-1022, far below anything audible or storable, and subnormal arithmetic is up
/// to a hundred times slower on x86). Applied per sample, so the result does not depend on block
/// boundaries. NaN and infinities pass unchanged.
inline double flush_subnormal(double v) noexcept {
  return std::fabs(v) < std::numeric_limits<double>::min() ? 0.0 : v;
}

/// True when every value of `a[0..n)` has the bit pattern of `a[0]` (a block-constant argument:
/// coefficients derived from it may be computed once, bit for bit as per sample).
inline bool is_block_constant(const double* a, std::size_t n) noexcept {
  const auto first = std::bit_cast<std::uint64_t>(a[0]);
  for (std::size_t i = 1; i < n; ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != first) return false;
  }
  return true;
}

} // namespace weft::audio::dsp::detail
