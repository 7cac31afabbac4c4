// `s` (LANGUAGE.md §8.10; issue 8 items 4–5): samples from the `samples` folder beside the program
// (or the default kit) triggered by a mini-notation pattern. The real binary renders float WAVs;
// the tests place short known samples (a two-frame click, a long constant) and check where each
// voice starts — n0 = ceil(b · rate / cps) computed exactly here too —, speed < 0, the pan law,
// the file index, voice stealing, block-size independence and the errors.
#include "driver/program.h"
#include "exact/rational.h"
#include "io/audio_file.h"
#include "render_helpers.h"
#include "sound_helpers.h"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

namespace weft::test {
namespace {

constexpr int kRate = 48000;

/// n0 = ceil(b · rate / cps) for b = num / den, from the binary64 cps taken exactly.
std::int64_t start_sample(std::int64_t num, std::int64_t den, double cps) {
  const exact::Rational c = *exact::rational_from_double(cps);
  const exact::WideInt top = static_cast<exact::WideInt>(num) * kRate * c.den;
  const exact::WideInt bottom = static_cast<exact::WideInt>(den) * c.num;
  return static_cast<std::int64_t>((top + bottom - 1) / bottom);
}

class SampleTrigger : public RenderTest {
protected:
  /// Writes samples/NAME/FILE as a mono (or stereo, interleaved) float WAV at `rate`.
  void write_sample(const std::string& name, const std::string& file,
                    const std::vector<double>& frames, int channels = 1, int rate = kRate) {
    std::filesystem::create_directories(dir.path() / "samples" / name);
    io::WavWriter w;
    const std::string path = (dir.path() / "samples" / name / file).string();
    ASSERT_EQ(w.open(path, channels, rate, io::AudioSampleFormat::Float32), "");
    ASSERT_EQ(w.write(frames), "");
    ASSERT_EQ(w.finish(), "");
  }
  /// Renders `program` (written beside the samples) to a float WAV; returns left and right.
  std::pair<std::vector<double>, std::vector<double>> sound(const std::string& program,
                                                            const std::string& seconds) {
    StereoSound s = render_float_sound(dir, program, seconds);
    return {std::move(s.left), std::move(s.right)};
  }
  /// The indices of the non-zero samples of `x`.
  static std::vector<std::int64_t> nonzero(const std::vector<double>& x) {
    std::vector<std::int64_t> at;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i] != 0) at.push_back(static_cast<std::int64_t>(i));
    }
    return at;
  }
};

TEST_F(SampleTrigger, VoicesStartAtTheExactSampleOfEachOnsetForAnyTempo) {
  write_sample("click", "click.wav", {1.0, 0.5});
  for (double bpm : {120.0, 130.0, 97.0, 173.3}) {
    const double cps = bpm / 60 / 4;
    auto [left, right] = sound("me<bpm> = " + std::to_string(bpm) +
                                   "\nd<l, r> = s(\"click*4 [~ click]\")\n" + "play(d@l, d@r)\n",
                               "3");
    std::vector<std::int64_t> expected;
    for (std::int64_t cycle = 0;; ++cycle) { // onsets at 0, 1/8, 2/8, 3/8 and 6/8 of a cycle
      bool past = false;
      for (std::int64_t num : {0, 1, 2, 3, 6}) {
        const std::int64_t den = 8;
        const std::int64_t n0 = start_sample(cycle * den + num, den, cps);
        if (n0 + 1 >= static_cast<std::int64_t>(left.size())) {
          past = true;
          break;
        }
        expected.push_back(n0);
        expected.push_back(n0 + 1);
      }
      if (past) break;
    }
    ASSERT_EQ(nonzero(left), expected) << "bpm " << bpm;
    for (std::size_t k = 0; k < expected.size(); k += 2) {
      EXPECT_EQ(left[static_cast<std::size_t>(expected[k])], 1.0) << expected[k];
      EXPECT_EQ(left[static_cast<std::size_t>(expected[k + 1])], 0.5) << expected[k];
    }
    EXPECT_EQ(left, right) << "centre pan is unity on both sides";
  }
}

TEST_F(SampleTrigger, NegativeSpeedPlaysTheFileBackwardsAndPanFollowsTheLaw) {
  write_sample("ramp", "ramp.wav", {0.25, 0.5, 0.75, 1.0});
  auto [left, right] = sound("me<cps> = 1\n"
                             "a<l, r> = s(\"ramp\", speed: -1, pan: 0.25)\n"
                             "b<l, r> = s(\"~ ramp\", speed: 2, pan: 1, gain: 0.5)\n"
                             "play(a@l + b@l, a@r + b@r)\n",
                             "1");
  // speed -1 from the last frame: 1, 0.75, 0.5, 0.25; pan 0.25: gl = 1, gr = 0.5.
  EXPECT_EQ((std::vector<double>(left.begin(), left.begin() + 5)),
            (std::vector<double>{1.0, 0.75, 0.5, 0.25, 0.0}));
  EXPECT_EQ((std::vector<double>(right.begin(), right.begin() + 5)),
            (std::vector<double>{0.5, 0.375, 0.25, 0.125, 0.0}));
  // speed 2 from sample 24000: frames 0, 2 (then position 4 is past the end); pan 1: gl = 0.
  EXPECT_EQ(left[24000], 0.0);
  EXPECT_EQ(right[24000], 0.5 * 0.25);
  EXPECT_EQ(right[24001], 0.5 * 0.75);
  EXPECT_EQ(right[24002], 0.0);
}

