/// \file
/// The coordinator (ARCHITECTURE.md §2, the seed's Coordinator): compiles the batches of a render
/// graph in order through registered backends, routes their outputs (`expose`) to the backends
/// that read them (`lookup`), and runs the compiled program (`execute`) with every cross-backend
/// reference resolved beforehand. `lookup` chooses the access path from the kind of node read:
/// a buffer handle for an owned stateful or hardware output, a value getter for anything else
/// (LANGUAGE.md §7.3a), so backends never decide it. Lookups are counted, and those made while
/// executing separately: a compiled program makes none (§7.6).
/// Preconditions: the render graph comes from graph::build_render_graph(module); both outlive the
/// coordinator. Implements: ARCHITECTURE.md §2–§3, LANGUAGE.md §7.3a, §7.6.
/// Tests: tests/runtime/coordinator_test.cpp, tests/runtime/execute_has_no_lookups_test.cpp.
/// Real-time: `execute` is as real-time as the backends' `execute`; everything else no.
#pragma once

#include "graph/render_graph.h"
#include "runtime/backend.h"
#include "runtime/backend_registry.h"
#include "runtime/data_reference.h"

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::runtime {

class Coordinator;

struct CompileResult {
  std::unique_ptr<Coordinator> program; ///< null when compiling failed
  std::string error;                    ///< why, e.g. a domain without a backend
  bool ok() const { return program != nullptr; }
};

/// Creates one backend per domain the program uses (in order of their first batch, then domains
/// with only sinks), compiles every batch in compile order, then each backend's sinks.
CompileResult compile_program(const graph::RenderGraph& graph, const ir::Module& module,
                              const BackendRegistry& registry);

class Coordinator {
public:
  Coordinator(const graph::RenderGraph& graph, const ir::Module& module);
  ~Coordinator();
  Coordinator(const Coordinator&) = delete;
  Coordinator& operator=(const Coordinator&) = delete;

  // While compiling, called by backends.

  /// Publishes an output: `instance`/`strand` as RenderGraph::output_key names it (an instance
  /// and its strand; an owned call's name and channel). A second expose replaces the first.
  void expose(std::string_view instance, std::string_view strand, DataReference reference);
  /// The reference a reader in another backend uses (see the file comment for the path chosen).
  /// Invalid, with an entry in errors(), for an unknown name or an owned output never exposed.
  DataReference lookup(std::string_view instance, std::string_view strand);
  /// The same, by output (a backend maps IR owned nodes with RenderGraph::owned_outputs).
  DataReference lookup(graph::OutputRef output);
  /// The same for the output carrying an owned IR node (Op::Owned, Op::Sample) that a program
  /// reads; invalid, without a lookup, when no output carries it.
  DataReference lookup_owned(ir::NodeId node);

  // Running.

  /// One step: every backend's `execute`, in the order of their first batch.
  void execute(const ExecuteContext& context);

  // Introspection.

  std::uint64_t lookup_count() const { return lookups_; }
  std::uint64_t lookups_during_execute() const { return lookups_while_executing_; }
  std::uint64_t expose_count() const { return exposes_; }
  /// Protocol errors of backends (unknown names, owned outputs never exposed); empty normally.
  const std::vector<std::string>& errors() const { return errors_; }
  /// The backends in execution order.
  std::span<const std::unique_ptr<Backend>> backends() const { return backends_; }
  /// The backend of `domain`, or null.
  Backend* backend(ir::Domain domain) const;

private:
  friend CompileResult compile_program(const graph::RenderGraph&, const ir::Module&,
                                       const BackendRegistry&);

  std::uint32_t slot(graph::OutputRef output) const {
    return output_offset_[output.node] + output.output;
  }
  std::optional<graph::OutputRef> find(std::string_view instance, std::string_view strand) const;
  DataReference answer(graph::OutputRef output);
  void add_backend(std::unique_ptr<Backend> backend);

  const graph::RenderGraph& graph_;
  const ir::Module& module_;
  std::vector<std::unique_ptr<Backend>> backends_;
  std::array<int, 4> backend_of_domain_ = {-1, -1, -1, -1};
  std::vector<std::uint32_t> output_offset_;  ///< first slot of each node's outputs
  std::vector<graph::OutputRef> slot_output_; ///< slot -> output
  std::unordered_map<std::string, std::uint32_t> slot_by_name_;
  std::vector<DataReference> exposed_; ///< by slot
  std::vector<std::string> errors_;
  std::uint64_t lookups_ = 0;
  std::uint64_t lookups_while_executing_ = 0;
  std::uint64_t exposes_ = 0;
  bool executing_ = false;
};

} // namespace weft::runtime
