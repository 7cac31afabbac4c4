#include "graph/cross_backend_reads.h"

#include <array>
#include <map>
#include <tuple>

namespace weft::graph {

AccessPathKind access_path(const RenderNode& node) {
  return node.has_buffer_output() ? AccessPathKind::BufferHandle : AccessPathKind::ValueGetter;
}

namespace {

class CrossBackendReadFinder {
public:
  explicit CrossBackendReadFinder(const RenderGraph& graph) : graph_(graph) {}

  std::vector<CrossBackendRead> run(const std::vector<RenderNodeId>& order) {
    for (RenderNodeId n : order) {
      for (OutputRef in : graph_.nodes[n].inputs) {
        add_if_crossing(*graph_.nodes[n].backend, in, {ReaderKind::Node, n});
      }
    }
    for (std::uint32_t s = 0; s < graph_.sinks.size(); ++s) {
      for (OutputRef in : graph_.sinks[s].inputs) {
        add_if_crossing(graph_.sinks[s].domain, in, {ReaderKind::Sink, s});
      }
    }
    add_reads_of_recomputed_nodes();
    return std::move(reads_);
  }

private:
  void add_if_crossing(ir::Domain reader, OutputRef in, Reader who) {
    const RenderNode& read = graph_.nodes[in.node];
    if (!read.backend || *read.backend == reader) return;
    auto key = std::tuple(static_cast<int>(reader), in.node, in.output);
    auto [it, fresh] = index_.try_emplace(key, reads_.size());
    if (fresh) {
      CrossBackendRead r;
      r.reader_backend = reader;
      r.read = in;
      r.read_backend = *read.backend;
      r.path = access_path(read);
      if (r.path == AccessPathKind::BufferHandle) {
        r.buffer = *read.owner == ir::Domain::Audio ? BufferKind::SampleRing : BufferKind::Frame;
      }
      reads_.push_back(std::move(r));
    }
    std::vector<Reader>& readers = reads_[it->second].readers;
    if (readers.empty() || !(readers.back() == who)) readers.push_back(who);
  }

  /// A value getter makes the reader evaluate the node, and so its cone: placed nodes of other
  /// backends are recomputed too; owned nodes of other backends are read (§7.3a).
  void add_reads_of_recomputed_nodes() {
    const std::size_t direct = reads_.size();
    std::vector<std::array<bool, 4>> recomputed(graph_.nodes.size(), {false, false, false, false});
    std::vector<std::pair<RenderNodeId, ir::Domain>> work;
    for (std::size_t i = 0; i < direct; ++i) {
      const CrossBackendRead& r = reads_[i];
      if (r.path != AccessPathKind::ValueGetter) continue;
      work.emplace_back(r.read.node, r.reader_backend);
    }
    while (!work.empty()) {
      auto [n, backend] = work.back();
      work.pop_back();
      bool& seen = recomputed[n][static_cast<int>(backend)];
      if (seen) continue;
      seen = true;
      for (OutputRef in : graph_.nodes[n].inputs) {
        const RenderNode& read = graph_.nodes[in.node];
        if (*read.backend == backend) continue; // the reading backend computes it itself
        if (read.is_owned()) {
          add_if_crossing(backend, in, {ReaderKind::Recomputed, n});
          continue; // its owner evaluates its arguments
        }
        work.emplace_back(in.node, backend);
      }
    }
  }

  const RenderGraph& graph_;
  std::vector<CrossBackendRead> reads_;
  std::map<std::tuple<int, RenderNodeId, std::uint32_t>, std::size_t> index_;
};

} // namespace

std::vector<CrossBackendRead> find_cross_backend_reads(const RenderGraph& graph,
                                                       const std::vector<RenderNodeId>& order) {
  return CrossBackendReadFinder(graph).run(order);
}

} // namespace weft::graph
