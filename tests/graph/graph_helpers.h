/// \file
/// Test helpers for the render graph: build it from program text (failing the test on compile
/// errors), find nodes by name, and describe tags, batches and cross-backend reads as short
/// strings that tests compare exactly.
/// Tests: tests/graph/*_test.cpp, tests/runtime/*_test.cpp.
#pragma once

#include "graph/build.h"
#include "graph/print_graph.h"
#include "ir/check.h"
#include "lang/diagnostic.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace weft::test {

/// A checked program with its render graph (the coordinator needs both to stay alive).
struct BuiltProgram {
  ir::CheckedProgram checked;
  graph::RenderGraph graph;
  const ir::Module& module() const { return *checked.module; }
  const graph::RenderNode& node(std::string_view name) const {
    auto id = graph.find_node(name);
    EXPECT_TRUE(id.has_value()) << "no node '" << name << "'";
    return graph.nodes[id.value_or(0)];
  }
};

/// Lowers and builds `text` as if read from `path` (files it loads are found beside `path`); fails
/// the test with the diagnostics if it has errors.
inline std::unique_ptr<BuiltProgram> build_program(const std::string& text,
                                                   const std::string& path = "test.weft") {
  auto p = std::make_unique<BuiltProgram>();
  p->checked = ir::check_text(path, text);
  if (!p->checked.ok()) {
    std::ostringstream diags;
    lang::render_diagnostics(p->checked.parsed.diagnostics, diags);
    ADD_FAILURE() << "program has errors:\n" << diags.str();
    return p;
  }
  p->graph = graph::build_render_graph(p->module());
  return p;
}

/// `visual (display#1), audio (play#1)`, or `-`: tags by earliest sink, then domain order.
inline std::string tags_of(const BuiltProgram& p, std::string_view name) {
  const graph::NodeTags& tags = p.node(name).tags;
  std::vector<std::pair<std::int32_t, ir::Domain>> list;
  for (ir::Domain d : ir::kAllDomains) {
    if (tags.has(d)) list.emplace_back(tags.earliest_sink[static_cast<int>(d)], d);
  }
  std::stable_sort(list.begin(), list.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<std::string> parts;
  for (auto [sink, d] : list) {
    parts.push_back(fmt::format("{} ({})", ir::domain_name(d),
                                p.graph.sinks[static_cast<std::size_t>(sink)].label));
  }
  return parts.empty() ? "-" : fmt::format("{}", fmt::join(parts, ", "));
}

/// The backend of a node, or "unused".
inline std::string backend_of(const BuiltProgram& p, std::string_view name) {
  const auto& b = p.node(name).backend;
  return b ? std::string(ir::domain_name(*b)) : "unused";
}

/// `audio[snd]`, `visual[img1, img2, samp]`, … in compile order.
inline std::vector<std::string> batches_of(const BuiltProgram& p) {
  std::vector<std::string> out;
  for (const graph::Batch& b : p.graph.batches) {
    std::vector<std::string> names;
    for (graph::RenderNodeId n : b.nodes) names.push_back(p.graph.nodes[n].name);
    out.push_back(fmt::format("{}[{}]", ir::domain_name(b.backend), fmt::join(names, ", ")));
  }
  return out;
}

/// The topological order as node names.
inline std::vector<std::string> order_of(const BuiltProgram& p) {
  std::vector<std::string> out;
  for (graph::RenderNodeId n : p.graph.order) out.push_back(p.graph.nodes[n].name);
  return out;
}

/// `visual <- snd@s: buffer handle: audio ring, by time (img1, samp)`, one per read.
inline std::vector<std::string> cross_reads_of(const BuiltProgram& p) {
  std::vector<std::string> out;
  for (const graph::CrossBackendRead& r : p.graph.cross_backend_reads) {
    std::vector<std::string> readers;
    for (const graph::Reader& who : r.readers) {
      switch (who.kind) {
      case graph::ReaderKind::Node:
        readers.push_back(p.graph.nodes[who.index].name);
        break;
      case graph::ReaderKind::Sink:
        readers.push_back(p.graph.sinks[who.index].label);
        break;
      case graph::ReaderKind::Recomputed:
        readers.push_back(p.graph.nodes[who.index].name + " recomputed");
        break;
      }
    }
    out.push_back(fmt::format("{} <- {}: {} ({})", ir::domain_name(r.reader_backend),
                              p.graph.output_label(r.read), graph::access_path_text(r),
                              fmt::join(readers, ", ")));
  }
  return out;
}

/// Names of the nodes a node reads, in input order (each once).
inline std::vector<std::string> inputs_of(const BuiltProgram& p, std::string_view name) {
  std::vector<std::string> out;
  for (graph::OutputRef in : p.node(name).inputs) out.push_back(p.graph.output_label(in));
  return out;
}

/// Every node name, in node order.
inline std::vector<std::string> node_names(const BuiltProgram& p) {
  std::vector<std::string> out;
  for (const graph::RenderNode& n : p.graph.nodes) out.push_back(n.name);
  return out;
}

} // namespace weft::test
