/// \file
/// Block kernel of `white()` (LANGUAGE.md §8.6, §11): uniform white noise in [−1, 1) as a
/// counter-based function of a 64-bit stream key and the sample index, so any sample can be
/// computed on its own, independent of block size and thread count.
/// Method: SplitMix64 indexed by the sample: the key is mixed into a seed, and sample s is the
/// SplitMix64 finaliser of `seed + (s + 1) · 0x9E3779B97F4A7C15` (the s-th output of the SplitMix64
/// generator seeded with `seed`); its top 53 bits u give `u · 2^-52 − 1`, exact, in [−1, 1 −
/// 2^-52]. The key itself (from the strand, spindle-call chain and occurrence index of §8.6) is the
/// caller's; different keys give unrelated streams.
/// Implements: LANGUAGE.md §8.6 (`white`), §11.3. Tests: tests/audio_dsp/white_noise_test.cpp.
/// Real-time: yes (white_value, white_block: no allocation, no locks, noexcept).
#pragma once

#include <cstddef>
#include <cstdint>

namespace weft::audio::dsp {

/// The value of the stream `key` at sample `sample`.
double white_value(std::uint64_t key, std::uint64_t sample) noexcept;

/// One `white()` instance: its stream key and the index of the next sample.
struct WhiteNoiseState {
  std::uint64_t key = 0;
  std::uint64_t sample = 0; ///< index of the next sample to compute
};

/// `white_value(state.key, s)` for the next `n` samples s.
void white_block(WhiteNoiseState& state, double* out, std::size_t n) noexcept;

} // namespace weft::audio::dsp
