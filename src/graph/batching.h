/// \file
/// Batching (ARCHITECTURE.md §2, the seed's "batch compile in topological order"): the maximal
/// runs of consecutive nodes of the topological order placed in the same backend. A backend
/// compiles a batch at once, so it can optimise related nodes together, while the order between
/// batches keeps every cross-backend dependency ready before it is read.
/// Preconditions: `order` from topological_order, node backends assigned.
/// Implements: ARCHITECTURE.md §2. Tests: tests/graph/batching_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <vector>

namespace weft::graph {

/// The batches in compile order; every node of `order` is in exactly one.
std::vector<Batch> make_batches(const RenderGraph& graph, const std::vector<RenderNodeId>& order);

} // namespace weft::graph
