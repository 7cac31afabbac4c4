#include "graph/print_graph.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace weft::graph {

namespace {

/// Rows of cells printed with aligned columns, two spaces apart, no trailing blanks.
class Table {
public:
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  std::string text(std::string_view indent) const {
    std::vector<std::size_t> width;
    for (const auto& row : rows_) {
      width.resize(std::max(width.size(), row.size()), 0);
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (const auto& row : rows_) {
      std::string line(indent);
      for (std::size_t c = 0; c < row.size(); ++c) {
        line += row[c];
        if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

private:
  std::vector<std::vector<std::string>> rows_;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string outputs_text(const RenderNode& node) {
  std::vector<std::string> names;
  for (const RenderOutput& o : node.outputs) names.push_back(o.name);
  return join(names);
}

std::string kind_text(const RenderNode& node) {
  if (node.is_owned()) {
    return fmt::format("owned: {}, {}", backend_name(*node.owner),
                       ir::nature_name(node.builtin->nature));
  }
  return node.purity == ir::Purity::Pure ? "placed, pure" : "placed, derived";
}

/// `visual (display#1), audio (play#1)`: by earliest sink, then domain order.
std::string tags_text(const RenderGraph& graph, const NodeTags& tags) {
  std::vector<std::pair<std::int32_t, ir::Domain>> list;
  for (ir::Domain d : ir::kAllDomains) {
    if (tags.has(d)) list.emplace_back(tags.earliest_sink[static_cast<int>(d)], d);
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> parts;
  for (const auto& [sink, d] : list) {
    parts.push_back(
        fmt::format("{} ({})", backend_name(d), graph.sinks[static_cast<std::size_t>(sink)].label));
  }
  return parts.empty() ? "-" : join(parts);
}

std::string reader_text(const RenderGraph& graph, const Reader& r) {
  switch (r.kind) {
  case ReaderKind::Node:
    return graph.nodes[r.index].name;
  case ReaderKind::Sink:
    return graph.sinks[r.index].label;
  case ReaderKind::Recomputed:
    return graph.nodes[r.index].name + " (recomputed)";
  }
  return "?";
}

std::string node_section(const RenderGraph& graph) {
  Table t;
  t.add({"node", "outputs", "kind", "tags", "backend"});
  for (const RenderNode& n : graph.nodes) {
    t.add({n.name, outputs_text(n), kind_text(n), tags_text(graph, n.tags),
           n.backend ? std::string(backend_name(*n.backend)) : "unused"});
  }
  return "nodes\n" + t.text("  ");
}

std::string sink_section(const RenderGraph& graph) {
  Table t;
  t.add({"sink", "domain", "reads"});
  for (const RenderSink& s : graph.sinks) {
    std::vector<std::string> reads;
    for (OutputRef in : s.inputs) reads.push_back(graph.output_label(in));
    t.add({s.label, std::string(backend_name(s.domain)), reads.empty() ? "-" : join(reads)});
  }
  return "sinks\n" + t.text("  ");
}

std::string batch_section(const RenderGraph& graph) {
  Table t;
  t.add({"batch", "backend", "nodes"});
  for (std::size_t b = 0; b < graph.batches.size(); ++b) {
    std::vector<std::string> names;
    for (RenderNodeId n : graph.batches[b].nodes) names.push_back(graph.nodes[n].name);
    t.add(
        {std::to_string(b + 1), std::string(backend_name(graph.batches[b].backend)), join(names)});
  }
  return "batches (compile order)\n" + (graph.batches.empty() ? "  (none)\n" : t.text("  "));
}

std::string cross_read_section(const RenderGraph& graph) {
  Table t;
  t.add({"backend", "reads", "from", "access path", "read by"});
  for (const CrossBackendRead& r : graph.cross_backend_reads) {
    std::vector<std::string> readers;
    for (const Reader& who : r.readers) readers.push_back(reader_text(graph, who));
    t.add({std::string(backend_name(r.reader_backend)), graph.output_label(r.read),
           std::string(backend_name(r.read_backend)), access_path_text(r), join(readers)});
  }
  return "cross-backend reads\n" +
         (graph.cross_backend_reads.empty() ? "  (none)\n" : t.text("  "));
}

// ---------------------------------------------------------------------------------------------
// DOT

struct Palette {
  std::string_view fill;
  std::string_view line;
};

Palette palette(ir::Domain d) {
  switch (d) {
  case ir::Domain::Visual:
    return {"#dbeafe", "#2563eb"};
  case ir::Domain::Audio:
    return {"#fee2e2", "#dc2626"};
  case ir::Domain::Control:
    return {"#dcfce7", "#16a34a"};
  case ir::Domain::Data:
    return {"#fef3c7", "#d97706"};
  }
  return {"#ffffff", "#000000"};
}

std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n"; // a line break in a DOT label
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::vector<std::int32_t> batch_of_nodes(const RenderGraph& graph) {
  std::vector<std::int32_t> batch(graph.nodes.size(), -1);
  for (std::size_t b = 0; b < graph.batches.size(); ++b) {
    for (RenderNodeId n : graph.batches[b].nodes) batch[n] = static_cast<std::int32_t>(b);
  }
  return batch;
}

std::string dot_node(const RenderGraph& graph, RenderNodeId id, std::int32_t batch) {
  const RenderNode& n = graph.nodes[id];
  std::string label = n.name + "\n<" + outputs_text(n) + ">\n" + kind_text(n);
  if (batch >= 0) label += fmt::format("\nbatch {}", batch + 1);
  std::string attrs = fmt::format("label={}", dot_quoted(label));
  if (n.backend) {
    const Palette p = palette(*n.backend);
    attrs += fmt::format(", fillcolor=\"{}\", color=\"{}\"", p.fill, p.line);
  } else {
    attrs += ", style=\"rounded,dashed\"";
  }
  if (n.is_owned()) attrs += ", penwidth=2";
  return fmt::format("    n{} [{}];\n", id, attrs);
}

std::string dot_sink(const RenderSink& s, std::uint32_t index) {
  const Palette p = palette(s.domain);
  return fmt::format("    s{} [label={}, shape=house, fillcolor=\"{}\", color=\"{}\"];\n", index,
                     dot_quoted(s.label), p.fill, p.line);
}

std::string dot_clusters(const RenderGraph& graph) {
  const std::vector<std::int32_t> batch = batch_of_nodes(graph);
  std::string out;
  for (ir::Domain d : ir::kAllDomains) {
    std::string body;
    for (RenderNodeId id = 0; id < graph.nodes.size(); ++id) {
      if (graph.nodes[id].backend == d) body += dot_node(graph, id, batch[id]);
    }
    for (std::uint32_t s = 0; s < graph.sinks.size(); ++s) {
      if (graph.sinks[s].domain == d) body += dot_sink(graph.sinks[s], s);
    }
    if (body.empty()) continue;
    out += fmt::format(
        "  subgraph cluster_{} {{\n    label=\"{} backend\";\n    color=\"{}\";\n{}  }}\n",
        backend_name(d), backend_name(d), palette(d).line, body);
  }
  for (RenderNodeId id = 0; id < graph.nodes.size(); ++id) {
    if (!graph.nodes[id].backend) out += dot_node(graph, id, -1).substr(2);
  }
  return out;
}

/// The cross-backend reads by (reading backend, output read), for labelling edges.
class CrossingIndex {
public:
  explicit CrossingIndex(const RenderGraph& graph) {
    for (const CrossBackendRead& r : graph.cross_backend_reads) {
      index_.emplace(std::tuple(static_cast<int>(r.reader_backend), r.read.node, r.read.output),
                     &r);
    }
  }
  const CrossBackendRead* find(std::optional<ir::Domain> backend, OutputRef in) const {
    if (!backend) return nullptr;
    auto it = index_.find(std::tuple(static_cast<int>(*backend), in.node, in.output));
    return it == index_.end() ? nullptr : it->second;
  }

private:
  std::map<std::tuple<int, RenderNodeId, std::uint32_t>, const CrossBackendRead*> index_;
};

std::string dot_edge(const RenderGraph& graph, const CrossingIndex& crossings, OutputRef in,
                     const std::string& to, std::optional<ir::Domain> reader_backend) {
  std::string attrs = fmt::format("tooltip={}", dot_quoted(graph.output_label(in)));
  if (const CrossBackendRead* r = crossings.find(reader_backend, in)) {
    attrs += fmt::format(", label={}, fontsize=10, penwidth=2", dot_quoted(access_path_text(*r)));
    if (r->path == AccessPathKind::ValueGetter) attrs += ", style=dashed";
  }
  return fmt::format("  n{} -> {} [{}];\n", in.node, to, attrs);
}

} // namespace

std::string access_path_text(const CrossBackendRead& read) {
  if (read.path == AccessPathKind::ValueGetter) {
    return fmt::format("value getter: recomputed in {}", backend_name(read.reader_backend));
  }
  return read.buffer == BufferKind::SampleRing ? "buffer handle: audio ring, by time"
                                               : "buffer handle: latest frame, by x, y";
}

std::string graph_text(const RenderGraph& graph) {
  return node_section(graph) + "\n" + sink_section(graph) + "\n" + batch_section(graph) + "\n" +
         cross_read_section(graph);
}

std::string graph_dot(const RenderGraph& graph) {
  std::string out = "digraph weft {\n  rankdir=LR;\n  fontname=\"Helvetica\";\n"
                    "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
                    "  edge [fontname=\"Helvetica\"];\n";
  out += dot_clusters(graph);
  const CrossingIndex crossings(graph);
  for (RenderNodeId id = 0; id < graph.nodes.size(); ++id) {
    for (OutputRef in : graph.nodes[id].inputs) {
      out += dot_edge(graph, crossings, in, fmt::format("n{}", id), graph.nodes[id].backend);
    }
  }
  for (std::uint32_t s = 0; s < graph.sinks.size(); ++s) {
    for (OutputRef in : graph.sinks[s].inputs) {
      out += dot_edge(graph, crossings, in, fmt::format("s{}", s), graph.sinks[s].domain);
    }
  }
  return out + "}\n";
}

} // namespace weft::graph
