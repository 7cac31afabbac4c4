#include "backends/audio/audio_backend.h"

#include "audio/dsp/safety.h"
#include "audio/engine/dependency_graph.h"
#include "backends/audio/builtin_nodes.h"
#include "backends/audio/expression_node.h"
#include "backends/audio/sample_trigger_node.h"
#include "backends/crossing_sources.h"
#include "exact/rational.h"
#include "runtime/coordinator.h"
#include "vm/compile.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <utility>
#include <variant>

namespace weft::backends::audio {

namespace {

namespace engine = weft::audio;
using ir::NodeId;

/// Sums the `play` sinks channel by channel in source order and applies the safety stage:
/// inputs l1, r1, l2, r2, …; outputs left, right.
class PlayMixNode final : public engine::AudioNode {
public:
  explicit PlayMixNode(std::size_t sinks) : sinks_(sinks) {}
  std::size_t inputs() const noexcept override { return 2 * sinks_; }
  std::size_t outputs() const noexcept override { return 2; }
  void process_block(const engine::ProcessContext& ctx, engine::InputBuffers in,
                     engine::OutputBuffers out) noexcept override {
    const auto n = static_cast<std::size_t>(ctx.block_size);
    for (std::size_t c = 0; c < 2; ++c) {
      double* o = out[c].data();
      if (sinks_ == 0) { // the engine runs for its history rings only: silence
        std::fill_n(o, n, 0.0);
        continue;
      }
      std::copy_n(in[c].data(), n, o);
      for (std::size_t k = 1; k < sinks_; ++k) {
        const double* x = in[2 * k + c].data();
        for (std::size_t i = 0; i < n; ++i) o[i] += x[i];
      }
      weft::audio::dsp::safety_block(o, o, n);
    }
  }

private:
  std::size_t sinks_;
};

/// Appends its input to a history ring (LANGUAGE.md §7.4) and passes it on; the output only
/// orders the ring's readers in the audio domain after it.
class RingTapNode final : public engine::AudioNode {
public:
  explicit RingTapNode(runtime::SampleRing& ring) : ring_(ring) {}
  std::size_t inputs() const noexcept override { return 1; }
  std::size_t outputs() const noexcept override { return 1; }
  void process_block(const engine::ProcessContext& ctx, engine::InputBuffers in,
                     engine::OutputBuffers out) noexcept override {
    const auto n = static_cast<std::size_t>(ctx.block_size);
    ring_.write_block(in[0].data(), n);
    std::copy_n(in[0].data(), n, out[0].data());
  }

private:
  runtime::SampleRing& ring_;
};

/// Builds the engine graph of a program's `play` sinks and of the history rings other backends
/// (and the sound's own history reads) read.
class GraphBuilder {
public:
  /// `frame_of` finds the latest-frame buffer of a `camera` Sample node (null if none).
  GraphBuilder(const ir::Module& module, double rate, std::size_t block, const LiveInput* input,
               Rings& rings, std::function<const runtime::FrameBuffer*(NodeId)> frame_of)
      : module_(module), graph_(module.graph), rate_(rate), block_(block), input_(input),
        rings_(rings), frame_of_(std::move(frame_of)) {}

  /// Adds every node; returns an error message, or empty.
  std::string build(std::span<const ir::Sink* const> sinks) {
    std::vector<NodeId> exposed;
    for (const auto& [node, ring] : rings_) exposed.push_back(node);
    for (NodeId node : exposed) {
      auto t = tap(node);
      if (auto* error = std::get_if<std::string>(&t)) return *error;
    }
    std::vector<NodeId> values;
    for (const ir::Sink* sink : sinks) {
      for (std::string_view role : {"left", "right"}) {
        auto it = std::find_if(sink->values.begin(), sink->values.end(),
                               [&](const ir::SinkValue& v) { return v.role == role; });
        if (it == sink->values.end()) {
          return fmt::format("the play sink at line {} has no '{}' value", sink->span.line, role);
        }
        values.push_back(it->value);
      }
    }
    const auto mix = engine_.add_node("play", std::make_unique<PlayMixNode>(sinks.size()));
    if (!sinks.empty()) {
      std::string error = expression("play values", values, mix, sinks.front()->span.line);
      if (!error.empty()) return error;
    }
    engine_.add_output({mix, 0});
    engine_.add_output({mix, 1});
    return {};
  }

