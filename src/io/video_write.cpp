#include "io/video_write.h"

#include "io/output_name.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace weft::io {

namespace {

/// The encoder arguments after the input: chosen for players everywhere (yuv420p needs even
/// sides, hence the pad) and for output that depends only on the frames (bitexact: no encoder
/// version string).
std::vector<std::string> encoder_arguments(VideoFormat format) {
  const std::string even = "pad=ceil(iw/2)*2:ceil(ih/2)*2";
  switch (format) {
  case VideoFormat::Mp4:
    return {"-vf",     even,        "-c:v",     "libx264", "-preset",   "medium",
            "-crf",    "18",        "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            "-fflags", "+bitexact", "-f",       "mp4"};
  case VideoFormat::Webm:
    return {"-vf",     even, "-c:v",     "libvpx-vp9", "-crf",    "30",        "-b:v", "0",
            "-row-mt", "1",  "-pix_fmt", "yuv420p",    "-fflags", "+bitexact", "-f",   "webm"};
  case VideoFormat::Gif:
    return {"-vf",     "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse",
            "-loop",   "0",
            "-fflags", "+bitexact",
            "-f",      "gif"};
  }
  return {};
}

/// The last non-empty line of the file at `path` (ffmpeg's final complaint).
std::string last_line(const std::string& path) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

} // namespace

std::optional<VideoFormat> video_format_of(std::string_view path) {
  const std::string ext = lowercase_extension(path);
  if (ext == ".mp4") return VideoFormat::Mp4;
  if (ext == ".webm") return VideoFormat::Webm;
  if (ext == ".gif") return VideoFormat::Gif;
  return std::nullopt;
}

VideoWriter::VideoWriter(VideoWriter&& other) noexcept {
  *this = std::move(other);
}

VideoWriter& VideoWriter::operator=(VideoWriter&& other) noexcept {
  if (this != &other) {
    abandon();
    output_ = std::move(other.output_);
    log_ = std::move(other.log_);
    width_ = other.width_;
    height_ = other.height_;
    pipe_ = std::exchange(other.pipe_, -1);
    child_ = std::exchange(other.child_, -1);
    bytes_ = std::move(other.bytes_);
    format_ = other.format_;
    audio_ = std::move(other.audio_);
    video_only_ = std::move(other.video_only_);
  }
  return *this;
}

VideoWriter::~VideoWriter() {
  abandon();
}

void VideoWriter::abandon() {
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
  if (child_ > 0) {
    ::kill(child_, SIGTERM);
    int status = 0;
    while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  child_ = -1;
  output_.discard();
  if (!log_.empty()) std::remove(log_.c_str());
  log_.clear();
  if (!video_only_.empty()) std::remove(video_only_.c_str());
  video_only_.clear();
}

std::string VideoWriter::open(const std::string& path, std::uint32_t width, std::uint32_t height,
                              double fps, const std::string& audio) {
  abandon();
  const std::optional<VideoFormat> format = video_format_of(path);
  if (!format) return fmt::format("cannot write '{}': not a .mp4, .webm or .gif name", path);
  // A reader that goes away must give an error from write(), not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  output_ = PendingFile(path);
  width_ = width;
  height_ = height;
  format_ = *format;
  audio_ = *format != VideoFormat::Gif ? audio : std::string();
  log_ = output_.temporary() + ".log";
  // With sound the frames are encoded first and muxed with the audio file by finish(), when that
  // file is complete (the sound may be rendered alongside the frames).
  video_only_ = audio_.empty() ? std::string() : output_.temporary() + ".video";
  std::vector<std::string> args = {"ffmpeg",       "-nostdin",
                                   "-hide_banner", "-loglevel",
                                   "error",        "-y",
                                   "-f",           "rawvideo",
                                   "-pix_fmt",     "rgb24",
                                   "-s",           fmt::format("{}x{}", width, height),
                                   "-framerate",   fmt::format("{}", fps),
                                   "-i",           "pipe:0"};
  for (std::string& a : encoder_arguments(*format)) args.push_back(std::move(a));
  args.push_back(video_only_.empty() ? output_.temporary() : video_only_);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return fmt::format("cannot write '{}': cannot create a pipe ({})", path, std::strerror(errno));
  }
  std::string error = spawn(args, fds[0]);
  ::close(fds[0]);
  if (!error.empty()) {
    ::close(fds[1]);
    abandon();
    return error;
  }
  pipe_ = fds[1];
  return {};
}

std::string VideoWriter::spawn(std::vector<std::string> args, int input) {
  // ffmpeg's messages go to a log beside the output: its last line explains a failure. Opening
  // it here also checks that the folder is writable before ffmpeg starts.
  const int log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    const std::string reason = std::strerror(errno);
    log_.clear();
    return fmt::format("cannot write '{}': {}", output_.path(), reason);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input >= 0) {
    posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log_fd, STDERR_FILENO);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, "ffmpeg", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(log_fd);
  if (spawned != 0) {
    if (spawned == ENOENT) {
      return fmt::format("cannot write '{}': the ffmpeg command was not found on PATH (install "
                         "it, e.g. apt-get install ffmpeg, or render to images)",
                         output_.path());
    }
    return fmt::format("cannot write '{}': cannot start ffmpeg ({})", output_.path(),
                       std::strerror(spawned));
  }
  child_ = pid;
  return {};
}

