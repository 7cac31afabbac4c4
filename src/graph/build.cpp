#include "graph/build.h"

#include "graph/assign_backends.h"
#include "graph/batching.h"
#include "graph/cross_backend_reads.h"
#include "graph/internal_error.h"
#include "graph/split_instances.h"
#include "graph/tag_contexts.h"
#include "graph/topological_order.h"

namespace weft::graph {

RenderGraph build_render_graph(const ir::Module& module) {
  // Structure first: nodes per instance and per owned call, edges from the recorded reads.
  RenderGraph graph = make_render_graph(module);

  // Strands never form cycles, but instances may (`b<z>` reads `a` which reads `b<y>`): such
  // instances become one node per strand, so that a topological order exists.
  if (std::vector<std::string> cyclic = find_instance_cycles(graph); !cyclic.empty()) {
    graph = make_render_graph(module, cyclic);
  }

  // Who needs what, walking back from the sinks in source order (§7.1); placement reads the tags.
  std::vector<NodeTags> tags = tag_contexts(graph);
  std::vector<std::optional<ir::Domain>> backends = assign_backends(graph, tags);
  for (RenderNodeId n = 0; n < graph.nodes.size(); ++n) {
    graph.nodes[n].tags = tags[n];
    graph.nodes[n].backend = backends[n];
  }

  // The order depends on the backends: it keeps nodes of one backend together where it may.
  TopologicalOrder order = topological_order(graph);
  WEFT_ASSERT(order.ok(),
              ("dependency cycle in the render graph: " + cycle_text(graph, order.cycle)).c_str());
  graph.order = std::move(order.order);

  // Batches and cross-backend reads follow from the order and the placement.
  graph.batches = make_batches(graph, graph.order);
  graph.cross_backend_reads = find_cross_backend_reads(graph, graph.order);
  return graph;
}

} // namespace weft::graph
