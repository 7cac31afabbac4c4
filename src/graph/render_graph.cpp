#include "graph/render_graph.h"

#include "graph/internal_error.h"
#include "graph/owned_calls.h"

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace weft::graph {

bool NodeTags::empty() const {
  return first_sink() < 0;
}

std::int32_t NodeTags::first_sink() const {
  std::int32_t first = -1;
  for (std::int32_t s : earliest_sink) {
    if (s >= 0 && (first < 0 || s < first)) first = s;
  }
  return first;
}

bool RenderNode::has_buffer_output() const {
  return builtin != nullptr && owner.has_value() && builtin->nature != ir::BuiltinNature::Resource;
}

std::string_view backend_name(ir::Domain d) {
  return ir::domain_name(d);
}

std::string RenderGraph::output_label(OutputRef r) const {
  const RenderNode& n = nodes[r.node];
  const RenderOutput& o = n.outputs[r.output];
  switch (n.kind) {
  case RenderNodeKind::Instance:
    return n.name + "@" + o.name;
  case RenderNodeKind::Strand:
    return n.name;
  case RenderNodeKind::OwnedCall:
    break;
  }
  if (n.outputs.size() == 1) return n.name;
  return n.name + ":" + o.name;
}

std::pair<std::string_view, std::string_view> RenderGraph::output_key(OutputRef r) const {
  const RenderNode& n = nodes[r.node];
  const RenderOutput& o = n.outputs[r.output];
  if (n.kind == RenderNodeKind::Strand) return {n.instance, o.name};
  return {n.name, o.name};
}

std::optional<OutputRef> RenderGraph::find_output(std::string_view instance,
                                                  std::string_view strand) const {
  for (RenderNodeId id = 0; id < nodes.size(); ++id) {
    for (std::uint32_t o = 0; o < nodes[id].outputs.size(); ++o) {
      if (output_key({id, o}) == std::pair{instance, strand}) return OutputRef{id, o};
    }
  }
  return std::nullopt;
}

std::optional<RenderNodeId> RenderGraph::find_node(std::string_view name) const {
  for (RenderNodeId id = 0; id < nodes.size(); ++id) {
    if (nodes[id].name == name) return id;
  }
  return std::nullopt;
}

namespace {

using detail::kNoCall;
using detail::OwnedCall;
using detail::OwnedCallHolder;
using detail::OwnedCalls;

/// One node to create, before ids are assigned in source order.
struct PendingNode {
  std::uint32_t position = 0; ///< byte offset of its definition
  RenderNodeKind kind = RenderNodeKind::Instance;
  std::uint32_t index = 0; ///< instance, strand or call index
};

class RenderGraphMaker {
public:
  RenderGraphMaker(const ir::Module& module, const std::vector<std::string>& split)
      : module_(module), split_(split.begin(), split.end()) {}

  RenderGraph run() {
    group_owned_calls();
    group_instances();
    find_whole_owned_instances();
    create_nodes();
    map_outputs();
    connect_definitions();
    connect_sinks();
    connect_unread_calls();
    for (RenderNode& n : graph_.nodes) sort_unique(n.inputs);
    for (RenderSink& s : graph_.sinks) sort_unique(s.inputs);
    return std::move(graph_);
  }

private:
  static void sort_unique(std::vector<OutputRef>& refs) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  }

  void group_owned_calls() {
    OwnedCalls grouped = detail::group_owned_calls(module_);
    calls_ = std::move(grouped.calls);
    call_of_value_ = std::move(grouped.call_of_value);
  }

  /// The strands of each instance in source order, as one flat array (no allocation per
  /// instance: programs may have 100k of them).
  void group_instances() {
    std::unordered_map<std::string_view, std::uint32_t> index;
    index.reserve(module_.strands.size());
    instance_of_strand_.resize(module_.strands.size());
    std::vector<std::uint32_t> count;
    for (std::uint32_t s = 0; s < module_.strands.size(); ++s) {
      const ir::Strand& strand = module_.strands[s];
      WEFT_ASSERT(strand.root != ir::kNoNode, "render graph of a module with errors");
      auto [it, fresh] =
          index.try_emplace(strand.instance, static_cast<std::uint32_t>(count.size()));
      if (fresh) count.push_back(0);
      ++count[it->second];
      instance_of_strand_[s] = it->second;
    }
    instance_first_.assign(count.size() + 1, 0);
    for (std::size_t i = 0; i < count.size(); ++i)
      instance_first_[i + 1] = instance_first_[i] + count[i];
    instance_strands_.resize(module_.strands.size());
    std::vector<std::uint32_t> fill(instance_first_.begin(), instance_first_.end() - 1);
    for (std::uint32_t s = 0; s < module_.strands.size(); ++s) {
      instance_strands_[fill[instance_of_strand_[s]]++] = s;
    }
  }

  std::uint32_t instance_count() const {
    return static_cast<std::uint32_t>(instance_first_.size() - 1);
  }
  std::span<const std::uint32_t> strands_of(std::uint32_t instance) const {
    return {instance_strands_.data() + instance_first_[instance],
            instance_first_[instance + 1] - instance_first_[instance]};
  }

  /// `snd<s> = mic()`, `load("a.png")::img<r, g, b>`: every strand of the instance is a channel
  /// of one owned call written in that instance's definition, so the instance is that call.
  void find_whole_owned_instances() {
    whole_owned_.assign(instance_count(), 0);
    for (std::uint32_t i = 0; i < instance_count(); ++i) {
      if (is_split(i)) continue;
      std::optional<std::uint32_t> first;
      bool whole = true;
      for (std::uint32_t s : strands_of(i)) {
        const std::uint32_t call = call_of_value_[module_.strands[s].root];
        if (call == kNoCall) {
          whole = false;
          break;
        }
        const OwnedCall& c = calls_[call];
        const bool held_here =
            c.holder.strand >= 0 &&
            instance_of_strand_[static_cast<std::uint32_t>(c.holder.strand)] == i;
        if (!first) first = call;
        const OwnedCall& f = calls_[*first];
        if (!held_here || c.builtin != f.builtin || c.span.offset != f.span.offset) {
          whole = false;
          break;
        }
      }
      if (!whole) continue;
      for (std::uint32_t s : strands_of(i)) {
        calls_[call_of_value_.at(module_.strands[s].root)].merged_into_instance =
            static_cast<std::int32_t>(i);
      }
      whole_owned_[i] = 1;
    }
  }

  bool is_split(std::uint32_t instance) const {
    return split_.count(module_.strands[strands_of(instance).front()].instance) > 0;
  }

  /// Ids in source order of the definitions, so that ties elsewhere follow source order.
  void create_nodes() {
    std::vector<PendingNode> pending;
    for (std::uint32_t i = 0; i < instance_count(); ++i) {
      if (is_split(i) && !whole_owned_[i]) {
        for (std::uint32_t s : strands_of(i)) {
          pending.push_back({module_.strands[s].span.offset, RenderNodeKind::Strand, s});
        }
        continue;
      }
      pending.push_back(
          {module_.strands[strands_of(i).front()].span.offset, RenderNodeKind::Instance, i});
    }
    for (std::uint32_t c = 0; c < calls_.size(); ++c) {
      if (calls_[c].merged_into_instance < 0) {
        pending.push_back({calls_[c].span.offset, RenderNodeKind::OwnedCall, c});
      }
    }
    std::stable_sort(
        pending.begin(), pending.end(),
        [](const PendingNode& a, const PendingNode& b) { return a.position < b.position; });
    const std::vector<std::string> call_names = detail::name_owned_calls(module_, calls_);
    node_of_instance_.assign(instance_count(), 0);
    node_of_strand_.assign(module_.strands.size(), 0);
    node_of_call_.assign(calls_.size(), 0);
    read_calls_.assign(calls_.size(), 0);
    graph_.nodes.reserve(pending.size());
    for (const PendingNode& p : pending) {
      const auto id = static_cast<RenderNodeId>(graph_.nodes.size());
      switch (p.kind) {
      case RenderNodeKind::Instance:
        graph_.nodes.push_back(instance_node(p.index, id));
        break;
      case RenderNodeKind::Strand:
        graph_.nodes.push_back(strand_node(p.index, id));
        break;
      case RenderNodeKind::OwnedCall:
        graph_.nodes.push_back(call_node(p.index, call_names[p.index]));
        node_of_call_[p.index] = id;
        break;
      }
    }
  }

  RenderNode instance_node(std::uint32_t instance, RenderNodeId id) {
    RenderNode n;
    n.kind = RenderNodeKind::Instance;
    const ir::Strand& first = module_.strands[strands_of(instance).front()];
    n.name = first.instance;
    n.instance = first.instance;
    n.span = first.span;
    n.outputs.reserve(strands_of(instance).size());
    for (std::uint32_t s : strands_of(instance)) {
      const ir::Strand& strand = module_.strands[s];
      const ir::Node& root = module_.graph.node(strand.root);
      n.outputs.push_back({strand.name, static_cast<std::int32_t>(s), strand.root, root.channel});
      n.purity = std::max(n.purity, root.purity);
      node_of_strand_[s] = id;
    }
    node_of_instance_[instance] = id;
    if (!whole_owned_[instance]) return n;
    const OwnedCall& call = calls_[call_of_value_.at(first.root)];
    n.builtin = call.builtin;
    n.owner = call.owner;
    n.purity = ir::Purity::Owned;
    // The channels of one call binding are one call: each value once.
    for (std::uint32_t s : strands_of(instance)) {
      for (const ir::OwnedSite* site : calls_[call_of_value_.at(module_.strands[s].root)].sites) {
        if (std::find(n.owned_values.begin(), n.owned_values.end(), site->node) ==
            n.owned_values.end()) {
          n.owned_values.push_back(site->node);
        }
      }
    }
    return n;
  }

  RenderNode strand_node(std::uint32_t s, RenderNodeId id) {
    const ir::Strand& strand = module_.strands[s];
    RenderNode n;
    n.kind = RenderNodeKind::Strand;
    n.name = strand.label();
    n.instance = strand.instance;
    n.span = strand.span;
    n.purity = module_.graph.node(strand.root).purity;
    n.outputs.push_back({strand.name, static_cast<std::int32_t>(s), strand.root,
                         module_.graph.node(strand.root).channel});
    node_of_strand_[s] = id;
    return n;
  }

  RenderNode call_node(std::uint32_t c, std::string name) {
    const OwnedCall& call = calls_[c];
    RenderNode n;
    n.kind = RenderNodeKind::OwnedCall;
    n.name = std::move(name);
    n.instance = detail::holder_name(module_, call.holder);
    n.builtin = call.builtin;
    n.owner = call.owner;
    n.purity = ir::Purity::Owned;
    n.span = call.span;
    std::map<std::uint8_t, ir::NodeId> channels;
    for (const ir::OwnedSite* site : call.sites) {
      n.owned_values.push_back(site->node);
      channels.try_emplace(module_.graph.node(site->node).channel, site->node);
    }
    for (const auto& [channel, value] : channels) {
      std::string out = call.builtin->has_channels()
                            ? std::string(call.builtin->channels[channel].name)
                            : std::string("out");
      n.outputs.push_back({std::move(out), -1, value, channel});
    }
    return n;
  }

  void map_outputs() {
    graph_.strand_outputs.resize(module_.strands.size());
    graph_.owned_outputs.reserve(module_.owned.size());
    for (std::uint32_t s = 0; s < module_.strands.size(); ++s) {
      const RenderNode& n = graph_.nodes[node_of_strand_[s]];
      for (std::uint32_t o = 0; o < n.outputs.size(); ++o) {
        if (n.outputs[o].strand == static_cast<std::int32_t>(s)) {
          graph_.strand_outputs[s] = {node_of_strand_[s], o};
        }
      }
    }
    for (std::uint32_t c = 0; c < calls_.size(); ++c) {
      const RenderNodeId id = node_of_call(c);
      for (const ir::OwnedSite* site : calls_[c].sites) {
        graph_.owned_outputs[site->node] = {id, output_with_channel(id, site->node)};
      }
    }
  }

  RenderNodeId node_of_call(std::uint32_t c) const {
    const std::int32_t instance = calls_[c].merged_into_instance;
    return instance >= 0 ? node_of_instance_[static_cast<std::uint32_t>(instance)]
                         : node_of_call_[c];
  }

  std::uint32_t output_with_channel(RenderNodeId id, ir::NodeId value) const {
    const RenderNode& n = graph_.nodes[id];
    const std::uint8_t channel = module_.graph.node(value).channel;
    for (std::uint32_t o = 0; o < n.outputs.size(); ++o) {
      if (n.outputs[o].value == value) return o;
    }
    for (std::uint32_t o = 0; o < n.outputs.size(); ++o) {
      if (n.outputs[o].channel == channel) return o;
    }
    return 0;
  }

  /// Adds what `reads` names to `inputs`, except the reader's own outputs.
  void add_reads(const ir::Reads& reads, std::optional<RenderNodeId> self,
                 std::vector<OutputRef>& inputs) {
    for (std::uint32_t s : reads.strands) {
      const OutputRef r = graph_.strand_outputs[s];
      if (r.node != self) inputs.push_back(r);
    }
    for (ir::NodeId v : reads.owned) {
      const std::uint32_t call = call_of_value_[v];
      WEFT_ASSERT(call != kNoCall, "a read of an owned node without a site");
      read_calls_[call] = 1;
      const OutputRef r = graph_.owned_outputs.at(v);
      if (r.node != self) inputs.push_back(r);
    }
  }

  void connect_definitions() {
    for (std::uint32_t s = 0; s < module_.strands.size(); ++s) {
      const RenderNodeId id = node_of_strand_[s];
      add_reads(module_.strands[s].reads, id, graph_.nodes[id].inputs);
    }
    for (std::uint32_t c = 0; c < calls_.size(); ++c) {
      const RenderNodeId id = node_of_call(c);
      for (const ir::OwnedSite* site : calls_[c].sites) {
        add_reads(site->argument_reads, id, graph_.nodes[id].inputs);
      }
    }
  }

  void connect_sinks() {
    for (std::uint32_t i = 0; i < module_.sinks.size(); ++i) {
      const ir::Sink& sink = module_.sinks[i];
      RenderSink s;
      s.index = i;
      s.label = sink.label();
      s.domain = sink.domain;
      s.span = sink.span;
      add_reads(sink.reads, std::nullopt, s.inputs);
      graph_.sinks.push_back(std::move(s));
    }
  }

  /// A call made only under a remap of its holder's coordinates (`o<v> = saw(110 * me@beat)` read
  /// as `o@v(me@beat ~ 2)`) is in no definition's reads: its holder reads it.
  void connect_unread_calls() {
    for (std::uint32_t c = 0; c < calls_.size(); ++c) {
      if (read_calls_[c] || calls_[c].merged_into_instance >= 0) continue;
      const OutputRef r{node_of_call(c), 0};
      const OwnedCallHolder& h = calls_[c].holder;
      if (h.strand >= 0) {
        const RenderNodeId holder = node_of_strand_[static_cast<std::uint32_t>(h.strand)];
        if (holder != r.node) graph_.nodes[holder].inputs.push_back(r);
      } else {
        graph_.sinks[static_cast<std::uint32_t>(h.sink)].inputs.push_back(r);
      }
    }
  }

  const ir::Module& module_;
  std::unordered_set<std::string> split_;
  RenderGraph graph_;
  std::vector<OwnedCall> calls_;
  std::vector<std::uint32_t> call_of_value_;    ///< by IR node: its owned call, or kNoCall
  std::vector<std::uint32_t> instance_first_;   ///< by instance: first index into instance_strands_
  std::vector<std::uint32_t> instance_strands_; ///< strands grouped by instance, source order
  std::vector<std::uint32_t> instance_of_strand_;
  std::vector<char> whole_owned_; ///< by instance: it is one owned call
  std::vector<char> read_calls_;  ///< by call: some definition reads it
  std::vector<RenderNodeId> node_of_instance_;
  std::vector<RenderNodeId> node_of_strand_;
  std::vector<RenderNodeId> node_of_call_;
};

} // namespace

RenderGraph make_render_graph(const ir::Module& module,
                              const std::vector<std::string>& split_instances) {
  return RenderGraphMaker(module, split_instances).run();
}

} // namespace weft::graph
