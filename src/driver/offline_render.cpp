#include "driver/offline_render.h"

#include "driver/exit_status.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <ostream>

namespace weft::driver {

namespace {

/// One line of progress, redrawn in place: `[#####     ] 12/60 frames`.
void draw_progress(std::ostream& err, std::size_t done, std::size_t total) {
  const std::size_t bar = done * 30 / total;
  fmt::print(err, "\r[{}{}] {}/{} frames", std::string(bar, '#'), std::string(30 - bar, ' '), done,
             total);
  err.flush();
}

} // namespace

std::variant<OutputPlan, std::string> plan_output(const std::string& output,
                                                  std::size_t frame_count) {
  OutputPlan plan;
  plan.output = output;
  plan.video = io::video_format_of(output);
  if (plan.video) return plan;
  std::optional<io::OutputPattern> pattern = io::parse_output_pattern(output);
  if (!pattern) {
    return fmt::format("-o '{}': a frame pattern is one %d, %4d or %04d (write %% for a literal %)",
                       output);
  }
  plan.pattern = *pattern;
  plan.image = io::image_format_of(output);
  if (!plan.image) {
    return fmt::format("-o '{}': unknown output format (use .png, .pfm, .ppm, .mp4, .webm or .gif)",
                       output);
  }
  if (frame_count > 1 && !plan.pattern.has_pattern) {
    return fmt::format("rendering {} frames needs a frame pattern in -o, e.g. frame_%04d.png",
                       frame_count);
  }
  return plan;
}

int render_frames(Program& program, const std::vector<std::int64_t>& frames, const OutputPlan& plan,
                  bool progress, std::ostream& err, const std::string& audio) {
  io::VideoWriter video;
  std::vector<std::string> written;
  auto fail = [&](const std::string& error) {
    for (const std::string& p : written) std::remove(p.c_str());
    fmt::print(err, "{}weft: error: {}\n", progress ? "\n" : "", error);
    return kExitRuntime;
  };
  if (plan.video) {
    std::string error =
        video.open(plan.output, program.width(), program.height(), program.fps(), audio);
    if (!error.empty()) return fail(error);
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const backends::visual::FrameImage& image = program.render(frames[i]);
    const io::ImageView view{image.width, image.height, image.rgba};
    std::string error;
    if (plan.video) {
      error = video.write(view);
    } else {
      const std::string path = plan.pattern.format(frames[i]);
      io::WriteOptions options;
      options.alpha = program.writes_alpha();
      error = io::write_image(path, *plan.image, view, options);
      if (error.empty()) written.push_back(path);
    }
    if (!error.empty()) return fail(error);
    if (progress) draw_progress(err, i + 1, frames.size());
  }
  if (plan.video) {
    std::string error = video.finish();
    if (!error.empty()) return fail(error);
  }
  if (progress) fmt::print(err, "\n");
  return kExitOk;
}

int render_sound(Program& program, std::int64_t samples, const std::string& path,
                 io::AudioSampleFormat format, std::ostream& err,
                 const std::vector<float>* mic_input) {
  backends::audio::AudioBackend& sound = *program.sound();
  io::WavWriter wav;
  std::string error = wav.open(path, 2, static_cast<int>(sound.rate()), format);
  constexpr std::size_t kChunk = 8192;
  std::vector<double> left(kChunk), right(kChunk), frames(2 * kChunk);
  for (std::int64_t done = 0; error.empty() && done < samples;) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(kChunk, samples - done));
    const std::size_t mic_frames = mic_input != nullptr ? mic_input->size() / 2 : 0;
    const auto at = static_cast<std::size_t>(done);
    if (at < mic_frames) sound.set_input(mic_input->data() + 2 * at, std::min(n, mic_frames - at));
    sound.process(n, left.data(), right.data());
    for (std::size_t i = 0; i < n; ++i) {
      frames[2 * i] = left[i];
      frames[2 * i + 1] = right[i];
    }
    error = wav.write(std::span(frames).first(2 * n));
    done += static_cast<std::int64_t>(n);
  }
  if (error.empty()) error = wav.finish();
  if (!error.empty()) {
    fmt::print(err, "weft: error: {}\n", error);
    return kExitRuntime;
  }
  return kExitOk;
}

} // namespace weft::driver
