/// \file
/// Builds the render graph of a lowered program and runs every step the coordinator needs before
/// compiling: structure, instance cycles split, context tags, backends, topological order,
/// batches, cross-backend reads (ARCHITECTURE.md §2). Each step is a pass in its own file; `weft
/// graph` prints the result (print_graph.h).
/// Preconditions: `module` comes from a program without errors (ir::CheckedProgram::ok()).
/// Implements: LANGUAGE.md §7.1–§7.4, §7.6; ARCHITECTURE.md §2.
/// Tests: tests/graph/ (one file per step), tests/graph/graph_command_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

namespace weft::graph {

/// The render graph of `module` with every step applied. Linear in the size of the module.
RenderGraph build_render_graph(const ir::Module& module);

} // namespace weft::graph
