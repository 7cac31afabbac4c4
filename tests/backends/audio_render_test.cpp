// `weft render --audio OUT.wav` (CLI.md; LANGUAGE.md §5.2, §8.6–§8.9, §9.2): the real binary
// renders `play` sinks to WAV files and the tests read them back as a listener's tools would —
// header, length, RMS, the frequency of the strongest component, stereo routing, the safety
// stage — plus block-size invariance of the engine through the driver.
#include "driver/program.h"
#include "io/audio_file.h"
#include "render_helpers.h"
#include "sound_helpers.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <sndfile.h>
#include <sstream>

namespace weft::test {
namespace {

struct Channels {
  std::vector<double> left, right;
  int rate = 0;
  int format = 0;
};

Channels read_wav(const std::string& path) {
  io::AudioFile file = io::read_audio_file(path);
  EXPECT_EQ(file.error, "") << path;
  EXPECT_EQ(file.channels, 2) << path;
  Channels c;
  c.rate = file.rate;
  c.format = file.format;
  for (std::size_t i = 0; i + 1 < file.samples.size(); i += 2) {
    c.left.push_back(file.samples[i]);
    c.right.push_back(file.samples[i + 1]);
  }
  return c;
}

double rms(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v * v;
  return x.empty() ? 0 : std::sqrt(sum / static_cast<double>(x.size()));
}

/// Power of frequency `f` in `x` (Goertzel over a Hann window).
double power_at(const std::vector<double>& x, double f, int rate) {
  const double w = 2 * std::numbers::pi * f / rate;
  double s1 = 0, s2 = 0;
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double hann = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) / n);
    const double s = x[i] * hann + 2 * std::cos(w) * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - 2 * std::cos(w) * s1 * s2;
}

/// The strongest frequency of `x` on a 1 Hz grid from `lo` to `hi`.
double peak_frequency(const std::vector<double>& x, int rate, double lo, double hi) {
  double best = lo, best_power = -1;
  for (double f = lo; f <= hi; f += 1) {
    const double p = power_at(x, f, rate);
    if (p > best_power) {
      best_power = p;
      best = f;
    }
  }
  return best;
}

class AudioRender : public RenderTest {
protected:
  CommandResult render_audio(const std::string& program, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"render", dir.write("p.weft", program), "--audio",
                                     dir.file("out.wav")};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_weft(args);
  }
  Channels render_wav(const std::string& program, std::vector<std::string> extra = {}) {
    CommandResult r = render_audio(program, std::move(extra));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? read_wav(dir.file("out.wav")) : Channels{};
  }
};

