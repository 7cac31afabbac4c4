/// \file
/// The backend interface (ARCHITECTURE.md §3, the seed's `Backend` trait): a backend serves one
/// domain; the coordinator hands it its batches in compile order (`compile_nodes`), then its
/// sinks (`compile_sinks`); while compiling it exposes its outputs and looks up what it reads
/// from other backends, so that `execute` runs pre-wired, with no coordinator at hand.
/// A new backend is one folder implementing this class plus one BackendRegistry::add call.
/// Preconditions: see each function. Implements: ARCHITECTURE.md §2–§3, LANGUAGE.md §7.6.
/// Tests: tests/runtime/coordinator_test.cpp, tests/runtime/execute_has_no_lookups_test.cpp.
/// Real-time: `execute` may run on a real-time thread in backends that say so; compiling never.
#pragma once

#include "graph/render_graph.h"
#include "ir/module.h"

#include <cstdint>
#include <limits>
#include <span>
#include <string>

namespace weft::runtime {

class Coordinator;

/// What every compile call may read: the lowered program and its render graph (and through the
/// module, the environment of §4.1).
struct CompileEnvironment {
  const ir::Module& module;
  const graph::RenderGraph& graph;
  const ir::Environment& env() const { return module.env; }
};

/// One step of execution: a visual frame / control tick, and the audio samples that go with it
/// (offline, frame k covers samples floor(k·rate/fps) … floor((k+1)·rate/fps) − 1).
struct ExecuteContext {
  std::int64_t frame = 0;
  std::int64_t first_sample = 0;
  std::int64_t sample_count = 0;
  /// The newest audio sample a frame's reads of audio histories see (§7.4): offline
  /// newest_sample_of_frame(frame, …) (sample_ring.h); kLatestAudio live: whatever each ring
  /// holds when the frame starts.
  std::int64_t audio_newest = kLatestAudio;
  static constexpr std::int64_t kLatestAudio = std::numeric_limits<std::int64_t>::max();
};

/// Success, or why a backend could not compile (e.g. "not supported yet", with the node).
struct CompileStatus {
  std::string error;
  bool ok() const { return error.empty(); }
  static CompileStatus success() { return {}; }
  static CompileStatus failure(std::string message) { return {std::move(message)}; }
};

class Backend {
public:
  virtual ~Backend() = default;

  /// The domain whose nodes and sinks this backend compiles (§1.4).
  virtual ir::Domain domain() const = 0;

  /// Compiles one batch (consecutive nodes of the topological order placed here). Every node
  /// this batch reads from another backend was compiled and exposed before. Calls
  /// `coordinator.expose` for its outputs and `coordinator.lookup` for what it reads elsewhere.
  virtual CompileStatus compile_nodes(const graph::Batch& batch, const CompileEnvironment& env,
                                      Coordinator& coordinator) = 0;

  /// Compiles this domain's sinks (source order), after every batch of every backend.
  virtual CompileStatus compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                      const CompileEnvironment& env, Coordinator& coordinator) = 0;

  /// Runs one step with the references resolved while compiling; no lookups by name (§7.6).
  virtual void execute(const ExecuteContext& context) = 0;

  /// Releases devices and memory before the backend is destroyed.
  virtual void cleanup() {}
};

} // namespace weft::runtime
