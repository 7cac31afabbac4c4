/// \file
/// The audio backend (ARCHITECTURE.md §3, §5; LANGUAGE.md §9.2, issue 6): compiles the `play`
/// sinks into a block engine graph and renders it. Each stateful builtin call site becomes one
/// node (builtin_nodes.h); the pure arguments of each site, and the sinks' values, become
/// expression nodes run by the VM per sample (expression_node.h), whose inputs are the sites they
/// read. The `play` sinks are summed channel by channel in source order and pass the safety stage
/// (NaN → 0, clamp to [−1, 1]). Output: stereo, binary64, blocks of `Options::block` samples.
/// History rings (LANGUAGE.md §7.4): every owned output another backend reads, and every one the
/// sound reads at a remapped time (`History`, §6.7), is appended to a ring of recent samples by
/// a tap node after it; rings read by other backends are exposed to the coordinator while the
/// audio batches compile. The engine then runs whenever a sink needs an audio-owned node, with
/// or without `play` sinks (without: the output is silence). An `s` call is a SampleTriggerNode
/// (its pattern and decoded samples from the module); `pat` is evaluated by the expression nodes'
/// VM from the sample counter.
/// Implements: LANGUAGE.md §9.2 (`play`), §5.2 (audio `me` fields), §6.7, §7.4, §8.10. Tests:
/// tests/backends/audio_render_test.cpp, cross_domain_test.cpp, sample_trigger_test.cpp,
/// pat_test.cpp, tests/live/. Real-time: `process` and `set_input` yes
/// (the serial executor; no allocation, locks or I/O), compiling no.
#pragma once

#include "audio/engine/process_context.h"
#include "audio/engine/schedule.h"
#include "audio/engine/serial_executor.h"
#include "backends/audio/builtin_nodes.h"
#include "runtime/backend.h"
#include "runtime/backend_registry.h"
#include "runtime/data_reference.h"
#include "runtime/sample_ring.h"

#include <map>
#include <memory>
#include <optional>

namespace weft::backends::audio {

/// The history rings of owned outputs, by the owned IR node (its call site and channel).
using Rings = std::map<ir::NodeId, std::shared_ptr<runtime::SampleRing>>;

struct Options {
  std::size_t block = 256;    ///< samples per engine block (the output is the same for any size)
  std::optional<double> rate; ///< overrides me<rate> (`--rate`)
};

class AudioBackend : public runtime::Backend {
public:
  explicit AudioBackend(Options options) : options_(options) {}

  ir::Domain domain() const override { return ir::Domain::Audio; }
  runtime::CompileStatus compile_nodes(const graph::Batch& batch,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override;
  runtime::CompileStatus compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override;
  /// Does nothing: sound is pulled with process() by whoever owns the clock (the WAV writer
  /// offline, the device's thread live), so the coordinator's frame steps on the main thread
  /// never touch the engine's state.
  void execute(const runtime::ExecuteContext& /*context*/) override {}

  /// Whether the program has `play` sinks.
  bool has_sound() const { return has_play_; }
  /// Whether the engine runs: `play` sinks, or history rings other backends read.
  bool runs_engine() const { return executor_ != nullptr; }
  double rate() const { return rate_; }
  /// Renders the next `n` samples (n ≤ max_samples()) into `left` and `right`.
  void process(std::size_t n, double* left, double* right) noexcept;
  /// The device input for the next process() call only: `frames` interleaved stereo frames, read
  /// by `mic` for samples 0… of that call (silence past `frames`, and whenever no input is set).
  /// Real-time: yes (stores a pointer).
  void set_input(const float* interleaved, std::size_t frames) noexcept {
    input_.data = interleaved;
    input_.frames = frames;
  }
  /// Whether the program reads `mic` (a live run then opens an input).
  bool uses_input() const { return uses_input_; }
  /// The engine's node count (for tests and `weft graph`).
  std::size_t node_count() const { return schedule_ ? schedule_->node_count() : 0; }

private:
  Options options_;
  double rate_ = 48000;
  std::unique_ptr<weft::audio::Schedule> schedule_;
  std::unique_ptr<weft::audio::SerialExecutor> executor_;
  weft::audio::ProcessContext context_;
  LiveInput input_; ///< what `mic` reads (its nodes hold its address)
  bool uses_input_ = false;
  bool has_play_ = false;
  Rings rings_; ///< by owned IR node: exposed ones from compile_nodes, then history reads
  std::vector<runtime::DataReference> references_; ///< keep the camera frames read alive
};

/// Registers the audio backend (with `options`) in `registry`.
void add_audio_backend(runtime::BackendRegistry& registry, const Options& options);

} // namespace weft::backends::audio
