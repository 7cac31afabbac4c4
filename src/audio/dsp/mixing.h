/// \file
/// Block mixing helpers for the audio engine's gain, pan and sum nodes, over arrays of binary64
/// samples, each a plain per-sample formula (no state).
/// Pan law: LANGUAGE.md has no `pan` builtin; the one pan law it defines (§8.10, the `s` mix) is
/// used: with `pan` clamped to [0, 1], `left = x · min(1, 2 · (1 − pan))` and
/// `right = x · min(1, 2 · pan)`, so the centre (0.5) is unity on both sides and mono and stereo
/// forms agree. It is not equal-power.
/// Aliasing: an output may be the same array as an input; the two outputs of pan_block must differ.
/// Implements: LANGUAGE.md §8.10 (pan law), §9.2 (summing `play` sinks in source order).
/// Tests: tests/audio_dsp/mixing_test.cpp.
/// Real-time: yes (every function: no allocation, no locks, noexcept).
#pragma once

#include <cstddef>

namespace weft::audio::dsp {

/// out = x · gain per sample.
void gain_block(const double* x, const double* gain, double* out, std::size_t n) noexcept;
/// left, right = x · gl, x · gr with the §8.10 pan law above.
void pan_block(const double* x, const double* pan, double* left, double* right,
               std::size_t n) noexcept;
/// out = a + b per sample.
void sum_block(const double* a, const double* b, double* out, std::size_t n) noexcept;
/// acc += x per sample: sums several signals in the order of the calls (§11.4: a fixed order).
void accumulate_block(double* acc, const double* x, std::size_t n) noexcept;

} // namespace weft::audio::dsp
