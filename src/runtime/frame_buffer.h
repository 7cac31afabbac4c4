/// \file
/// The latest completed frame of a visual-owned hardware output (LANGUAGE.md §7.4, visual ->
/// audio/control): one plane of binary32 texels, looked up at (u, v) = (me@x, me@y) with the
/// bilinear, clamp-to-edge rule of §8.5. The buffer a "buffer handle" points to for reads of
/// `camera` from other domains.
/// Preconditions: the producer fills every texel of a frame, then calls `complete`.
/// Implements: LANGUAGE.md §7.4 (visual -> other domains), §8.5 (lookup).
/// Tests: tests/runtime/sample_ring_test.cpp.
/// Real-time: `read_at`, `texel` yes (noexcept, no allocation); construction no.
#pragma once

#include <cstdint>
#include <vector>

namespace weft::runtime {

class FrameBuffer {
public:
  /// A black frame of `width` x `height` texels (each at least 1).
  FrameBuffer(int width, int height);

  int width() const noexcept { return width_; }
  int height() const noexcept { return height_; }
  /// Texel (i, j): column i from the left, row j from the top.
  float& texel(int i, int j) noexcept { return texels_[index(i, j)]; }
  float texel(int i, int j) const noexcept { return texels_[index(i, j)]; }
  /// Marks the texels as frame `frame`; -1 before the first.
  void complete(std::int64_t frame) noexcept { frame_ = frame; }
  std::int64_t frame() const noexcept { return frame_; }

  /// The §8.5 lookup: NaN -> 0, (u, v) clamped to [-1, 2], bilinear between texel centres,
  /// clamped to the edge.
  double read_at(double u, double v) const noexcept;

private:
  std::size_t index(int i, int j) const noexcept {
    return static_cast<std::size_t>(j) * static_cast<std::size_t>(width_) +
           static_cast<std::size_t>(i);
  }
  int width_;
  int height_;
  std::vector<float> texels_;
  std::int64_t frame_ = -1;
};

} // namespace weft::runtime
