/// \file
/// The bridge between the crossing buffers of LANGUAGE.md §7.4 and the VM: a runtime::SampleRing
/// as the vm::HistorySource a HistoryRead instruction calls, a runtime::FrameBuffer as the
/// vm::FrameSource a FrameSample instruction calls. Shared by the backends: visual reads audio
/// rings and its own camera frames, audio reads its own rings (§6.7) and camera frames.
/// Preconditions: the buffer outlives every program run with the source.
/// Implements: LANGUAGE.md §7.4. Tests: tests/backends/cross_domain_test.cpp.
/// Real-time: yes (a function pointer call into the buffer's read).
#pragma once

#include "runtime/frame_buffer.h"
#include "runtime/sample_ring.h"
#include "vm/execute.h"

namespace weft::backends {

inline vm::HistorySource history_source(const runtime::SampleRing& ring) {
  return {[](const void* source, double tau, std::int64_t newest) noexcept {
            return static_cast<const runtime::SampleRing*>(source)->read_at_time(tau, newest);
          },
          &ring};
}

inline vm::FrameSource frame_source(const runtime::FrameBuffer& frame) {
  return {[](const void* source, double u, double v) noexcept {
            return static_cast<const runtime::FrameBuffer*>(source)->read_at(u, v);
          },
          &frame};
}

} // namespace weft::backends
