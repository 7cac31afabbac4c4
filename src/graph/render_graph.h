/// \file
/// The render graph (ARCHITECTURE.md §2): what the coordinator compiles, one node per instance
/// (its strands are the node's outputs) plus one node per owned builtin call that is not itself a
/// whole instance (`lpf@tone`), with edges from the instance-level reads the lowering recorded.
/// Also the data the later steps attach to it: context tags, the backend of each node, the
/// topological order, the batches and the cross-backend reads with their access paths.
/// `make_render_graph` builds the structure only; `build_render_graph` (build.h) runs every step.
/// Preconditions: the module comes from a program without errors (every strand lowered, strand
/// dependencies acyclic).
/// Implements: LANGUAGE.md §7.1–§7.4, ARCHITECTURE.md §2. Tests: tests/graph/render_graph_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/module.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::graph {

using RenderNodeId = std::uint32_t;

/// One output of one render node: a strand of an instance, or a channel of an owned call.
struct OutputRef {
  RenderNodeId node = 0;
  std::uint32_t output = 0;
  friend auto operator<=>(const OutputRef&, const OutputRef&) = default;
};

enum class RenderNodeKind : std::uint8_t {
  Instance,  ///< a whole instance; its strands are the outputs
  Strand,    ///< one strand of an instance whose instance-level reads form a cycle (split)
  OwnedCall, ///< an owned builtin call inside a definition; its channels are the outputs
};

struct RenderOutput {
  std::string name;               ///< the strand name, or the channel name ("out" if it has none)
  std::int32_t strand = -1;       ///< index into Module::strands; -1 for an owned call's channel
  ir::NodeId value = ir::kNoNode; ///< the IR node of the value at the unremapped point
  std::uint8_t channel = 0;       ///< owned outputs: the builtin channel
};

/// Context tags of one node (§7.1): for each domain, the earliest sink (index into
/// RenderGraph::sinks, which is source order) whose walk tagged the node with it; -1 if none.
struct NodeTags {
  std::array<std::int32_t, 4> earliest_sink = {-1, -1, -1, -1};

  bool has(ir::Domain d) const { return earliest_sink[static_cast<int>(d)] >= 0; }
  bool empty() const;
  /// The earliest sink over all tags; -1 if untagged.
  std::int32_t first_sink() const;
};

struct RenderNode {
  std::string name; ///< `snd`, `tone@v` (a split strand), `lpf@tone`, `saw#2@tone`
  RenderNodeKind kind = RenderNodeKind::Instance;
  std::string instance; ///< the instance it defines or whose definition holds the call; a sink
                        ///< label for a call written in a sink
  /// Owned nodes: the builtin and its owner domain (§7.2). Placed nodes: null and empty.
  const ir::Builtin* builtin = nullptr;
  std::optional<ir::Domain> owner;
  ir::Purity purity = ir::Purity::Pure; ///< the most stateful of its outputs (§7.3, §7.3a)
  lang::Span span;                      ///< the first strand's name, or the call
  std::vector<RenderOutput> outputs;
  /// What its definition reads, sorted and without duplicates; never its own outputs.
  std::vector<OutputRef> inputs;
  /// Owned calls and whole owned instances: every IR node of the call (its channels, and copies
  /// made by remaps of the holder's coordinates).
  std::vector<ir::NodeId> owned_values;

  // Filled by build_render_graph after the structure:
  NodeTags tags;                     ///< tag_contexts
  std::optional<ir::Domain> backend; ///< assign_backends; empty: no sink needs it (unused)

  bool is_owned() const { return owner.has_value(); }
  /// Owned stateful or hardware outputs are read through buffers (§7.4); a `load` resource is
  /// owned by visual but read like a pure function of (x, y) (§7.3).
  bool has_buffer_output() const;
};

/// A sink statement: where context tagging starts.
struct RenderSink {
  std::uint32_t index = 0; ///< into Module::sinks (source order)
  std::string label;       ///< `display#1`, `play#2`
  ir::Domain domain = ir::Domain::Visual;
  lang::Span span;
  std::vector<OutputRef> inputs; ///< sorted, without duplicates
};

