/// \file
/// Block kernel of `adsr(gate, a, d, s, r)` (LANGUAGE.md §8.9): the linear envelope state machine,
/// every argument read every sample, times in seconds, `s` clamped to [0, 1].
/// The gate is high when `gate > 0`. Level starts at 0. A rising edge enters attack from the
/// current level (no reset); attack rises by 1 / (a · rate) per sample until 1, decay falls by
/// (1 − s) / (d · rate) per sample until s, sustain holds s while the gate is high. A falling edge
/// enters release from any stage: the level falls linearly from its value at the edge, L0, to 0 in
/// r seconds, by L0 / (r · rate) per sample. The output is the level after the sample's update.
/// Stage ends: the sample that reaches a stage's target outputs the target exactly, and the next
/// stage starts at the next sample (so with a = 0 the first gated sample is 1 whatever d is). A
/// zero, negative or NaN time ends its stage within the sample.
/// Exact timing: the level is accumulated with compensated (two-sum) addition, and a stage ends at
/// the first sample whose level is within 10^-6 of a step of the target. So attack from 0 reaches
/// 1 at exactly the ceil(a · rate)-th gated sample, and decay and release take exactly
/// ceil(d · rate) and ceil(r · rate) samples, whatever binary64 rounding the steps have (plain
/// accumulation of 1 / N reaches 1 one sample late for about half of all N).
/// Determinism: sample s depends only on the inputs up to s, never on the block split.
/// Aliasing: `out` may be the same array as an argument; no other overlap.
/// Implements: LANGUAGE.md §8.9. Tests: tests/audio_dsp/adsr_test.cpp,
/// tests/audio_dsp/block_size_test.cpp.
/// Real-time: yes (adsr_block: no allocation, no locks, noexcept).
#pragma once

#include <cstddef>
#include <cstdint>

namespace weft::audio::dsp {

enum class AdsrStageKind : std::uint8_t { Idle, Attack, Decay, Sustain, Release };

/// One `adsr` instance.
struct AdsrState {
  double rate = 48000;     ///< samples per second, > 0
  double level = 0;        ///< the level (the last output)
  double level_error = 0;  ///< the compensation term: the exact level is level + level_error
  double release_from = 0; ///< L0, the level at the last falling edge
  AdsrStageKind stage = AdsrStageKind::Idle;
  bool gate_high = false; ///< whether the gate was high at the previous sample
};

/// `adsr(gate, a, d, s, r)` for the next `n` samples.
void adsr_block(AdsrState& state, const double* gate, const double* attack, const double* decay,
                const double* sustain, const double* release, double* out, std::size_t n) noexcept;

} // namespace weft::audio::dsp
