/// \file
/// Block kernels of [lib.filter] (LANGUAGE.md §8.7): `lpf`, `hpf` and `bpf`, all the spec's
/// topology-preserving state-variable filter, per sample, over arrays of binary64 samples.
/// Exactly the spec's operations in its order (built with -ffp-contract=off): fc clamped to
/// [1, 0.49 × rate] Hz and q to [0.1, 100]; `g = tan(pi * fc / rate)`, `k = 1 / q`,
/// `a1 = 1 / (1 + g * (g + k))`, `a2 = g * a1`, `a3 = g * a2` recomputed every sample from the
/// current arguments (state is never reset, so modulation is click-free). When a block's cutoff
/// and q are constant the coefficients are computed once: the same values, bit for bit.
/// Deviation below audibility: the state values ic1, ic2 become 0 when they decay into the
/// subnormal range (|v| < 2^-1022), per sample, so that silence after a sound stays fast.
/// NaN arguments are not special: clamp keeps NaN, and a NaN reaching the state stays there (the
/// spec's formula; the output safety stage turns it into silence).
/// Determinism: sample s depends only on the inputs up to s, never on the block split.
/// Aliasing: `out` may be the same array as an argument; no other overlap.
/// Implements: LANGUAGE.md §8.7. Tests: tests/audio_dsp/filters_test.cpp,
/// tests/audio_dsp/block_size_test.cpp.
/// Real-time: yes (every *_block function: no allocation, no locks, noexcept).
#pragma once

#include <cstddef>

namespace weft::audio::dsp {

/// The state of one filter instance: the sample rate and the two integrator states.
struct SvfState {
  double rate = 48000; ///< samples per second, > 0
  double ic1 = 0;
  double ic2 = 0;
};

/// `lpf(x, cutoff, q)`: v2.
void lpf_block(SvfState& state, const double* x, const double* cutoff, const double* q, double* out,
               std::size_t n) noexcept;
/// `hpf(x, cutoff, q)`: x − k·v1 − v2.
void hpf_block(SvfState& state, const double* x, const double* cutoff, const double* q, double* out,
               std::size_t n) noexcept;
/// `bpf(x, center, q)`: k·v1 (unity gain at `center`).
void bpf_block(SvfState& state, const double* x, const double* center, const double* q, double* out,
               std::size_t n) noexcept;

} // namespace weft::audio::dsp
