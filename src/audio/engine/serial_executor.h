/// \file
/// Runs a compiled Schedule one block at a time on the calling thread: prepare_block for every
/// node, then every step in schedule order (level by level). The reference the parallel executor
/// must match bit for bit.
/// Implements: ARCHITECTURE.md §5 (executing a flat schedule). Tests:
/// tests/audio/parallel_equals_serial_test.cpp, tests/audio/block_size_invariance_test.cpp,
/// tests/audio/no_allocation/no_allocation_test.cpp.
/// Real-time: process and output yes (no allocation, no locks, no system calls); construction no.
#pragma once

#include "audio/engine/schedule_buffers.h"

namespace weft::audio {

class SerialExecutor {
public:
  /// Allocates the schedule's buffers; `schedule` must outlive the executor, and only one
  /// executor may run it at a time (the nodes hold state).
  explicit SerialExecutor(Schedule& schedule);

  /// Computes the block described by `ctx`.
  ProcessStatus process(const ProcessContext& ctx) noexcept;
  /// Graph output channel `channel` of the last block, valid until the next process().
  std::span<const double> output(std::size_t channel) const noexcept {
    return buffers_.output(channel);
  }
  std::size_t output_count() const noexcept { return schedule_.graph_outputs().size(); }

private:
  Schedule& schedule_;
  ScheduleBuffers buffers_;
};

} // namespace weft::audio
