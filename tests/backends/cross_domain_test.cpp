// Cross-backend data (LANGUAGE.md §6.7, §7.3–§7.6; issue 7): pictures that read sound through
// history rings, sound that reads pictures by recomputing them, mic() feeding both, one clock
// offline, and execution without lookups. The real binary renders PFM images (exact floats) and
// float WAVs from a known microphone file, and the tests compute each expected value from that
// file with the spec's formulas.
#include "driver/program.h"
#include "io/audio_file.h"
#include "render_helpers.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <sstream>

namespace weft::test {
namespace {

constexpr int kRate = 48000;
constexpr double kRampScale = 262144; // X[j] = j / 2^18: exact in binary32 for every j used

/// The microphone input: a ramp, so every interpolated value names the position it was read at.
double ramp(std::int64_t j) {
  return j < 0 ? 0.0 : static_cast<double>(j) / kRampScale;
}

/// The §7.4 ring read of the ramp at time `tau` for a reader seeing up to sample `newest`.
double ring_read(double tau, std::int64_t newest) {
  const double lo = static_cast<double>(newest - 2 * kRate + 1);
  const double p = std::clamp(tau * kRate, lo, static_cast<double>(newest));
  const double i = std::floor(p);
  const double f = p - i;
  const auto k = static_cast<std::int64_t>(i);
  return f == 0 ? ramp(k) : (1 - f) * ramp(k) + f * ramp(k + 1);
}

/// A PFM read back: `width × height` RGB floats, rows top to bottom.
struct Pfm {
  std::uint32_t width = 0, height = 0;
  std::vector<float> rgb;
  float at(std::uint32_t col, std::uint32_t row, int c) const {
    return rgb[(std::size_t{row} * width + col) * 3 + static_cast<std::size_t>(c)];
  }
};

Pfm read_pfm(const std::string& path) {
  const std::string bytes = read_file(path);
  std::istringstream in(bytes);
  std::string magic;
  double scale = 0;
  Pfm p;
  in >> magic >> p.width >> p.height >> scale;
  EXPECT_EQ(magic, "PF");
  const std::size_t header = bytes.find("-1.0\n") + 5;
  std::vector<float> bottom_up(std::size_t{p.width} * p.height * 3);
  EXPECT_EQ(bytes.size(), header + bottom_up.size() * 4) << path;
  if (bytes.size() != header + bottom_up.size() * 4) return {};
  std::memcpy(bottom_up.data(), bytes.data() + header, bottom_up.size() * 4);
  p.rgb.resize(bottom_up.size());
  const std::size_t row = std::size_t{p.width} * 3;
  for (std::uint32_t r = 0; r < p.height; ++r) {
    std::copy_n(bottom_up.data() + (p.height - 1 - r) * row, row, p.rgb.data() + r * row);
  }
  return p;
}

std::vector<double> read_left(const std::string& path) {
  io::AudioFile file = io::read_audio_file(path);
  EXPECT_EQ(file.error, "") << path;
  std::vector<double> left;
  for (std::size_t i = 0; i + 1 < file.samples.size(); i += 2) left.push_back(file.samples[i]);
  return left;
}

class CrossDomain : public RenderTest {
protected:
  /// Writes `seconds` of the ramp as a float WAV at 48 kHz, mono, and returns its path.
  std::string write_mic(double seconds) {
    std::vector<double> frames(static_cast<std::size_t>(seconds * kRate));
    for (std::size_t j = 0; j < frames.size(); ++j) frames[j] = ramp(static_cast<std::int64_t>(j));
    io::WavWriter w;
    const std::string path = dir.file("mic.wav");
    EXPECT_EQ(w.open(path, 1, kRate, io::AudioSampleFormat::Float32), "");
    EXPECT_EQ(w.write(frames), "");
    EXPECT_EQ(w.finish(), "");
    return path;
  }
  Pfm render_pfm(const std::string& program, const std::string& frame,
                 std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--frames", frame});
    CommandResult r = render(program, "out.pfm", extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? read_pfm(dir.file("out.pfm")) : Pfm{};
  }
};

/// `prefix` k `.pfm` (appended piecewise: g++ 12 warns falsely about `"a" + std::string`).
std::string frame_name(const char* prefix, int k) {
  std::string name = prefix;
  name += std::to_string(k);
  name += ".pfm";
  return name;
}

/// x of column c in a picture `width` wide, as the visual backend computes it (binary32).
float column_x(std::uint32_t c, std::uint32_t width) {
  return static_cast<float>((c + 0.5) / width);
}

// The seed document's example trace: mic -> a ring -> the picture, addressed by x.
TEST_F(CrossDomain, TheSeedTraceDrawsTheMicrophoneAcrossTheWidth) {
  const std::string mic = write_mic(3.5);
  const Pfm p = render_pfm("me<width> = 32\nme<height> = 2\nme<fps> = 30\n"
                           "audio<samples> = mic()\n"
                           "img<r> = audio@samples[me@time ~ me@x * 10]\n"
                           "display(img@r)\n",
                           "90", {"--mic", mic});
  ASSERT_EQ(p.width, 32U);
  const std::int64_t newest = 90 * kRate / 30; // frame 90 sees samples up to 144000
  int window_start = 0, newest_seen = 0;
  for (std::uint32_t c = 0; c < 32; ++c) {
    const float tau = column_x(c, 32) * 10.0F;
    const double expected = ring_read(tau, newest);
    EXPECT_FLOAT_EQ(p.at(c, 0, 0), static_cast<float>(expected)) << "column " << c;
    EXPECT_EQ(p.at(c, 1, 0), p.at(c, 0, 0));
    window_start += expected == ramp(newest - 2 * kRate + 1);
    newest_seen += expected == ramp(newest);
  }
  // Both clamps of §7.4 are visible: the 2-second window's start on the left, the newest sample
  // (no reading into the future) on the right.
  EXPECT_EQ(window_start, 3);
  EXPECT_EQ(newest_seen, 22);
}

// Issue 7's waveform: the last 10 ms of the sound across the picture.
TEST_F(CrossDomain, AWaveformShowsTheLastTenMilliseconds) {
  const std::string mic = write_mic(1);
  const Pfm p = render_pfm("me<width> = 48\nme<height> = 1\nme<fps> = 25\n"
                           "sound<s> = mic()\n"
                           "wave<v> = sound@s[me@time ~ me@time - me@x * 0.01]\n"
                           "display(wave@v, 0, 0)\n",
                           "10", {"--mic", mic});
  ASSERT_EQ(p.width, 48U);
  const std::int64_t newest = 10 * kRate / 25;
  const float time = static_cast<float>(10 / 25.0);
  for (std::uint32_t c = 0; c < 48; ++c) {
    const float tau = time - column_x(c, 48) * 0.01F;
    EXPECT_FLOAT_EQ(p.at(c, 0, 0), static_cast<float>(ring_read(tau, newest))) << c;
  }
  // 10 ms across 48 columns: the left edge is 480 samples newer than the right.
  EXPECT_NEAR((p.at(0, 0, 0) - p.at(47, 0, 0)) * kRampScale, 470, 1);
}

// Unremapped reads show the output at the frame's time, and frame k sees samples up to
// floor(k · rate / fps) only: the sound cannot run ahead of the picture (one clock).
TEST_F(CrossDomain, FrameKSeesTheSoundUpToItsOwnSample) {
  const std::string mic = write_mic(1);
  const std::string program = "me<width> = 2\nme<height> = 1\nme<fps> = 24\n"
                              "level<v> = mic()\n"
                              "ahead<v> = level@v[me@time ~ me@time + 0.5]\n"
                              "display(level@v, ahead@v, 0)\n";
  for (int k : {0, 1, 7, 23}) {
    const Pfm p = render_pfm(program, std::to_string(k), {"--mic", mic});
    const std::int64_t newest = k * kRate / 24;
    EXPECT_FLOAT_EQ(p.at(0, 0, 0), static_cast<float>(ramp(newest))) << k;
    EXPECT_FLOAT_EQ(p.at(0, 0, 1), static_cast<float>(ramp(newest))) << k; // not the future
  }
}

// Frames rendered in any order, alone or together, with or without a WAV, are the same bits.
TEST_F(CrossDomain, FramesAndSoundAreBitIdenticalHoweverTheyAreRendered) {
  const std::string mic = write_mic(1);
  const std::string program = "me<width> = 16\nme<height> = 4\nme<fps> = 30\n"
                              "lfo<v> = sine(3 + 2 * mic())\n"
                              "trail<v> = lfo@v[me@time ~ me@time - me@x * 0.2]\n"
                              "display(0.5 + 0.5 * trail@v, 0.5 + 0.5 * lfo@v, me@y)\n"
                              "play(lfo@v * 0.5)\n";
  ASSERT_EQ(render(program, "a%d.pfm", {"--frames", "9,2,5", "--mic", mic}).exit_code, 0);
  ASSERT_EQ(render(program, "b%d.pfm",
                   {"--frames", "2,5,9", "--mic", mic, "--audio", dir.file("b.wav"),
                    "--audio-format", "float", "--duration", "0.5"})
                .exit_code,
            0);
  for (int k : {2, 5, 9}) {
    ASSERT_EQ(render(program, "c%d.pfm", {"--frames", std::to_string(k), "--mic", mic}).exit_code,
              0);
    const std::string a = read_file(dir.file(frame_name("a", k)));
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, read_file(dir.file(frame_name("b", k)))) << k;
    EXPECT_EQ(a, read_file(dir.file(frame_name("c", k)))) << k;
  }
  // The WAV is the sound alone: what `--audio` without pictures writes.
  CommandResult r = run_weft({"render", dir.file("p.weft"), "--audio", dir.file("d.wav"), "--mic",
                              mic, "--audio-format", "float", "--duration", "0.5", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir.file("b.wav")), read_file(dir.file("d.wav")));
}

// The architecture example (tests/lang/spec_examples/architecture_batching.weft), end to end:
// mic -> ring -> picture, and the picture's strands recomputed per sample in the sound.
TEST_F(CrossDomain, TheBatchingExampleRunsBothDirections) {
  const std::string mic = write_mic(1);
  std::string program = "me<width> = 4\nme<height> = 2\nme<fps> = 30\n";
  program += read_file(source_path("tests/lang/spec_examples/architecture_batching.weft"));
  ASSERT_EQ(render(program, "out.pfm",
                   {"--frames", "6", "--mic", mic, "--audio", dir.file("out.wav"), "--audio-format",
                    "float", "--duration", "0.25"})
                .exit_code,
            0);
  const Pfm p = read_pfm(dir.file("out.pfm"));
  ASSERT_EQ(p.width, 4U);
  const auto snd = static_cast<float>(ramp(6 * kRate / 30)); // at the frame's time
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t c = 0; c < 4; ++c) {
      const float x = column_x(c, 4), y = static_cast<float>((row + 0.5) / 2);
      const float img1 = static_cast<float>(std::sin(double{x})) * snd;
      const float img2 = static_cast<float>(std::cos(double{y})) * img1;
      EXPECT_FLOAT_EQ(p.at(c, row, 0), img1);
      EXPECT_FLOAT_EQ(p.at(c, row, 1), img2);
      EXPECT_FLOAT_EQ(p.at(c, row, 2), snd + img2);
    }
  }
  // processed@p = samp@x at x = y = 0.5, per sample: snd + cos(0.5) · sin(0.5) · snd.
  const std::vector<double> left = read_left(dir.file("out.wav"));
  ASSERT_EQ(left.size(), 12000U);
  for (std::size_t s = 0; s < left.size(); s += 997) {
    const double x = ramp(static_cast<std::int64_t>(s));
    EXPECT_FLOAT_EQ(static_cast<float>(left[s]),
                    static_cast<float>(x + std::cos(0.5) * (std::sin(0.5) * x)))
        << s;
  }
}

