/// \file
/// The output safety stage of `play` (LANGUAGE.md §9.2), applied to each channel sum, live and
/// offline: a value becomes 0 if NaN, then `clamp(v, −1, 1)`, so ±inf gives ±1. A hard limit for
/// protection, not a compressor: values in [−1, 1] pass unchanged, bit for bit.
/// Aliasing: `out` may be the same array as `in`.
/// Implements: LANGUAGE.md §9.2 (safety stage). Tests: tests/audio_dsp/safety_test.cpp.
/// Real-time: yes (no allocation, no locks, noexcept).
#pragma once

#include <cstddef>

namespace weft::audio::dsp {

/// The safety stage of one value.
double make_safe(double v) noexcept;
/// make_safe on every value of `in`.
void safety_block(const double* in, double* out, std::size_t n) noexcept;

} // namespace weft::audio::dsp
