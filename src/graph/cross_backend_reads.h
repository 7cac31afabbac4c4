/// \file
/// Cross-backend reads (LANGUAGE.md §7.3a, §7.4; ARCHITECTURE.md §2): every output read by a node
/// or sink placed in another backend, with the access path the coordinator answers `lookup` with:
/// a **buffer handle** for an owned stateful or hardware output (an audio ring of recent samples
/// addressed by time for audio -> visual/control; the latest completed frame addressed by x, y
/// for visual -> audio), a **value getter** for anything else (the reader evaluates the node's
/// expression at its own coordinates). A value getter recomputes the node's whole cone in the
/// reading backend, so the owned nodes of that cone placed elsewhere are read too: they are listed
/// with the recomputed node as reader (ReaderKind::Recomputed).
/// Preconditions: node backends assigned, `order` from topological_order. Linear in nodes + edges.
/// Implements: LANGUAGE.md §7.3a, §7.4. Tests: tests/graph/cross_backend_reads_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <vector>

namespace weft::graph {

/// One entry per (reading backend, output read): direct reads first, in compile order of the
/// readers and then sink order, then reads found through recomputed nodes.
std::vector<CrossBackendRead> find_cross_backend_reads(const RenderGraph& graph,
                                                       const std::vector<RenderNodeId>& order);

/// The path `lookup` takes for a read of `node` (from another backend).
AccessPathKind access_path(const RenderNode& node);

} // namespace weft::graph
