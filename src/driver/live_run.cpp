#include "driver/live_run.h"

#include "driver/exit_status.h"
#include "io/audio_device.h"
#include "io/image_write.h"
#include "io/window.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace weft::driver {

namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

/// The longest the loop waits without looking at events, Ctrl-C and `--for`.
constexpr Seconds kMaxWait{0.02};

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int /*signal*/) {
  interrupted.store(true);
}

/// Installs the Ctrl-C handler for its lifetime. A second Ctrl-C stops the process as usual
/// (SA_RESETHAND), in case a frame takes very long.
class SigintGuard {
public:
  SigintGuard() {
    interrupted.store(false);
    struct sigaction action = {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, &previous_);
  }
  ~SigintGuard() { sigaction(SIGINT, &previous_, nullptr); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

private:
  struct sigaction previous_ = {};
};

/// Writes what the window drew as `path` (RGB: the window has composited alpha over black).
std::string write_screenshot(const io::Window& window, const std::string& path) {
  const io::Rgba8Image shot = window.read_back();
  std::vector<float> rgba(shot.rgba.size());
  // b / 255 goes back to b exactly through the writers' floor(v · 255 + 0.5).
  std::transform(shot.rgba.begin(), shot.rgba.end(), rgba.begin(),
                 [](std::uint8_t b) { return static_cast<float>(b) / 255.0F; });
  const std::optional<io::ImageFormat> format = io::image_format_of(path);
  if (!format) return fmt::format("'{}' is not a .png, .pfm or .ppm file", path);
  return io::write_image(path, *format, {shot.width, shot.height, rgba});
}

/// The sound callback: the program's audio engine, run on the device's thread. Converts its
/// binary64 stereo to interleaved float through buffers allocated here, in chunks of at most
/// kChunk frames, and gives each chunk its part of the device's input (for `mic`).
class LiveSound final : public io::AudioCallback {
public:
  explicit LiveSound(backends::audio::AudioBackend& sound)
      : sound_(sound), left_(kChunk), right_(kChunk) {}

  void render(const float* input, float* output, std::size_t frames) noexcept override {
    for (std::size_t done = 0; done < frames;) {
      const std::size_t m = std::min(kChunk, frames - done);
      sound_.set_input(input != nullptr ? input + 2 * done : nullptr, m);
      sound_.process(m, left_.data(), right_.data());
      float* out = output + 2 * done;
      for (std::size_t i = 0; i < m; ++i) {
        out[2 * i] = static_cast<float>(left_[i]);
        out[2 * i + 1] = static_cast<float>(right_[i]);
      }
      done += m;
    }
  }

private:
  static constexpr std::size_t kChunk = 4096;
  backends::audio::AudioBackend& sound_;
  std::vector<double> left_, right_;
};

/// Opens the stream `options` ask for, falling back to the null driver with one warning when
/// no device opens by default. Returns null (having printed why) when the device asked for
/// does not exist or does not open.
std::unique_ptr<io::AudioStream> open_audio(backends::audio::AudioBackend& sound,
                                            io::AudioCallback& callback, const LiveOptions& options,
                                            std::ostream& err) {
  const auto rate = static_cast<unsigned>(std::lround(sound.rate()));
  if (options.no_audio) return io::AudioStream::open_null(rate, options.audio_block, callback);
  io::AudioStreamOptions stream;
  stream.rate = rate;
  stream.block = options.audio_block;
  stream.device = options.audio_device;
  stream.input = sound.uses_input();
  stream.input_device = options.mic_device;
  io::AudioOpenResult opened = io::AudioStream::open(stream, callback);
  if (opened.stream) {
    if (!opened.input_error.empty()) {
      fmt::print(err, "weft: warning: no audio input ({}): mic() is silent\n", opened.input_error);
    }
    return std::move(opened.stream);
  }
  if (!options.audio_device.empty() || opened.unknown_device) {
    fmt::print(err, "weft: error: {}\n", opened.error);
    return nullptr;
  }
  fmt::print(err, "weft: warning: {}: playing into the null driver (silent)\n",
             opened.no_device ? std::string("no audio device") : opened.error);
  return io::AudioStream::open_null(rate, options.audio_block, callback);
}

/// Watches a running stream from the main thread: it failed when the device reported an error,
/// or when it has not called back for kStall (a JACK server that shut down closes the stream
/// without an error).
class AudioWatch {
public:
  explicit AudioWatch(const io::AudioStream* audio)
      : audio_(audio), count_(audio != nullptr ? audio->callbacks() : 0), since_(Clock::now()) {}

