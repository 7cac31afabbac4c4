/// \file
/// `weft render`'s outputs (CLI.md): a list of frames of a Program written as numbered images
/// (PNG/PFM/PPM through a printf pattern) or one video (MP4/WebM/GIF through ffmpeg at me<fps>,
/// with the sound muxed in when a WAV was rendered), with a progress bar on request; and the
/// sound of its `play` sinks as a stereo WAV, rendered alongside the frames on one clock. On
/// failure every file this render created is removed: nothing is left under a requested name.
/// Tests: tests/backends/render_test.cpp, tests/backends/video_test.cpp. Real-time: no.
#pragma once

#include "driver/program.h"
#include "io/audio_file.h"
#include "io/frame_output.h"
#include "io/image_write.h"
#include "io/video_write.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace weft::driver {

/// Where the frames go, decided from `-o` before anything is compiled.
struct OutputPlan {
  std::string output;
  io::OutputPattern pattern;            ///< image sequences
  std::optional<io::ImageFormat> image; ///< set for images
  std::optional<io::VideoFormat> video; ///< set for videos
};

/// Validates `-o OUT` for `frame_count` frames. Returns the plan, or the usage error text.
std::variant<OutputPlan, std::string> plan_output(const std::string& output,
                                                  std::size_t frame_count);

/// The sound of an offline render, pulled forward on demand (LANGUAGE.md §7.4, "one clock"): to
/// the newest sample each frame may see when the picture reads audio, and to the end of the WAV.
/// The first `samples` samples go to the WAV when one was asked for; `mic()` reads `mic_input`
/// (interleaved stereo frames at the program's rate; silence after its end, and when null).
/// The sound is the same however it is pulled: the engine's output does not depend on how its
/// samples are split into calls.
class OfflineSound {
public:
  OfflineSound(backends::audio::AudioBackend& audio, const std::vector<float>* mic_input);

  /// Writes the first `samples` samples to the stereo WAV `path` as they are rendered (committed
  /// by finish()). Returns why it cannot, or empty.
  std::string open_wav(const std::string& path, io::AudioSampleFormat format, std::int64_t samples);
  /// Renders the samples before `end` not rendered yet. Returns why writing failed, or empty.
  std::string advance_to(std::int64_t end);
  /// Renders up to the end of the WAV and commits it. Returns why it failed, or empty.
  std::string finish();
  /// The WAV being written (empty when none).
  const std::string& wav_path() const { return wav_path_; }

private:
  backends::audio::AudioBackend& audio_;
  const std::vector<float>* mic_;
  io::WavWriter wav_;
  std::string wav_path_;
  std::int64_t wav_samples_ = 0;
  std::int64_t position_ = 0;
  std::vector<double> left_, right_, frames_;
};

/// Renders `frames` of `program` to `plan`. When the picture reads audio, `sound` is advanced
/// before each frame to the samples the frame sees (frames are then rendered in increasing
/// order); a video gets the sound of `sound`'s WAV, if any. `sound` is finished (its WAV
/// committed) before the video is. Errors go to `err` as `weft: error: …`. Returns kExitOk or
/// kExitRuntime.
int render_frames(Program& program, std::vector<std::int64_t> frames, const OutputPlan& plan,
                  bool progress, std::ostream& err, OfflineSound* sound);

/// Renders the rest of `sound` (to the end of its WAV) and commits the WAV. Returns kExitOk or
/// kExitRuntime (after printing why).
int render_sound(OfflineSound& sound, std::ostream& err);

} // namespace weft::driver
