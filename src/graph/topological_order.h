/// \file
/// Topological order of the used nodes (ARCHITECTURE.md §2): dependencies first. Among the nodes
/// that are ready, the order keeps going with the backend of the last node while it has one ready
/// (so consecutive nodes of one backend stay together where dependencies allow, and batches stay
/// few), and otherwise takes the node earliest in source order. For the ARCHITECTURE.md §2
/// example this gives snd, img1, img2, samp, processed.
/// Preconditions: node backends assigned (assign_backends); unused nodes are left out. A cycle is
/// reported by naming it, not by an order: the lowering rejects strand cycles and
/// find_instance_cycles splits instance-level ones, so one here is a compiler bug.
/// Implements: ARCHITECTURE.md §2. Tests: tests/graph/batching_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <vector>

namespace weft::graph {

struct TopologicalOrder {
  std::vector<RenderNodeId> order; ///< every used node, dependencies first
  std::vector<RenderNodeId> cycle; ///< empty, or one cycle in data-flow order, earliest node first
  bool ok() const { return cycle.empty(); }
};

/// Orders the nodes that have a backend. Linear in nodes + edges (times log for the ready sets).
TopologicalOrder topological_order(const RenderGraph& graph);

/// `a -> b -> a`, for messages.
std::string cycle_text(const RenderGraph& graph, const std::vector<RenderNodeId>& cycle);

} // namespace weft::graph
