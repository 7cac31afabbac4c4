#include "audio/engine/dependency_graph.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace weft::audio {

NodeId DependencyGraph::add_node(std::string name, std::unique_ptr<AudioNode> node) {
  Entry entry;
  entry.name = std::move(name);
  entry.outputs = node->outputs();
  entry.source.resize(node->inputs());
  entry.node = std::move(node);
  nodes_.push_back(std::move(entry));
  return static_cast<NodeId>(nodes_.size() - 1);
}

bool DependencyGraph::has_output(PortRef from) const {
  return from.node < nodes_.size() && from.port < nodes_[from.node].outputs;
}

bool DependencyGraph::connect(PortRef from, PortRef to) {
  if (!has_output(from) || to.node >= nodes_.size()) return false;
  std::vector<std::optional<PortRef>>& sources = nodes_[to.node].source;
  if (to.port >= sources.size() || sources[to.port]) return false;
  sources[to.port] = from;
  edges_.push_back(Edge{from, to});
  return true;
}

bool DependencyGraph::add_output(PortRef from) {
  if (!has_output(from)) return false;
  outputs_.push_back(from);
  return true;
}

std::optional<PortRef> DependencyGraph::source(PortRef to) const {
  if (to.node >= nodes_.size() || to.port >= nodes_[to.node].source.size()) return std::nullopt;
  return nodes_[to.node].source[to.port];
}

std::vector<std::unique_ptr<AudioNode>> DependencyGraph::take_nodes() {
  std::vector<std::unique_ptr<AudioNode>> taken;
  taken.reserve(nodes_.size());
  for (Entry& entry : nodes_) taken.push_back(std::move(entry.node));
  return taken;
}

namespace {

/// readers[n]: the nodes fed by n, one entry per edge, in edge order.
std::vector<std::vector<NodeId>> readers_of(const DependencyGraph& graph) {
  std::vector<std::vector<NodeId>> readers(graph.node_count());
  for (const Edge& e : graph.edges()) readers[e.from.node].push_back(e.to.node);
  return readers;
}

/// Kahn's algorithm with the smallest ready id first; returns the nodes it could order.
std::vector<NodeId> kahn_order(const DependencyGraph& graph,
                               const std::vector<std::vector<NodeId>>& readers) {
  std::vector<std::size_t> pending(graph.node_count(), 0);
  for (const Edge& e : graph.edges()) ++pending[e.to.node];
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
  for (NodeId n = 0; n < graph.node_count(); ++n)
    if (pending[n] == 0) ready.push(n);
  std::vector<NodeId> order;
  order.reserve(graph.node_count());
  while (!ready.empty()) {
    const NodeId n = ready.top();
    ready.pop();
    order.push_back(n);
    for (NodeId r : readers[n])
      if (--pending[r] == 0) ready.push(r);
  }
  return order;
}

/// One cycle among the nodes Kahn's algorithm left: each has an unordered input, so walking
/// back from the earliest one through its first unordered input must repeat a node.
std::vector<NodeId> find_cycle(const DependencyGraph& graph, const std::vector<bool>& ordered) {
  NodeId start = 0;
  while (ordered[start]) ++start;
  std::vector<std::size_t> seen_at(graph.node_count(), SIZE_MAX);
  std::vector<NodeId> walk;
  NodeId n = start;
  while (seen_at[n] == SIZE_MAX) {
    seen_at[n] = walk.size();
    walk.push_back(n);
    for (std::size_t port = 0; port < graph.input_count(n); ++port) {
      const std::optional<PortRef> from = graph.source({n, static_cast<std::uint32_t>(port)});
      if (from && !ordered[from->node]) {
        n = from->node;
        break;
      }
    }
  }
  std::vector<NodeId> cycle(walk.begin() + static_cast<std::ptrdiff_t>(seen_at[n]), walk.end());
  std::reverse(cycle.begin(), cycle.end()); // the walk went against the data flow
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

std::string cycle_message(const DependencyGraph& graph, const std::vector<NodeId>& cycle) {
  std::string text = "cycle in the audio graph: ";
  for (NodeId n : cycle) text += graph.name(n) + " -> ";
  return text + graph.name(cycle.front());
}

} // namespace

GraphOrder order_graph(const DependencyGraph& graph) {
  GraphOrder result;
  const std::vector<std::vector<NodeId>> readers = readers_of(graph);
  std::vector<NodeId> order = kahn_order(graph, readers);
  if (order.size() < graph.node_count()) {
    std::vector<bool> ordered(graph.node_count(), false);
    for (NodeId n : order) ordered[n] = true;
    result.cycle = find_cycle(graph, ordered);
    result.error = cycle_message(graph, result.cycle);
    return result;
  }
  result.level.assign(graph.node_count(), 0);
  std::uint32_t level_count = graph.node_count() == 0 ? 0 : 1;
  for (NodeId n : order) { // inputs come first, so their levels are final
    for (NodeId r : readers[n]) result.level[r] = std::max(result.level[r], result.level[n] + 1);
    level_count = std::max(level_count, result.level[n] + 1);
  }
  result.batches.resize(level_count);
  for (NodeId n = 0; n < graph.node_count(); ++n) result.batches[result.level[n]].push_back(n);
  result.order = std::move(order);
  return result;
}

} // namespace weft::audio
