/// \file
/// A fixed set of worker threads kept alive between jobs, so a backend that renders frame after
/// frame (`weft run`, video) does not start threads per frame. `run(job)` calls `job(worker)` once
/// on each of `size()` workers — the calling thread is worker 0 — and returns when all are done.
/// Jobs divide their work themselves (e.g. an atomic row counter), so results must not depend
/// on which worker does what.
/// Tests: tests/runtime/worker_pool_test.cpp. Real-time: no (locks, condition variables).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace weft::runtime {

class WorkerPool {
public:
  /// `threads` workers in all (at least 1), including the caller of `run`.
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(threads_.size()) + 1; }
  /// Runs `job(w)` for every worker w in [0, size()) and waits for all of them.
  void run(const std::function<void(unsigned worker)>& job);

private:
  void loop(unsigned worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(unsigned)>* job_ = nullptr;
  std::uint64_t generation_ = 0;
  unsigned busy_ = 0;
  bool stopping_ = false;
};

} // namespace weft::runtime
