/// \file
/// Placement (LANGUAGE.md §7.3a, ARCHITECTURE.md §2 "node assignment"): owned nodes go to their
/// owner domain; every other node to the first domain that needs it, that is the tag recorded for
/// the earliest sink in source order; when that sink's walk gave the node two tags, the sink's
/// own domain wins. A node no sink needs gets no backend and is not compiled.
/// Preconditions: tags from tag_contexts for the same graph. Placement never changes a value.
/// Implements: LANGUAGE.md §7.2, §7.3a. Tests: tests/graph/assign_backends_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <optional>
#include <vector>

namespace weft::graph {

/// The backend of every node, indexed by RenderNodeId; empty for a node no sink needs.
std::vector<std::optional<ir::Domain>> assign_backends(const RenderGraph& graph,
                                                       const std::vector<NodeTags>& tags);

} // namespace weft::graph
