/// \file
/// `weft graph` output (CLI.md): the render graph for people, as aligned text (every node with
/// its outputs, kind, context tags with the earliest sink, and backend; the sinks; the batches in
/// compile order; every cross-backend read with its access path), or as Graphviz DOT (nodes
/// clustered and coloured by backend, cross-backend edges labelled with the access path).
/// Preconditions: a graph from build_render_graph. Output is deterministic (golden-tested).
/// Implements: CLI.md `weft graph`. Tests: tests/graph/graph_command_test.cpp.
/// Real-time: no.
#pragma once

#include "graph/render_graph.h"

#include <string>

namespace weft::graph {

/// The text form: four sections (nodes, sinks, batches, cross-backend reads), columns aligned.
std::string graph_text(const RenderGraph& graph);

/// The DOT form; `dot -Tsvg` renders it.
std::string graph_dot(const RenderGraph& graph);

/// `buffer handle: audio ring, by time`, `value getter: recomputed in audio`.
std::string access_path_text(const CrossBackendRead& read);

} // namespace weft::graph
