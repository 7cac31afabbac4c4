/// \file
/// Two small but real backends for the coordinator tests, until the visual and audio backends of
/// later issues exist. Both evaluate IR with a plain interpreter (`evaluate`), record every
/// coordinator call in a shared trace, resolve what they read from other backends while
/// compiling and, when executing, read only through the references resolved then:
/// - the audio backend runs the owned nodes placed in it one sample at a time (`mic` plays a
///   test ramp, `sine` and `saw` keep a phase), writes each into its history ring (§7.4), exposes
///   the rings, and evaluates its `play` sinks per sample;
/// - the visual backend renders its `display` sink into a small picture per frame, reading audio
///   outputs from their rings at the frame's time (§7.4: newest = floor(n·rate/fps)), and exposes
///   its placed nodes as value getters with an evaluator attached.
/// Tests: tests/runtime/coordinator_test.cpp, tests/runtime/execute_has_no_lookups_test.cpp.
#pragma once

#include "graph/graph_helpers.h"
#include "runtime/coordinator.h"

#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <numbers>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace weft::test {

/// The test signal `mic()` plays at sample j.
inline double mic_ramp(std::int64_t j) {
  return 1e-4 * static_cast<double>(j);
}

/// The test camera's texel (i, j) in frame n.
inline float camera_texel(std::int64_t n, int i, int j) {
  return static_cast<float>(0.01 * static_cast<double>(n) + 0.1 * i + 0.2 * j);
}

/// Evaluates IR node `root` at `at`. Owned nodes (and history reads of them) are read through
/// `owned(node, time)`; image lookups through `sample(node, u, v)`. Nodes are evaluated in index
/// order, which is a topological order of the IR.
template <typename OwnedFn, typename SampleFn>
double evaluate(const ir::Graph& g, ir::NodeId root, const runtime::Point& at, OwnedFn&& owned,
                SampleFn&& sample) {
  std::vector<char> needed(root + 1, 0);
  std::vector<ir::NodeId> work{root};
  while (!work.empty()) {
    ir::NodeId n = work.back();
    work.pop_back();
    if (needed[n]) continue;
    needed[n] = 1;
    if (g.node(n).op == ir::Op::Owned) continue; // its arguments belong to its owner
    for (ir::NodeId a : g.args(n)) work.push_back(a);
  }
  std::vector<double> value(root + 1, 0.0);
  for (ir::NodeId n = 0; n <= root; ++n) {
    if (!needed[n]) continue;
    const ir::Node& node = g.node(n);
    std::vector<double> args;
    for (ir::NodeId a : g.args(n)) args.push_back(value[a]);
    switch (node.op) {
    case ir::Op::Constant:
      value[n] = node.value;
      break;
    case ir::Op::Coord:
      value[n] = at.me[node.aux];
      break;
    case ir::Op::Mouse:
      value[n] = at.mouse[node.aux];
      break;
    case ir::Op::Select:
      value[n] = (args[0] != 0 && !std::isnan(args[0])) ? args[1] : args[2];
      break;
    case ir::Op::Call:
      value[n] = node.builtin->fold ? node.builtin->fold(args) : 0.0;
      break;
    case ir::Op::Owned:
      value[n] = owned(n, at[ir::Coord::Time]);
      break;
    case ir::Op::History:
      value[n] = owned(g.args(n)[0], args[1]);
      break;
    case ir::Op::Sample:
      value[n] = sample(n, args[0], args[1]);
      break;
    default:
      value[n] = ir::fold_operator(node.op, args);
      break;
    }
  }
  return value[root];
}

/// The Owned and Sample IR nodes in the cone of `root`, not looking inside owned nodes.
inline std::set<ir::NodeId> owned_nodes_read(const ir::Graph& g, ir::NodeId root) {
  std::set<ir::NodeId> out;
  std::set<ir::NodeId> seen;
  std::vector<ir::NodeId> work{root};
  while (!work.empty()) {
    ir::NodeId n = work.back();
    work.pop_back();
    if (!seen.insert(n).second) continue;
    const ir::Op op = g.node(n).op;
    if (op == ir::Op::Owned || op == ir::Op::Sample) {
      out.insert(n);
      if (op == ir::Op::Owned) continue;
    }
    for (ir::NodeId a : g.args(n)) work.push_back(a);
  }
  return out;
}

