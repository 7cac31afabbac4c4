/// \file
/// The memory a Schedule runs in: its buffer_count() buffers of max_block_size() samples (one
/// BufferPool, allocated at construction) and, for every step, the input and output spans its
/// node receives, pointed at the first block_size samples of the preassigned buffers. Shared by
/// the serial and the parallel executor, so both run each step through the same code.
/// Implements: ARCHITECTURE.md §5 (preassigned buffers). Tests: tests/audio/schedule_test.cpp,
/// tests/audio/parallel_equals_serial_test.cpp. Real-time: begin_block, run_step, output yes (no
/// allocation, no locks); construction no.
#pragma once

#include "audio/engine/buffer_pool.h"
#include "audio/engine/schedule.h"

#include <span>
#include <vector>

namespace weft::audio {

enum class ProcessStatus {
  kOk,
  kBadBlockSize, ///< block_size outside 1 .. max_block_size(): nothing ran, outputs are empty
};

class ScheduleBuffers {
public:
  explicit ScheduleBuffers(Schedule& schedule);

  /// Checks the block size, points the spans at ctx.block_size samples (only when it changed)
  /// and calls every node's prepare_block in schedule order on this thread. False for a bad block
  /// size; then nothing is prepared and output() is empty until the next good block.
  bool begin_block(const ProcessContext& ctx) noexcept;
  /// Runs one step's process_block on its spans; safe concurrently for steps of one level.
  void run_step(const ScheduleStep& step, const ProcessContext& ctx) noexcept;
  /// Graph output channel `channel` of the last block (ctx.block_size samples); empty when out of
  /// range or after a bad block.
  std::span<const double> output(std::size_t channel) const noexcept;

private:
  void bind(std::size_t block_size) noexcept;

  Schedule& schedule_;
  BufferPool pool_;
  std::vector<std::span<const double>> inputs_; // parallel to Schedule::input_buffers()
  std::vector<std::span<double>> outputs_;      // parallel to Schedule::output_buffers()
  std::vector<std::span<const double>> graph_outputs_;
  std::size_t bound_block_size_ = 0;
};

} // namespace weft::audio
