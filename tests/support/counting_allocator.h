/// \file
/// The real-time check of ARCHITECTURE.md §5 (no allocation on the audio thread): linking
/// counting_allocator.cpp into a test executable replaces the global operator new and delete
/// (every form) with versions that forward to malloc/free and, while counting is switched on,
/// count every call on every thread (worker threads included). Build such tests as executables of
/// their own: the replacement is global.
/// Under ASan the replacement still wins over the sanitizer's operator new (the executable's
/// definition is found first); malloc and free stay ASan's, so its checks keep working.
/// Not counted: direct malloc calls (a C library inside a node would escape this check).
#pragma once

#include <cstdint>
#include <functional>

namespace weft::test {

struct AllocationCounts {
  std::uint64_t allocations = 0;
  std::uint64_t deallocations = 0;
};

/// Runs `body` with counting on and returns what it allocated and freed.
AllocationCounts count_allocations(const std::function<void()>& body);

} // namespace weft::test
