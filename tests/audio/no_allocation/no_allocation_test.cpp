// The real-time check of ARCHITECTURE.md §5 for the engine: no allocation while the serial and
// parallel executors run (the counting global allocator of tests/support/counting_allocator.h,
// linked into this executable only).
#include "audio/engine/parallel_executor.h"
#include "audio/engine/serial_executor.h"

#include "../test_nodes.h"
#include "support/counting_allocator.h"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <new>

namespace {

using namespace weft::audio;
using namespace weft::audio::test;

/// Keeps the compiler from removing a new/delete pair.
void escape(void* p) {
  asm volatile("" : : "g"(p) : "memory");
}

using Counts = weft::test::AllocationCounts;

template <typename Body> Counts count_during(Body body) {
  return weft::test::count_allocations(body);
}

std::unique_ptr<Schedule> test_schedule(std::uint64_t seed) {
  DependencyGraph graph;
  build_random_graph(seed, 300, graph); // every test node kind, prepare_block included
  ScheduleResult result = compile_schedule(std::move(graph), 128);
  EXPECT_TRUE(result.ok()) << result.error;
  return std::move(result.schedule);
}

/// 10 s at 48 kHz in blocks of 128 samples; false if a block failed.
template <typename Executor> bool run_ten_seconds(Executor& executor) {
  ProcessContext ctx;
  if (make_process_context(0, 128, 48000, {9, 16}, ctx) != ContextStatus::kOk) return false;
  bool ok = true;
  for (int block = 0; block < 48000 * 10 / 128; ++block) {
    ok = ok && executor.process(ctx) == ProcessStatus::kOk;
    ok = ok && advance_block(ctx) == ContextStatus::kOk;
  }
  return ok;
}

TEST(NoAllocation, TheCountingAllocatorSeesAnAllocation) {
  const Counts counts = count_during([] {
    int* p = new int(7);
    escape(p);
    delete p;
  });
  EXPECT_EQ(counts.allocations, 1U);
  EXPECT_EQ(counts.deallocations, 1U);
}

TEST(NoAllocation, TheSerialExecutorAllocatesNothingInTenSecondsOfAudio) {
  std::unique_ptr<Schedule> schedule = test_schedule(7);
  SerialExecutor executor(*schedule);
  bool ok = false;
  const Counts counts = count_during([&] { ok = run_ten_seconds(executor); });
  EXPECT_TRUE(ok);
  EXPECT_EQ(counts.allocations, 0U);
  EXPECT_EQ(counts.deallocations, 0U);
}

TEST(NoAllocation, TheParallelExecutorAllocatesNothingInTenSecondsOfAudio) {
  std::unique_ptr<Schedule> schedule = test_schedule(8);
  ParallelExecutor executor(*schedule, 3);
  bool ok = false;
  const Counts counts = count_during([&] { ok = run_ten_seconds(executor); });
  EXPECT_TRUE(ok);
  EXPECT_EQ(counts.allocations, 0U);
  EXPECT_EQ(counts.deallocations, 0U);
}

TEST(NoAllocation, TheBufferPoolAllocatesNothingWhenItRunsOut) {
  BufferPool pool(4, 128);
  const Counts counts = count_during([&] {
    for (int round = 0; round < 1000; ++round) {
      BufferIndex taken[5];
      for (BufferIndex& b : taken) b = pool.acquire(); // the fifth fails
      for (BufferIndex b : taken) pool.release(b);     // and its release is refused
    }
  });
  EXPECT_EQ(counts.allocations, 0U);
  EXPECT_EQ(pool.stats().failed_acquires, 1000U);
}

} // namespace
