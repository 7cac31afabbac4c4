#include "runtime/worker_pool.h"

#include <atomic>
#include <gtest/gtest.h>
#include <set>
#include <thread>

namespace {

using weft::runtime::WorkerPool;

TEST(WorkerPool, EveryWorkerRunsEachJobOnceAndTheCallerIsWorkerZero) {
  WorkerPool pool(3);
  ASSERT_EQ(pool.size(), 3U);
  for (int round = 0; round < 200; ++round) {
    std::atomic<unsigned> mask{0};
    std::thread::id zero;
    pool.run([&](unsigned w) {
      mask.fetch_or(1U << w);
      if (w == 0) zero = std::this_thread::get_id();
    });
    EXPECT_EQ(mask.load(), 0b111U);
    EXPECT_EQ(zero, std::this_thread::get_id());
  }
}

TEST(WorkerPool, SharedCounterCoversAllWorkOnce) {
  WorkerPool pool(4);
  std::vector<int> hits(10000, 0);
  std::atomic<std::size_t> next{0};
  pool.run([&](unsigned) {
    for (std::size_t i = next++; i < hits.size(); i = next++) ++hits[i];
  });
  for (int h : hits) ASSERT_EQ(h, 1);
}

TEST(WorkerPool, OneThreadRunsOnTheCaller) {
  WorkerPool pool(0);
  EXPECT_EQ(pool.size(), 1U);
  int calls = 0;
  pool.run([&](unsigned w) {
    EXPECT_EQ(w, 0U);
    ++calls;
  });
  EXPECT_EQ(calls, 1);
}

} // namespace
