/// \file
/// What a node knows about the block it computes: the index of its first sample, its size, the
/// sample rate, the tempo and the exact musical position of its first sample, an integer cycle
/// plus a reduced rational phase in [0, 1). The position of sample s is s * cps / rate (LANGUAGE.md
/// §8.10 "Cycle time"), kept exact from block to block by rational arithmetic: no drift, ever.
/// Tempo is a Rational, not a double (choice): the cycle position must be exact, so its increment
/// per block must be too; a double tempo would round the increment and drift. The spec converts
/// tempo values exactly from their binary64 values (rational_from_double). When an exact position
/// does not fit in int64 the functions say so (ContextStatus::kOverflow) and mark the position
/// inexact; the sample index always advances (nodes that need exact cycle times, like `s`, compute
/// them from the sample index with wider integers).
/// Implements: ARCHITECTURE.md §5 (ProcessContext). Tests: tests/audio/process_context_test.cpp.
/// Real-time: yes (make_process_context, advance_block; no allocation).
#pragma once

#include "exact/rational.h"

#include <cstdint>

namespace weft::audio {

// The engine's exact time arithmetic (src/exact), under the names the engine has always used.
using exact::add;
using exact::gcd_wide;
using exact::make_rational;
using exact::multiply;
using exact::Rational;
using exact::rational_from_double;
using exact::to_double;
using exact::WideInt;

/// A cycle position: cycle + phase, with 0 <= phase < 1.
struct CyclePosition {
  std::int64_t cycle = 0;
  Rational phase;
  friend bool operator==(const CyclePosition&, const CyclePosition&) = default;
};

struct ProcessContext {
  std::int64_t sample_offset = 0; ///< index of the block's first sample (from 0 at start)
  std::int64_t block_size = 0;    ///< samples in this block (each buffer holds this many)
  std::int64_t sample_rate = 0;   ///< Hz, an integer (LANGUAGE.md §4.1)
  Rational cycles_per_second;     ///< tempo in cycles per second (cps), exact, > 0
  CyclePosition position;         ///< of sample_offset: sample_offset * cps / sample_rate
  bool position_exact = true;     ///< false once a position did not fit (`position` is stale)

  double sample_rate_hz() const noexcept { return static_cast<double>(sample_rate); }
  double cps() const noexcept { return to_double(cycles_per_second); }
  /// The position as a (rounded) binary64, for display.
  double position_cycles() const noexcept {
    return static_cast<double>(position.cycle) + to_double(position.phase);
  }
};

enum class ContextStatus {
  kOk,
  kInvalid,  ///< a rate, tempo or block size <= 0, or a negative sample offset
  kOverflow, ///< the exact result does not fit in int64
};

/// The exact cycle position of sample `sample` (>= 0) at `rate` Hz and tempo `cps` (> 0).
ContextStatus cycle_position_at(std::int64_t sample, std::int64_t rate, Rational cps,
                                CyclePosition& out) noexcept;

/// Fills `out` for the block of `block_size` samples starting at `sample_offset`, computing the
/// position directly.
ContextStatus make_process_context(std::int64_t sample_offset, std::int64_t block_size,
                                   std::int64_t sample_rate, Rational cps,
                                   ProcessContext& out) noexcept;

/// Moves `ctx` to the next block (sample_offset + block_size, same block size; change
/// `block_size` afterwards for a different one) by adding block_size * cps / rate to the position
/// exactly. On kInvalid, `ctx` is unchanged; on kOverflow, the sample index still advances and the
/// position is marked inexact (position_exact = false) until a later block fits again.
ContextStatus advance_block(ProcessContext& ctx) noexcept;

} // namespace weft::audio
