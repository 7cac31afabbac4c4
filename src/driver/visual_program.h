/// \file
/// A program compiled for pictures: the one path from a `.weft` file to frames, shared by
/// `weft render` and `weft run`. Checks the file (printing its diagnostics), rejects features
/// whose backends have not landed (staging), builds the render graph, compiles it with the visual
/// backend and renders frame n on demand. Owns everything the frames need (module, graph,
/// coordinator), so it lives as long as frames are drawn.
/// Implements: CLI.md `render` and `run` (compiling part). Tests: tests/backends/, tests/cli/.
/// Real-time: no.
#pragma once

#include "backends/visual/visual_backend.h"
#include "graph/render_graph.h"
#include "ir/check.h"
#include "runtime/coordinator.h"

#include <iosfwd>
#include <memory>
#include <string>

namespace weft::driver {

/// Checks the file at `path` and prints its diagnostics to `err`. Returns kExitOk, kExitUsage
/// (unreadable file) or kExitCompileError; `checked` holds the result.
int check_and_report(const std::string& path, ir::CheckedProgram& checked,
                     const ir::EnvironmentOverrides& overrides, std::ostream& err);

class VisualProgram {
public:
  /// Compiles `path` for its visual sink with `options` (`--size` overrides what `me@width` and
  /// `me@height` read). On failure prints why to `err`, sets `status` (kExitUsage for an
  /// unreadable file, kExitCompileError otherwise) and returns null.
  static std::unique_ptr<VisualProgram> compile(const std::string& path,
                                                const backends::visual::Options& options,
                                                std::ostream& err, int& status);

  /// Renders frame `n` (LANGUAGE.md §5.3: `me@frame` wraps at me<loop>, `me@absframe` = n).
  const backends::visual::FrameImage& render(std::int64_t n);
  const backends::visual::FrameImage& image() const { return picture_->image(); }
  std::uint32_t width() const { return picture_->image().width; }
  std::uint32_t height() const { return picture_->image().height; }
  bool writes_alpha() const { return picture_->writes_alpha(); }
  /// me<fps>: the rate frames are shown at and videos are encoded at.
  double fps() const { return checked_.module->env.fps; }
  void set_mouse(const std::array<float, 3>& mouse) { picture_->set_mouse(mouse); }

private:
  VisualProgram() = default;

  ir::CheckedProgram checked_;
  graph::RenderGraph graph_;
  std::unique_ptr<runtime::Coordinator> program_;
  backends::visual::VisualBackend* picture_ = nullptr;
};

} // namespace weft::driver
