#include "graph/split_instances.h"

#include <algorithm>
#include <limits>

namespace weft::graph {

namespace {

constexpr std::uint32_t kUnvisited = std::numeric_limits<std::uint32_t>::max();

/// Tarjan's strongly connected components with an explicit stack. Calls `on_component` with the
/// members of every component of more than one node.
class CycleFinder {
public:
  explicit CycleFinder(const RenderGraph& graph)
      : graph_(graph), index_(graph.nodes.size(), kUnvisited), low_(graph.nodes.size(), 0),
        on_stack_(graph.nodes.size(), 0) {}

  std::vector<RenderNodeId> nodes_on_cycles() {
    for (RenderNodeId root = 0; root < graph_.nodes.size(); ++root) {
      if (index_[root] == kUnvisited) visit(root);
    }
    std::sort(on_cycles_.begin(), on_cycles_.end());
    return std::move(on_cycles_);
  }

private:
  struct Frame {
    RenderNodeId node;
    std::size_t next_input;
  };

  void enter(RenderNodeId n) {
    index_[n] = low_[n] = next_index_++;
    stack_.push_back(n);
    on_stack_[n] = 1;
    frames_.push_back({n, 0});
  }

  void visit(RenderNodeId root) {
    enter(root);
    while (!frames_.empty()) {
      Frame& f = frames_.back();
      const std::vector<OutputRef>& inputs = graph_.nodes[f.node].inputs;
      if (f.next_input < inputs.size()) {
        const RenderNodeId m = inputs[f.next_input++].node;
        if (index_[m] == kUnvisited) {
          enter(m);
        } else if (on_stack_[m]) {
          low_[f.node] = std::min(low_[f.node], index_[m]);
        }
        continue;
      }
      const RenderNodeId n = f.node;
      frames_.pop_back();
      if (!frames_.empty())
        low_[frames_.back().node] = std::min(low_[frames_.back().node], low_[n]);
      if (low_[n] == index_[n]) pop_component(n);
    }
  }

  void pop_component(RenderNodeId head) {
    std::vector<RenderNodeId> members;
    RenderNodeId m;
    do {
      m = stack_.back();
      stack_.pop_back();
      on_stack_[m] = 0;
      members.push_back(m);
    } while (m != head);
    if (members.size() > 1) on_cycles_.insert(on_cycles_.end(), members.begin(), members.end());
  }

  const RenderGraph& graph_;
  std::vector<std::uint32_t> index_;
  std::vector<std::uint32_t> low_;
  std::vector<char> on_stack_;
  std::vector<RenderNodeId> stack_;
  std::vector<Frame> frames_;
  std::vector<RenderNodeId> on_cycles_;
  std::uint32_t next_index_ = 0;
};

} // namespace

std::vector<std::string> find_instance_cycles(const RenderGraph& graph) {
  std::vector<std::string> names;
  for (RenderNodeId n : CycleFinder(graph).nodes_on_cycles()) {
    const RenderNode& node = graph.nodes[n];
    // An instance of one strand is already as fine-grained as a strand; an owned one is one call.
    if (node.kind != RenderNodeKind::Instance || node.is_owned() || node.outputs.size() < 2)
      continue;
    names.push_back(node.name);
  }
  return names;
}

} // namespace weft::graph