inline std::string path_text(const runtime::DataReference& r) {
  if (!r.valid()) return "invalid";
  if (r.ring()) return "buffer handle (audio ring)";
  if (r.frame()) return "buffer handle (latest frame)";
  return "value getter";
}

/// What both recording backends share: the trace, resolving reads, exposing outputs.
class RecordingBackend : public runtime::Backend {
public:
  RecordingBackend(ir::Domain domain, std::vector<std::string>* trace)
      : domain_(domain), trace_(trace) {}

  ir::Domain domain() const override { return domain_; }

  runtime::CompileStatus compile_nodes(const graph::Batch& batch,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override {
    module_ = &env.module;
    graph_ = &env.graph;
    std::vector<std::string> names;
    for (graph::RenderNodeId n : batch.nodes) names.push_back(env.graph.nodes[n].name);
    record(fmt::format("compile_nodes [{}]", fmt::join(names, ", ")));
    for (graph::RenderNodeId n : batch.nodes) {
      const graph::RenderNode& node = env.graph.nodes[n];
      for (graph::OutputRef in : node.inputs) resolve(in, coordinator);
      for (const graph::RenderOutput& o : node.outputs) resolve_owned_in_cone(o.value, coordinator);
      compile_node(n, coordinator);
    }
    return runtime::CompileStatus::success();
  }

  runtime::CompileStatus compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override {
    module_ = &env.module;
    graph_ = &env.graph;
    std::vector<std::string> labels;
    for (const graph::RenderSink* s : sinks) labels.push_back(s->label);
    record(fmt::format("compile_sinks [{}]", fmt::join(labels, ", ")));
    for (const graph::RenderSink* s : sinks) {
      for (graph::OutputRef in : s->inputs) resolve(in, coordinator);
      for (const ir::SinkValue& v : env.module.sinks[s->index].values) {
        resolve_owned_in_cone(v.value, coordinator);
      }
      sinks_.push_back(s->index);
    }
    return runtime::CompileStatus::success();
  }

  /// The references resolved while compiling, by output read.
  const std::map<graph::OutputRef, runtime::DataReference>& resolved() const { return resolved_; }

protected:
  virtual void compile_node(graph::RenderNodeId n, runtime::Coordinator& coordinator) = 0;

  void record(const std::string& line) {
    trace_->push_back(fmt::format("{}: {}", ir::domain_name(domain_), line));
  }

  bool is_mine(graph::OutputRef r) const { return graph_->nodes[r.node].backend == domain_; }

  void expose(graph::OutputRef r, runtime::DataReference ref, runtime::Coordinator& coordinator) {
    const auto [instance, strand] = graph_->output_key(r);
    record(fmt::format("expose {} ({})", graph_->output_label(r), path_text(ref)));
    coordinator.expose(instance, strand, std::move(ref));
  }

  /// The ring or frame an owned IR node of another backend is read through.
  const runtime::DataReference& reference_of_owned(ir::NodeId value) const {
    return resolved_.at(graph_->owned_outputs.at(value));
  }

  /// An image lookup: a camera frame (this backend's, or another's through its handle); a still
  /// image stands in as mid-grey.
  double read_image(ir::NodeId n, double u, double v) const {
    if (auto own = frames_.find(n); own != frames_.end()) return own->second->read_at(u, v);
    const graph::OutputRef out = graph_->owned_outputs.at(n);
    if (!is_mine(out)) {
      if (const runtime::FrameBuffer* f = resolved_.at(out).frame()) return f->read_at(u, v);
    }
    return 0.5;
  }

  std::map<ir::NodeId, std::shared_ptr<runtime::FrameBuffer>> frames_; ///< cameras placed here

  const ir::Module* module_ = nullptr; ///< set while compiling; outlives the backend
  const graph::RenderGraph* graph_ = nullptr;
  std::vector<std::uint32_t> sinks_; ///< indices into Module::sinks

private:
  /// A read of another backend's output, looked up once per backend, as the seed does.
  void resolve(graph::OutputRef in, runtime::Coordinator& coordinator) {
    if (is_mine(in) || resolved_.count(in)) return;
    const auto [instance, strand] = graph_->output_key(in);
    runtime::DataReference ref = coordinator.lookup(instance, strand);
    record(fmt::format("lookup {} -> {}", graph_->output_label(in), path_text(ref)));
    resolved_.emplace(in, std::move(ref));
  }

  /// Owned nodes of other backends that this backend's own evaluation reaches (through value
  /// getters it recomputes): their buffers too.
  void resolve_owned_in_cone(ir::NodeId value, runtime::Coordinator& coordinator) {
    for (ir::NodeId owned : owned_nodes_read(module_->graph, value)) {
      resolve(graph_->owned_outputs.at(owned), coordinator);
    }
  }

  ir::Domain domain_;
  std::vector<std::string>* trace_;
  std::map<graph::OutputRef, runtime::DataReference> resolved_;
};

/// Audio: owned nodes per sample into rings, `play` sinks per sample.
class RecordingAudioBackend : public RecordingBackend {
public:
  explicit RecordingAudioBackend(std::vector<std::string>* trace)
      : RecordingBackend(ir::Domain::Audio, trace) {}

