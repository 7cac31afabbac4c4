// The `play` output safety stage (LANGUAGE.md §9.2): NaN to 0, then a hard clamp to [-1, 1].
#include "audio/dsp/safety.h"

namespace weft::audio::dsp {

double make_safe(double v) noexcept {
  if (v != v) return 0.0; // NaN
  if (v < -1) return -1.0;
  if (v > 1) return 1.0;
  return v;
}

void safety_block(const double* in, double* out, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) out[i] = make_safe(in[i]);
}

} // namespace weft::audio::dsp