// A picture sonified: pure strands are recomputed per sample at the coordinates the sound binds.
TEST_F(CrossDomain, TheSoundReadsAPictureAtCoordinatesItBinds) {
  CommandResult r = run_weft({"render",
                              dir.write("p.weft", "img<r> = me@x * 0.5 + me@y * 0.25\n"
                                                  "tone<v> = img@r[me@x ~ 0.25, me@y ~ 0.5]\n"
                                                  "scan<v> = img@r[me@x ~ fract(me@time * 100), "
                                                  "me@y ~ 0]\n"
                                                  "play(tone@v, scan@v)\n"),
                              "--audio", dir.file("out.wav"), "--audio-format", "float",
                              "--duration", "0.05", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::AudioFile file = io::read_audio_file(dir.file("out.wav"));
  ASSERT_EQ(file.samples.size(), 2U * 2400U);
  for (std::size_t s = 0; s < 2400; ++s) {
    ASSERT_EQ(file.samples[2 * s], 0.25) << s;
    const double t = static_cast<double>(s) / kRate;
    const double x = t * 100 - std::floor(t * 100);
    ASSERT_FLOAT_EQ(static_cast<float>(file.samples[2 * s + 1]), static_cast<float>(x * 0.5)) << s;
  }
}

// A visual-owned hardware node crosses as its latest frame, read bilinearly where the sound binds
// x and y (§7.4); without a capture device the frame is black with alpha 1 (§8.5).
TEST_F(CrossDomain, TheSoundReadsTheCamerasLatestFrame) {
  CommandResult r = run_weft(
      {"render",
       dir.write("p.weft", "cam<r, g, b, a> = camera()\n"
                           "play(cam@a[me@x ~ 0.5, me@y ~ 0.5] * 0.5, "
                           "cam@r[me@x ~ fract(me@time), me@y ~ 0.5] + 0.25)\n"),
       "--audio", dir.file("out.wav"), "--audio-format", "float", "--duration", "0.01", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::AudioFile file = io::read_audio_file(dir.file("out.wav"));
  ASSERT_EQ(file.samples.size(), 2U * 480U);
  for (std::size_t s = 0; s < 480; ++s) {
    ASSERT_EQ(file.samples[2 * s], 0.5) << s;
    ASSERT_EQ(file.samples[2 * s + 1], 0.25) << s;
  }
  r = run_weft({"graph", dir.file("p.weft")});
  EXPECT_NE(r.out.find("audio    cam@a  visual  buffer handle: latest frame, by x, y  play#1"),
            std::string::npos)
      << r.out;
}

// §6.7: remapping me@time on an audio-owned output in the sound reads its history: a delay.
TEST_F(CrossDomain, TheSoundReadsItsOwnHistoryAsADelay) {
  const std::string mic = write_mic(1);
  CommandResult r = run_weft({"render",
                              dir.write("p.weft", "m<v> = mic()\n"
                                                  "late<v> = m@v(me@time ~ me@time - 0.25)\n"
                                                  "early<v> = m@v(me@time ~ me@time + 0.25)\n"
                                                  "play(late@v, early@v)\n"),
                              "--audio", dir.file("out.wav"), "--mic", mic, "--audio-format",
                              "float", "--duration", "0.5", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::AudioFile file = io::read_audio_file(dir.file("out.wav"));
  ASSERT_EQ(file.samples.size(), 2U * 24000U);
  for (std::size_t s = 0; s < 24000; s += 7) {
    const double now = static_cast<double>(s) / kRate;
    const double late = ring_read(now - 0.25, static_cast<std::int64_t>(s));
    ASSERT_FLOAT_EQ(static_cast<float>(file.samples[2 * s]), static_cast<float>(late)) << s;
    // Reads later than the current sample give the current sample.
    ASSERT_FLOAT_EQ(static_cast<float>(file.samples[2 * s + 1]),
                    static_cast<float>(ramp(static_cast<std::int64_t>(s))))
        << s;
  }
  EXPECT_EQ(file.samples[0], 0.0);
  EXPECT_FLOAT_EQ(static_cast<float>(file.samples[2 * 12000]), 0.0F); // 0.25 s: X[0]
}

// §7.6: every cross-backend access is resolved while compiling; frames make no lookup.
TEST(CrossDomainWiring, FramesAndSoundMakeNoLookups) {
  std::ostringstream err;
  int status = 0;
  driver::ProgramOptions options;
  auto program = driver::Program::compile(
      source_path("tests/lang/spec_examples/architecture_batching.weft"), options, err, status);
  ASSERT_NE(program, nullptr) << err.str();
  const runtime::Coordinator& coordinator = program->coordinator();
  const std::uint64_t compiled = coordinator.lookup_count();
  EXPECT_GE(compiled, 1U); // the picture's ring of snd@s
  std::vector<double> left(4096), right(4096);
  for (std::int64_t n = 0; n < 5; ++n) {
    program->audio_engine()->process(800, left.data(), right.data());
    program->render(n, program->newest_sample_of_frame(n));
  }
  EXPECT_EQ(coordinator.lookups_during_execute(), 0U);
  EXPECT_EQ(coordinator.lookup_count(), compiled);
  EXPECT_TRUE(coordinator.errors().empty());
}

// `weft graph` names each crossing and the access path the coordinator chose.
TEST(CrossDomainWiring, WeftGraphShowsTheAccessPaths) {
  CommandResult r =
      run_weft({"graph", source_path("tests/lang/spec_examples/architecture_batching.weft")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("visual   snd@s   audio   buffer handle: audio ring, by time  img1, samp"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("audio    samp@x  visual  value getter: recomputed in audio   processed"),
            std::string::npos)
      << r.out;
}

} // namespace
} // namespace weft::test