  engine::DependencyGraph take() { return std::move(engine_); }
  bool uses_input() const { return uses_input_; }

private:
  /// The engine node of the owned IR node `id` (its call site), created with its arguments.
  std::variant<engine::NodeId, std::string> site(NodeId id) {
    const ir::Node& n = graph_.node(id);
    const auto key = std::make_pair(n.builtin, n.aux);
    if (auto it = sites_.find(key); it != sites_.end()) return it->second;
    std::unique_ptr<engine::AudioNode> node =
        n.builtin->name == "s" ? sample_trigger(n)
                               : make_builtin_node(*n.builtin, rate_, n.aux, input_);
    if (n.builtin->name == "mic") uses_input_ = true;
    if (!node)
      return fmt::format("'{}' is not supported yet by the audio backend", n.builtin->name);
    auto args = graph_.args(n);
    if (node->inputs() != args.size()) {
      return fmt::format("'{}' takes {} inputs in the engine, the program gives {}",
                         n.builtin->name, node->inputs(), args.size());
    }
    const engine::NodeId id_in_engine =
        engine_.add_node(std::string(n.builtin->name), std::move(node));
    sites_.emplace(key, id_in_engine);
    if (!args.empty()) {
      std::vector<NodeId> inputs(args.begin(), args.end());
      std::string error =
          expression(fmt::format("arguments of {}", n.builtin->name), inputs, id_in_engine, 0);
      if (!error.empty()) return error;
    }
    return id_in_engine;
  }

  /// The node of an `s` call: its compiled pattern (the id is its last argument) and the decoded
  /// sample of each of the pattern's values (null for values that name none).
  std::unique_ptr<engine::AudioNode> sample_trigger(const ir::Node& n) {
    const auto id = static_cast<std::uint32_t>(graph_.node(graph_.args(n).back()).value);
    auto pattern = module_.patterns.find(id);
    const std::optional<exact::Rational> cps = exact::rational_from_double(module_.env.cps);
    if (pattern == module_.patterns.end() || !cps) return nullptr;
    std::vector<std::shared_ptr<const io::SampleSet>> samples;
    for (const patterns::Value& v : pattern->second->values()) {
      auto set = module_.samples.find(v.text);
      samples.push_back(set != module_.samples.end() ? set->second : nullptr);
    }
    return std::make_unique<SampleTriggerNode>(pattern->second, std::move(samples), *cps,
                                               static_cast<std::int64_t>(rate_), block_);
  }

  /// The node that fills the history ring of owned IR node `id` (created with the ring if new).
  std::variant<engine::NodeId, std::string> tap(NodeId id) {
    if (auto it = taps_.find(id); it != taps_.end()) return it->second;
    auto from = site(id);
    if (auto* error = std::get_if<std::string>(&from)) return *error;
    std::shared_ptr<runtime::SampleRing>& ring = rings_[id];
    if (!ring) ring = std::make_shared<runtime::SampleRing>(rate_);
    const ir::Node& n = graph_.node(id);
    const engine::NodeId t = engine_.add_node(fmt::format("history of {}", n.builtin->name),
                                              std::make_unique<RingTapNode>(*ring));
    engine_.connect({std::get<engine::NodeId>(from), n.channel}, {t, 0});
    taps_.emplace(id, t);
    return t;
  }

  /// An expression node computing `values` into inputs 0… of `target`.
  std::string expression(const std::string& name, const std::vector<NodeId>& values,
                         engine::NodeId target, std::uint32_t line) {
    vm::CompileOptions options;
    options.varying = kVaryingFields;
    options.block = static_cast<std::uint32_t>(std::min<std::size_t>(block_, 1024));
    options.images = &module_.images;
    options.patterns = &module_.patterns;
    options.cps = module_.env.cps;
    vm::Program program;
    try {
      program = vm::compile(graph_, values, options);
    } catch (const vm::CompileError& e) {
      return line != 0 ? fmt::format("the sound at line {} cannot be compiled: {}", line, e.what())
                       : fmt::format("the sound cannot be compiled: {}", e.what());
    }
    const std::vector<NodeId> externals = program.externals;
    const std::vector<NodeId> histories = program.histories;
    std::vector<vm::HistorySource> sources;
    std::vector<engine::NodeId> fillers;
    for (NodeId h : histories) {
      auto t = tap(h);
      if (auto* error = std::get_if<std::string>(&t)) return *error;
      fillers.push_back(std::get<engine::NodeId>(t));
      sources.push_back(history_source(*rings_.at(h)));
    }
    std::vector<vm::FrameSource> frames;
    for (NodeId f : program.frames) {
      const runtime::FrameBuffer* frame = frame_of_(f);
      if (frame == nullptr) return "the camera read by the sound has no frame";
      frames.push_back(frame_source(*frame));
    }
    ir::Environment env = module_.env;
    env.rate = rate_; // `--rate` overrides me<rate>: me@time counts samples at the engine's rate
    auto node = std::make_unique<ExpressionNode>(std::move(program), env, block_,
                                                 std::move(sources), std::move(frames));
    const engine::NodeId expr = engine_.add_node(name, std::move(node));
    for (std::size_t k = 0; k < fillers.size(); ++k) {
      engine_.connect({fillers[k], 0}, {expr, static_cast<std::uint32_t>(externals.size() + k)});
    }
    for (std::size_t k = 0; k < externals.size(); ++k) {
      const ir::Node& e = graph_.node(externals[k]);
      if (e.op != ir::Op::Owned) {
        const std::string_view what = e.builtin != nullptr ? e.builtin->name : ir::op_name(e.op);
        return fmt::format("'{}' is not supported yet by the audio backend", what);
      }
      auto from = site(externals[k]);
      if (auto* error = std::get_if<std::string>(&from)) return *error;
      engine_.connect({std::get<engine::NodeId>(from), e.channel},
                      {expr, static_cast<std::uint32_t>(k)});
    }
    for (std::size_t k = 0; k < values.size(); ++k) {
      engine_.connect({expr, static_cast<std::uint32_t>(k)},
                      {target, static_cast<std::uint32_t>(k)});
    }
    return {};
  }