TEST_F(AudioRender, MonoPlayIsASineOnBothChannelsAtTheDefaultRate) {
  Channels c = render_wav("play(0.5 * sine(1000))\n", {"--duration", "0.5"});
  EXPECT_EQ(c.rate, 48000);
  EXPECT_EQ(c.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ASSERT_EQ(c.left.size(), 24000U);
  EXPECT_EQ(c.left, c.right);
  EXPECT_NEAR(rms(c.left), 0.5 / std::sqrt(2.0), 1e-3);
  EXPECT_EQ(peak_frequency(c.left, c.rate, 900, 1100), 1000);
}

TEST_F(AudioRender, NamedChannelsRouteAndAMissingOneIsSilent) {
  Channels c = render_wav("play(left: 0.25 * saw(220))\n", {"--duration", "0.25"});
  EXPECT_GT(rms(c.left), 0.1);
  EXPECT_EQ(rms(c.right), 0.0);
  EXPECT_EQ(peak_frequency(c.left, c.rate, 150, 300), 220);
}

TEST_F(AudioRender, PlaySinksAreSummedThenLimitedAndNanIsSilence) {
  Channels c = render_wav("play(0.25)\nplay(0.5, 0 / 0)\nplay(0, 3)\n",
                          {"--duration", "0.01", "--audio-format", "float"});
  EXPECT_EQ(c.format, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  ASSERT_FALSE(c.left.empty());
  for (double v : c.left) ASSERT_EQ(v, 0.75);
  // §9.2: the channel's sum NaN + 3 is NaN, and the safety stage makes the sum 0.
  for (double v : c.right) ASSERT_EQ(v, 0.0);
  c = render_wav("play(0.5, -0.75)\nplay(0.75, -0.5)\n", {"--duration", "0.01"});
  for (double v : c.left) ASSERT_EQ(v * 32768, 32767); // 1.25 limited to 1
  for (double v : c.right) ASSERT_EQ(v * 32768, -32767);
}

TEST_F(AudioRender, RateOverridesMeRateAndPitchStays) {
  Channels c = render_wav("play(0.5 * sine(441))\n", {"--duration", "0.5", "--rate", "44100"});
  EXPECT_EQ(c.rate, 44100);
  EXPECT_EQ(c.left.size(), 22050U);
  EXPECT_EQ(peak_frequency(c.left, c.rate, 400, 480), 441);
  // me@time counts seconds at the rate the sound is rendered at, not at me<rate>.
  c = render_wav("play(0.5 * sin(me@time * 441 * tau))\n",
                 {"--duration", "0.5", "--rate", "24000"});
  EXPECT_EQ(peak_frequency(c.left, c.rate, 200, 480), 441);
}

TEST_F(AudioRender, PureExpressionOscillatorIsExactPerSample) {
  Channels c = render_wav("play(0.5 * sin(me@time * 440 * tau))\n",
                          {"--duration", "0.1", "--audio-format", "float"});
  for (std::size_t s = 0; s < c.left.size(); ++s) {
    const double want =
        0.5 * std::sin(static_cast<double>(s) / 48000 * 440 * (2 * std::numbers::pi));
    ASSERT_EQ(c.left[s], static_cast<float>(want)) << s;
  }
}

TEST_F(AudioRender, ModulatedFilterAndEnvelopeFollowTheirInputsEverySample) {
  // A gate high for the first 0.1 s: the 10 ms attack rises 1/480 per sample and reaches 1 at
  // sample 479, the 20 ms decay reaches the sustain 0.5 960 samples later; after the gate
  // closes (sample 4800) the 50 ms release reaches 0 within 2400 samples.
  Channels c = render_wav("env<v> = adsr(if me@time << 0.1 then 1 else 0, 0.01, 0.02, 0.5, 0.05)\n"
                          "play(env@v, lpf(saw(110), 900 + 500 * sine(0.3), 2) * 0.3)\n",
                          {"--duration", "0.3", "--audio-format", "float"});
  ASSERT_EQ(c.left.size(), 14400U);
  EXPECT_NEAR(c.left[0], 1.0 / 480, 1e-6);
  EXPECT_NEAR(c.left[479], 1.0, 1e-6);
  EXPECT_NEAR(c.left[480], 1.0 - 0.5 / 960, 1e-6);
  EXPECT_NEAR(c.left[479 + 960 + 10], 0.5, 1e-6);
  EXPECT_EQ(c.left[4800 + 2400 + 10], 0.0);
  EXPECT_GT(rms(c.right), 0.05);
  EXPECT_EQ(peak_frequency(c.right, c.rate, 80, 150), 110);
}

TEST_F(AudioRender, FramesSetTheLengthAndVideoGetsTheSound) {
  if (std::system("command -v ffprobe >/dev/null 2>&1") != 0) GTEST_SKIP() << "no ffprobe";
  const std::string program = "me<width> = 32\nme<height> = 16\nme<fps> = 30\n"
                              "display(me@x)\nplay(0.3 * sine(440))\n";
  CommandResult r = run_weft({"render", dir.write("p.weft", program), "-o", dir.file("v.mp4"),
                              "--frames", "0..29", "--audio", dir.file("s.wav")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_wav(dir.file("s.wav")).left.size(), 48000U); // (29 + 1) / 30 s
  std::FILE* p = ::popen(("ffprobe -v error -show_entries stream=codec_type,codec_name -of "
                          "csv=p=0 '" +
                          dir.file("v.mp4") + "'")
                             .c_str(),
                         "r");
  std::string streams;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) streams += buf;
  ::pclose(p);
  EXPECT_NE(streams.find("h264,video"), std::string::npos) << streams;
  EXPECT_NE(streams.find("aac,audio"), std::string::npos) << streams;
}

TEST_F(AudioRender, ErrorsAreClearAndLeaveNothing) {
  CommandResult r = render_audio("display(me@x)\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("has no audio sink (play): nothing to hear"), std::string::npos) << r.err;
  r = render_audio("play(sine(440))\n", {"--audio-format", "pcm24"});
  EXPECT_EQ(r.exit_code, 2);
  r = render_audio("play(sine(440))\n", {"--rate", "100"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_weft(
      {"render", dir.write("p.weft", "play(sine(440))\n"), "--audio", dir.file("out.mp3")});
  EXPECT_EQ(r.exit_code, 2);
  r = run_weft(
      {"render", dir.write("p.weft", "play(sine(440))\n"), "--audio", dir.file("missing/out.wav")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  r = render_audio("play(sine(440) * nosuch(3))\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nosuch"), std::string::npos) << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

/// Writes a float WAV of `frames` (interleaved, `channels` each) at `rate`.
void write_wav(const std::string& path, int channels, int rate, const std::vector<double>& frames) {
  io::WavWriter w;
  ASSERT_EQ(w.open(path, channels, rate, io::AudioSampleFormat::Float32), "");
  ASSERT_EQ(w.write(frames), "");
  ASSERT_EQ(w.finish(), "");
}

TEST_F(AudioRender, MicReadsTheGivenFileThenSilence) {
  std::vector<double> in;
  for (int i = 0; i < 4800; ++i) { // 0.1 s of stereo: a ramp left, a constant right
    in.push_back(static_cast<float>(i) / 4800);
    in.push_back(-0.25);
  }
  write_wav(dir.file("in.wav"), 2, 48000, in);
  Channels c =
      render_wav("m<l, r, mono> = mic()\nplay(m@l, m@r + m@mono)\n",
                 {"--duration", "0.2", "--audio-format", "float", "--mic", dir.file("in.wav")});
  ASSERT_EQ(c.left.size(), 9600U);
  for (std::size_t i = 0; i < 4800; ++i) {
    ASSERT_EQ(c.left[i], in[2 * i]) << i;
    ASSERT_EQ(c.right[i], static_cast<float>(-0.25 + (in[2 * i] - 0.25) / 2)) << i;
  }
  for (std::size_t i = 4800; i < 9600; ++i) ASSERT_EQ(c.left[i], 0.0) << i;
  // Without --mic, mic() is silence offline.
  c = render_wav("m<l> = mic()\nplay(m@l + 0.5)\n",
                 {"--duration", "0.01", "--audio-format", "float"});
  for (double v : c.left) ASSERT_EQ(v, 0.5);
}

TEST_F(AudioRender, MicFilesAreResampledToTheRateAndMonoFeedsBoth) {
  std::vector<double> in;
  for (int i = 0; i < 44100; ++i)
    in.push_back(0.5 * std::sin(2 * std::numbers::pi * 441 * i / 44100.0));
  write_wav(dir.file("mono441.wav"), 1, 44100, in);
  Channels c = render_wav("m<l, r> = mic()\nplay(m@l, m@r)\n",
                          {"--duration", "0.5", "--mic", dir.file("mono441.wav")});
  EXPECT_EQ(c.rate, 48000);
  EXPECT_EQ(c.left, c.right);
  EXPECT_EQ(peak_frequency(c.left, c.rate, 400, 480), 441);
  EXPECT_NEAR(rms(c.left), 0.5 / std::sqrt(2.0), 2e-3);
  CommandResult r = render_audio("m<l> = mic()\nplay(m@l)\n", {"--mic", dir.file("nope.wav")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--mic: cannot read '" + dir.file("nope.wav") + "'"), std::string::npos)
      << r.err;
}

/// The engine's output does not depend on its block size (ARCHITECTURE.md §5, §11).
TEST(AudioBlockSize, OutputIsIdenticalFor64256And4096) {
  ScratchDir dir;
  const std::string path = dir.write(
      "p.weft", "env<v> = adsr(if fract(me@time * 3) << 0.5 then 1 else 0, 0.01, 0.05, 0.6, 0.1)\n"
                "voice<v> = lpf(saw(110) + 0.5 * square(165, 0.3), 700 + 600 * sine(0.7), 3)\n"
                "wet<v> = reverb(delay(voice@v, 0.013, 0.5), 0.7, 0.4, 0.3)\n"
                "play(wet@v * env@v, bpf(white(), 2000, 4) * 0.2 + tri(55) * 0.1)\n");
  std::vector<std::vector<double>> outputs;
  for (std::size_t block : {64U, 256U, 4096U}) {
    outputs.push_back(sound_in_uneven_chunks(path, block, 48000));
  }
  EXPECT_GT(rms(outputs[0]), 0.01);
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(outputs[0], outputs[2]);
}

} // namespace
} // namespace weft::test
