#include "audio/engine/buffer_pool.h"

#include <algorithm>

namespace weft::audio {

namespace {

constexpr std::size_t kLineSamples = 64 / sizeof(double);

std::size_t round_up_to_line(std::size_t samples) {
  return (samples + kLineSamples - 1) / kLineSamples * kLineSamples;
}

} // namespace

BufferPool::BufferPool(std::size_t capacity, std::size_t block_size)
    : block_size_(block_size), stride_(round_up_to_line(block_size)), offset_(0),
      storage_(block_size == 0 ? 0 : capacity * stride_ + kLineSamples, 0.0), in_use_(capacity, 0) {
  if (!storage_.empty()) {
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.data());
    offset_ = (64 - address % 64) % 64 / sizeof(double);
  }
  free_.reserve(capacity);
  for (std::size_t i = capacity; i-- > 0;) free_.push_back(static_cast<BufferIndex>(i));
  stats_.capacity = capacity;
}

BufferIndex BufferPool::acquire() noexcept {
  if (free_.empty()) {
    ++stats_.failed_acquires;
    return kNoBuffer;
  }
  const BufferIndex index = free_.back();
  free_.pop_back();
  in_use_[index] = 1;
  ++stats_.acquires;
  ++stats_.in_use;
  stats_.high_water = std::max(stats_.high_water, stats_.in_use);
  return index;
}

void BufferPool::release(BufferIndex index) noexcept {
  if (index >= capacity() || in_use_[index] == 0) {
    ++stats_.bad_releases;
    return;
  }
  std::span<double> samples = buffer(index);
  std::fill(samples.begin(), samples.end(), 0.0);
  in_use_[index] = 0;
  free_.push_back(index); // within the capacity reserved at construction: no allocation
  --stats_.in_use;
}

std::span<double> BufferPool::buffer(BufferIndex index) noexcept {
  if (block_size_ == 0 || index >= capacity()) return {};
  return {storage_.data() + offset_ + index * stride_, block_size_};
}

std::span<const double> BufferPool::buffer(BufferIndex index) const noexcept {
  if (block_size_ == 0 || index >= capacity()) return {};
  return {storage_.data() + offset_ + index * stride_, block_size_};
}

} // namespace weft::audio
