#include "graph/topological_order.h"

#include <algorithm>
#include <array>
#include <functional>
#include <queue>

namespace weft::graph {

namespace {

using ReadyQueue = std::priority_queue<RenderNodeId, std::vector<RenderNodeId>, std::greater<>>;

/// Dependants of every node in one flat array (compressed rows), with the count of distinct
/// used nodes each node waits for.
struct Dependants {
  std::vector<std::uint32_t> first; ///< size nodes + 1
  std::vector<RenderNodeId> list;
  std::vector<std::uint32_t> waiting_for;
};

/// The distinct nodes `node` reads (inputs are sorted, so repeated nodes are adjacent).
template <typename Fn> void for_each_input_node(const RenderNode& node, Fn&& fn) {
  for (std::size_t i = 0; i < node.inputs.size(); ++i) {
    if (i > 0 && node.inputs[i].node == node.inputs[i - 1].node) continue;
    fn(node.inputs[i].node);
  }
}

Dependants find_dependants(const RenderGraph& graph) {
  const std::size_t n = graph.nodes.size();
  Dependants d;
  d.first.assign(n + 1, 0);
  d.waiting_for.assign(n, 0);
  for (RenderNodeId id = 0; id < n; ++id) {
    if (!graph.nodes[id].backend) continue;
    for_each_input_node(graph.nodes[id], [&](RenderNodeId m) {
      ++d.first[m + 1];
      ++d.waiting_for[id];
    });
  }
  for (std::size_t i = 0; i < n; ++i) d.first[i + 1] += d.first[i];
  d.list.resize(d.first[n]);
  std::vector<std::uint32_t> fill(d.first.begin(), d.first.end() - 1);
  for (RenderNodeId id = 0; id < n; ++id) {
    if (!graph.nodes[id].backend) continue;
    for_each_input_node(graph.nodes[id], [&](RenderNodeId m) { d.list[fill[m]++] = id; });
  }
  return d;
}

/// Among the nodes left over (each still waits for one of them), follows inputs until a node
/// repeats and returns that loop in data-flow order, from its node earliest in source order.
std::vector<RenderNodeId> find_cycle(const RenderGraph& graph,
                                     const std::vector<std::uint32_t>& waiting) {
  RenderNodeId start = 0;
  while (start < graph.nodes.size() && (!graph.nodes[start].backend || waiting[start] == 0))
    ++start;
  std::vector<std::int32_t> position(graph.nodes.size(), -1);
  std::vector<RenderNodeId> path;
  RenderNodeId n = start;
  while (position[n] < 0) {
    position[n] = static_cast<std::int32_t>(path.size());
    path.push_back(n);
    for (OutputRef in : graph.nodes[n].inputs) {
      if (waiting[in.node] > 0) {
        n = in.node;
        break;
      }
    }
  }
  std::vector<RenderNodeId> cycle(path.begin() + position[n], path.end());
  std::reverse(cycle.begin(), cycle.end()); // inputs were followed: reverse gives data flow
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

} // namespace

TopologicalOrder topological_order(const RenderGraph& graph) {
  Dependants deps = find_dependants(graph);
  std::array<ReadyQueue, 4> ready;
  std::size_t used = 0;
  for (RenderNodeId id = 0; id < graph.nodes.size(); ++id) {
    if (!graph.nodes[id].backend) continue;
    ++used;
    if (deps.waiting_for[id] == 0) ready[static_cast<int>(*graph.nodes[id].backend)].push(id);
  }
  TopologicalOrder result;
  result.order.reserve(used);
  int current = -1;
  while (result.order.size() < used) {
    if (current < 0 || ready[static_cast<std::size_t>(current)].empty()) {
      current = -1;
      for (int b = 0; b < 4; ++b) {
        if (ready[b].empty()) continue;
        if (current < 0 || ready[b].top() < ready[current].top()) current = b;
      }
      if (current < 0) break; // nothing ready: a cycle
    }
    const RenderNodeId n = ready[current].top();
    ready[current].pop();
    result.order.push_back(n);
    for (std::uint32_t i = deps.first[n]; i < deps.first[n + 1]; ++i) {
      const RenderNodeId m = deps.list[i];
      if (--deps.waiting_for[m] == 0) ready[static_cast<int>(*graph.nodes[m].backend)].push(m);
    }
  }
  if (result.order.size() < used) result.cycle = find_cycle(graph, deps.waiting_for);
  return result;
}

std::string cycle_text(const RenderGraph& graph, const std::vector<RenderNodeId>& cycle) {
  std::string text;
  for (RenderNodeId n : cycle) text += graph.nodes[n].name + " -> ";
  if (!cycle.empty()) text += graph.nodes[cycle.front()].name;
  return text;
}

} // namespace weft::graph
