/// \file
/// Waiting on an atomic without locks or futexes: a few hundred CPU pause instructions (the value
/// usually changes within microseconds), then yielding the core to another thread so that a
/// waiter never starves the thread it waits for when threads outnumber cores. The audio path
/// waits only like this; it never sleeps and never blocks in the kernel.
/// Implements: ARCHITECTURE.md §5 (no locks on the audio thread). Tests: through
/// tests/audio/parallel_equals_serial_test.cpp. Real-time: yes (sched_yield is a system call
/// but takes no lock and allocates nothing).
#pragma once

#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace weft::audio {

/// One CPU hint that the thread is spinning (saves power, frees the sibling hyperthread).
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

class SpinBackoff {
public:
  /// Waits a little; call in a loop that re-reads the awaited atomic.
  void pause() noexcept {
    if (spins_ < kPauseSpins) {
      ++spins_;
      cpu_relax();
      return;
    }
    std::this_thread::yield();
  }
  void reset() noexcept { spins_ = 0; }

private:
  static constexpr unsigned kPauseSpins = 256;
  unsigned spins_ = 0;
};

} // namespace weft::audio
