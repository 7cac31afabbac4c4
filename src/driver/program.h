/// \file
/// A compiled program: the one path from a `.weft` file to frames and sound, shared by
/// `weft render` and `weft run`. Checks the file (printing its diagnostics), rejects features
/// whose backends have not landed (staging), builds the render graph, compiles it with the
/// visual and audio backends, renders frame n on demand and gives the audio backend to whoever
/// renders sound. Owns everything the outputs need (module, graph, coordinator), so it lives as
/// long as they are produced.
/// Implements: CLI.md `render` and `run` (compiling part). Tests: tests/backends/, tests/cli/.
/// Real-time: no.
#pragma once

#include "backends/audio/audio_backend.h"
#include "backends/visual/visual_backend.h"
#include "graph/render_graph.h"
#include "ir/check.h"
#include "runtime/coordinator.h"

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

namespace weft::driver {

/// Checks the file at `path` and prints its diagnostics to `err`; `more_checks`, when given,
/// adds its own diagnostics first (only to a program without errors). Returns kExitOk,
/// kExitUsage (unreadable file) or kExitCompileError; `checked` holds the result.
int check_and_report(const std::string& path, ir::CheckedProgram& checked,
                     const ir::EnvironmentOverrides& overrides, std::ostream& err,
                     const std::function<void(ir::CheckedProgram&)>& more_checks = {});

/// What a caller needs from the program and how to compile it.
struct ProgramOptions {
  backends::visual::Options visual; ///< `--size` overrides what me@width and me@height read
  backends::audio::Options audio;   ///< `--rate` overrides me<rate>
  bool needs_picture = false;       ///< a program without display/render is then an error
  bool needs_sound = false;         ///< a program without play is then an error
  bool needs_output = false;        ///< a program with neither is then an error (`weft run`)
};

class Program {
public:
  /// Compiles `path`. On failure prints why to `err`, sets `status` (kExitUsage for an
  /// unreadable file, kExitCompileError otherwise) and returns null.
  static std::unique_ptr<Program> compile(const std::string& path, const ProgramOptions& options,
                                          std::ostream& err, int& status);

  /// Whether the program draws (a display or render sink) and sounds (play sinks).
  bool has_picture() const { return picture_ != nullptr; }
  bool has_sound() const { return sound_ != nullptr; }
  /// The audio backend, when the program sounds.
  backends::audio::AudioBackend* sound() { return sound_; }
  /// The audio backend when its engine runs: the program sounds, or its picture reads audio
  /// (LANGUAGE.md §7.2: the engine runs whenever a sink needs an audio-owned node); else null.
  backends::audio::AudioBackend* audio_engine() { return engine_; }
  /// Whether the picture reads audio histories: frame n must then wait for the sound up to
  /// newest_sample_of_frame(n) (§7.4).
  bool picture_reads_sound() const { return picture_ != nullptr && picture_->reads_sound(); }
  /// floor(n · rate / fps), exactly (§7.4); only when audio_engine() is set.
  std::int64_t newest_sample_of_frame(std::int64_t n) const;

  /// Renders frame `n` (LANGUAGE.md §5.3: `me@frame` wraps at me<loop>, `me@absframe` = n),
  /// seeing audio up to sample `audio_newest` (ExecuteContext::kLatestAudio: whatever the rings
  /// hold, live); only when has_picture().
  const backends::visual::FrameImage&
  render(std::int64_t n, std::int64_t audio_newest = runtime::ExecuteContext::kLatestAudio);
  const backends::visual::FrameImage& image() const { return picture_->image(); }
  std::uint32_t width() const { return picture_->image().width; }
  std::uint32_t height() const { return picture_->image().height; }
  bool writes_alpha() const { return picture_->writes_alpha(); }
  /// me<fps>: the rate frames are shown at and videos are encoded at.
  double fps() const { return checked_.module->env.fps; }
  void set_mouse(const std::array<float, 3>& mouse) { picture_->set_mouse(mouse); }
  /// The compiled program's coordinator (for introspection: lookup counts).
  const runtime::Coordinator& coordinator() const { return *program_; }

private:
  Program() = default;

  ir::CheckedProgram checked_;
  graph::RenderGraph graph_;
  std::unique_ptr<runtime::Coordinator> program_;
  backends::visual::VisualBackend* picture_ = nullptr;
  backends::audio::AudioBackend* sound_ = nullptr;
  backends::audio::AudioBackend* engine_ = nullptr;
};

} // namespace weft::driver
