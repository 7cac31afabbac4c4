/// \file
/// The VM interpreter, one template over the lane type: `float` for the visual domain, `double`
/// for audio, control and data (LANGUAGE.md §1.6). Runs a Program over `lanes` lanes: first its
/// frame-uniform prologue once (scalars), then, in blocks of `Program::block` lanes, the rest:
/// row-uniform instructions once per block as scalars, varying ones as one tight lane loop each
/// (masked ones only over the lanes their `if` branch selects).
/// Numerics (strict IEEE, built with -ffp-contract=off, no -ffast-math): the §3.4 operators, abs,
/// floor, ceil, sqrt, fract, step, min, max and mod are evaluated in the lane type (each is one
/// correctly rounded operation, or exact, so the result equals the binary64 folder rounded to
/// the lane type, except `%` whose three float operations round separately). Float lanes of
/// `sin`, `cos`, `tan`, `exp`, `log`, `atan2`, two-argument `hypot` and `pow` (and `^`) use the
/// binary32 kernels of vm/float_math.h, vectorised, for varying, masked and uniform instructions
/// alike: within 1 ulp of the binary64 reference rounded to binary32 (measured over all 2^32
/// floats for sin, cos, tan, exp and log, over dense grids for atan2 and pow; ≤ 4 ulp is what
/// LANGUAGE.md §8.1 allows), the reference's special values, `hypot` equal to the reference bit
/// for bit; lanes outside a kernel's reduction (|x| > 2^28 for sin, cos, tan; non-finite atan2
/// operands; pow with a base ≤ 0 or a non-finite operand) take the binary64 reference. Double
/// lanes of these, `mix`, and every other builtin (fused ones included) evaluate the binary64
/// reference (src/ir/builtins) on the arguments widened to binary64 and round the result to the
/// lane type, bit-exact with the constant folders; `noise`, `snoise` and `fbm` do so through the
/// vectorised lane kernels of vm/noise_lanes.h, which compute the reference's binary64 value bit
/// for bit (varying, unmasked instructions; the others call the reference). Results are
/// deterministic and independent of
/// the block size, the uniform/varying class of an instruction and the thread count.
/// Implements: ARCHITECTURE.md §4, LANGUAGE.md §3.4, §8.1–§8.3, §8.8 (`dist`). Tests: tests/vm/.
/// Real-time: `run` with a Workspace allocates nothing once the workspace has grown.
#pragma once

#include "vm/program.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace weft::vm {

/// A signal addressed by time that HistoryRead reads (LANGUAGE.md §7.4): `read(source, τ,
/// newest)` is its value at time τ (seconds) for a reader that sees samples up to `newest`. The
/// caller owns `source` (e.g. a runtime::SampleRing); the VM only calls through it.
struct HistorySource {
  double (*read)(const void* source, double tau, std::int64_t newest) noexcept = nullptr;
  const void* source = nullptr;
};

/// A frame that FrameSample reads (LANGUAGE.md §7.4): `read(source, u, v)` is its §8.5 lookup.
/// The caller owns `source` (e.g. a runtime::FrameBuffer).
struct FrameSource {
  double (*read)(const void* source, double u, double v) noexcept = nullptr;
  const void* source = nullptr;
};

/// What a program reads. Lane arrays hold `lanes` values (the whole domain passed to `run`).
template <class T> struct Inputs {
  /// The `me` fields the program was compiled to see varying: one value per lane. For a row
  /// field (`CompileOptions::row`), either null (the value is `coords`, the same for the whole
  /// call: e.g. a backend that calls `run` once per row) or one value per lane that must be
  /// constant within each block: the VM reads only the first lane of each block.
  std::array<const T*, ir::kCoordCount> coord_lanes{};
  /// The other `me` fields: one value for the whole call.
  std::array<T, ir::kCoordCount> coords{};
  std::array<T, 3> mouse{}; ///< x, y, down
  /// One lane array per `Program::externals` entry.
  std::span<const T* const> externals;
  /// One source per `Program::histories` entry.
  std::span<const HistorySource> histories;
  /// One source per `Program::frames` entry.
  std::span<const FrameSource> frames;
  /// The newest sample lane 0 of the call may see, and how much that grows per lane: 0 for a
  /// picture (one instant per frame), 1 for audio (lane i is the sample being computed, §6.7).
  std::int64_t history_newest = 0;
  std::int64_t history_lane_step = 0;
  /// The clock behind an unremapped `me@time` (patterns, §8.10): lane i of the call is at
  /// counter clock_first + clock_lane_step × i, counting 1 / clock_rate seconds (a picture: its
  /// frame (wrapped at me<loop>) at me<fps>; audio: the sample at the rate). 0: no clock (C is
  /// then me@time · cps in binary64).
  std::int64_t clock_first = 0;
  std::int64_t clock_lane_step = 0;
  double clock_rate = 0;
};

/// Where a program writes: one lane array per `Program::outputs` entry.
template <class T> struct Outputs { std::span<T* const> lanes; };

/// Executed-instruction counters (for tests and profiling).
struct Stats {
  std::uint64_t scalar_instructions = 0;   ///< uniform work, the prologue's included
  std::uint64_t prologue_instructions = 0; ///< frame-uniform work: once per call
  std::uint64_t vector_instructions = 0;   ///< lane loops
  /// Lanes computed by expensive instructions (sin, cos, tan, exp, log, pow, atan2, noise,
  /// snoise, fbm, Call; a scalar one counts 1): masked ones count only their selected lanes.
  std::uint64_t expensive_lanes = 0;
  std::uint64_t blocks = 0;
};

/// Scratch registers, reusable across calls.
template <class T> struct Workspace {
  std::vector<T> vectors;
  std::vector<T> scalars;
  std::vector<const T*> pointers;
  std::vector<std::uint32_t> loops;
  /// PatternRead: each read's events of its last queried cycle (Program slices), and that cycle.
  std::vector<patterns::Event> pattern_events;
  struct CachedCycle {
    std::int64_t cycle = 0;
    std::size_t count = 0;
    bool valid = false;
    bool ok = false;
    /// The last clocked result, which holds for counters in [from, until) (pat_next_change).
    std::int64_t from = 0, until = 0;
    double value = 0, gate = 0;
  };
  std::vector<CachedCycle> pattern_cycles;
};

template <class T>
void run(const Program& program, const Inputs<T>& inputs, const Outputs<T>& outputs,
         std::size_t lanes, Workspace<T>& workspace, Stats* stats = nullptr);

/// The same with a temporary workspace.
template <class T>
void run(const Program& program, const Inputs<T>& inputs, const Outputs<T>& outputs,
         std::size_t lanes, Stats* stats = nullptr) {
  Workspace<T> workspace;
  run(program, inputs, outputs, lanes, workspace, stats);
}

extern template void run<float>(const Program&, const Inputs<float>&, const Outputs<float>&,
                                std::size_t, Workspace<float>&, Stats*);
extern template void run<double>(const Program&, const Inputs<double>&, const Outputs<double>&,
                                 std::size_t, Workspace<double>&, Stats*);

} // namespace weft::vm
