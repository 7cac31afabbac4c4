// `pat` as a strand in every domain (LANGUAGE.md §8.10; issue 8 item 3): the real binary renders
// pictures (PFM, exact floats) and float WAVs, and the tests check value and gate against the
// events of the pattern at the exact cycle position of each frame and sample: from the frame
// counter in pictures, from the sample counter in sound, one clock for both.
#include "io/audio_file.h"
#include "render_helpers.h"
#include "sound_helpers.h"

#include <cstring>
#include <gtest/gtest.h>

namespace weft::test {
namespace {

/// The first pixel's RGB of a one-row PFM.
std::array<float, 3> first_pixel(const std::string& path) {
  const std::string bytes = read_file(path);
  const std::size_t header = bytes.find("-1.0\n") + 5;
  std::array<float, 3> rgb{};
  EXPECT_GE(bytes.size(), header + 12) << path;
  if (bytes.size() >= header + 12) std::memcpy(rgb.data(), bytes.data() + header, 12);
  return rgb;
}

class Pat : public RenderTest {
protected:
  /// Value and gate of frame `k` (red, green).
  std::pair<float, float> frame(const std::string& program, int k) {
    CommandResult r = render(program, "out.pfm", {"--frames", std::to_string(k)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto rgb = first_pixel(dir.file("out.pfm"));
    return {rgb[0], rgb[1]};
  }
  /// Left and right of a float WAV of `seconds` (value left, gate right).
  std::pair<std::vector<double>, std::vector<double>> sound(const std::string& program,
                                                            const std::string& seconds) {
    StereoSound s = render_float_sound(dir, program, seconds);
    return {std::move(s.left), std::move(s.right)};
  }
};

TEST_F(Pat, APictureFollowsThePatternFrameByFrame) {
  // cps 1, 4 frames a cycle: steps of 1/3 cycle; the alternation changes every cycle.
  const std::string program = "me<width> = 2\nme<height> = 1\nme<fps> = 4\nme<cps> = 1\n"
                              "p<v, g> = pat(\"0.25 0.5 <0.75 1>\")\n"
                              "display(p@v, p@g, 0)\n";
  const float expected[] = {0.25F, 0.25F, 0.5F, 0.75F, 0.25F, 0.25F, 0.5F, 1.0F};
  for (int k = 0; k < 8; ++k) EXPECT_EQ(frame(program, k).first, expected[k]) << "frame " << k;
}

TEST_F(Pat, TheGateFallsAtLegatoOfTheEvent) {
  // cps 1, 40 frames a cycle, two steps of 1/2: gate 1 for C < 0.5 · legato. Legato 0.9 is the
  // binary64 0.90000000000000002220…, taken exactly: C = 0.45 is still inside, 0.475 is not.
  const std::string program = "me<width> = 1\nme<height> = 1\nme<fps> = 40\nme<cps> = 1\n"
                              "p<v, g> = pat(\"3 7\")\n"
                              "display(p@v / 10, p@g, 0)\n";
  EXPECT_EQ(frame(program, 17).second, 1.0F); // C = 0.425
  EXPECT_EQ(frame(program, 18).second, 1.0F); // C = 0.45
  EXPECT_EQ(frame(program, 19).second, 0.0F); // C = 0.475
  EXPECT_EQ(frame(program, 19).first, 0.3F);
  EXPECT_EQ(frame(program, 20).first, 0.7F); // C = 0.5: the second step, gate on again
  EXPECT_EQ(frame(program, 20).second, 1.0F);
}

TEST_F(Pat, NotesAreMidiNumbersAndRestsReadZero) {
  const std::string program = "me<width> = 1\nme<height> = 1\nme<fps> = 4\nme<cps> = 1\n"
                              "p<v> = pat(\"c4 ~ eb3 a4\")\n"
                              "display(p@v / 100, 0, 0)\n";
  const float expected[] = {0.60F, 0.0F, 0.51F, 0.69F};
  for (int k = 0; k < 4; ++k) EXPECT_FLOAT_EQ(frame(program, k).first, expected[k]) << k;
}

TEST_F(Pat, SoundChangesValueAtTheExactSampleOfEachStep) {
  // cps 1 at 48 kHz: steps of 1/3 cycle start at samples 0, 16000, 32000; the gate is on while
  // C < begin + legato · length, legato being the binary64 0.9 taken exactly (a little above
  // 9/10): samples 0 … 14400 of each step.
  auto [value, gate] =
      sound("me<cps> = 1\np<v, g> = pat(\"0.25 0.5 <0.75 1>\")\nplay(p@v, p@g)\n", "2.5");
  ASSERT_EQ(value.size(), 120000U);
  for (std::size_t s = 0; s < value.size(); ++s) {
    const std::size_t cycle = s / 48000, step = (s % 48000) / 16000;
    const double want = step == 0 ? 0.25 : step == 1 ? 0.5 : (cycle % 2 == 0 ? 0.75 : 1.0);
    ASSERT_EQ(value[s], want) << s;
    ASSERT_EQ(gate[s], (s % 16000) <= 14400 ? 1.0 : 0.0) << s;
  }
}

TEST_F(Pat, PicturesAndSoundShareOneClock) {
  // A tempo whose cps is not a short binary fraction (bpm 130): frame k shows the value the sound
  // plays at sample k · rate / fps.
  const std::string program = "me<width> = 1\nme<height> = 1\nme<fps> = 30\nme<bpm> = 130\n"
                              "p<v> = pat(\"1 2 [3 4] <5 6>*2 ~ 7\")\n"
                              "display(p@v / 10, 0, 0)\nplay(p@v / 10)\n";
  auto [value, gate] = sound(program, "4");
  for (int k = 0; k < 120; k += 7) {
    EXPECT_EQ(frame(program, k).first,
              static_cast<float>(value[static_cast<std::size_t>(k) * 1600]))
        << "frame " << k;
  }
}

TEST_F(Pat, ARemappedTimeReadsThePatternThere) {
  // The pattern across the picture: x is the cycle position (cps 1).
  CommandResult r = render("me<width> = 4\nme<height> = 1\nme<cps> = 1\n"
                           "p<v> = pat(\"0.1 0.2 0.3 0.4\")\n"
                           "display(p@v[me@time ~ me@x], 0, 0)\n",
                           "out.pfm");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = read_file(dir.file("out.pfm"));
  const std::size_t header = bytes.find("-1.0\n") + 5;
  for (int c = 0; c < 4; ++c) {
    float v = 0;
    std::memcpy(&v, bytes.data() + header + 12 * c, 4);
    EXPECT_FLOAT_EQ(v, 0.1F * static_cast<float>(c + 1)) << c;
  }
}

} // namespace
} // namespace weft::test
