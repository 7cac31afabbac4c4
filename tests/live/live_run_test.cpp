// `weft run` with sound (CLI.md): an audio-only program runs headless (no window, no DISPLAY)
// for --for seconds, into the null driver with one warning when no audio device exists
// (WEFT_AUDIO_NO_DEVICES pretends so on any machine), silently with --no-audio or
// `--audio-device null`; an unknown device is exit 3; --list-devices lists the null device
// first; a program with nothing to show or play is an error.
#include "backends/render_helpers.h"

#include <chrono>
#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using weft::test::run_weft;
using weft::test::ScratchDir;

namespace {

const char* const kTone = "play(0.2 * sine(440))\n";
const char* const kNullWarning =
    "weft: warning: no audio device: playing into the null driver (silent)\n";

class LiveRun : public ::testing::Test {
protected:
  void SetUp() override {
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    ::setenv("WEFT_AUDIO_NO_DEVICES", "1", 1);
  }
  void TearDown() override { ::unsetenv("WEFT_AUDIO_NO_DEVICES"); }

  /// Runs weft with `args`; `seconds` gets the wall time it took.
  weft::test::CommandResult timed(const std::vector<std::string>& args, double& seconds) {
    const auto begin = std::chrono::steady_clock::now();
    auto result = run_weft(args);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    return result;
  }

  ScratchDir dir_;
};

TEST_F(LiveRun, AudioOnlyProgramPlaysHeadlessIntoTheNullDriverWithOneWarning) {
  const std::string prog = dir_.write("tone.weft", kTone);
  double seconds = 0;
  auto r = timed({"run", prog, "--for", "1"}, seconds);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, kNullWarning);
  EXPECT_GE(seconds, 0.9);
  EXPECT_LE(seconds, 3.0);
}

TEST_F(LiveRun, NoAudioAndTheNullDeviceAreSilentAboutIt) {
  const std::string prog = dir_.write("tone.weft", kTone);
  for (const std::vector<std::string>& flags :
       std::vector<std::vector<std::string>>{{"--no-audio"}, {"--audio-device", "null"}}) {
    std::vector<std::string> args = {"run", prog, "--for", "0.3"};
    args.insert(args.end(), flags.begin(), flags.end());
    double seconds = 0;
    auto r = timed(args, seconds);
    EXPECT_EQ(r.exit_code, 0) << flags[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << flags[0];
    EXPECT_GE(seconds, 0.25) << flags[0];
  }
}

TEST_F(LiveRun, AnUnknownAudioDeviceIsARuntimeError) {
  const std::string prog = dir_.write("tone.weft", kTone);
  auto r = run_weft({"run", prog, "--for", "1", "--audio-device", "no-such-card"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "weft: error: no audio output device 'no-such-card' (weft run --list-devices "
                   "lists them)\n");
}

TEST_F(LiveRun, ListDevicesNeedsNoFileAndStartsWithTheNullDevice) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"run", "--list-devices"}, {"run", dir_.write("tone.weft", kTone), "--list-devices"}}) {
    auto r = run_weft(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, "null      null driver: silent, paced by the clock (2 out, 2 in)\n");
  }
  ::unsetenv("WEFT_AUDIO_NO_DEVICES"); // the machine's own devices: at least the null one
  auto r = run_weft({"run", "--list-devices"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("null ", 0), 0U) << r.out;
}

TEST_F(LiveRun, RunWithoutAFileIsAUsageError) {
  auto r = run_weft({"run", "--for", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "weft: error: run needs FILE, a WEFT source file\n");
}

TEST_F(LiveRun, NothingToShowOrPlayIsAnError) {
  const std::string prog = dir_.write("quiet.weft", "x<v> = me@x\n");
  auto r = run_weft({"run", prog, "--for", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no visual sink (display or render) and no audio sink (play): nothing to "
                       "show or play\n"),
            std::string::npos)
      << r.err;
}

TEST_F(LiveRun, APictureWithSoundStillNeedsADisplayAndOpensNoAudioFirst) {
  const std::string prog = dir_.write("both.weft", "display(me@x, 0, 0)\nplay(0.1 * saw(110))\n");
  auto r = run_weft({"run", prog, "--for", "1"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "weft: error: no display: set DISPLAY or use weft render\n");
}

} // namespace
