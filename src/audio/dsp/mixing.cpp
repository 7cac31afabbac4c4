// Gain, pan and sum helpers for the audio engine.
#include "audio/dsp/mixing.h"

#include "audio/dsp/dsp_internal.h"

#include <algorithm>

namespace weft::audio::dsp {

void gain_block(const double* x, const double* gain, double* out, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) out[i] = x[i] * gain[i];
}

void pan_block(const double* x, const double* pan, double* left, double* right,
               std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    const double p = detail::clamp(pan[i], 0, 1);
    const double v = x[i];
    left[i] = v * std::min(1.0, 2 * (1 - p));
    right[i] = v * std::min(1.0, 2 * p);
  }
}

void sum_block(const double* a, const double* b, double* out, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

void accumulate_block(double* acc, const double* x, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) acc[i] += x[i];
}

} // namespace weft::audio::dsp
