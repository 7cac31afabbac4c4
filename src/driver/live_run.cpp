#include "driver/live_run.h"

#include "driver/exit_status.h"
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

class LiveLoop {
public:
  LiveLoop(Program& program, io::Window& window, const LiveOptions& options, std::ostream& err)
      : program_(program), window_(window), options_(options), err_(err) {}

  int run();

private:
  bool should_stop() const;
  /// Waits for frame `n`'s deadline, handling events; false when asked to stop meanwhile.
  bool wait_for(std::int64_t n);
  /// The frame to show after `shown` (§5.4 live clock, keeping the screenshot frame).
  std::int64_t next_frame(std::int64_t shown) const;
  bool show(std::int64_t n);
  void update_title(Clock::time_point now);

  Program& program_;
  io::Window& window_;
  const LiveOptions& options_;
  std::ostream& err_;
  Clock::time_point start_;
  bool screenshot_pending_ = false;
  Clock::time_point title_since_;
  int title_frames_ = 0;
  Seconds title_busy_{0};
};

bool LiveLoop::should_stop() const {
  if (interrupted.load() || window_.should_close()) return true;
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
  if (screenshot_pending_) {
    fmt::print(err_,
               "weft: error: stopped before frame {} was drawn: no screenshot written to '{}'\n",
               options_.screenshot_frame, options_.screenshot);
    return kExitRuntime;
  }
  return kExitOk;
}

} // namespace

int run_live(Program& program, const LiveOptions& options, std::ostream& err) {
  if (!io::Window::can_open_display()) {
    fmt::print(err, "weft: error: no display: set DISPLAY or use weft render\n");
    return kExitRuntime;
  }
  std::string error;
  std::unique_ptr<io::Window> window = io::Window::open(
      program.width(), program.height(), fmt::format("weft — {}", options.name), error);
  if (!window) {
    fmt::print(err, "weft: error: {}\n", error);
    return kExitRuntime;
  }
  return LiveLoop(program, *window, options, err).run();
}

} // namespace weft::driver
