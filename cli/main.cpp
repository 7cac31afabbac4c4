// The `weft` command (CLI.md): parses flags and calls the library. Exit codes: 0 success,
// 1 compile errors, 2 usage error, 3 runtime or I/O error.
#include "driver/exit_status.h"
#include "driver/live_run.h"
#include "driver/offline_render.h"
#include "driver/program.h"
#include "graph/build.h"
#include "graph/print_graph.h"
#include "io/output_name.h"
#include "lang/ast_printer.h"
#include "lang/frontend.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <iostream>
#include <numeric>
#include <optional>
#include <unistd.h>

namespace {

using weft::driver::kExitCompileError;
using weft::driver::kExitOk;
using weft::driver::kExitRuntime;
using weft::driver::kExitUsage;

int compile_and_report(const std::string& path, weft::ir::CheckedProgram& checked) {
  return weft::driver::check_and_report(path, checked, {}, std::cerr);
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
  std::optional<std::string> frames; ///< absent: frame 0, or a video of --duration seconds
  std::optional<double> duration;
  std::optional<double> rate;
  std::string audio_format = "pcm16";
  std::string mic; ///< a WAV (or any libsndfile format) that mic() reads offline
  std::string size;
  std::string mouse;
  unsigned threads = 0;
  bool quiet = false;
};

int usage_error(const std::string& message) {
  fmt::print(stderr, "weft: error: {}\n", message);
  return kExitUsage;
}

/// Registers `--size` and `--threads` (`render` and `run`).
void add_picture_options(CLI::App& command, std::string& size, unsigned& threads) {
  command.add_option("--size", size, "WxH, overriding me<width> and me<height>");
  command.add_option("--threads", threads, "worker threads (default: all cores)")
      ->check(CLI::Range(1U, 1024U));
}

/// Puts `--size` (when given) and `--threads` into `options`. Returns kExitOk or a usage error.
int parse_picture_options(const std::string& size, unsigned threads,
                          weft::backends::visual::Options& options) {
  options.threads = threads;
  if (size.empty()) return kExitOk;
  auto x = size.find('x');
  auto w = x == std::string::npos ? std::nullopt : weft::io::parse_index(size.substr(0, x));
  auto h = x == std::string::npos ? std::nullopt : weft::io::parse_index(size.substr(x + 1));
  if (!w || !h || *w < 1 || *w > 16384 || *h < 1 || *h > 16384) {
    return usage_error(fmt::format("--size '{}' is not WxH with W and H in 1…16384", size));
  }
  options.width = static_cast<std::uint32_t>(*w);
  options.height = static_cast<std::uint32_t>(*h);
  return kExitOk;
}

int run_render(const RenderArgs& args) {
  namespace visual = weft::backends::visual;
  if (args.output.empty() && args.audio.empty()) {
    return usage_error("render needs an output: -o OUT or --audio OUT.wav");
  }
  std::vector<std::int64_t> frames = {0};
  if (args.frames) {
    auto parsed = weft::io::parse_frames(*args.frames);
    if (!parsed) {
      return usage_error(fmt::format("--frames '{}' is not N, a,b,c or a..b", *args.frames));
    }
    frames = std::move(*parsed);
  }
  weft::driver::ProgramOptions program_options;
  visual::Options& options = program_options.visual;
  if (int status = parse_picture_options(args.size, args.threads, options); status != kExitOk) {
    return status;
  }
  const auto audio_format = weft::io::audio_sample_format(args.audio_format);
  if (!audio_format) {
    return usage_error(fmt::format("--audio-format '{}' is not pcm16 or float", args.audio_format));
  }
  if (!args.audio.empty() && weft::io::lowercase_extension(args.audio) != ".wav") {
    return usage_error(fmt::format("--audio '{}': audio is written as .wav", args.audio));
  }
  if (args.rate) {
    const double r = *args.rate;
    if (!(r >= 8000 && r <= 192000 && std::floor(r) == r)) {
      return usage_error(fmt::format("--rate {} is not a whole number of Hz in 8000…192000", r));
    }
    program_options.audio.rate = r;
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
  std::optional<weft::driver::OutputPlan> plan;
  if (!args.output.empty()) {
    auto planned = weft::driver::plan_output(args.output, frames.size());
    if (auto* error = std::get_if<std::string>(&planned)) return usage_error(*error);
    plan = std::get<weft::driver::OutputPlan>(std::move(planned));
  }

  program_options.needs_picture = plan.has_value();
  program_options.needs_sound = !args.audio.empty();
  int status = kExitOk;
  auto program = weft::driver::Program::compile(args.file, program_options, std::cerr, status);
  if (!program) return status;
  double seconds = 0;
  if (!args.audio.empty()) {
    // CLI.md: --duration, else (last frame + 1) / fps when frames are given, else 4 seconds.
    seconds = args.duration.value_or(4.0);
    if (!args.duration && args.frames) {
      seconds =
          static_cast<double>(*std::max_element(frames.begin(), frames.end()) + 1) / program->fps();
    }
  }
  if (plan && plan->video && !args.frames) {
    // CLI.md: a video without --frames lasts --duration seconds (4 by default) at me<fps>.
    const double count = std::round(program->fps() * args.duration.value_or(4.0));
    constexpr auto kMaxFrames = static_cast<double>(weft::io::kMaxFrames);
    if (!(count >= 1 && count <= kMaxFrames)) {
      return usage_error(fmt::format("--duration {} at {} fps is {} frames (1…{})",
                                     args.duration.value_or(4.0), program->fps(), count,
                                     kMaxFrames));
    }
    frames.resize(static_cast<std::size_t>(count));
    std::iota(frames.begin(), frames.end(), std::int64_t{0});
  }
  // The sound runs when it is written or when the picture reads it (LANGUAGE.md §7.4: one
  // clock): frames and WAV come from the same pass of the engine.
  std::optional<weft::driver::OfflineSound> sound;
  weft::io::StereoInput mic;
  if (auto* engine = program->audio_engine(); engine != nullptr) {
    if (!args.mic.empty()) {
      mic = weft::io::load_stereo_input(args.mic, engine->rate());
      if (!mic.error.empty()) return usage_error(fmt::format("--mic: {}", mic.error));
    }
    sound.emplace(*engine, &mic.frames);
    if (!args.audio.empty()) {
      const double samples = std::floor(seconds * engine->rate());
      if (!(samples >= 1 && samples <= 24.0 * 3600 * 192000)) {
        return usage_error(fmt::format("--duration {} s is not a length of audio", seconds));
      }
      if (std::string error =
              sound->open_wav(args.audio, *audio_format, static_cast<std::int64_t>(samples));
          !error.empty()) {
        fmt::print(std::cerr, "weft: error: {}\n", error);
        return kExitRuntime;
      }
    }
  }
  if (!plan) return sound ? weft::driver::render_sound(*sound, std::cerr) : kExitOk;
  const bool progress = !args.quiet && frames.size() > 1 && ::isatty(STDERR_FILENO) != 0;
  status = weft::driver::render_frames(*program, frames, *plan, progress, std::cerr,
                                       sound ? &*sound : nullptr);
  if (status != kExitOk && !args.audio.empty()) std::remove(args.audio.c_str());
  return status;
}

// ---- weft run ----

struct RunArgs {
  std::string file;
  std::optional<double> for_seconds;
  std::string screenshot;
  std::optional<std::int64_t> at;
  std::string size;
  unsigned threads = 0;
  bool no_audio = false;
  std::string audio_device;
  std::string mic_device;
  bool list_devices = false;
};

/// Checks the options that need no compiling. Returns kExitOk or a usage error.
int check_run_args(const RunArgs& args) {
  if (args.for_seconds && !(std::isfinite(*args.for_seconds) && *args.for_seconds > 0)) {
    return usage_error(
        fmt::format("--for {} is not a positive number of seconds", *args.for_seconds));
  }
  if (args.screenshot.empty() != !args.at) {
    return usage_error("--screenshot FILE and --at FRAME go together");
  }
  if (!args.screenshot.empty() && !weft::io::image_format_of(args.screenshot)) {
    return usage_error(fmt::format(
        "--screenshot '{}': unknown image format (use .png, .pfm or .ppm)", args.screenshot));
  }
  return kExitOk;
}

int run_run(const RunArgs& args) {
  if (args.list_devices) return weft::driver::print_audio_devices(std::cout);
  if (args.file.empty()) return usage_error("run needs FILE, a WEFT source file");
  if (int status = check_run_args(args); status != kExitOk) return status;
  weft::driver::ProgramOptions program_options;
  program_options.needs_output = true;
  weft::backends::visual::Options& options = program_options.visual;
  if (int status = parse_picture_options(args.size, args.threads, options); status != kExitOk) {
    return status;
  }
  int status = kExitOk;
  auto program = weft::driver::Program::compile(args.file, program_options, std::cerr, status);
  if (!program) return status;
  weft::driver::LiveOptions live;
  live.name = std::filesystem::path(args.file).filename().string();
  live.for_seconds = args.for_seconds;
  live.screenshot = args.screenshot;
  live.screenshot_frame = args.at.value_or(0);
  live.no_audio = args.no_audio;
  live.audio_device = args.audio_device;
  live.mic_device = args.mic_device;
  return weft::driver::run_live(*program, live, std::cerr);
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
  render->add_option("--frames", render_args.frames,
                     "frame indices: N, a,b,c or a..b (default: 0; video: --duration seconds)");
  render
      ->add_option("--duration", render_args.duration,
                   "seconds of video when --frames is absent (default 4)")
      ->check(CLI::PositiveNumber);
  add_picture_options(*render, render_args.size, render_args.threads);
  render->add_option("--mouse", render_args.mouse, "a fixed mouse position X,Y (default 0.5,0.5)");
  render->add_option("--audio", render_args.audio,
                     "write the play sinks to OUT.wav (stereo); with a video, also muxed in");
  render->add_option("--rate", render_args.rate, "audio sample rate in Hz, overriding me<rate>");
  render->add_option("--mic", render_args.mic,
                     "what mic() reads: an audio file, resampled to the rate (default silence)");
  render->add_option("--audio-format", render_args.audio_format,
                     "WAV samples: pcm16 (default) or float");
  render->add_flag("--quiet", render_args.quiet, "no progress bar");

  RunArgs run_args;
  CLI::App* run = app.add_subcommand(
      "run", "Run FILE live: its picture in a window and its sound on an audio device, until "
             "Esc, closing the window, Ctrl-C or --for");
  run->add_option("FILE", run_args.file, "a WEFT source file (not needed with --list-devices)");
  run->add_option("--for", run_args.for_seconds, "stop after SEC seconds of wall time")
      ->type_name("SEC");
  run->add_option("--screenshot", run_args.screenshot,
                  "save frame --at FRAME as read back from the window (.png, .pfm, .ppm)")
      ->type_name("FILE");
  run->add_option("--at", run_args.at, "the frame --screenshot saves")
      ->type_name("FRAME")
      ->check(CLI::NonNegativeNumber);
  add_picture_options(*run, run_args.size, run_args.threads);
  run->add_flag("--no-audio", run_args.no_audio,
                "open no audio device: the sound plays into the null driver (silent)");
  run->add_option("--audio-device", run_args.audio_device,
                  "the audio output device: an ID or NAME from --list-devices, an API (jack, "
                  "alsa, pulse) for its default, or null (default: the first that opens, else "
                  "null with a warning)")
      ->type_name("NAME|ID");
  run->add_option("--mic-device", run_args.mic_device,
                  "the input device for mic(), on the output's API (default: its default input)")
      ->type_name("NAME|ID");
  run->add_flag("--list-devices", run_args.list_devices,
                "print the audio devices (ID, name, channels) and exit");

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
  if (*run) return run_run(run_args);
  return kExitUsage;
}
