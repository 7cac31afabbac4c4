// `weft run` through a real JACK server (issue 6): the test starts its own `jackd --no-realtime
// -d dummy -r 48000 -p 256` under a server name of its own (JACK_DEFAULT_SERVER, so a user's
// server is never touched), runs `weft run` against it, and records weft's output ports with a
// JACK client of its own: the ports exist while weft runs, the tone arrives with the right RMS and
// pitch, weft exits 0 without a message; a signal fed into weft's input ports comes back out
// through `mic()`; a server that stops answering ends the run with an error. Skipped with a
// message when jackd is not installed (CI installs jackd2).
//
// JACK keeps a registry of at most 8 servers in /dev/shm, and a server that dies uncleanly (jackd
// killed by SIGPIPE when stopped while clients are connected) leaves its entry behind until a
// server of the same name starts again. So the server always has the same name, `weft-test`,
// the tests take turns through a lock file (ctest runs them in parallel), and the server is
// stopped only once every client has left.
#include "backends/render_helpers.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <numbers>
#include <string>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#if WEFT_TEST_HAVE_JACK
#include <jack/jack.h>
#endif

using weft::test::is_on_path;
using weft::test::ScratchDir;

namespace {

#if WEFT_TEST_HAVE_JACK

using Clock = std::chrono::steady_clock;
constexpr double kRate = 48000;

/// A child process with stdout and stderr in files; killed if still running on destruction.
class Child {
public:
  explicit Child(std::vector<std::string> argv) {
    char out[] = "/tmp/weft-jack-out-XXXXXX";
    char err[] = "/tmp/weft-jack-err-XXXXXX";
    out_fd_ = ::mkstemp(out);
    err_fd_ = ::mkstemp(err);
    ::unlink(out);
    ::unlink(err);
    pid_ = ::fork();
    if (pid_ == 0) {
#ifdef __linux__
      ::prctl(PR_SET_PDEATHSIG, SIGTERM); // nothing is left behind if the test crashes
#endif
      ::dup2(out_fd_, 1);
      ::dup2(err_fd_, 2);
      const int null_fd = ::open("/dev/null", O_RDONLY);
      ::dup2(null_fd, 0);
      std::vector<char*> args;
      for (std::string& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
  }
  ~Child() {
    if (running()) {
      ::kill(pid_, SIGTERM);
      if (!wait(std::chrono::seconds(3))) {
        ::kill(pid_, SIGKILL);
        wait(std::chrono::seconds(3));
      }
    }
    ::close(out_fd_);
    ::close(err_fd_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool running() const {
    return pid_ > 0 && exit_code_ < 0;
  }
  void signal(int number) const {
    if (running()) ::kill(pid_, number);
  }
  /// Waits up to `timeout` for the exit; true when it has exited.
  bool wait(Clock::duration timeout) {
    const auto end = Clock::now() + timeout;
    while (running()) {
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (r < 0 || Clock::now() >= end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }
  int exit_code() const {
    return exit_code_;
  }
  std::string out() const {
    return slurp(out_fd_);
  }
  std::string err() const {
    return slurp(err_fd_);
  }

private:
  static std::string slurp(int fd) {
    std::string text;
    char buffer[4096];
    ssize_t n = 0;
    for (off_t at = 0; (n = ::pread(fd, buffer, sizeof buffer, at)) > 0; at += n) {
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int exit_code_ = -1;
};

/// A JACK client of the test: two input ports recorded into preallocated buffers while
/// `recording`, and two output ports playing `feed` (left: 0.5 · sine at 300 Hz, right: 0.25).
class Recorder {
public:
  static constexpr std::size_t kCapacity = 48000; // one second

  explicit Recorder(const std::string& server) {
    jack_status_t status{};
    client_ = jack_client_open("weft-recorder",
                               static_cast<jack_options_t>(JackNoStartServer | JackServerName),
                               &status, server.c_str());
    if (client_ == nullptr) return;
    for (int c = 0; c < 2; ++c) {
      in_[c] = jack_port_register(client_, c == 0 ? "in_l" : "in_r", JACK_DEFAULT_AUDIO_TYPE,
                                  JackPortIsInput, 0);
      out_[c] = jack_port_register(client_, c == 0 ? "out_l" : "out_r", JACK_DEFAULT_AUDIO_TYPE,
                                   JackPortIsOutput, 0);
      recorded_[c].assign(kCapacity, 0.0F);
    }
    jack_set_process_callback(client_, &Recorder::process, this);
    if (jack_activate(client_) != 0) {
      jack_client_close(client_);
      client_ = nullptr;
    }
  }
  ~Recorder() {
    if (client_ != nullptr) jack_client_close(client_);
  }
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  bool ok() const { return client_ != nullptr; }
  jack_client_t* client() const { return client_; }

  /// The ports whose full name matches `pattern` (a regular expression).
  std::vector<std::string> ports(const std::string& pattern) const {
    std::vector<std::string> names;
    const char** found = jack_get_ports(client_, pattern.c_str(), nullptr, 0);
    for (const char** p = found; p != nullptr && *p != nullptr; ++p) names.emplace_back(*p);
    if (found != nullptr) jack_free(found);
    return names;
  }
  bool connect(const std::string& from, const std::string& to) const {
    return jack_connect(client_, from.c_str(), to.c_str()) == 0;
  }
  /// Whether port `name` exists and is connected to anything.
  bool connected(const std::string& name) const {
    const jack_port_t* port = jack_port_by_name(client_, name.c_str());
    return port != nullptr && jack_port_connected(port) > 0;
  }

  /// Records `frames` frames from now; false when they do not arrive within `timeout`.
  bool record(std::size_t frames, Clock::duration timeout) {
    written_.store(0);
    wanted_.store(std::min(frames, kCapacity));
    recording_.store(true);
    const auto end = Clock::now() + timeout;
    while (written_.load() < wanted_.load()) {
      if (Clock::now() >= end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    recording_.store(false);
    return true;
  }
  const std::vector<float>& recorded(int channel) const { return recorded_[channel]; }

private:
  static int process(jack_nframes_t frames, void* self_pointer) {
    auto* self = static_cast<Recorder*>(self_pointer);
    auto* left = static_cast<float*>(jack_port_get_buffer(self->out_[0], frames));
    auto* right = static_cast<float*>(jack_port_get_buffer(self->out_[1], frames));
    for (jack_nframes_t i = 0; i < frames; ++i) {
      left[i] = static_cast<float>(
          0.5 * std::sin(2 * std::numbers::pi * 300 * static_cast<double>(self->fed_++) / kRate));
      right[i] = 0.25F;
    }
    if (!self->recording_.load()) return 0;
    const std::size_t at = self->written_.load();
    const std::size_t n = std::min<std::size_t>(frames, self->wanted_.load() - at);
    for (int c = 0; c < 2; ++c) {
      const auto* in = static_cast<const float*>(jack_port_get_buffer(self->in_[c], frames));
      std::copy_n(in, n, self->recorded_[c].begin() + static_cast<std::ptrdiff_t>(at));
    }
    self->written_.store(at + n);
    return 0;
  }

  jack_client_t* client_ = nullptr;
  jack_port_t* in_[2] = {};
  jack_port_t* out_[2] = {};
  std::vector<float> recorded_[2];
  std::atomic<bool> recording_{false};
  std::atomic<std::size_t> written_{0}, wanted_{0};
  std::uint64_t fed_ = 0;
};

double rms(const std::vector<float>& x) {
  double sum = 0;
  for (float v : x) sum += static_cast<double>(v) * v;
  return std::sqrt(sum / static_cast<double>(x.size()));
}

/// The frequency in [lo, hi] Hz, on a 2 Hz grid, with the most energy (Goertzel).
double peak_frequency(const std::vector<float>& x, double lo, double hi) {
  double best = 0, best_power = -1;
  for (double f = lo; f <= hi; f += 2) {
    const double k = 2 * std::cos(2 * std::numbers::pi * f / kRate);
    double s1 = 0, s2 = 0;
    for (float v : x) {
      const double s0 = v + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (power > best_power) {
      best_power = power;
      best = f;
    }
  }
  return best;
}

/// Holds an exclusive lock on a file for its lifetime: one JACK test at a time on this machine.
class TestLock {
public:
  TestLock() : fd_(::open("/tmp/weft-jack-test.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~TestLock() {
    if (fd_ >= 0) ::close(fd_); // releases the lock
  }
  TestLock(const TestLock&) = delete;
  TestLock& operator=(const TestLock&) = delete;

private:
  int fd_;
};

class Jack : public ::testing::Test {
protected:
  void SetUp() override {
    if (!is_on_path("jackd")) {
      GTEST_SKIP() << "jackd is not installed (scripts/install-deps.sh installs jackd2)";
    }
    lock_ = std::make_unique<TestLock>();
    // The recorder's first tries, while jackd starts, would print "Cannot connect to server".
    jack_set_error_function([](const char*) {});
    jack_set_info_function([](const char*) {});
    server_ = "weft-test";
    ::setenv("JACK_DEFAULT_SERVER", server_.c_str(), 1);
    ::setenv("JACK_NO_START_SERVER", "1", 1);
    ::unsetenv("WEFT_AUDIO_NO_DEVICES");
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    jackd_ = std::make_unique<Child>(std::vector<std::string>{
        "jackd", "--no-realtime", "-n", server_, "-d", "dummy", "-r", "48000", "-p", "256"});
    // Up when a client can connect (within 10 s).
    const auto end = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < end && jackd_->running()) {
      recorder_ = std::make_unique<Recorder>(server_);
      if (recorder_->ok()) break;
      recorder_.reset();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(recorder_) << "jackd did not start: " << jackd_->err();
  }
  void TearDown() override {
    recorder_.reset();
    jackd_.reset(); // SIGTERM, then wait (weft, the other client, has exited)
    lock_.reset();
    ::unsetenv("JACK_DEFAULT_SERVER");
    ::unsetenv("JACK_NO_START_SERVER");
  }

  /// Starts `weft run FILE --for SEC` against the server.
  std::unique_ptr<Child> start_weft(const std::string& file, const std::string& seconds) {
    return std::make_unique<Child>(
        std::vector<std::string>{WEFT_BINARY, "run", file, "--for", seconds});
  }

  /// Connects port `from` to port `to`, retrying for up to 5 s: weft's ports exist a moment
  /// before its client is activated, and only then can they be connected.
  bool connect(const std::string& from, const std::string& to) {
    const auto end = Clock::now() + std::chrono::seconds(5);
    while (!recorder_->connect(from, to)) {
      if (Clock::now() >= end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  /// The ports matching `pattern` once there are `count` of them (within 5 s), sorted.
  std::vector<std::string> wait_for_ports(const std::string& pattern, std::size_t count) {
    std::vector<std::string> ports;
    const auto end = Clock::now() + std::chrono::seconds(5);
    while ((ports = recorder_->ports(pattern)).size() < count && Clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::sort(ports.begin(), ports.end());
    return ports;
  }

  std::unique_ptr<TestLock> lock_;
  std::string server_;
  std::unique_ptr<Child> jackd_;
  std::unique_ptr<Recorder> recorder_;
  ScratchDir dir_;
};

TEST_F(Jack, WeftPlaysItsToneThroughTheServer) {
  const std::string prog = dir_.write("tone.weft", "play(0.2 * sine(440))\n");
  auto weft = start_weft(prog, "2");
  const std::vector<std::string> ports = wait_for_ports("^weft:", 2);
  ASSERT_EQ(ports, (std::vector<std::string>{"weft:outport 0", "weft:outport 1"}))
      << "weft's output ports did not appear; stderr: " << weft->err();
  ASSERT_TRUE(connect(ports[0], "weft-recorder:in_l"));
  ASSERT_TRUE(connect(ports[1], "weft-recorder:in_r"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100)); // past the connection
  ASSERT_TRUE(recorder_->record(24000, std::chrono::seconds(3)));
  EXPECT_FALSE(weft->wait(std::chrono::milliseconds(0))) << "weft stopped early: " << weft->err();
  ASSERT_TRUE(weft->wait(std::chrono::seconds(6)));
  EXPECT_EQ(weft->exit_code(), 0) << weft->err();
  EXPECT_EQ(weft->err(), "");
  EXPECT_EQ(weft->out(), "");
  const std::vector<float> left(recorder_->recorded(0).begin(),
                                recorder_->recorded(0).begin() + 24000);
  const std::vector<float> right(recorder_->recorded(1).begin(),
                                 recorder_->recorded(1).begin() + 24000);
  EXPECT_NEAR(rms(left), 0.2 / std::sqrt(2.0), 0.005);
  EXPECT_NEAR(rms(right), 0.2 / std::sqrt(2.0), 0.005);
  EXPECT_EQ(peak_frequency(left, 100, 2000), 440);
  EXPECT_EQ(left, right);
  // Gone with weft (the server notices the closed connection).
  const auto end = Clock::now() + std::chrono::seconds(2);
  while (!recorder_->ports("^weft:").empty() && Clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(recorder_->ports("^weft:").empty());
}

TEST_F(Jack, MicReadsWhatIsFedIntoWeftsInputPorts) {
  const std::string prog =
      dir_.write("echo.weft", "m<l, r> = mic()\nplay(left: m@l, right: m@r)\n");
  auto weft = start_weft(prog, "2");
  const std::vector<std::string> ports = wait_for_ports("^weft:", 4);
  ASSERT_EQ(ports, (std::vector<std::string>{"weft:inport 0", "weft:inport 1", "weft:outport 0",
                                             "weft:outport 1"}))
      << weft->err();
  ASSERT_TRUE(connect(ports[2], "weft-recorder:in_l"));
  ASSERT_TRUE(connect(ports[3], "weft-recorder:in_r"));
  ASSERT_TRUE(connect("weft-recorder:out_l", ports[0]));
  ASSERT_TRUE(connect("weft-recorder:out_r", ports[1]));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(recorder_->record(24000, std::chrono::seconds(3)));
  ASSERT_TRUE(weft->wait(std::chrono::seconds(6)));
  EXPECT_EQ(weft->exit_code(), 0) << weft->err();
  EXPECT_EQ(weft->err(), "");
  const std::vector<float> left(recorder_->recorded(0).begin(),
                                recorder_->recorded(0).begin() + 24000);
  const std::vector<float>& right = recorder_->recorded(1);
  EXPECT_NEAR(rms(left), 0.5 / std::sqrt(2.0), 0.01);
  EXPECT_EQ(peak_frequency(left, 100, 2000), 300);
  EXPECT_TRUE(std::all_of(right.begin(), right.begin() + 24000, [](float v) { return v == 0.25F; }))
      << "right[0] = " << right[0];
}

TEST_F(Jack, AServerThatStopsAnsweringStopsTheRunWithAnError) {
  const std::string prog = dir_.write("tone.weft", "play(0.2 * sine(440))\n");
  auto weft = start_weft(prog, "20");
  ASSERT_EQ(wait_for_ports("^weft:", 2).size(), 2U) << weft->err();
  // Running: weft's client is active once RtAudio has connected its ports to the server's.
  const auto active = Clock::now() + std::chrono::seconds(5);
  while (!recorder_->connected("weft:outport 0") && Clock::now() < active) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(recorder_->connected("weft:outport 0")) << weft->err();
  // The server hangs: weft's device asks for no more blocks.
  jackd_->signal(SIGSTOP);
  const std::string expected =
      "weft: error: the audio device jack:0 (system) stopped: no block asked for in 2 s\n";
  const auto end = Clock::now() + std::chrono::seconds(6);
  while (weft->err().find(expected) == std::string::npos && Clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  jackd_->signal(SIGCONT); // so that weft can leave the server
  ASSERT_TRUE(weft->wait(std::chrono::seconds(6))) << "weft kept running: " << weft->err();
  EXPECT_EQ(weft->exit_code(), 3);
  EXPECT_NE(weft->err().find(expected), std::string::npos) << weft->err();
}

#else

TEST(Jack, NeedsLibjack) {
  GTEST_SKIP() << "built without libjack (libjack-jackd2-dev): the JACK test is not compiled";
}

#endif

} // namespace
