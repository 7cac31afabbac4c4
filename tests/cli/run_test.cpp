// `weft run` (CLI.md): exit statuses without a display and on bad options, and, on an X server
// of its own (Xvfb), that the window shows exactly the frames `weft render` writes: the
// screenshot is read back from GL and compared with the rendered PNG pixel by pixel.
#include "backends/render_helpers.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <thread>
#include <unistd.h>
#include <vector>

using weft::test::is_on_path;
using weft::test::Png;
using weft::test::read_png;
using weft::test::run_weft;
using weft::test::ScratchDir;

namespace {

const char* const kNoDisplay = "weft: error: no display: set DISPLAY or use weft render\n";
const char* const kCircle = "display(me@x, me@y, step(hypot(me@x - 0.5, me@y - 0.5), 0.3))\n";

/// An Xvfb server on a display number it picks itself (-displayfd), stopped on destruction. It
/// does not reset when a client leaves (-noreset), so that one `weft run` can follow another.
class Xvfb {
public:
  Xvfb() {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
#ifdef __linux__
      ::prctl(PR_SET_PDEATHSIG, SIGTERM); // no orphaned server if the test process crashes
#endif
      ::close(fds[0]);
      const int null_fd = ::open("/dev/null", O_RDWR);
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
      ::dup2(null_fd, 2);
      const std::string fd = std::to_string(fds[1]);
      ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1280x1024x24",
               "-nolisten", "tcp", "-noreset", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string number = read_line(fds[0]);
    ::close(fds[0]);
    if (number.empty() || !wait_for_socket("/tmp/.X11-unix/X" + number)) return;
    display_ = ":" + number;
  }
  ~Xvfb() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  /// `:N`, or empty when the server did not start.
  const std::string& display() const {
    return display_;
  }

private:
  /// The first line written to `fd` within 10 s (Xvfb writes the display number when ready).
  static std::string read_line(int fd) {
    std::string line;
    pollfd p{fd, POLLIN, 0};
    char c = 0;
    while (::poll(&p, 1, 10000) > 0 && ::read(fd, &c, 1) == 1 && c != '\n') line += c;
    return line;
  }
  static bool wait_for_socket(const std::string& path) {
    for (int i = 0; i < 500; ++i) {
      if (std::filesystem::exists(path)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  pid_t pid_ = -1;
  std::string display_;
};

/// `weft run` without any display (DISPLAY and WAYLAND_DISPLAY unset in the child).
class RunWithoutDisplay : public ::testing::Test {
protected:
  void SetUp() override {
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
  }
  ScratchDir dir_;
};

TEST_F(RunWithoutDisplay, ExitsThreeWithTheMessage) {
  const std::string prog = dir_.write("prog.weft", kCircle);
  auto r = run_weft({"run", prog, "--for", "1"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, kNoDisplay);
}

TEST_F(RunWithoutDisplay, ReportsCompileErrorsFirst) {
  dir_.write("bad.weft", "x<v> = if me@x < 0.5 then 1 else 0\ndisplay(x@v)\n");
  auto r = run_weft({"run", "bad.weft"}, dir_.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("bad.weft:1:16: error[syntax]: expected 'then', found '<'\n", 0), 0u)
      << r.err;
  EXPECT_EQ(r.err.find("no display"), std::string::npos) << r.err;
}

TEST_F(RunWithoutDisplay, BadOptionsAreUsageErrors) {
  const std::string prog = dir_.write("prog.weft", kCircle);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"run"},
           {"run", prog, "--screenshot", dir_.file("s.png")},
           {"run", prog, "--at", "3"},
           {"run", prog, "--screenshot", dir_.file("s.bmp"), "--at", "3"},
           {"run", prog, "--at", "-1", "--screenshot", dir_.file("s.png")},
           {"run", prog, "--for", "0"},
           {"run", prog, "--for", "-2"},
           {"run", prog, "--for", "soon"},
           {"run", prog, "--size", "64"},
           {"run", prog, "--threads", "0"},
           {"run", prog, "--frames", "3"}}) {
    auto r = run_weft(args);
    EXPECT_EQ(r.exit_code, 2) << args.back();
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("weft: error: ", 0), 0u) << r.err;
  }
}

TEST_F(RunWithoutDisplay, AudioOptionsAreAcceptedAndUnusedWithoutSound) {
  // The program has no play sink: no audio device is looked for (tests/live/ has the sound).
  const std::string prog = dir_.write("prog.weft", kCircle);
  auto r = run_weft({"run", prog, "--no-audio", "--audio-device", "hw:1", "--for", "1"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, kNoDisplay);
}

TEST(Run, HasHelp) {
  auto r = run_weft({"run", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Usage: weft run"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--screenshot"), std::string::npos) << r.out;
  EXPECT_NE(run_weft({"--help"}).out.find("run"), std::string::npos);
}

/// `weft run` on an X server of the test's own: Xvfb, or failing that the DISPLAY given.
class RunInAWindow : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (is_on_path("Xvfb")) server_ = new Xvfb();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    // Sanitizer builds: the GL driver (Mesa) is loaded with dlopen and uses dynamic TLS, which
    // LeakSanitizer's tracer sometimes misreads and crashes on at exit ("Tracer caught signal 11",
    // google/sanitizers#1322); tracking dynamic TLS is off for the processes that open a window.
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string options = asan != nullptr ? asan : "";
    if (options.find("intercept_tls_get_addr") == std::string::npos) {
      const std::string separator = options.empty() ? "" : ":";
      ::setenv("ASAN_OPTIONS", (options + separator + "intercept_tls_get_addr=0").c_str(), 1);
    }
    if (server_ != nullptr && !server_->display().empty()) {
      ::setenv("DISPLAY", server_->display().c_str(), 1);
    } else if (std::getenv("DISPLAY") == nullptr) {
      GTEST_SKIP() << "no X server: install Xvfb (scripts/install-deps.sh) or set DISPLAY";
    }
  }

