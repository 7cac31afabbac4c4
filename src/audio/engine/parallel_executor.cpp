#include "audio/engine/parallel_executor.h"

#include "audio/engine/spin_wait.h"

#include <algorithm>
#include <chrono>

namespace weft::audio {

namespace {

/// Looks an idle worker makes before it starts sleeping between them (a few milliseconds).
constexpr unsigned kIdleLooksBeforeSleep = 4096;
constexpr std::chrono::microseconds kIdleSleep{50};

} // namespace

ParallelExecutor::ParallelExecutor(Schedule& schedule, unsigned threads)
    : schedule_(schedule), buffers_(schedule),
      step_count_(static_cast<std::uint32_t>(schedule.steps().size())),
      claim_(step_count_) { // generation 0, nothing left to claim
  level_start_.reserve(step_count_);
  for (const ScheduleStep& step : schedule.steps())
    level_start_.push_back(schedule.level_begin(step.level));
  const unsigned extra = std::max(1U, threads) - 1;
  workers_.reserve(extra);
  for (unsigned w = 0; w < extra; ++w) workers_.emplace_back([this] { worker_loop(); });
}

ParallelExecutor::~ParallelExecutor() {
  stopping_.store(true, std::memory_order_release);
  for (std::thread& worker : workers_) worker.join();
}

ProcessStatus ParallelExecutor::process(const ProcessContext& ctx) noexcept {
  if (!buffers_.begin_block(ctx)) return ProcessStatus::kBadBlockSize;
  // Every step of the last block has completed, and no thread can claim a step of this one
  // before the store below publishes it.
  ctx_ = &ctx;
  completed_.store(0, std::memory_order_relaxed);
  generation_ = generation_ % 0xffffffffU + 1; // 1 .. 2^32 - 1
  claim_.store(generation_ << 32, std::memory_order_release);
  run_steps();
  SpinBackoff backoff;
  while (completed_.load(std::memory_order_acquire) < step_count_) backoff.pause();
  return ProcessStatus::kOk;
}

bool ParallelExecutor::claim_step(std::uint32_t& step) noexcept {
  std::uint64_t word = claim_.load(std::memory_order_acquire);
  for (;;) {
    if ((word & kStepMask) >= step_count_) return false;
    if (claim_.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel,
                                     std::memory_order_acquire)) {
      step = static_cast<std::uint32_t>(word & kStepMask);
      return true;
    }
  }
}

std::uint32_t ParallelExecutor::run_steps() noexcept {
  const std::span<const ScheduleStep> steps = schedule_.steps();
  std::uint32_t ran = 0;
  for (std::uint32_t i = 0; claim_step(i); ++ran) {
    SpinBackoff backoff;
    while (completed_.load(std::memory_order_acquire) < level_start_[i]) backoff.pause();
    buffers_.run_step(steps[i], *ctx_);
    completed_.fetch_add(1, std::memory_order_release);
  }
  return ran;
}

void ParallelExecutor::worker_loop() noexcept {
  unsigned idle_looks = 0;
  SpinBackoff backoff;
  while (!stopping_.load(std::memory_order_acquire)) {
    if (const std::uint32_t ran = run_steps(); ran > 0) {
      worker_steps_.fetch_add(ran, std::memory_order_relaxed);
      idle_looks = 0;
      backoff.reset();
      continue;
    }
    if (++idle_looks < kIdleLooksBeforeSleep) {
      backoff.pause();
      continue;
    }
    std::this_thread::sleep_for(kIdleSleep);
  }
}

} // namespace weft::audio
