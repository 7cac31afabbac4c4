/// \file
/// A pool of fixed-size sample buffers allocated once, at construction: `acquire` pops the most
/// recently released buffer (LIFO, so a reused buffer is likely still in cache), `release` zeroes
/// it and pushes it back, and statistics count what happened. Exhaustion is a defined failure
/// (kNoBuffer and a counted failed acquire), never an allocation; a bad release is ignored and
/// counted. Buffers start zeroed, 64-byte aligned, on separate cache lines.
/// A pool with block_size 0 holds indices only: the schedule compiler replays a block on one to
/// assign buffers (its high-water mark is the number a schedule needs).
/// Implements: ARCHITECTURE.md §5 (BufferPool). Tests: tests/audio/buffer_pool_test.cpp.
/// Real-time: acquire, release, buffer, stats yes (no allocation, no locks; one thread at a time);
/// construction no.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace weft::audio {

using BufferIndex = std::uint32_t;
inline constexpr BufferIndex kNoBuffer = UINT32_MAX;

struct BufferPoolStats {
  std::size_t capacity = 0;          ///< buffers in the pool
  std::size_t in_use = 0;            ///< acquired and not yet released
  std::size_t high_water = 0;        ///< the most ever in use at once
  std::uint64_t acquires = 0;        ///< successful acquires
  std::uint64_t failed_acquires = 0; ///< acquires on an empty pool
  std::uint64_t bad_releases = 0;    ///< releases of an index out of range or not in use
};

class BufferPool {
public:
  /// `capacity` buffers of `block_size` samples each, all zero and free.
  BufferPool(std::size_t capacity, std::size_t block_size);

  /// The most recently released free buffer (the lowest index first in a fresh pool), or
  /// kNoBuffer when every buffer is in use.
  BufferIndex acquire() noexcept;
  /// Zeroes the buffer and makes it the next one acquired. Ignores (and counts) an index that
  /// is out of range or not in use.
  void release(BufferIndex index) noexcept;

  /// The samples of buffer `index` (any index below capacity, acquired or not).
  std::span<double> buffer(BufferIndex index) noexcept;
  std::span<const double> buffer(BufferIndex index) const noexcept;

  std::size_t capacity() const noexcept { return in_use_.size(); }
  std::size_t block_size() const noexcept { return block_size_; }
  const BufferPoolStats& stats() const noexcept { return stats_; }

private:
  std::size_t block_size_;
  std::size_t stride_; // samples from one buffer to the next (whole cache lines)
  std::size_t offset_; // samples from storage_.data() to the first aligned buffer
  std::vector<double> storage_;
  std::vector<BufferIndex> free_;    // a stack: back() is acquired next
  std::vector<std::uint8_t> in_use_; // per buffer
  BufferPoolStats stats_;
};

} // namespace weft::audio
