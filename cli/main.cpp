// The `weft` command (CLI.md): parses flags and calls the library. Exit codes: 0 success,
// 1 compile errors, 2 usage error, 3 runtime or I/O error.
#include "backends/visual/unsupported.h"
#include "backends/visual/visual_backend.h"
#include "graph/build.h"
#include "graph/print_graph.h"
#include "io/frame_output.h"
#include "io/image_write.h"
#include "ir/check.h"
#include "lang/ast_printer.h"
#include "lang/frontend.h"
#include "runtime/coordinator.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitCompileError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRuntime = 3;

/// Checks one file and prints its diagnostics to stderr. Returns the exit status for the file.
int compile_and_report(const std::string& path, weft::ir::CheckedProgram& checked,
                       const weft::ir::EnvironmentOverrides& overrides = {}) {
  checked = weft::ir::check_file(path, overrides);
  const weft::lang::ParsedFile& parsed = checked.parsed;
  if (!parsed.io_error.empty()) {
    fmt::print(stderr, "weft: error: cannot read '{}': {}\n", path, parsed.io_error);
    return kExitUsage;
  }
  weft::lang::render_diagnostics(parsed.diagnostics, std::cerr);
  return parsed.diagnostics.has_errors() ? kExitCompileError : kExitOk;
}

int run_check(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& path : files) {
    weft::ir::CheckedProgram checked;
    int s = compile_and_report(path, checked);
    if (s == kExitUsage || (s == kExitCompileError && status == kExitOk)) status = s;
  }
  return status;
}

/// Parses only: the AST of a program with semantic errors is still worth seeing.
int run_parse(const std::string& path) {
  weft::lang::ParsedFile parsed = weft::lang::parse_file(path);
  if (!parsed.io_error.empty()) {
    fmt::print(stderr, "weft: error: cannot read '{}': {}\n", path, parsed.io_error);
    return kExitUsage;
  }
  weft::lang::render_diagnostics(parsed.diagnostics, std::cerr);
  if (parsed.diagnostics.has_errors()) return kExitCompileError;
  std::cout << weft::lang::print_ast(*parsed.program);
  return kExitOk;
}

/// Compiles, then prints the render graph: for people, or as Graphviz DOT.
int run_graph(const std::string& path, bool dot) {
  weft::ir::CheckedProgram checked;
  int status = compile_and_report(path, checked);
  if (status != kExitOk) return status;
  const weft::graph::RenderGraph graph = weft::graph::build_render_graph(*checked.module);
  std::cout << (dot ? weft::graph::graph_dot(graph) : weft::graph::graph_text(graph));
  return kExitOk;
}

// ---- weft render ----

struct RenderArgs {
  std::string file;
  std::string output;
  std::string audio;
  std::string frames = "0";
  std::string size;
  std::string mouse;
  unsigned threads = 0;
  bool quiet = false;
};

int usage_error(const std::string& message) {
  fmt::print(stderr, "weft: error: {}\n", message);
  return kExitUsage;
}

