#include "graph/tag_contexts.h"

namespace weft::graph {

namespace {

struct PendingTag {
  RenderNodeId node;
  ir::Domain domain;
};

/// The domain in which a node's arguments are needed: the owner's for an owned node (§7.1).
ir::Domain domain_of_arguments(const RenderNode& node, ir::Domain needed_by) {
  return node.owner ? *node.owner : needed_by;
}

} // namespace

std::vector<NodeTags> tag_contexts(const RenderGraph& graph) {
  std::vector<NodeTags> tags(graph.nodes.size());
  std::vector<PendingTag> work;
  for (std::uint32_t s = 0; s < graph.sinks.size(); ++s) {
    const RenderSink& sink = graph.sinks[s];
    for (OutputRef in : sink.inputs) work.push_back({in.node, sink.domain});
    while (!work.empty()) {
      const PendingTag t = work.back();
      work.pop_back();
      std::int32_t& earliest = tags[t.node].earliest_sink[static_cast<int>(t.domain)];
      // Sinks are walked in source order: a tag already present came from this sink or an
      // earlier one, and so did everything upstream of it.
      if (earliest >= 0) continue;
      earliest = static_cast<std::int32_t>(s);
      const RenderNode& node = graph.nodes[t.node];
      const ir::Domain next = domain_of_arguments(node, t.domain);
      for (OutputRef in : node.inputs) work.push_back({in.node, next});
    }
  }
  return tags;
}

} // namespace weft::graph
