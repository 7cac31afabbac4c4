// `delay` (LANGUAGE.md §8.8): a feedback delay line with linear interpolation.
#include "audio/dsp/delay.h"

#include "audio/dsp/dsp_internal.h"

#include <bit>
#include <cmath>

namespace weft::audio::dsp {

namespace {

/// A power of two holding w[s − floor(D) − 1] for every D ≤ 10 · rate while w[s] is written.
std::uint64_t line_length(double rate) {
  const auto longest = static_cast<std::uint64_t>(std::floor(10 * rate));
  return std::bit_ceil(longest + 2);
}

} // namespace

DelayState::DelayState(double rate)
    : rate_(rate), line_(line_length(rate), 0.0), mask_(line_.size() - 1) {}

void delay_block(DelayState& state, const double* x, const double* seconds, const double* feedback,
                 double* out, std::size_t n) noexcept {
  const double rate = state.rate_;
  const double longest = 10 * rate;
  double* line = state.line_.data();
  const std::uint64_t mask = state.mask_;
  std::uint64_t s = state.sample_;
  for (std::size_t i = 0; i < n; ++i, ++s) {
    const double d = detail::clamp(seconds[i] * rate, 1, longest);
    const double fb = detail::clamp(feedback[i], -0.999, 0.999);
    double y = d; // NaN when D is NaN
    if (!std::isnan(d)) {
      const double whole = std::floor(d);
      const double fraction = d - whole;
      const auto back = static_cast<std::uint64_t>(whole);
      const double a = line[(s - back) & mask];
      y = a;
      if (fraction != 0) {
        const double b = line[(s - back - 1) & mask];
        y = a + (b - a) * fraction;
      }
    }
    line[s & mask] = detail::flush_subnormal(x[i] + fb * y);
    out[i] = y;
  }
  state.sample_ = s;
}

} // namespace weft::audio::dsp