  /// Whether the stream failed (then says why on `err`, once). Without a stream: false.
  bool failed(std::ostream& err) {
    if (audio_ == nullptr || reported_) return reported_;
    std::string why;
    if (audio_->failed()) {
      why = audio_->failure();
    } else if (const std::uint64_t count = audio_->callbacks(); count != count_) {
      count_ = count;
      since_ = Clock::now();
    } else if (Clock::now() - since_ > kStall) {
      why = fmt::format("no block asked for in {} s", kStall.count());
    }
    if (why.empty()) return false;
    fmt::print(err, "weft: error: the audio device {} stopped: {}\n", audio_->description(), why);
    reported_ = true;
    return true;
  }

private:
  static constexpr std::chrono::seconds kStall{2};
  const io::AudioStream* audio_;
  std::uint64_t count_;
  Clock::time_point since_;
  bool reported_ = false;
};

/// A program without a picture: waits for `--for` or Ctrl-C while the device plays.
int run_headless(const io::AudioStream* audio, const LiveOptions& options, std::ostream& err) {
  const SigintGuard sigint;
  const auto start = Clock::now();
  AudioWatch watch(audio);
  for (;;) {
    if (watch.failed(err)) return kExitRuntime;
    if (interrupted.load()) return kExitOk;
    Seconds wait = kMaxWait;
    if (options.for_seconds) {
      const Seconds left = Seconds(*options.for_seconds) - Seconds(Clock::now() - start);
      if (left.count() <= 0) return kExitOk;
      wait = std::min(wait, left);
    }
    std::this_thread::sleep_for(wait);
  }
}

class LiveLoop {
public:
  LiveLoop(Program& program, io::Window& window, const io::AudioStream* audio,
           const LiveOptions& options, std::ostream& err)
      : program_(program), window_(window), audio_(audio), options_(options), err_(err) {}

  int run();

private:
  bool should_stop();
  /// Waits for frame `n`'s deadline, handling events; false when asked to stop meanwhile.
  bool wait_for(std::int64_t n);
  /// The frame to show after `shown` (§5.4 live clock, keeping the screenshot frame).
  std::int64_t next_frame(std::int64_t shown) const;
  bool show(std::int64_t n);
  void update_title(Clock::time_point now);

