/// \file
/// Context tagging (LANGUAGE.md §7.1): "who needs this value". Walking back from each sink in
/// source order, every node in the sink's cone is tagged with the sink's domain; at an owned node
/// the walk continues into the node's arguments with the owner's domain, because the owner
/// evaluates them (in `display(sine(f@v))`, `f` is tagged audio). A node may carry several tags;
/// each records the earliest sink whose walk produced it.
/// Preconditions: a graph from make_render_graph. The walk is iterative (programs may have 100k
/// instances) and visits each (node, domain) pair once: linear in nodes + edges.
/// Implements: LANGUAGE.md §7.1. Tests: tests/graph/tag_contexts_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <vector>

namespace weft::graph {

/// The tags of every node, indexed by RenderNodeId. Untagged nodes are needed by no sink.
std::vector<NodeTags> tag_contexts(const RenderGraph& graph);

} // namespace weft::graph