int run_render(const RenderArgs& args) {
  namespace visual = weft::backends::visual;
  if (args.output.empty() && args.audio.empty()) {
    return usage_error("render needs an output: -o OUT or --audio OUT.wav");
  }
  auto frames = weft::io::parse_frames(args.frames);
  if (!frames) {
    return usage_error(fmt::format("--frames '{}' is not N, a,b,c or a..b", args.frames));
  }
  visual::Options options;
  options.threads = args.threads;
  if (!args.size.empty()) {
    auto x = args.size.find('x');
    auto w = x == std::string::npos ? std::nullopt : weft::io::parse_index(args.size.substr(0, x));
    auto h = x == std::string::npos ? std::nullopt : weft::io::parse_index(args.size.substr(x + 1));
    if (!w || !h || *w < 1 || *w > 16384 || *h < 1 || *h > 16384) {
      return usage_error(fmt::format("--size '{}' is not WxH with W and H in 1…16384", args.size));
    }
    options.width = static_cast<std::uint32_t>(*w);
    options.height = static_cast<std::uint32_t>(*h);
  }
  if (!args.mouse.empty()) {
    auto comma = args.mouse.find(',');
    float mx = 0, my = 0;
    bool ok = comma != std::string::npos;
    if (ok) {
      const char* b = args.mouse.data();
      auto r1 = std::from_chars(b, b + comma, mx);
      auto r2 = std::from_chars(b + comma + 1, b + args.mouse.size(), my);
      ok = r1.ec == std::errc() && r1.ptr == b + comma && r2.ec == std::errc() &&
           r2.ptr == b + args.mouse.size() && std::isfinite(mx) && std::isfinite(my);
    }
    if (!ok) return usage_error(fmt::format("--mouse '{}' is not X,Y", args.mouse));
    options.mouse = {std::clamp(mx, 0.0F, 1.0F), std::clamp(my, 0.0F, 1.0F), 0.0F};
  }
  std::optional<weft::io::ImageFormat> format;
  std::optional<weft::io::OutputPattern> pattern;
  if (!args.output.empty()) {
    pattern = weft::io::parse_output_pattern(args.output);
    if (!pattern) {
      return usage_error(
          fmt::format("-o '{}': a frame pattern is one %d, %4d or %04d (write %% for a literal %)",
                      args.output));
    }
    if (!weft::io::is_video_extension(args.output)) {
      format = weft::io::image_format_of(args.output);
      if (!format) {
        return usage_error(fmt::format(
            "-o '{}': unknown output format (use .png, .pfm, .ppm, .mp4, .webm or .gif)",
            args.output));
      }
      if (frames->size() > 1 && !pattern->has_pattern) {
        return usage_error(fmt::format("rendering {} frames needs a frame pattern in -o, e.g. "
                                       "frame_%04d.png",
                                       frames->size()));
      }
    }
  }

  weft::ir::CheckedProgram checked;
  weft::ir::EnvironmentOverrides overrides; // --size is what `me@width`/`me@height` read (CLI.md)
  if (options.width != 0) overrides.width = options.width;
  if (options.height != 0) overrides.height = options.height;
  int status = compile_and_report(args.file, checked, overrides);
  if (status != kExitOk) return status;
  if (visual::report_unsupported_features(*checked.parsed.program, checked.parsed.diagnostics) >
      0) {
    weft::lang::render_diagnostics(checked.parsed.diagnostics, std::cerr);
    return kExitCompileError;
  }
  if (!args.audio.empty()) {
    fmt::print(stderr, "weft: error: audio output is not supported yet (--audio '{}')\n",
               args.audio);
    return kExitRuntime;
  }
  if (weft::io::is_video_extension(args.output)) {
    fmt::print(stderr, "weft: error: video output is not supported yet (-o '{}')\n", args.output);
    return kExitRuntime;
  }

  const weft::ir::Module& module = *checked.module;
  const weft::graph::RenderGraph graph = weft::graph::build_render_graph(module);
  weft::runtime::BackendRegistry registry;
  visual::add_visual_backend(registry, options);
  weft::runtime::CompileResult compiled = weft::runtime::compile_program(graph, module, registry);
  if (!compiled.ok()) {
    fmt::print(stderr, "weft: error: {}\n", compiled.error);
    return kExitCompileError;
  }
  auto* picture =
      dynamic_cast<visual::VisualBackend*>(compiled.program->backend(weft::ir::Domain::Visual));
  if (picture == nullptr || !picture->has_picture()) {
    fmt::print(stderr,
               "weft: error: '{}' has no visual sink (display or render): nothing to "
               "write to '{}'\n",
               args.file, args.output);
    return kExitCompileError;
  }

  const bool progress = !args.quiet && frames->size() > 1 && ::isatty(STDERR_FILENO) != 0;
  std::vector<std::string> written;
  for (std::size_t i = 0; i < frames->size(); ++i) {
    const std::int64_t n = (*frames)[i];
    compiled.program->execute({n, 0, 0});
    const visual::FrameImage& image = picture->image();
    const std::string path = pattern->format(n);
    weft::io::WriteOptions write_options;
    write_options.alpha = picture->writes_alpha();
    std::string error = weft::io::write_image(
        path, *format, {image.width, image.height, image.rgba}, write_options);
    if (!error.empty()) {
      for (const std::string& p : written) std::remove(p.c_str());
      fmt::print(stderr, "{}weft: error: {}\n", progress ? "\n" : "", error);
      return kExitRuntime;
    }
    written.push_back(path);
    if (progress) {
      const std::size_t done = i + 1;
      const std::size_t bar = done * 30 / frames->size();
      fmt::print(stderr, "\r[{}{}] {}/{} frames", std::string(bar, '#'), std::string(30 - bar, ' '),
                 done, frames->size());
    }
  }
  if (progress) fmt::print(stderr, "\n");
  return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"weft: images, video, audio and data as functions over coordinates", "weft"};
  app.set_version_flag("--version", "weft " WEFT_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand(
      "check", "Compile each FILE through every compile-time check and write nothing");
  check->add_option("FILE", check_files, "WEFT source files")->required();

  std::string parse_path;
  bool parse_ast = false;
  CLI::App* parse =
      app.add_subcommand("parse", "Print the syntax tree of FILE (syntax checks only)");
  parse->add_flag("--ast", parse_ast, "Print the AST, one node per line with line:col")->required();
  parse->add_option("FILE", parse_path, "a WEFT source file")->required();

  std::string graph_path;
  bool graph_dot = false;
  CLI::App* graph = app.add_subcommand(
      "graph", "Print the render graph of FILE: nodes, context tags, backends, batches and "
               "cross-backend reads");
  graph->add_flag("--dot", graph_dot, "Print Graphviz DOT instead of text");
  graph->add_option("FILE", graph_path, "a WEFT source file")->required();

  RenderArgs render_args;
  CLI::App* render = app.add_subcommand(
      "render", "Render FILE offline: frames to images (.png, .pfm, .ppm), deterministically");
  render->add_option("FILE", render_args.file, "a WEFT source file")->required();
  render->add_option("-o,--output", render_args.output,
                     "output image; a printf pattern (%d, %04d) for several frames");
  render->add_option("--frames", render_args.frames, "frame indices: N, a,b,c or a..b");
  render->add_option("--size", render_args.size, "WxH, overriding me<width> and me<height>");
  render->add_option("--threads", render_args.threads, "worker threads (default: all cores)")
      ->check(CLI::Range(1U, 1024U));
  render->add_option("--mouse", render_args.mouse, "a fixed mouse position X,Y (default 0.5,0.5)");
  render->add_option("--audio", render_args.audio, "write the audio sinks to OUT.wav");
  render->add_flag("--quiet", render_args.quiet, "no progress bar");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
    fmt::print(stderr, "weft: error: {} (see 'weft --help')\n", e.what());
    return kExitUsage;
  }
  if (*check) return run_check(check_files);
  if (*parse) return run_parse(parse_path);
  if (*graph) return run_graph(graph_path, graph_dot);
  if (*render) return run_render(render_args);
  return kExitUsage;
}
