/// \file
/// The audio graph before compilation: named nodes (owned), edges from a node's output channel
/// to another node's input port (each input fed exactly once; an output may feed any number of
/// inputs), and the graph outputs (which output channels are the final channels, e.g. left and
/// right). `order_graph` gives a deterministic topological order (among ready nodes, the one added
/// first), each node's level (longest path from a node without inputs: 0 for sources, else one
/// more than its deepest input) and the nodes of each level, or a cycle named in the error.
/// Feedback exists only through explicit delay nodes (ARCHITECTURE.md §5), so a cycle is an error.
/// Implements: ARCHITECTURE.md §5 (DependencyGraph). Tests: tests/audio/dependency_graph_test.cpp.
/// Real-time: no.
#pragma once

#include "audio/engine/audio_node.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::audio {

using NodeId = std::uint32_t;

/// An output channel (as a source) or an input port (as a destination) of a node.
struct PortRef {
  NodeId node = 0;
  std::uint32_t port = 0;
  friend bool operator==(const PortRef&, const PortRef&) = default;
};

struct Edge {
  PortRef from; ///< an output channel
  PortRef to;   ///< an input port
};

class DependencyGraph {
public:
  /// Adds a node (non-null) under `name`, used in messages; ids count from 0 in insertion order.
  NodeId add_node(std::string name, std::unique_ptr<AudioNode> node);
  /// Feeds output channel `from` into input port `to`. False, and nothing changes, when a node or
  /// port does not exist or `to` is already connected.
  bool connect(PortRef from, PortRef to);
  /// Makes output channel `from` the next graph output channel; false when it does not exist.
  bool add_output(PortRef from);

  std::size_t node_count() const { return nodes_.size(); }
  const std::string& name(NodeId id) const { return nodes_[id].name; }
  std::size_t input_count(NodeId id) const { return nodes_[id].source.size(); }
  std::size_t output_count(NodeId id) const { return nodes_[id].outputs; }
  /// What feeds input port `to`, when connected.
  std::optional<PortRef> source(PortRef to) const;
  const std::vector<Edge>& edges() const { return edges_; }
  const std::vector<PortRef>& outputs() const { return outputs_; }
  AudioNode& node(NodeId id) { return *nodes_[id].node; }

  /// Moves the nodes out (for the compiled schedule); the graph keeps its structure only.
  std::vector<std::unique_ptr<AudioNode>> take_nodes();

private:
  struct Entry {
    std::string name;
    std::unique_ptr<AudioNode> node;
    std::size_t outputs = 0;
    std::vector<std::optional<PortRef>> source; // per input port
  };
  bool has_output(PortRef from) const;

  std::vector<Entry> nodes_;
  std::vector<Edge> edges_;
  std::vector<PortRef> outputs_;
};

struct GraphOrder {
  std::vector<NodeId> order;                ///< every node, inputs first; ties by insertion order
  std::vector<std::uint32_t> level;         ///< per node id
  std::vector<std::vector<NodeId>> batches; ///< batches[l]: the nodes of level l, by id
  std::vector<NodeId> cycle; ///< one cycle in data-flow order, from its earliest node; or empty
  std::string error;         ///< "cycle in the audio graph: a -> b -> a", or empty
  bool ok() const { return error.empty(); }
};

/// Orders the graph (linear in nodes + edges, times log for the ready set). With a cycle, `order`,
/// `level` and `batches` are empty and `cycle` and `error` name it.
GraphOrder order_graph(const DependencyGraph& graph);

} // namespace weft::audio