TEST_F(SampleTrigger, TheIndexAndNPickFilesInByteOrder) {
  write_sample("kit", "b.wav", {0.2});
  write_sample("kit", "a.wav", {0.1});
  write_sample("kit", "c.wav", {0.3});
  auto [left, right] =
      sound("me<cps> = 1\nk<l> = s(\"kit kit:1 kit:2 kit:5\", n: 1)\nplay(k@l)\n", "1");
  // floor(index + 1) mod 3 over a, b, c: 1 -> b, 2 -> c, 3 -> a, 6 -> a.
  EXPECT_FLOAT_EQ(static_cast<float>(left[0]), 0.2F);
  EXPECT_FLOAT_EQ(static_cast<float>(left[12000]), 0.3F);
  EXPECT_FLOAT_EQ(static_cast<float>(left[24000]), 0.1F);
  EXPECT_FLOAT_EQ(static_cast<float>(left[36000]), 0.1F);
}

TEST_F(SampleTrigger, GainFollowsAPatternEvaluatedAtEachOnset) {
  write_sample("click", "click.wav", {1.0});
  auto [left, right] =
      sound("me<cps> = 1\nd<l> = s(\"click*4\", gain: pat(\"1 0.5\"))\nplay(d@l)\n", "1");
  EXPECT_EQ(nonzero(left), (std::vector<std::int64_t>{0, 12000, 24000, 36000}));
  EXPECT_EQ(left[0], 1.0);
  EXPECT_EQ(left[12000], 1.0);
  EXPECT_EQ(left[24000], 0.5);
  EXPECT_EQ(left[36000], 0.5);
}

TEST_F(SampleTrigger, At256VoicesTheOldestIsStolen) {
  // One-second samples of 1/1024, 512 onsets a second: never more than 256 sound.
  write_sample("long", "long.wav", std::vector<double>(48000, 1.0 / 1024));
  auto [left, right] = sound("me<cps> = 1\nd<l> = s(\"long*512\")\nplay(d@l)\n", "1");
  double peak = 0;
  for (double v : left) peak = std::max(peak, v);
  EXPECT_EQ(peak, 256.0 / 1024);
  EXPECT_EQ(left[47999], 256.0 / 1024); // the last 256 onsets all still sound
  EXPECT_EQ(left[93 * 255 + 200], 256.0 / 1024);
  EXPECT_LT(left[93 * 100], 102.0 / 1024); // before the pool fills: one per onset so far
}

TEST_F(SampleTrigger, TheDefaultKitNeedsNoSamplesFolder) {
  auto [left, right] = sound("d<l, r> = s(\"bd sn hh cp\")\nplay(d@l, d@r)\n", "2");
  double energy = 0;
  for (double v : left) energy += v * v;
  EXPECT_GT(energy, 10.0);
}

TEST_F(SampleTrigger, UnknownSamplesAreResourceErrorsAtTheWord) {
  CommandResult r = run_weft({"check", dir.write("p.weft", "d<l> = s(\"bd nosuch\")\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("p.weft:1:14: error[resource]: unknown sample 'nosuch'"), std::string::npos)
      << r.err;
}

/// The engine's output does not depend on its block size, with patterns and many voices.
TEST(SampleTriggerBlockSize, OutputIsIdenticalFor64256And4096) {
  ScratchDir dir;
  const std::string path =
      dir.write("p.weft", "me<bpm> = 137\n"
                          "d<l, r> = s(\"bd*4 [sn cp]*2, hh*16?, <bass bell stab>(3,8,2)\", "
                          "gain: pat(\"1 0.7 0.4\"), pan: pat(\"0.2 0.8 0.5\"), speed: pat(\"1 "
                          "-1 1.5\"))\n"
                          "play(d@l, d@r)\n");
  std::vector<std::vector<double>> outputs;
  for (std::size_t block : {64U, 256U, 4096U}) {
    outputs.push_back(sound_in_uneven_chunks(path, block, 96000));
  }
  double energy = 0;
  for (double v : outputs[0]) energy += v * v;
  EXPECT_GT(energy, 1.0);
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(outputs[0], outputs[2]);
}

} // namespace
} // namespace weft::test
