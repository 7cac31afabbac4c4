/// \file
/// Compiles the cone of some IR nodes into a VM program (program.h): only the nodes the outputs
/// need, in topological order, each classified uniform (a scalar register, computed once per
/// block) or varying (a vector register) from the `me` fields the caller says vary per lane.
/// Owned, Sample and History nodes (and pure calls without a folder, e.g. `pat`) are not
/// evaluated: they are external inputs the caller fills per lane. Run-time loops become a
/// LoopBegin … LoopEnd bracket with carried registers. Registers are reused after their last use.
/// Throws CompileError for loops whose bounds vary per lane (the lowering rejects those in
/// visual programs; audio `me@time` bounds would need masked per-lane loops: not supported yet).
/// Implements: ARCHITECTURE.md §4, LANGUAGE.md §4.5 (run-time loops). Tests: tests/vm/.
/// Real-time: no (allocates).
#pragma once

#include "ir/graph.h"
#include "vm/program.h"

#include <span>
#include <stdexcept>

namespace weft::vm {

struct CompileOptions {
  /// The `me` fields provided per lane. Visual: x and y; audio: sample and time; data: row.
  ir::CoordMask varying = ir::coord_bit(ir::Coord::X) | ir::coord_bit(ir::Coord::Y);
  /// Lanes per vector register (defaults: 1024 visual, 256 audio).
  std::uint32_t block = 1024;
};

class CompileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The program computing `outputs` (in order) of `graph`.
Program compile(const ir::Graph& graph, std::span<const ir::NodeId> outputs,
                const CompileOptions& options = {});

} // namespace weft::vm
