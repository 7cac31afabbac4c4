/// \file
/// Compiles the cone of some IR nodes into a VM program (program.h): only the nodes the outputs
/// need, in topological order, each classified from the `me` fields the caller declares:
/// frame-uniform (no per-row or per-lane coordinate: constants, `mouse`, the other `me` fields;
/// a scalar computed once per `run` call in the prologue — except inside or after a run-time
/// loop, which stays in the per-block section), row-uniform (reads a `row` field but no
/// `varying` one: a scalar computed once per block) or varying (a vector register, a lane loop).
/// Fused instructions replace the generic `Call` for the hot builtins (program.h). An `if` whose
/// condition varies evaluates the expensive instructions (transcendentals, noise, `Call`) that
/// only one of its branches needs under a lane mask, so unselected lanes cost nothing there.
/// `load` lookups become ImageSample instructions over the decoded images the caller passes
/// (CompileOptions::images). `History` nodes (an audio-owned output read at a remapped time)
/// become HistoryRead instructions over the histories the caller passes (Program::histories).
/// `pat` calls become PatternRead instructions over the compiled patterns
/// (CompileOptions::patterns). `camera` Samples become FrameSample instructions over the frames the
/// caller passes (Program::frames). Owned nodes (and pure calls without a folder, e.g. `pat`) are
/// not evaluated: they are external inputs the caller fills per lane. Run-time loops become a
/// LoopBegin … LoopEnd bracket with carried registers. Registers are reused after their last use.
/// Throws CompileError for loops whose bounds vary per lane (the lowering rejects those in visual
/// programs; audio `me@time` bounds would need masked per-lane loops: not supported yet).
/// Implements: ARCHITECTURE.md §4, LANGUAGE.md §4.5 (run-time loops). Tests: tests/vm/. Real-time:
/// no (allocates).
#pragma once

#include "ir/graph.h"
#include "ir/module.h"
#include "vm/program.h"

#include <span>
#include <stdexcept>

namespace weft::vm {

struct CompileOptions {
  /// The `me` fields provided per lane. Visual: x and y; audio: sample and time; data: row.
  ir::CoordMask varying = ir::coord_bit(ir::Coord::X) | ir::coord_bit(ir::Coord::Y);
  /// The `me` fields constant within each block but not within a call (e.g. visual `y` when no
  /// block crosses a row, with `varying` = x only). A field in both masks is varying.
  ir::CoordMask row = 0;
  /// Lanes per vector register (defaults: 1024 visual, 256 audio).
  std::uint32_t block = 1024;
  /// The decoded images of `load` by path string id (ir::Module::images); needed when the cone
  /// reads one, else compile throws.
  const std::map<std::uint32_t, std::shared_ptr<const io::Image>>* images = nullptr;
  /// The compiled patterns of `pat` by pattern string id (ir::Module::patterns); needed when the
  /// cone reads one, else compile throws.
  const std::map<std::uint32_t, std::shared_ptr<const patterns::Pattern>>* patterns = nullptr;
  /// me<cps>: the cycles per second of pattern time (§8.10).
  double cps = 0.5;
};

class CompileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The program computing `outputs` (in order) of `graph`.
Program compile(const ir::Graph& graph, std::span<const ir::NodeId> outputs,
                const CompileOptions& options = {});

} // namespace weft::vm
