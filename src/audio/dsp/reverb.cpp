// `reverb` (LANGUAGE.md §8.8): the mono Freeverb core, 8 damped combs into 4 all-passes.
#include "audio/dsp/reverb.h"

#include "audio/dsp/dsp_internal.h"

#include <algorithm>
#include <cmath>

namespace weft::audio::dsp {

std::size_t ReverbState::scaled_length(std::size_t length44k, double rate) {
  const double scaled = std::round(static_cast<double>(length44k) * (rate / 44100));
  return std::max<std::size_t>(1, static_cast<std::size_t>(scaled));
}

ReverbState::ReverbState(double rate) : rate_(rate) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < kCombs; ++i) {
    combs_[i].offset = total;
    combs_[i].length = scaled_length(kCombLengths44k[i], rate);
    total += combs_[i].length;
  }
  for (std::size_t i = 0; i < kAllPasses; ++i) {
    all_passes_[i].offset = total;
    all_passes_[i].length = scaled_length(kAllPassLengths44k[i], rate);
    total += all_passes_[i].length;
  }
  buffer_.assign(total, 0.0);
}

namespace {

/// The slot of `line` read and written at this sample; advances the line's position.
double& next_slot(double* buffer, std::size_t& pos, std::size_t offset,
                  std::size_t length) noexcept {
  double& slot = buffer[offset + pos];
  if (++pos == length) pos = 0;
  return slot;
}

} // namespace

void reverb_block(ReverbState& state, const double* x, const double* room, const double* damp,
                  const double* mix, double* out, std::size_t n) noexcept {
  double* buffer = state.buffer_.data();
  for (std::size_t i = 0; i < n; ++i) {
    const double d = 0.4 * detail::clamp(damp[i], 0, 1);
    const double feedback = 0.7 + 0.28 * detail::clamp(room[i], 0, 1);
    const double wet = detail::clamp(mix[i], 0, 1);
    const double u = 0.015 * x[i];
    double sum = 0;
    for (std::size_t c = 0; c < ReverbState::kCombs; ++c) {
      auto& line = state.combs_[c];
      double& slot = next_slot(buffer, line.pos, line.offset, line.length);
      const double o = slot;
      double& h = state.comb_h_[c];
      h = detail::flush_subnormal(o * (1 - d) + h * d);
      slot = detail::flush_subnormal(u + h * feedback);
      sum += o;
    }
    double signal = sum;
    for (auto& line : state.all_passes_) {
      double& slot = next_slot(buffer, line.pos, line.offset, line.length);
      const double b = slot;
      const double result = b - signal;
      slot = detail::flush_subnormal(signal + 0.5 * b);
      signal = result;
    }
    out[i] = (1 - wet) * x[i] + wet * 3 * signal;
  }
}

} // namespace weft::audio::dsp
