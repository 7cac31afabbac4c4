#include "runtime/frame_buffer.h"

#include <algorithm>
#include <cmath>

namespace weft::runtime {

FrameBuffer::FrameBuffer(int width, int height)
    : width_(std::max(1, width)), height_(std::max(1, height)),
      texels_(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0.0f) {}

double FrameBuffer::read_at(double u, double v) const noexcept {
  if (std::isnan(u) || std::isnan(v)) return 0.0;
  u = std::clamp(u, -1.0, 2.0);
  v = std::clamp(v, -1.0, 2.0);
  const double px = u * width_ - 0.5;
  const double py = v * height_ - 0.5;
  const double i0 = std::floor(px);
  const double j0 = std::floor(py);
  const double fx = px - i0;
  const double fy = py - j0;
  auto c = [&](double i, double j) {
    const int ci = static_cast<int>(std::clamp(i, 0.0, static_cast<double>(width_ - 1)));
    const int cj = static_cast<int>(std::clamp(j, 0.0, static_cast<double>(height_ - 1)));
    return static_cast<double>(texel(ci, cj));
  };
  return (1 - fy) * ((1 - fx) * c(i0, j0) + fx * c(i0 + 1, j0)) +
         fy * ((1 - fx) * c(i0, j0 + 1) + fx * c(i0 + 1, j0 + 1));
}

} // namespace weft::runtime