  /// Left channel of every `play` sink, summed, per sample executed.
  const std::vector<double>& played() const { return played_; }

  void execute(const runtime::ExecuteContext& context) override {
    record(fmt::format("execute frame {}", context.frame));
    const ir::Module& m = *module_;
    for (std::int64_t s = context.first_sample; s < context.first_sample + context.sample_count;
         ++s) {
      runtime::Point at;
      at[ir::Coord::Sample] = static_cast<double>(s);
      at[ir::Coord::Time] = at[ir::Coord::Abstime] = static_cast<double>(s) / m.env.rate;
      for (auto& [node, state] : owned_) run_owned(node, state, at, s);
      double sum = 0;
      for (std::uint32_t i : sinks_) sum += value_at(m.sinks[i].values.front().value, at, s);
      if (!sinks_.empty()) played_.push_back(sum);
    }
  }

protected:
  void compile_node(graph::RenderNodeId n, runtime::Coordinator& coordinator) override {
    const graph::RenderNode& node = graph_->nodes[n];
    if (!node.has_buffer_output()) {
      for (std::uint32_t o = 0; o < node.outputs.size(); ++o) {
        expose({n, o}, runtime::DataReference::getter({&module_->graph, node.outputs[o].value}),
               coordinator);
      }
      return;
    }
    for (ir::NodeId v : node.owned_values) {
      owned_.emplace(v, OwnedState{std::make_shared<runtime::SampleRing>(module_->env.rate), 0, 0});
    }
    for (std::uint32_t o = 0; o < node.outputs.size(); ++o) {
      expose({n, o}, runtime::DataReference::ring(owned_.at(node.outputs[o].value).ring),
             coordinator);
    }
  }

private:
  struct OwnedState {
    std::shared_ptr<runtime::SampleRing> ring;
    double phase = 0;
    double current = 0;
  };

  double value_at(ir::NodeId root, const runtime::Point& at, std::int64_t s) {
    auto owned = [&](ir::NodeId node, double time) -> double {
      auto mine = owned_.find(node);
      const runtime::SampleRing* ring =
          mine != owned_.end() ? mine->second.ring.get() : reference_of_owned(node).ring();
      if (mine != owned_.end() && time == at[ir::Coord::Time]) return mine->second.current;
      return ring->read_at_time(time, s);
    };
    auto sample = [&](ir::NodeId n, double u, double v) { return read_image(n, u, v); };
    return evaluate(module_->graph, root, at, owned, sample);
  }

  void run_owned(ir::NodeId node, OwnedState& state, const runtime::Point& at, std::int64_t s) {
    const ir::Graph& g = module_->graph;
    std::vector<double> args;
    for (ir::NodeId a : g.args(node)) args.push_back(value_at(a, at, s));
    const std::string_view name = g.node(node).builtin->name;
    if (name == "mic") {
      state.current = mic_ramp(s);
    } else if (name == "sine" || name == "saw") {
      state.current =
          name == "sine" ? std::sin(2 * std::numbers::pi * state.phase) : 2 * state.phase - 1;
      state.phase = std::fmod(state.phase + args[0] / module_->env.rate, 1.0);
    } else {
      state.current = 0;
    }
    state.ring->write(state.current);
  }

