#include "backends/visual/visual_backend.h"

#include "backends/crossing_sources.h"
#include "runtime/coordinator.h"
#include "vm/compile.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fmt/format.h>
#include <thread>

namespace weft::backends::visual {

namespace {

constexpr std::size_t index_of(ir::Coord c) {
  return static_cast<std::size_t>(c);
}

bool is_constant_one(const ir::Graph& graph, ir::NodeId id) {
  const ir::Node& n = graph.node(id);
  return n.op == ir::Op::Constant && n.value == 1.0;
}

/// Lowest mathematical modulo for frames: n mod L in [0, L).
std::int64_t wrap_frame(std::int64_t n, double loop) {
  if (!(loop > 0)) return n;
  const auto l = static_cast<std::int64_t>(loop);
  std::int64_t m = n % l;
  return m < 0 ? m + l : m;
}

} // namespace

runtime::CompileStatus VisualBackend::compile_nodes(const graph::Batch& batch,
                                                    const runtime::CompileEnvironment& env,
                                                    runtime::Coordinator& coordinator) {
  // Pure visual nodes are compiled inline with the sink's cone, and so are `load` lookups. A
  // `camera` gets one latest-frame buffer per channel (§7.4), exposed for the other domains:
  // without a capture device each is one black texel (alpha: 1), as §8.5 says offline.
  for (graph::RenderNodeId id : batch.nodes) {
    const graph::RenderNode& node = env.graph.nodes[id];
    const std::string_view name = node.builtin != nullptr ? node.builtin->name : "";
    if (name == "camera") {
      for (std::uint32_t o = 0; o < node.outputs.size(); ++o) {
        auto frame = std::make_shared<runtime::FrameBuffer>(1, 1);
        const bool alpha = node.builtin->channels.at(node.outputs[o].channel).name == "a";
        frame->texel(0, 0) = alpha ? 1.0F : 0.0F;
        frame->complete(0);
        const graph::OutputRef output{id, o};
        camera_frames_[output] = frame;
        const auto [instance, strand] = env.graph.output_key(output);
        coordinator.expose(instance, strand, runtime::DataReference::frame(frame));
      }
    } else if (node.is_owned() && name != "load") {
      return runtime::CompileStatus::failure(fmt::format(
          "'{}' at line {} is not supported yet by the visual backend", node.name, node.span.line));
    }
  }
  return runtime::CompileStatus::success();
}

runtime::CompileStatus VisualBackend::compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                                    const runtime::CompileEnvironment& env,
                                                    runtime::Coordinator& coordinator) {
  if (sinks.empty()) return runtime::CompileStatus::success();
  const ir::Module& module = env.module;
  const ir::Sink& sink = module.sinks[sinks.front()->index];
  const ir::Graph& graph = module.graph;

  static constexpr std::string_view kRoles[4] = {"r", "g", "b", "a"};
  std::array<ir::NodeId, 4> outputs{};
  for (std::size_t i = 0; i < 4; ++i) {
    auto it = std::find_if(sink.values.begin(), sink.values.end(),
                           [&](const ir::SinkValue& v) { return v.role == kRoles[i]; });
    if (it == sink.values.end()) {
      return runtime::CompileStatus::failure(
          fmt::format("the visual sink at line {} has no '{}' value", sink.span.line, kRoles[i]));
    }
    outputs[i] = it->value;
  }
  writes_alpha_ = !is_constant_one(graph, outputs[3]);

  vm::CompileOptions options;
  options.varying = ir::coord_bit(ir::Coord::X);
  options.row = ir::coord_bit(ir::Coord::Y);
  options.images = &module.images;
  options.patterns = &module.patterns;
  options.cps = module.env.cps;
  try {
    program_ = vm::compile(graph, outputs, options);
  } catch (const vm::CompileError& e) {
    return runtime::CompileStatus::failure(
        fmt::format("the picture at line {} cannot be compiled: {}", sink.span.line, e.what()));
  }
  env_ = module.env;
  const std::uint32_t width =
      options_.width != 0 ? options_.width : static_cast<std::uint32_t>(env_.width);
  // Externals: an audio-owned output read at the frame's time is one value per frame from its
  // history ring (§7.4); History reads address rings per pixel. Every ring is found now, through
  // the coordinator; frames only read them. Camera reads sample this backend's own frames.
  auto ring_of = [&](ir::NodeId id) -> const runtime::SampleRing* {
    runtime::DataReference reference = coordinator.lookup_owned(id);
    const runtime::SampleRing* ring = reference.ring();
    if (ring != nullptr) {
      references_.push_back(std::move(reference));
      rings_.push_back(ring);
    }
    return ring;
  };
  external_lanes_.clear();
  sound_reads_.clear();
  history_sources_.clear();
  rings_.clear();
  for (ir::NodeId id : program_.externals) {
    const ir::Node& n = graph.node(id);
    const runtime::SampleRing* ring = n.op == ir::Op::Owned ? ring_of(id) : nullptr;
    if (ring == nullptr) {
      std::string_view what = n.builtin != nullptr ? n.builtin->name : "an owned node";
      return runtime::CompileStatus::failure(fmt::format(
          "'{}' read by the picture at line {} is not supported yet", what, sink.span.line));
    }
    sound_reads_.push_back({ring, external_lanes_.size()});
    external_lanes_.emplace_back(width, 0.0F);
  }
  frame_sources_.clear();
  for (ir::NodeId id : program_.frames) {
    auto output = env.graph.owned_outputs.find(id);
    auto frame = output != env.graph.owned_outputs.end() ? camera_frames_.find(output->second)
                                                         : camera_frames_.end();
    if (frame == camera_frames_.end()) {
      return runtime::CompileStatus::failure(
          fmt::format("the camera read by the picture at line {} has no frame", sink.span.line));
    }
    frame_sources_.push_back(frame_source(*frame->second));
  }
  for (ir::NodeId id : program_.histories) {
    const runtime::SampleRing* ring = ring_of(id);
    if (ring == nullptr) {
      return runtime::CompileStatus::failure(
          fmt::format("the history read by the picture at line {} has no ring", sink.span.line));
    }
    history_sources_.push_back(history_source(*ring));
  }
  external_pointers_.clear();
  for (const std::vector<float>& lanes : external_lanes_)
    external_pointers_.push_back(lanes.data());

  image_.width = width;
  image_.height = options_.height != 0 ? options_.height : static_cast<std::uint32_t>(env_.height);
  image_.rgba.assign(std::size_t{image_.width} * image_.height * 4, 0.0F);
  xs_.resize(image_.width);
  for (std::uint32_t c = 0; c < image_.width; ++c) {
    xs_[c] = static_cast<float>((c + 0.5) / image_.width);
  }
  for (int c = 0; c < ir::kCoordCount; ++c) {
    const auto coord = static_cast<ir::Coord>(c);
    if (ir::is_environment_coord(coord)) coords_[c] = static_cast<float>(env_.value(coord));
  }
  coords_[index_of(ir::Coord::Width)] = static_cast<float>(image_.width);
  coords_[index_of(ir::Coord::Height)] = static_cast<float>(image_.height);
  compiled_ = true;
  return runtime::CompileStatus::success();
}