  Program& program_;
  io::Window& window_;
  AudioWatch audio_; ///< of the sound's stream (none without sound)
  const LiveOptions& options_;
  std::ostream& err_;
  Clock::time_point start_;
  bool screenshot_pending_ = false;
  Clock::time_point title_since_;
  int title_frames_ = 0;
  Seconds title_busy_{0};
};

bool LiveLoop::should_stop() {
  if (interrupted.load() || window_.should_close() || audio_.failed(err_)) return true;
  return options_.for_seconds && Seconds(Clock::now() - start_).count() >= *options_.for_seconds;
}

bool LiveLoop::wait_for(std::int64_t n) {
  const auto deadline =
      start_ + std::chrono::duration_cast<Clock::duration>(Seconds(n / program_.fps()));
  for (;;) {
    window_.poll_events();
    if (should_stop()) return false;
    const auto now = Clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_until(
        std::min(deadline, now + std::chrono::duration_cast<Clock::duration>(kMaxWait)));
  }
}

std::int64_t LiveLoop::next_frame(std::int64_t shown) const {
  const double e = Seconds(Clock::now() - start_).count();
  std::int64_t n = std::max(shown + 1, static_cast<std::int64_t>(std::floor(e * program_.fps())));
  if (screenshot_pending_) n = std::min(n, options_.screenshot_frame);
  return n;
}

bool LiveLoop::show(std::int64_t n) {
  const auto begin = Clock::now();
  const io::PointerState pointer = window_.pointer();
  program_.set_mouse({pointer.x, pointer.y, pointer.down ? 1.0F : 0.0F});
  const backends::visual::FrameImage& image = program_.render(n);
  window_.draw({image.width, image.height, image.rgba});
  title_busy_ += Clock::now() - begin;
  if (screenshot_pending_ && n == options_.screenshot_frame) {
    screenshot_pending_ = false;
    const std::string error = write_screenshot(window_, options_.screenshot);
    if (!error.empty()) {
      fmt::print(err_, "weft: error: {}\n", error);
      return false;
    }
  }
  window_.present();
  ++title_frames_;
  update_title(Clock::now());
  return true;
}

void LiveLoop::update_title(Clock::time_point now) {
  const double elapsed = Seconds(now - title_since_).count();
  if (elapsed < 1.0) return;
  window_.set_title(fmt::format("weft — {} — {:.1f} fps, {:.1f} ms", options_.name,
                                title_frames_ / elapsed,
                                1000.0 * title_busy_.count() / title_frames_));
  title_since_ = now;
  title_frames_ = 0;
  title_busy_ = Seconds(0);
}

int LiveLoop::run() {
  const SigintGuard sigint;
  screenshot_pending_ = !options_.screenshot.empty();
  start_ = Clock::now();
  title_since_ = start_;
  for (std::int64_t n = 0;; n = next_frame(n)) {
    if (!show(n)) return kExitRuntime;
    if (!wait_for(n + 1)) break;
  }
  if (audio_.failed(err_)) return kExitRuntime;
  if (screenshot_pending_) {
    fmt::print(err_,
               "weft: error: stopped before frame {} was drawn: no screenshot written to '{}'\n",
               options_.screenshot_frame, options_.screenshot);
    return kExitRuntime;
  }
  return kExitOk;
}

} // namespace

int print_audio_devices(std::ostream& out) {
  for (const io::AudioDeviceInfo& d : io::list_audio_devices()) {
    std::string marks;
    if (d.default_output) marks += ", default output";
    if (d.default_input) marks += ", default input";
    fmt::print(out, "{:<9} {} ({} out, {} in{})\n", d.id, d.name, d.outputs, d.inputs, marks);
  }
  return kExitOk;
}

int run_live(Program& program, const LiveOptions& options, std::ostream& err) {
  if (program.has_picture() && !io::Window::can_open_display()) {
    fmt::print(err, "weft: error: no display: set DISPLAY or use weft render\n");
    return kExitRuntime;
  }
  // The sound first: a device that is asked for and missing stops the run before a window opens.
  // `sound` outlives `audio`, whose destructor stops the callback.
  std::optional<LiveSound> sound;
  std::unique_ptr<io::AudioStream> audio;
  // The engine runs when the program sounds or its picture reads audio (§7.2).
  if (backends::audio::AudioBackend* engine = program.audio_engine(); engine != nullptr) {
    sound.emplace(*engine);
    audio = open_audio(*engine, *sound, options, err);
    if (!audio) return kExitRuntime;
    std::string error;
    if (!audio->start(error)) {
      fmt::print(err, "weft: error: {}\n", error);
      return kExitRuntime;
    }
  }
  if (!program.has_picture()) return run_headless(audio.get(), options, err);
  std::string error;
  std::unique_ptr<io::Window> window = io::Window::open(
      program.width(), program.height(), fmt::format("weft — {}", options.name), error);
  if (!window) {
    fmt::print(err, "weft: error: {}\n", error);
    return kExitRuntime;
  }
  return LiveLoop(program, *window, audio.get(), options, err).run();
}

} // namespace weft::driver
