#include "runtime/sample_ring.h"

#include "exact/rational.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace weft::runtime {

SampleRing::SampleRing(double rate)
    : window_(static_cast<std::int64_t>(std::max(1.0, std::floor(2 * rate)))), rate_(rate) {
  samples_.assign(static_cast<std::size_t>(window_ + std::max(1.0, std::floor(rate / 2))), 0.0);
}

void SampleRing::write(double value) noexcept {
  const std::int64_t next = newest_.load(std::memory_order_relaxed) + 1;
  samples_[slot(next)] = value;
  newest_.store(next, std::memory_order_release);
}

void SampleRing::write_block(const double* values, std::size_t n) noexcept {
  const std::int64_t newest = newest_.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < n; ++i) {
    samples_[slot(newest + 1 + static_cast<std::int64_t>(i))] = values[i];
  }
  newest_.store(newest + static_cast<std::int64_t>(n), std::memory_order_release);
}

double SampleRing::at(std::int64_t j, std::int64_t newest) const noexcept {
  if (j < 0 || j > newest || j <= newest - window_) return 0.0;
  return samples_[slot(j)];
}

double SampleRing::read_at_time(double tau, std::int64_t newest_visible) const noexcept {
  const std::int64_t newest = std::min(newest_visible, this->newest());
  if (std::isnan(tau)) return at(newest, newest);
  const double lo = static_cast<double>(newest - window_ + 1);
  const double p = std::clamp(tau * rate_, lo, static_cast<double>(newest));
  const double i = std::floor(p);
  const double f = p - i;
  const auto index = static_cast<std::int64_t>(i);
  if (f == 0) return at(index, newest);
  return (1 - f) * at(index, newest) + f * at(index + 1, newest);
}

std::int64_t newest_sample_of_frame(std::int64_t frame, std::int64_t rate, double fps) noexcept {
  const std::optional<exact::Rational> exact_fps = exact::rational_from_double(fps);
  if (frame < 0 || rate <= 0 || !exact_fps || exact_fps->num <= 0) return -1;
  // frame · rate / fps = frame · rate · den / num, all non-negative: truncation is floor.
  exact::WideInt num = 0;
  if (__builtin_mul_overflow(static_cast<exact::WideInt>(frame) * rate, exact_fps->den, &num)) {
    return -1;
  }
  const exact::WideInt q = num / exact_fps->num;
  return q > std::numeric_limits<std::int64_t>::max() ? -1 : static_cast<std::int64_t>(q);
}

} // namespace weft::runtime
