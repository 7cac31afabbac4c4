// `mic()` with a live input (LANGUAGE.md §8.4, AudioBackend::set_input): the left and right
// channels are the device's input exactly, mono is (left + right) / 2, across engine blocks; the
// input holds for one process() call, and without one `mic` is silence (offline, null driver).
#include "driver/program.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace {

/// Compiles `source` (written to a temporary file) with engine blocks of `block` samples.
std::unique_ptr<weft::driver::Program> compile(const std::string& source, std::size_t block) {
  const auto path =
      std::filesystem::temp_directory_path() / ("weft-mic-" + std::to_string(::getpid()) + ".weft");
  std::ofstream(path) << source;
  weft::driver::ProgramOptions options;
  options.audio.block = block;
  options.needs_sound = true;
  std::ostringstream err;
  int status = 0;
  auto program = weft::driver::Program::compile(path.string(), options, err, status);
  std::filesystem::remove(path);
  EXPECT_TRUE(program) << err.str();
  return program;
}

/// `frames` interleaved stereo frames: left a ramp, right a sine (exact in binary32).
std::vector<float> input_of(std::size_t frames) {
  std::vector<float> input(2 * frames);
  for (std::size_t i = 0; i < frames; ++i) {
    input[2 * i] = static_cast<float>(i) / 1024.0F - 0.25F;
    input[2 * i + 1] = static_cast<float>(0.5 * std::sin(0.01 * static_cast<double>(i)));
  }
  return input;
}

TEST(MicInput, LeftAndRightAreTheInputAcrossEngineBlocks) {
  auto program = compile("m<l, r> = mic()\nplay(left: m@l, right: m@r)\n", 64);
  ASSERT_TRUE(program);
  auto& sound = *program->sound();
  EXPECT_TRUE(sound.uses_input());
  constexpr std::size_t n = 200; // three whole blocks of 64 and a part
  const std::vector<float> input = input_of(n);
  std::vector<double> left(n), right(n);
  sound.set_input(input.data(), n);
  sound.process(n, left.data(), right.data());
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(left[i], static_cast<double>(input[2 * i])) << i;
    ASSERT_EQ(right[i], static_cast<double>(input[2 * i + 1])) << i;
  }
  // The input held for that call only: the next one is silent.
  sound.process(n, left.data(), right.data());
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(left[i], 0.0) << i;
    ASSERT_EQ(right[i], 0.0) << i;
  }
}

TEST(MicInput, MonoIsTheMeanOfLeftAndRightAndAShortInputEndsInSilence) {
  auto program = compile("play(mic())\n", 256);
  ASSERT_TRUE(program);
  auto& sound = *program->sound();
  constexpr std::size_t n = 300;
  const std::vector<float> input = input_of(n);
  std::vector<double> left(n), right(n);
  sound.set_input(input.data(), 100); // the device gave 100 frames for 300 asked
  sound.process(n, left.data(), right.data());
  for (std::size_t i = 0; i < n; ++i) {
    const double mono =
        i < 100 ? (static_cast<double>(input[2 * i]) + static_cast<double>(input[2 * i + 1])) / 2
                : 0.0;
    ASSERT_EQ(left[i], mono) << i;
    ASSERT_EQ(right[i], mono) << i;
  }
}

TEST(MicInput, WithoutAnInputMicIsSilenceAndProgramsWithoutMicDoNotAskForOne) {
  auto with_mic = compile("play(0.5 + mic())\n", 256);
  ASSERT_TRUE(with_mic);
  std::vector<double> left(256), right(256);
  with_mic->sound()->process(256, left.data(), right.data());
  EXPECT_EQ(left[17], 0.5);
  EXPECT_EQ(right[255], 0.5);
  auto without = compile("play(0.2 * sine(440))\n", 256);
  ASSERT_TRUE(without);
  EXPECT_FALSE(without->sound()->uses_input());
}

} // namespace
