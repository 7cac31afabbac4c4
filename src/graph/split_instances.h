/// \file
/// Finds the instances that must be split into one node per strand: strand dependencies are
/// acyclic (the lowering reports a `cycle` otherwise), but instance-level reads need not be
/// (`a<x> = b@y`, `b<y> = 1`, `b<z> = a@x`). Strongly connected components of the render graph,
/// found without recursion (an iterative Tarjan), name them.
/// Preconditions: a graph from make_render_graph. Guarantees: splitting the instances returned
/// leaves only cycles that strand dependencies have too (none, for a program without errors).
/// Implements: ARCHITECTURE.md §2 (topological order). Tests: tests/graph/render_graph_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <string>
#include <vector>

namespace weft::graph {

/// Names of the instance nodes with several strands, not owned, that lie on a cycle of the render
/// graph, in node order.
std::vector<std::string> find_instance_cycles(const RenderGraph& graph);

} // namespace weft::graph
