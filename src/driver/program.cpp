#include "driver/program.h"

#include "driver/exit_status.h"
#include "driver/staging.h"
#include "graph/build.h"
#include "lang/diagnostic.h"

#include <fmt/ostream.h>
#include <ostream>

namespace weft::driver {

namespace {

/// §8.5: without a capture device (always offline, and in this build live too) `camera` reads
/// black, with one warning at its first use.
void warn_about_camera(const ir::Module& module, lang::Diagnostics& diagnostics) {
  for (const ir::OwnedSite& site : module.owned) {
    const ir::Node& n = module.graph.node(site.node);
    if (n.op == ir::Op::Sample && n.builtin != nullptr && n.builtin->name == "camera") {
      diagnostics
          .warning("device", site.span,
                   "no camera available: 'camera' reads black (r = g = b = 0, a = 1)")
          .hint("offline renders never read a camera; live capture is not built in yet");
      return;
    }
  }
}

} // namespace

int check_and_report(const std::string& path, ir::CheckedProgram& checked,
                     const ir::EnvironmentOverrides& overrides, std::ostream& err,
                     const std::function<void(ir::CheckedProgram&)>& more_checks) {
  checked = ir::check_file(path, overrides);
  lang::ParsedFile& parsed = checked.parsed;
  if (!parsed.io_error.empty()) {
    fmt::print(err, "weft: error: cannot read '{}': {}\n", path, parsed.io_error);
    return kExitUsage;
  }
  if (more_checks && !parsed.diagnostics.has_errors()) more_checks(checked);
  lang::render_diagnostics(parsed.diagnostics, err);
  return parsed.diagnostics.has_errors() ? kExitCompileError : kExitOk;
}

std::unique_ptr<Program> Program::compile(const std::string& path, const ProgramOptions& options,
                                          std::ostream& err, int& status) {
  namespace visual = backends::visual;
  std::unique_ptr<Program> p(new Program());
  ir::EnvironmentOverrides overrides;
  if (options.visual.width != 0) overrides.width = options.visual.width;
  if (options.visual.height != 0) overrides.height = options.visual.height;
  status = check_and_report(path, p->checked_, overrides, err, [](ir::CheckedProgram& checked) {
    report_unsupported_features(*checked.parsed.program, checked.parsed.diagnostics);
    warn_about_camera(*checked.module, checked.parsed.diagnostics);
  });
  if (status != kExitOk) return nullptr;
  status = kExitCompileError;

  const ir::Module& module = *p->checked_.module;
  p->graph_ = graph::build_render_graph(module);
  runtime::BackendRegistry registry;
  visual::add_visual_backend(registry, options.visual);
  backends::audio::add_audio_backend(registry, options.audio);
  runtime::CompileResult compiled = runtime::compile_program(p->graph_, module, registry);
  if (!compiled.ok()) {
    fmt::print(err, "weft: error: {}\n", compiled.error);
    return nullptr;
  }
  p->program_ = std::move(compiled.program);
  auto* picture = dynamic_cast<visual::VisualBackend*>(p->program_->backend(ir::Domain::Visual));
  if (picture != nullptr && picture->has_picture()) p->picture_ = picture;
  auto* sound =
      dynamic_cast<backends::audio::AudioBackend*>(p->program_->backend(ir::Domain::Audio));
  if (sound != nullptr && sound->has_sound()) p->sound_ = sound;
  if (sound != nullptr && sound->runs_engine()) p->engine_ = sound;
  if (options.needs_picture && p->picture_ == nullptr) {
    fmt::print(err, "weft: error: '{}' has no visual sink (display or render): nothing to draw\n",
               path);
    return nullptr;
  }
  if (options.needs_output && p->picture_ == nullptr && p->sound_ == nullptr) {
    fmt::print(err,
               "weft: error: '{}' has no visual sink (display or render) and no audio sink "
               "(play): nothing to show or play\n",
               path);
    return nullptr;
  }
  if (options.needs_sound && p->sound_ == nullptr) {
    fmt::print(err, "weft: error: '{}' has no audio sink (play): nothing to hear\n", path);
    return nullptr;
  }
  status = kExitOk;
  return p;
}

const backends::visual::FrameImage& Program::render(std::int64_t n, std::int64_t audio_newest) {
  runtime::ExecuteContext context;
  context.frame = n;
  context.audio_newest = audio_newest;
  program_->execute(context);
  return picture_->image();
}

std::int64_t Program::newest_sample_of_frame(std::int64_t n) const {
  return runtime::newest_sample_of_frame(n, static_cast<std::int64_t>(engine_->rate()), fps());
}

} // namespace weft::driver