  /// Runs `weft run` on `program` and `weft render` of the same frame at the same size, and
  /// returns both pictures (screenshot first).
  std::pair<Png, Png> shoot_and_render(const std::string& program, const std::string& frame,
                                       const std::string& seconds) {
    const std::string prog = dir_.write("prog.weft", program);
    auto run = run_weft({"run", prog, "--screenshot", dir_.file("shot.png"), "--at", frame, "--for",
                         seconds, "--size", "64x48"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    auto render = run_weft(
        {"render", prog, "-o", dir_.file("ref.png"), "--frames", frame, "--size", "64x48"});
    EXPECT_EQ(render.exit_code, 0) << render.err;
    return {read_png(dir_.file("shot.png")), read_png(dir_.file("ref.png"))};
  }

  static Xvfb* server_;
  ScratchDir dir_;
};

Xvfb* RunInAWindow::server_ = nullptr;

/// The number of channel values that differ; not 0 when the sizes or layouts differ or a picture
/// is missing.
std::size_t count_differences(const Png& a, const Png& b) {
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.channels, b.channels);
  if (a.bytes.empty() || a.bytes.size() != b.bytes.size()) {
    return a.bytes.size() + b.bytes.size() + 1;
  }
  std::size_t different = 0;
  for (std::size_t i = 0; i < a.bytes.size(); ++i) different += a.bytes[i] != b.bytes[i];
  return different;
}

TEST_F(RunInAWindow, ScreenshotEqualsTheRenderedFrame) {
  auto [shot, ref] = shoot_and_render(kCircle, "3", "0.5");
  EXPECT_EQ(shot.width, 64u);
  EXPECT_EQ(shot.height, 48u);
  ASSERT_EQ(count_differences(shot, ref), 0u);
  EXPECT_EQ(shot.at(0, 0, 2), 0);     // outside the circle: no blue
  EXPECT_EQ(shot.at(32, 24, 2), 255); // inside: blue
}

TEST_F(RunInAWindow, ScreenshotShowsTheFrameAskedFor) {
  // Every frame differs; frame 5 is 5/255 in red.
  auto [shot, ref] = shoot_and_render("display(me@frame / 255, me@x, me@y)\n", "5", "0.5");
  ASSERT_EQ(count_differences(shot, ref), 0u);
  EXPECT_EQ(shot.at(10, 10, 0), 5);
}

TEST_F(RunInAWindow, MouseIsAtTheCentreBeforeAnyPointerEvent) {
  auto [shot, ref] = shoot_and_render("display(mouse@x, mouse@y, mouse@down)\n", "0", "0.3");
  ASSERT_EQ(count_differences(shot, ref), 0u);
  EXPECT_EQ(shot.at(5, 5, 0), 128);
  EXPECT_EQ(shot.at(5, 5, 1), 128);
  EXPECT_EQ(shot.at(5, 5, 2), 0);
}

// A picture that reads sound runs the audio engine live (here into the silent null driver),
// each frame seeing the samples rendered before it began (LANGUAGE.md §7.4): a low-passed step
// has settled to 1 a second in, where nothing would read 0.
TEST_F(RunInAWindow, APictureThatReadsSoundRunsTheEngineLive) {
  const std::string prog = dir_.write("prog.weft", "me<fps> = 30\n"
                                                   "rise<v> = lpf(1, 20)\n"
                                                   "display(rise@v, 0, 0)\n");
  auto r = run_weft({"run", prog, "--screenshot", dir_.file("shot.png"), "--at", "30", "--for", "3",
                     "--size", "8x8", "--no-audio"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const Png shot = read_png(dir_.file("shot.png"));
  ASSERT_EQ(shot.bytes.size(), 8u * 8u * 3u);
  EXPECT_GE(shot.at(4, 4, 0), 250);
}

TEST_F(RunInAWindow, AlphaIsCompositedOverBlack) {
  const std::string prog = dir_.write("prog.weft", "render(1, 0.5, 0, 0.5)\n");
  auto r = run_weft({"run", prog, "--screenshot", dir_.file("shot.png"), "--at", "0", "--for",
                     "0.3", "--size", "8x8"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Png shot = read_png(dir_.file("shot.png"));
  ASSERT_EQ(shot.channels, 3);
  ASSERT_EQ(shot.bytes.size(), 8u * 8u * 3u);
  EXPECT_EQ(shot.at(3, 3, 0), 128); // floor(0.5 * 255 + 0.5)
  EXPECT_EQ(shot.at(3, 3, 1), 64);  // floor(0.25 * 255 + 0.5)
  EXPECT_EQ(shot.at(3, 3, 2), 0);
}

TEST_F(RunInAWindow, StopsAfterForSeconds) {
  const std::string prog = dir_.write("prog.weft", kCircle);
  const auto begin = std::chrono::steady_clock::now();
  auto r = run_weft({"run", prog, "--for", "0.3", "--size", "32x32"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_GE(seconds, 0.3);
  EXPECT_LT(seconds, 20.0);
}

TEST_F(RunInAWindow, StopsOnCtrlC) {
  const std::string prog = dir_.write("prog.weft", kCircle);
  const std::string shot = dir_.file("shot.png");
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(null_fd, 1);
    ::dup2(null_fd, 2);
    ::execl(WEFT_BINARY, WEFT_BINARY, "run", prog.c_str(), "--size", "16x16", "--for", "60",
            "--screenshot", shot.c_str(), "--at", "0", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // The screenshot of frame 0 exists once the loop runs (and Ctrl-C is handled).
  for (int i = 0; i < 2000 && !std::filesystem::exists(shot); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(std::filesystem::exists(shot));
  ::kill(pid, SIGINT);
  const auto begin = std::chrono::steady_clock::now();
  int status = 0;
  ::waitpid(pid, &status, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(seconds, 20.0);
}

TEST_F(RunInAWindow, APictureWithSoundShowsTheSameFramesWhilePlaying) {
  // --no-audio: the sound runs on the null driver's thread while the window shows the frames.
  const std::string prog = dir_.write("prog.weft", std::string(kCircle) + "play(sine(440))\n");
  auto run = run_weft({"run", prog, "--no-audio", "--screenshot", dir_.file("shot.png"), "--at",
                       "3", "--for", "0.5", "--size", "64x48"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  auto render =
      run_weft({"render", prog, "-o", dir_.file("ref.png"), "--frames", "3", "--size", "64x48"});
  EXPECT_EQ(render.exit_code, 0) << render.err;
  ASSERT_EQ(count_differences(read_png(dir_.file("shot.png")), read_png(dir_.file("ref.png"))), 0u);
}

TEST_F(RunInAWindow, StoppingBeforeTheScreenshotFrameIsAnError) {
  const std::string prog = dir_.write("prog.weft", kCircle);
  auto r = run_weft({"run", prog, "--screenshot", dir_.file("shot.png"), "--at", "100000", "--for",
                     "0.2", "--size", "16x16"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "weft: error: stopped before frame 100000 was drawn: no screenshot written to '" +
                dir_.file("shot.png") + "'\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("shot.png")));
}

} // namespace
