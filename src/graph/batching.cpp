#include "graph/batching.h"

#include "graph/internal_error.h"

namespace weft::graph {

std::vector<Batch> make_batches(const RenderGraph& graph, const std::vector<RenderNodeId>& order) {
  std::vector<Batch> batches;
  for (RenderNodeId n : order) {
    WEFT_ASSERT(graph.nodes[n].backend.has_value(), "an unused node in the compile order");
    const ir::Domain backend = *graph.nodes[n].backend;
    if (batches.empty() || batches.back().backend != backend) batches.push_back({backend, {}});
    batches.back().nodes.push_back(n);
  }
  return batches;
}

} // namespace weft::graph
