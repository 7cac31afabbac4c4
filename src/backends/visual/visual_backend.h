/// \file
/// The visual backend (ARCHITECTURE.md §3, issue 5): compiles the picture of the program's visual
/// sink (`display`/`render`, its r, g, b, a values) with the VM over float lanes, `me@x` varying
/// per lane and `me@y` uniform per row, and renders frame n of W × H pixels into a float RGBA
/// buffer, rows distributed over a pool of worker threads kept between frames. Every pixel is
/// computed independently by the same instruction sequence, so the image is bit-identical for any
/// thread count (§11). Coordinates (LANGUAGE.md §5.1, §5.3): x = (col + 0.5) / W, y = (row + 0.5) /
/// H, frame = n mod loop (loop > 0) else n, time = frame / fps, abstime = n / fps, beat and measure
/// from abstime; each computed in binary64 and rounded to float. The mouse is a fixed option
/// (§5.5). Values are stored as computed; the output stage (NaN → 0, clamp) belongs to the writers.
/// `load` images are sampled by the VM; `camera` is a latest-frame buffer per channel, exposed to
/// the other domains (§7.4), black (r = g = b = 0, a = 1: no capture device yet, and offline
/// renders never read one, §8.5, §11). Audio-owned outputs are read from
/// the history rings the audio backend exposes (§7.4), found through the coordinator when the
/// picture compiles: unremapped at the frame's me@time (one value per frame), remapped (`History`)
/// per pixel by the VM; frame n sees the samples up to ExecuteContext::audio_newest.
/// Preconditions: register with `add_visual_backend`; the coordinator compiles before `execute`.
/// Implements: LANGUAGE.md §5.1, §5.5, §9.1, §11. Tests: tests/backends/.
/// Real-time: no (`execute` starts its worker threads on the first frame and waits for them).
#pragma once

#include "runtime/backend.h"
#include "runtime/backend_registry.h"
#include "runtime/data_reference.h"
#include "runtime/frame_buffer.h"
#include "runtime/sample_ring.h"
#include "runtime/worker_pool.h"
#include "vm/execute.h"
#include "vm/program.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace weft::backends::visual {

struct Options {
  unsigned threads = 0;     ///< worker threads; 0: std::thread::hardware_concurrency()
  std::uint32_t width = 0;  ///< overrides me<width> when non-zero
  std::uint32_t height = 0; ///< overrides me<height> when non-zero
  std::array<float, 3> mouse = {0.5F, 0.5F, 0.0F}; ///< x, y, down (§5.5 headless defaults)
};

/// A rendered frame: `width × height` RGBA floats, rows top to bottom, as computed (no clamp).
struct FrameImage {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<float> rgba;
};

class VisualBackend : public runtime::Backend {
public:
  explicit VisualBackend(Options options) : options_(options) {}

  ir::Domain domain() const override { return ir::Domain::Visual; }
  runtime::CompileStatus compile_nodes(const graph::Batch& batch,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override;
  runtime::CompileStatus compile_sinks(std::span<const graph::RenderSink* const> sinks,
                                       const runtime::CompileEnvironment& env,
                                       runtime::Coordinator& coordinator) override;
  /// Renders frame `context.frame` into image().
  void execute(const runtime::ExecuteContext& context) override;

  /// Whether a visual sink was compiled.
  bool has_picture() const { return compiled_; }
  /// Whether the picture writes alpha: its `a` value is not the constant 1.
  bool writes_alpha() const { return writes_alpha_; }
  const FrameImage& image() const { return image_; }
  /// The threads `execute` uses.
  unsigned thread_count() const;
  /// Whether the picture reads audio histories (then frames must wait for the sound, §7.4).
  bool reads_sound() const { return !rings_.empty(); }
  /// The mouse `mouse@x`, `mouse@y`, `mouse@down` read from the next frame on (`weft run`).
  void set_mouse(const std::array<float, 3>& mouse) { options_.mouse = mouse; }

private:
  void render_row(std::uint32_t worker, std::uint32_t row);
  /// Fixes the newest audio sample of the frame and fills the lanes of unremapped sound reads.
  void read_sound(const runtime::ExecuteContext& context, double time);

  /// An audio-owned output the picture reads at the frame's time: its ring and external lanes.
  struct SoundRead {
    const runtime::SampleRing* ring = nullptr;
    std::size_t lane = 0;
  };

  Options options_;
  bool compiled_ = false;
  bool writes_alpha_ = false;
  vm::Program program_;
  ir::Environment env_;
  std::vector<float> xs_;                          ///< me@x per column
  std::vector<std::vector<float>> external_lanes_; ///< per program external: one row of values
  std::vector<const float*> external_pointers_;
  std::vector<runtime::DataReference> references_; ///< keep the rings read alive
  std::vector<SoundRead> sound_reads_;
  std::vector<vm::HistorySource> history_sources_;
  std::map<graph::OutputRef, std::shared_ptr<runtime::FrameBuffer>> camera_frames_;
  std::vector<vm::FrameSource> frame_sources_;
  std::vector<const runtime::SampleRing*> rings_; ///< every ring read
  std::int64_t audio_newest_ = -1;                ///< of the frame being rendered
  std::int64_t clock_frame_ = 0; ///< me@frame of the frame being rendered (patterns' clock)
  std::array<float, ir::kCoordCount> coords_{};
  FrameImage image_;
  std::vector<vm::Workspace<float>> workspaces_;
  std::vector<std::vector<float>> row_buffers_; ///< per worker: 4 × width
  std::unique_ptr<runtime::WorkerPool> pool_;   ///< started by the first frame, kept after
};

/// Registers the visual backend (with `options`) in `registry`.
void add_visual_backend(runtime::BackendRegistry& registry, const Options& options);

} // namespace weft::backends::visual