unsigned VisualBackend::thread_count() const {
  unsigned n = options_.threads != 0 ? options_.threads : std::thread::hardware_concurrency();
  n = std::max(1U, n);
  return std::min<unsigned>(n, std::max<std::uint32_t>(1, image_.height));
}

void VisualBackend::render_row(std::uint32_t worker, std::uint32_t row) {
  const std::uint32_t w = image_.width;
  std::vector<float>& buffer = row_buffers_[worker];
  float* const lanes[4] = {buffer.data(), buffer.data() + w, buffer.data() + 2 * std::size_t{w},
                           buffer.data() + 3 * std::size_t{w}};
  vm::Inputs<float> in;
  in.coords = coords_;
  in.coords[index_of(ir::Coord::Y)] = static_cast<float>((row + 0.5) / image_.height);
  in.coord_lanes[index_of(ir::Coord::X)] = xs_.data();
  in.mouse = options_.mouse;
  in.externals = external_pointers_;
  in.histories = history_sources_;
  in.frames = frame_sources_;
  in.history_newest = audio_newest_;
  in.clock_first = clock_frame_; // patterns: the frame counter behind me@time (§8.10)
  in.clock_rate = env_.fps;
  vm::Outputs<float> out{std::span<float* const>(lanes, 4)};
  vm::run<float>(program_, in, out, w, workspaces_[worker]);
  float* dst = image_.rgba.data() + std::size_t{row} * w * 4;
  for (std::uint32_t c = 0; c < w; ++c) {
    for (std::size_t k = 0; k < 4; ++k) dst[std::size_t{c} * 4 + k] = lanes[k][c];
  }
}

void VisualBackend::execute(const runtime::ExecuteContext& context) {
  if (!compiled_) return;
  const std::int64_t n = context.frame;
  const std::int64_t frame = wrap_frame(n, env_.loop);
  const double abstime = static_cast<double>(n) / env_.fps;
  coords_[index_of(ir::Coord::Absframe)] = static_cast<float>(n);
  coords_[index_of(ir::Coord::Frame)] = static_cast<float>(frame);
  coords_[index_of(ir::Coord::Time)] = static_cast<float>(static_cast<double>(frame) / env_.fps);
  coords_[index_of(ir::Coord::Abstime)] = static_cast<float>(abstime);
  coords_[index_of(ir::Coord::Beat)] = static_cast<float>(env_.beat_at(abstime));
  coords_[index_of(ir::Coord::Measure)] = static_cast<float>(env_.measure_at(abstime));
  read_sound(context, static_cast<double>(frame) / env_.fps);
  clock_frame_ = frame;

  if (!pool_) pool_ = std::make_unique<runtime::WorkerPool>(thread_count());
  const unsigned threads = pool_->size();
  workspaces_.resize(threads);
  row_buffers_.resize(threads);
  for (auto& b : row_buffers_) b.resize(std::size_t{image_.width} * 4);

  std::atomic<std::uint32_t> next{0};
  pool_->run([&](unsigned worker) {
    for (std::uint32_t row = next.fetch_add(1); row < image_.height; row = next.fetch_add(1)) {
      render_row(worker, row);
    }
  });
}

void VisualBackend::read_sound(const runtime::ExecuteContext& context, double time) {
  if (rings_.empty()) return;
  audio_newest_ = context.audio_newest;
  if (audio_newest_ == runtime::ExecuteContext::kLatestAudio) {
    // Live: what every ring holds as the frame starts (the audio thread keeps writing).
    for (const runtime::SampleRing* ring : rings_) {
      audio_newest_ = std::min(audio_newest_, ring->newest());
    }
  }
  // An unremapped read sees the output at the frame's me@time (§7.4).
  for (const SoundRead& r : sound_reads_) {
    const auto value = static_cast<float>(r.ring->read_at_time(time, audio_newest_));
    std::fill(external_lanes_[r.lane].begin(), external_lanes_[r.lane].end(), value);
  }
}

void add_visual_backend(runtime::BackendRegistry& registry, const Options& options) {
  registry.add(ir::Domain::Visual, "visual",
               [options] { return std::make_unique<VisualBackend>(options); });
}

} // namespace weft::backends::visual
