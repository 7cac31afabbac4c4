#include "runtime/sample_ring.h"

#include <algorithm>
#include <cmath>

namespace weft::runtime {

SampleRing::SampleRing(double rate)
    : samples_(static_cast<std::size_t>(std::max(1.0, std::floor(2 * rate))), 0.0), rate_(rate) {}

void SampleRing::write(double value) noexcept {
  ++newest_;
  samples_[static_cast<std::size_t>(newest_ % capacity())] = value;
}

double SampleRing::at(std::int64_t j) const noexcept {
  if (j < 0 || j > newest_ || j <= newest_ - capacity()) return 0.0;
  return samples_[static_cast<std::size_t>(j % capacity())];
}

double SampleRing::read_at_time(double tau, std::int64_t newest_visible) const noexcept {
  const std::int64_t newest = std::min(newest_visible, newest_);
  if (std::isnan(tau)) return at(newest);
  const double lo = static_cast<double>(newest - capacity() + 1);
  const double p = std::clamp(tau * rate_, lo, static_cast<double>(newest));
  const double i = std::floor(p);
  const double f = p - i;
  const auto index = static_cast<std::int64_t>(i);
  if (f == 0) return at(index);
  return (1 - f) * at(index) + f * at(index + 1);
}

} // namespace weft::runtime
