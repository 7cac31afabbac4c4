/// \file
/// Block kernel of `delay(x, seconds, feedback)` (LANGUAGE.md §8.8): the wet-only feedback delay
/// `y[s] = w(s − D)`, `w[s] = x[s] + fb · y[s]`, with `D = clamp(seconds · rate, 1, 10 · rate)`
/// samples and `fb = clamp(feedback, −0.999, 0.999)` read every sample, and `w` before sample 0
/// equal to 0.
/// Fractional delay: with `Di = floor(D)` and `f = D − Di` (both exact), w(s − D) is the linear
/// interpolation `a + (b − a) · f` (the spec's `mix`) of `a = w[s − Di]` and `b = w[s − Di − 1]`;
/// `f = 0` reads `a` alone. Since D ≥ 1 the read never needs w[s].
/// Memory: the line holds w in a ring of a power of two ≥ floor(10 · rate) + 2 samples, allocated
/// by the constructor (4 MiB at 44.1 and 48 kHz); w values that decay into the subnormal range
/// (|w| < 2^-1022) are stored as 0.
/// NaN: a NaN `seconds` gives a NaN output (nothing is read); NaN propagates as the formula says.
/// Determinism: sample s depends only on the inputs up to s, never on the block split.
/// Aliasing: `out` may be the same array as an argument; no other overlap.
/// Implements: LANGUAGE.md §8.8 (`delay`). Tests: tests/audio_dsp/delay_test.cpp,
/// tests/audio_dsp/block_size_test.cpp.
/// Real-time: delay_block yes (no allocation, no locks, noexcept); the constructor no.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::audio::dsp {

/// One `delay` instance: its line of past w values and the index of the next sample.
class DelayState {
public:
  /// Allocates the line for up to 10 seconds at `rate` samples per second (> 0).
  explicit DelayState(double rate);

  double rate() const { return rate_; }

private:
  friend void delay_block(DelayState& state, const double* x, const double* seconds,
                          const double* feedback, double* out, std::size_t n) noexcept;

  double rate_;
  std::vector<double> line_; ///< w[t] at line_[t & mask_]; zero where not yet written
  std::uint64_t mask_;
  std::uint64_t sample_ = 0; ///< index s of the next sample
};

/// `delay(x, seconds, feedback)` for the next `n` samples.
void delay_block(DelayState& state, const double* x, const double* seconds, const double* feedback,
                 double* out, std::size_t n) noexcept;

} // namespace weft::audio::dsp