std::string VideoWriter::wait_for_ffmpeg() {
  int status = 0;
  while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
  }
  child_ = -1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  std::string why = last_line(log_);
  if (why.empty())
    why = fmt::format("exit status {}", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return fmt::format("cannot write '{}': ffmpeg failed: {}", output_.path(), why);
}

std::string VideoWriter::mux() {
  const bool mp4 = format_ == VideoFormat::Mp4;
  std::vector<std::string> args = {
      "ffmpeg", "-nostdin",  "-hide_banner", "-loglevel", "error", "-y",
      "-i",     video_only_, "-i",           audio_,      "-map",  "0:v",
      "-map",   "1:a",       "-c:v",         "copy",      "-c:a",  mp4 ? "aac" : "libopus",
      "-b:a",   "192k",      "-fflags",      "+bitexact"};
  if (mp4) {
    for (const char* a : {"-movflags", "+faststart"}) args.emplace_back(a);
  }
  for (const char* a : {"-f", mp4 ? "mp4" : "webm"}) args.emplace_back(a);
  args.push_back(output_.temporary());
  std::string error = spawn(std::move(args), -1);
  return error.empty() ? wait_for_ffmpeg() : error;
}

std::string VideoWriter::write(const ImageView& frame) {
  if (pipe_ < 0) return fmt::format("cannot write '{}': the video is not open", output_.path());
  if (frame.width != width_ || frame.height != height_) {
    return fmt::format("cannot write '{}': a {}x{} frame in a {}x{} video", output_.path(),
                       frame.width, frame.height, width_, height_);
  }
  const std::size_t pixels = std::size_t{width_} * height_;
  bytes_.resize(pixels * 3);
  for (std::size_t i = 0; i < pixels; ++i) {
    for (std::size_t k = 0; k < 3; ++k) bytes_[i * 3 + k] = output_byte(frame.rgba[i * 4 + k]);
  }
  const std::uint8_t* p = bytes_.data();
  std::size_t left = bytes_.size();
  while (left > 0) {
    const ssize_t n = ::write(pipe_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = finish();
      return reason.empty()
                 ? fmt::format("cannot write '{}': ffmpeg stopped reading", output_.path())
                 : reason;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return {};
}

std::string VideoWriter::finish() {
  if (child_ <= 0) return fmt::format("cannot write '{}': the video is not open", output_.path());
  ::close(pipe_);
  pipe_ = -1;
  std::string error = wait_for_ffmpeg();
  if (error.empty() && !video_only_.empty()) error = mux();
  if (error.empty()) {
    if (std::string reason = output_.commit(); !reason.empty()) {
      error = fmt::format("cannot write '{}': {}", output_.path(), reason);
    }
  }
  abandon(); // removes the log, the frames without sound and, after a failure, the output
  return error;
}

} // namespace weft::io