  std::map<ir::NodeId, OwnedState> owned_; ///< in IR order: arguments before their users
  std::vector<double> played_;
};

/// Visual: renders its `display` sink into a kWidth x kHeight picture per frame.
class RecordingVisualBackend : public RecordingBackend {
public:
  static constexpr int kWidth = 4;
  static constexpr int kHeight = 2;

  explicit RecordingVisualBackend(std::vector<std::string>* trace)
      : RecordingBackend(ir::Domain::Visual, trace) {}

  /// The red channel of the last frame, row-major.
  const std::vector<double>& picture() const { return picture_; }
  std::int64_t newest_audio_sample() const { return newest_; }

  void execute(const runtime::ExecuteContext& context) override {
    record(fmt::format("execute frame {}", context.frame));
    const ir::Environment& env = module_->env;
    newest_ = static_cast<std::int64_t>(
        std::floor(static_cast<double>(context.frame) * env.rate / env.fps));
    for (auto& [node, frame] : frames_) {
      for (int j = 0; j < kHeight; ++j) {
        for (int i = 0; i < kWidth; ++i) frame->texel(i, j) = camera_texel(context.frame, i, j);
      }
      frame->complete(context.frame);
    }
    picture_.assign(kWidth * kHeight, 0.0);
    if (sinks_.empty()) return;
    for (int row = 0; row < kHeight; ++row) {
      for (int col = 0; col < kWidth; ++col) {
        runtime::Point at;
        at[ir::Coord::X] = (col + 0.5) / kWidth;
        at[ir::Coord::Y] = (row + 0.5) / kHeight;
        at[ir::Coord::Frame] = at[ir::Coord::Absframe] = static_cast<double>(context.frame);
        at[ir::Coord::Time] = at[ir::Coord::Abstime] = static_cast<double>(context.frame) / env.fps;
        picture_[static_cast<std::size_t>(row * kWidth + col)] = evaluate_point(
            this, module_->graph, module_->sinks[sinks_.front()].values.front().value, at);
      }
    }
  }

  /// The evaluator attached to the value getters this backend exposes.
  static double evaluate_point(const void* self, const ir::Graph& g, ir::NodeId node,
                               const runtime::Point& at) noexcept {
    const auto* me = static_cast<const RecordingVisualBackend*>(self);
    auto owned = [&](ir::NodeId n, double time) {
      return me->reference_of_owned(n).ring()->read_at_time(time, me->newest_);
    };
    auto sample = [&](ir::NodeId n, double u, double v) { return me->read_image(n, u, v); };
    return evaluate(g, node, at, owned, sample);
  }

protected:
  void compile_node(graph::RenderNodeId n, runtime::Coordinator& coordinator) override {
    const graph::RenderNode& node = graph_->nodes[n];
    if (node.has_buffer_output()) { // a camera: one frame per output
      for (ir::NodeId v : node.owned_values) {
        frames_.emplace(v, std::make_shared<runtime::FrameBuffer>(kWidth, kHeight));
      }
      for (std::uint32_t o = 0; o < node.outputs.size(); ++o) {
        expose({n, o}, runtime::DataReference::frame(frames_.at(node.outputs[o].value)),
               coordinator);
      }
      return;
    }
    for (std::uint32_t o = 0; o < node.outputs.size(); ++o) {
      expose({n, o},
             runtime::DataReference::getter(
                 {&module_->graph, node.outputs[o].value, &evaluate_point, this}),
             coordinator);
    }
  }

private:
  std::vector<double> picture_;
  std::int64_t newest_ = -1;
};

/// A registry with the two recording backends, both writing to `trace`.
inline runtime::BackendRegistry recording_registry(std::vector<std::string>* trace) {
  runtime::BackendRegistry registry;
  registry.add(ir::Domain::Audio, "recording-audio",
               [trace] { return std::make_unique<RecordingAudioBackend>(trace); });
  registry.add(ir::Domain::Visual, "recording-visual",
               [trace] { return std::make_unique<RecordingVisualBackend>(trace); });
  return registry;
}

/// The step for frame `n` offline: frame n and the samples floor(n·rate/fps) … of the next frame.
inline runtime::ExecuteContext frame_step(const ir::Environment& env, std::int64_t n) {
  auto first = [&](std::int64_t k) {
    return static_cast<std::int64_t>(std::floor(static_cast<double>(k) * env.rate / env.fps));
  };
  return {n, first(n), first(n + 1) - first(n)};
}

} // namespace weft::test
