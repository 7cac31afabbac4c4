#include "graph/assign_backends.h"

namespace weft::graph {

namespace {

/// The domain of the tag recorded for the earliest sink; the sink's own domain when that sink
/// gave the node several tags.
ir::Domain first_needing_domain(const NodeTags& tags, const RenderSink& earliest) {
  const auto sink = static_cast<std::int32_t>(earliest.index);
  if (tags.earliest_sink[static_cast<int>(earliest.domain)] == sink) return earliest.domain;
  for (ir::Domain d : ir::kAllDomains) {
    if (tags.earliest_sink[static_cast<int>(d)] == sink) return d;
  }
  return earliest.domain;
}

} // namespace

std::vector<std::optional<ir::Domain>> assign_backends(const RenderGraph& graph,
                                                       const std::vector<NodeTags>& tags) {
  std::vector<std::optional<ir::Domain>> backends(graph.nodes.size());
  for (RenderNodeId n = 0; n < graph.nodes.size(); ++n) {
    const std::int32_t first = tags[n].first_sink();
    if (first < 0) continue; // needed by no sink
    const RenderNode& node = graph.nodes[n];
    backends[n] = node.owner
                      ? *node.owner
                      : first_needing_domain(tags[n], graph.sinks[static_cast<std::size_t>(first)]);
  }
  return backends;
}

} // namespace weft::graph
