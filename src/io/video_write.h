/// \file
/// Video output for `weft render -o OUT.mp4|.webm|.gif` (CLI.md): raw RGB frames piped to the
/// `ffmpeg` command found on PATH, which encodes them (H.264 yuv420p in MP4, VP9 in WebM, a GIF
/// with a palette made for the clip). Frames get the output stage of LANGUAGE.md §9.1 (NaN → 0,
/// clamp, 8 bits). ffmpeg writes to a temporary file beside OUT, renamed over OUT only when it
/// exits successfully: a failed or abandoned render leaves nothing under OUT.
/// Errors are one line naming OUT: ffmpeg missing ("the ffmpeg command was not found …"), ffmpeg
/// failing (its last message), frames of a different size.
/// Implements: CLI.md `weft render` (video). Tests: tests/io/video_write_test.cpp.
/// Real-time: no (blocks on the pipe).
#pragma once

#include "io/image_write.h"
#include "io/output_name.h"

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace weft::io {

/// The container of a video path, from its extension (any letter case).
enum class VideoFormat : std::uint8_t { Mp4, Webm, Gif };
std::optional<VideoFormat> video_format_of(std::string_view path);

/// One video being written. Move-only; destroying an unfinished writer stops ffmpeg and removes
/// its temporary file.
class VideoWriter {
public:
  VideoWriter() = default;
  VideoWriter(VideoWriter&& other) noexcept;
  VideoWriter& operator=(VideoWriter&& other) noexcept;
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;
  ~VideoWriter();

  /// Starts ffmpeg for a `width × height` video at `fps` frames per second into `path`, with the
  /// sound of the audio file `audio` muxed in when it is not empty (AAC in MP4, Opus in WebM;
  /// a GIF has no sound): the frames are encoded first, the audio file is read by finish(), so
  /// it may be written while the frames are. Returns an empty string on success, otherwise why
  /// not.
  std::string open(const std::string& path, std::uint32_t width, std::uint32_t height, double fps,
                   const std::string& audio = {});
  /// Sends one frame (the size given to open). Returns why it failed, or empty.
  std::string write(const ImageView& frame);
  /// Closes the pipe, waits for ffmpeg, muxes the sound in (the audio file must be complete)
  /// and renames the result over the path. Returns why it failed, or empty; either way the
  /// writer is closed.
  std::string finish();

private:
  void abandon();
  /// Starts ffmpeg with `args`, stdin from `input` (or /dev/null when -1), messages to the log.
  std::string spawn(std::vector<std::string> args, int input);
  /// Waits for the running ffmpeg; why it failed, or empty.
  std::string wait_for_ffmpeg();
  /// The frames (video_only_) and the sound (audio_) into the temporary output, stream-copying
  /// the video.
  std::string mux();

  PendingFile output_;
  std::string log_; ///< ffmpeg's messages, beside the output; always removed
  std::uint32_t width_ = 0, height_ = 0;
  int pipe_ = -1;
  pid_t child_ = -1;
  std::vector<std::uint8_t> bytes_;
  VideoFormat format_ = VideoFormat::Mp4;
  std::string audio_;      ///< the sound to mux in; empty for none
  std::string video_only_; ///< the encoded frames before the mux, when there is sound
};

} // namespace weft::io
