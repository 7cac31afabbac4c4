// Test helpers for tests/audio_dsp: argument arrays and running a block kernel over a whole
// signal in blocks of a given size.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::audio::dsp::testing {

inline std::vector<double> constant(std::size_t n, double value) {
  return std::vector<double>(n, value);
}

/// Calls `process(offset, count)` over [0, n) in consecutive blocks of `block` samples (the last
/// one shorter).
template <class Process> void run_in_blocks(std::size_t n, std::size_t block, Process&& process) {
  for (std::size_t offset = 0; offset < n; offset += block) {
    process(offset, std::min(block, n - offset));
  }
}

/// Whether two signals are equal bit for bit (NaN payloads and signed zeros included).
inline bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
  }
  return true;
}

/// A deterministic test signal in [-1, 1) (a linear congruential generator; not `white`).
inline std::vector<double> test_noise(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  std::uint64_t state = seed * 2 + 1;
  for (auto& v : x) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    v = static_cast<double>(state >> 11) * 0x1p-52 - 1.0;
  }
  return x;
}

} // namespace weft::audio::dsp::testing