  const ir::Module& module_;
  const ir::Graph& graph_;
  double rate_;
  std::size_t block_;
  const LiveInput* input_;
  bool uses_input_ = false;
  Rings& rings_;
  std::function<const runtime::FrameBuffer*(NodeId)> frame_of_;
  engine::DependencyGraph engine_;
  std::map<std::pair<const ir::Builtin*, std::uint32_t>, engine::NodeId> sites_;
  std::map<NodeId, engine::NodeId> taps_;
};

} // namespace

runtime::CompileStatus AudioBackend::compile_nodes(const graph::Batch& batch,
                                                   const runtime::CompileEnvironment& env,
                                                   runtime::Coordinator& coordinator) {
  // Engine nodes are built from the cones in compile_sinks (one engine node per call site);
  // here each owned output another backend reads gets its history ring, exposed now so that
  // the readers' batches find it (§7.4).
  rate_ = options_.rate.value_or(env.env().rate);
  for (const graph::CrossBackendRead& read : env.graph.cross_backend_reads) {
    if (read.read_backend != ir::Domain::Audio || read.buffer != graph::BufferKind::SampleRing ||
        std::find(batch.nodes.begin(), batch.nodes.end(), read.read.node) == batch.nodes.end()) {
      continue;
    }
    std::shared_ptr<runtime::SampleRing>& ring = rings_[env.graph.output(read.read).value];
    if (!ring) ring = std::make_shared<runtime::SampleRing>(rate_);
    const auto [instance, strand] = env.graph.output_key(read.read);
    coordinator.expose(instance, strand, runtime::DataReference::ring(ring));
  }
  return runtime::CompileStatus::success();
}

runtime::CompileStatus AudioBackend::compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                                   const runtime::CompileEnvironment& env,
                                                   runtime::Coordinator& coordinator) {
  std::vector<const ir::Sink*> plays;
  for (const graph::RenderSink* s : sinks) {
    const ir::Sink& sink = env.module.sinks[s->index];
    if (sink.kind == lang::SinkKind::Play) plays.push_back(&sink);
  }
  has_play_ = !plays.empty();
  if (plays.empty() && rings_.empty()) return runtime::CompileStatus::success();
  rate_ = options_.rate.value_or(env.env().rate);
  const std::size_t block = std::max<std::size_t>(1, options_.block);
  // Camera frames come from the visual backend, found now through the coordinator (§7.6).
  auto frame_of = [&](ir::NodeId id) -> const runtime::FrameBuffer* {
    runtime::DataReference reference = coordinator.lookup_owned(id);
    const runtime::FrameBuffer* frame = reference.frame();
    if (frame != nullptr) references_.push_back(std::move(reference));
    return frame;
  };
  GraphBuilder builder(env.module, rate_, block, &input_, rings_, frame_of);
  if (std::string error = builder.build(plays); !error.empty()) {
    return runtime::CompileStatus::failure(error);
  }
  uses_input_ = builder.uses_input();
  engine::ScheduleResult compiled = engine::compile_schedule(builder.take(), block);
  if (!compiled.ok()) return runtime::CompileStatus::failure(compiled.error);
  schedule_ = std::move(compiled.schedule);
  executor_ = std::make_unique<engine::SerialExecutor>(*schedule_);
  const auto cps = engine::rational_from_double(env.env().cps);
  const auto rate = static_cast<std::int64_t>(rate_);
  if (!cps || engine::make_process_context(0, static_cast<std::int64_t>(block), rate, *cps,
                                           context_) != engine::ContextStatus::kOk) {
    return runtime::CompileStatus::failure("the audio clock cannot start (rate or tempo)");
  }
  return runtime::CompileStatus::success();
}

void AudioBackend::process(std::size_t n, double* left, double* right) noexcept {
  const auto block = static_cast<std::size_t>(schedule_->max_block_size());
  for (std::size_t done = 0; done < n;) {
    const std::size_t m = std::min(block, n - done);
    context_.block_size = static_cast<std::int64_t>(m);
    input_.offset = done;
    executor_->process(context_);
    std::copy_n(executor_->output(0).data(), m, left + done);
    std::copy_n(executor_->output(1).data(), m, right + done);
    engine::advance_block(context_);
    done += m;
  }
  input_ = {}; // set_input holds for one call
}

void add_audio_backend(runtime::BackendRegistry& registry, const Options& options) {
  registry.add(ir::Domain::Audio, "audio",
               [options] { return std::make_unique<AudioBackend>(options); });
}

} // namespace weft::backends::audio