/// A maximal run of consecutive nodes of the topological order placed in one backend.
struct Batch {
  ir::Domain backend = ir::Domain::Visual;
  std::vector<RenderNodeId> nodes;
};

/// How a backend reads an output placed in another backend (§7.3a, ARCHITECTURE.md §2).
enum class AccessPathKind : std::uint8_t {
  BufferHandle, ///< an owned stateful or hardware output, shared memory (§7.4)
  ValueGetter,  ///< anything else: the reader evaluates the expression at its own coordinates
};

/// What a buffer handle points to (§7.4).
enum class BufferKind : std::uint8_t {
  SampleRing, ///< audio -> other domains: the recent samples, addressed by time
  Frame,      ///< visual -> other domains: the latest completed frame, addressed by x, y
};

enum class ReaderKind : std::uint8_t {
  Node,       ///< a render node's definition reads it
  Sink,       ///< a sink reads it
  Recomputed, ///< the definition of a node that a value getter recomputes in the reader's
              ///< backend reads it (§7.3a: only the owned nodes of its cone cross over)
};

/// Who reads: a render node, a sink, or a recomputed node.
struct Reader {
  ReaderKind kind = ReaderKind::Node;
  std::uint32_t index = 0; ///< RenderNodeId, or index into RenderGraph::sinks for a sink
  friend bool operator==(const Reader&, const Reader&) = default;
};

/// Every read of one output by one other backend, with the access path the coordinator uses.
struct CrossBackendRead {
  ir::Domain reader_backend = ir::Domain::Visual;
  OutputRef read;
  ir::Domain read_backend = ir::Domain::Visual;
  AccessPathKind path = AccessPathKind::ValueGetter;
  std::optional<BufferKind> buffer; ///< set for a buffer handle
  std::vector<Reader> readers;      ///< in the order found
};

struct RenderGraph {
  std::vector<RenderNode> nodes; ///< in source order of their definitions
  std::vector<RenderSink> sinks; ///< in source order
  /// For each strand of the module, the output that carries it.
  std::vector<OutputRef> strand_outputs;
  /// For each owned IR node (Op::Owned, Op::Sample), the output that carries it.
  std::unordered_map<ir::NodeId, OutputRef> owned_outputs;

  // Filled by build_render_graph after the structure:
  std::vector<RenderNodeId> order; ///< topological order of the used nodes
  std::vector<Batch> batches;      ///< in compile order
  std::vector<CrossBackendRead> cross_backend_reads;

  const RenderOutput& output(OutputRef r) const { return nodes[r.node].outputs[r.output]; }
  /// `snd@s`, `tone@v` (a split strand), `lpf@tone`, `mic@x:left`: the instance / strand pair a
  /// backend exposes and looks up, joined for people.
  std::string output_label(OutputRef r) const;
  /// The pair `expose`/`lookup` use for an output: (node name, output name) for instances,
  /// (instance, strand) for split strands, (call name, channel) for owned calls.
  std::pair<std::string_view, std::string_view> output_key(OutputRef r) const;
  /// The output with that key, if any (linear in the number of nodes: for tools and tests).
  std::optional<OutputRef> find_output(std::string_view instance, std::string_view strand) const;
  /// The node called `name`, if any (linear: for tools and tests).
  std::optional<RenderNodeId> find_node(std::string_view name) const;
};

/// Builds the nodes, sinks and edges of the render graph of `module`. Instances listed in
/// `split_instances` (by name) become one node per strand: build_render_graph does this for
/// instances whose instance-level reads form a cycle (find_instance_cycles, split_instances.h).
RenderGraph make_render_graph(const ir::Module& module,
                              const std::vector<std::string>& split_instances = {});

/// `visual`, `audio`, … as `weft graph` prints a backend.
std::string_view backend_name(ir::Domain d);

} // namespace weft::graph
