/// \file
/// `weft render`'s outputs (CLI.md): a list of frames of a Program written as numbered images
/// (PNG/PFM/PPM through a printf pattern) or one video (MP4/WebM/GIF through ffmpeg at me<fps>,
/// with the sound muxed in when a WAV was rendered), with a progress bar on request; and the
/// sound of its `play` sinks as a stereo WAV. On failure every file this render created is
/// removed: nothing is left under a requested name.
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

/// Renders `frames` of `program` to `plan`; a video gets the sound of the WAV at `audio` (when not
/// empty). Errors go to `err` as `weft: error: …`. Returns kExitOk or kExitRuntime.
int render_frames(Program& program, const std::vector<std::int64_t>& frames, const OutputPlan& plan,
                  bool progress, std::ostream& err, const std::string& audio = {});

/// Renders the first `samples` samples of `program`'s sound (it must have one) to the stereo WAV
/// `path` at the program's rate; `mic()` reads `mic_input` (interleaved stereo frames at that
/// rate; silence after its end, and when null). Returns kExitOk or kExitRuntime (after printing
/// why).
int render_sound(Program& program, std::int64_t samples, const std::string& path,
                 io::AudioSampleFormat format, std::ostream& err,
                 const std::vector<float>* mic_input = nullptr);

} // namespace weft::driver
