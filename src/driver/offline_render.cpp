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

/// Samples rendered per call of the audio backend offline.
constexpr std::size_t kSoundChunk = 8192;

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

OfflineSound::OfflineSound(backends::audio::AudioBackend& audio,
                           const std::vector<float>* mic_input)
    : audio_(audio), mic_(mic_input), left_(kSoundChunk), right_(kSoundChunk),
      frames_(2 * kSoundChunk) {}

std::string OfflineSound::open_wav(const std::string& path, io::AudioSampleFormat format,
                                   std::int64_t samples) {
  wav_path_ = path;
  wav_samples_ = samples;
  return wav_.open(path, 2, static_cast<int>(audio_.rate()), format);
}

std::string OfflineSound::advance_to(std::int64_t end) {
  const std::size_t mic_frames = mic_ != nullptr ? mic_->size() / 2 : 0;
  while (position_ < end) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(kSoundChunk, end - position_));
    const auto at = static_cast<std::size_t>(position_);
    if (at < mic_frames) audio_.set_input(mic_->data() + 2 * at, std::min(n, mic_frames - at));
    audio_.process(n, left_.data(), right_.data());
    // The part of the chunk inside the WAV's length goes to the WAV.
    const auto keep = static_cast<std::size_t>(
        std::clamp<std::int64_t>(wav_samples_ - position_, 0, static_cast<std::int64_t>(n)));
    if (!wav_path_.empty() && keep > 0) {
      for (std::size_t i = 0; i < keep; ++i) {
        frames_[2 * i] = left_[i];
        frames_[2 * i + 1] = right_[i];
      }
      if (std::string error = wav_.write(std::span(frames_).first(2 * keep)); !error.empty()) {
        return error;
      }
    }
    position_ += static_cast<std::int64_t>(n);
  }
  return {};
}

std::string OfflineSound::finish() {
  if (wav_path_.empty()) return {};
  std::string error = advance_to(wav_samples_);
  return error.empty() ? wav_.finish() : error;
}

int render_frames(Program& program, std::vector<std::int64_t> frames, const OutputPlan& plan,
                  bool progress, std::ostream& err, OfflineSound* sound) {
  io::VideoWriter video;
  std::vector<std::string> written;
  auto fail = [&](const std::string& error) {
    for (const std::string& p : written) std::remove(p.c_str());
    fmt::print(err, "{}weft: error: {}\n", progress ? "\n" : "", error);
    return kExitRuntime;
  };
  const bool clocked = sound != nullptr && program.picture_reads_sound();
  if (clocked) { // the sound only moves forward: draw frames in order
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
  }
  if (plan.video) {
    const std::string audio = sound != nullptr ? sound->wav_path() : std::string();
    std::string error =
        video.open(plan.output, program.width(), program.height(), program.fps(), audio);
    if (!error.empty()) return fail(error);
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    std::int64_t newest = runtime::ExecuteContext::kLatestAudio;
    if (clocked) {
      newest = program.newest_sample_of_frame(frames[i]);
      if (std::string error = sound->advance_to(newest + 1); !error.empty()) return fail(error);
    }
    const backends::visual::FrameImage& image = program.render(frames[i], newest);
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
  if (sound != nullptr) {
    if (std::string error = sound->finish(); !error.empty()) return fail(error);
  }
  if (plan.video) {
    std::string error = video.finish();
    if (!error.empty()) return fail(error);
  }
  if (progress) fmt::print(err, "\n");
  return kExitOk;
}

int render_sound(OfflineSound& sound, std::ostream& err) {
  if (std::string error = sound.finish(); !error.empty()) {
    fmt::print(err, "weft: error: {}\n", error);
    return kExitRuntime;
  }
  return kExitOk;
}

} // namespace weft::driver
