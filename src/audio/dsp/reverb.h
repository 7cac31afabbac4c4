/// \file
/// Block kernel of `reverb(x, room, damp, mix)` (LANGUAGE.md §8.8): the mono Freeverb core exactly
/// as the spec writes it. `room`, `damp`, `mix` are clamped to [0, 1] and read every sample.
/// `u = 0.015 · x` feeds 8 parallel combs (1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617 samples
/// at 44100 Hz); each: `o = buf[i]`, `h = o · (1 − d) + h · d` with `d = 0.4 · damp`,
/// `buf[i] = u + h · (0.7 + 0.28 · room)`. The comb outputs, summed in that order, pass 4 series
/// all-passes (556, 441, 341, 225): `b = buf[i]`, `out = b − in`, `buf[i] = in + 0.5 · b`.
/// Result: `(1 − mix) · x + mix · 3 · out` (so mix = 0 passes x exactly while `out` is finite).
/// Lengths: `round(length · (rate / 44100))`, halves away from zero, at least 1. All buffers and
/// comb states start at 0; the buffers are allocated by the constructor (one allocation).
/// Deviation below audibility: the comb states h and the values written into the buffers become
/// 0 when they decay into the subnormal range (|v| < 2^-1022), per sample.
/// Determinism: sample s depends only on the inputs up to s, never on the block split.
/// Aliasing: `out` may be the same array as an argument; no other overlap.
/// Implements: LANGUAGE.md §8.8 (`reverb`). Tests: tests/audio_dsp/reverb_test.cpp,
/// tests/audio_dsp/block_size_test.cpp.
/// Real-time: reverb_block yes (no allocation, no locks, noexcept); the constructor no.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace weft::audio::dsp {

/// One `reverb` instance: its comb and all-pass buffers and positions.
class ReverbState {
public:
  static constexpr std::size_t kCombs = 8;
  static constexpr std::size_t kAllPasses = 4;
  /// The spec's lengths at 44100 Hz.
  static constexpr std::array<std::size_t, kCombs> kCombLengths44k = {1116, 1188, 1277, 1356,
                                                                      1422, 1491, 1557, 1617};
  static constexpr std::array<std::size_t, kAllPasses> kAllPassLengths44k = {556, 441, 341, 225};

  /// Allocates the buffers for `rate` samples per second (> 0).
  explicit ReverbState(double rate);

  double rate() const { return rate_; }
  /// The scaled length of comb `i` (0…7) and of all-pass `i` (0…3) at this rate.
  std::size_t comb_length(std::size_t i) const { return combs_[i].length; }
  std::size_t all_pass_length(std::size_t i) const { return all_passes_[i].length; }

  /// `round(length44k · (rate / 44100))`, halves away from zero, at least 1.
  static std::size_t scaled_length(std::size_t length44k, double rate);

private:
  friend void reverb_block(ReverbState& state, const double* x, const double* room,
                           const double* damp, const double* mix, double* out,
                           std::size_t n) noexcept;

  /// A circular buffer within `buffer_`: `length` values from `offset`, read and written at `pos`.
  struct Line {
    std::size_t offset = 0;
    std::size_t length = 1;
    std::size_t pos = 0;
  };

  double rate_;
  std::array<Line, kCombs> combs_;
  std::array<double, kCombs> comb_h_{}; ///< the combs' low-pass states h
  std::array<Line, kAllPasses> all_passes_;
  std::vector<double> buffer_; ///< every comb's and all-pass's values, zero at start
};

/// `reverb(x, room, damp, mix)` for the next `n` samples.
void reverb_block(ReverbState& state, const double* x, const double* room, const double* damp,
                  const double* mix, double* out, std::size_t n) noexcept;

} // namespace weft::audio::dsp
