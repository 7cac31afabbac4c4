/// \file
/// Runs a compiled Schedule one block at a time on the calling thread plus a persistent pool of
/// worker threads, bit-identical to SerialExecutor: every node sees the same inputs and writes the
/// same buffers whatever thread runs it, and a node's output depends only on its inputs and its
/// own state, so the order within a level cannot change a result.
/// One block: the caller runs every prepare_block, resets the completed count and publishes the
/// block with a release store of the claim word (generation << 32 | next step). The caller and
/// any workers then claim steps in schedule order by compare-and-swap on that word (a claim only
/// succeeds on the current block's word, so a late worker can never touch a finished block); a
/// step first waits until the completed count reaches the start of its level (all earlier levels
/// are done: steps are claimed in order and none of a level starts before then), runs, and adds
/// one to the completed count (release). The caller returns once the count reaches the number of
/// steps (acquire): every buffer is then written and visible to it.
/// Real-time safety: no locks, condition variables, futexes, system allocation or I/O on this
/// path; waiting is spinning on atomics with SpinBackoff (pause, then sched_yield). The caller
/// waits only for steps a worker has claimed and is running; a worker that is asleep or late just
/// claims nothing, and the caller runs whatever nobody claimed. Idle workers look at the claim
/// word a few thousand times and then sleep 50 µs between looks (on their own threads, never the
/// caller's), so a slow wake-up costs parallelism, never correctness or a stall. Worker threads
/// run at the default priority (to be raised with the live driver).
/// Implements: ARCHITECTURE.md §5 (parallel batches, bit-identical to serial). Tests:
/// tests/audio/parallel_equals_serial_test.cpp, tests/audio/no_allocation/no_allocation_test.cpp.
/// Real-time: process and output yes; construction and destruction no (threads start and stop).
#pragma once

#include "audio/engine/schedule_buffers.h"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace weft::audio {

class ParallelExecutor {
public:
  /// `threads` in all (at least 1), the caller of process() included: starts threads - 1 workers.
  /// `schedule` must outlive the executor; one executor at a time may run it.
  ParallelExecutor(Schedule& schedule, unsigned threads);
  ~ParallelExecutor();
  ParallelExecutor(const ParallelExecutor&) = delete;
  ParallelExecutor& operator=(const ParallelExecutor&) = delete;

  /// Computes the block described by `ctx`; returns when every step is done. Not reentrant.
  ProcessStatus process(const ProcessContext& ctx) noexcept;
  std::span<const double> output(std::size_t channel) const noexcept {
    return buffers_.output(channel);
  }
  std::size_t output_count() const noexcept { return schedule_.graph_outputs().size(); }
  unsigned threads() const noexcept { return static_cast<unsigned>(workers_.size()) + 1; }
  /// Steps run by workers rather than the caller since construction (for tests and load stats).
  std::uint64_t steps_run_by_workers() const noexcept {
    return worker_steps_.load(std::memory_order_relaxed);
  }

private:
  static constexpr std::uint64_t kStepMask = 0xffffffffU; // the claim word's low half

  bool claim_step(std::uint32_t& step) noexcept;
  std::uint32_t run_steps() noexcept; // returns the number of steps this thread ran
  void worker_loop() noexcept;

  Schedule& schedule_;
  ScheduleBuffers buffers_;
  std::uint32_t step_count_;
  std::vector<std::uint32_t> level_start_; // per step: index of the first step of its level
  const ProcessContext* ctx_ = nullptr;    // published by the release store of claim_
  std::uint64_t generation_ = 0;           // the caller's copy
  alignas(64) std::atomic<std::uint64_t> claim_;
  alignas(64) std::atomic<std::uint32_t> completed_{0};
  alignas(64) std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> worker_steps_{0};
  std::vector<std::thread> workers_;
};

} // namespace weft::audio
