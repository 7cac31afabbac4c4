// WAV output (CLI.md `render --audio`, `--audio-format`): what a player reads back from the file —
// header fields, sample values in 16-bit and float, clipping at full scale — and that a failed or
// abandoned write leaves nothing under the requested name.
#include "io/audio_file.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sndfile.h>
#include <unistd.h>

namespace weft::io {
namespace {

class AudioFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("weft-wav-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_),
                                                  std::filesystem::directory_iterator()));
  }
  std::filesystem::path dir_;
};

TEST_F(AudioFileTest, Pcm16StereoHoldsTheRoundedSamples) {
  WavWriter w;
  ASSERT_EQ(w.open(file("a.wav"), 2, 48000, AudioSampleFormat::Pcm16), "");
  std::vector<double> frames;
  for (int i = 0; i < 4800; ++i) {
    frames.push_back(0.5 * std::sin(i * 0.01));
    frames.push_back(-0.25);
  }
  ASSERT_EQ(w.write(frames), "");
  ASSERT_EQ(w.write(std::span(frames).first(2)), ""); // a second call appends
  ASSERT_EQ(w.finish(), "");
  AudioFile back = read_audio_file(file("a.wav"));
  ASSERT_EQ(back.error, "");
  EXPECT_EQ(back.channels, 2);
  EXPECT_EQ(back.rate, 48000);
  EXPECT_EQ(back.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  ASSERT_EQ(back.samples.size(), frames.size() + 2);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    ASSERT_EQ(back.samples[i] * 32768, std::lrint(frames[i] * 32767)) << i;
  }
  EXPECT_EQ(entries(), 1U);
}

TEST_F(AudioFileTest, FloatKeepsValuesAndFullScaleClipsInPcm) {
  WavWriter w;
  ASSERT_EQ(w.open(file("f.wav"), 1, 44100, AudioSampleFormat::Float32), "");
  const std::vector<double> values = {0.1, -0.7, 1.0, -1.0};
  ASSERT_EQ(w.write(values), "");
  ASSERT_EQ(w.finish(), "");
  AudioFile back = read_audio_file(file("f.wav"));
  EXPECT_EQ(back.format, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  ASSERT_EQ(back.samples.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(back.samples[i], static_cast<float>(values[i]));

  ASSERT_EQ(w.open(file("p.wav"), 1, 44100, AudioSampleFormat::Pcm16), "");
  const std::vector<double> loud = {1.0, -1.0, 3.0, -3.0};
  ASSERT_EQ(w.write(loud), "");
  ASSERT_EQ(w.finish(), "");
  back = read_audio_file(file("p.wav"));
  ASSERT_EQ(back.samples.size(), 4U);
  EXPECT_EQ(back.samples[0] * 32768, 32767);
  EXPECT_EQ(back.samples[1] * 32768, -32767);
  EXPECT_EQ(back.samples[2] * 32768, 32767); // clipped, not wrapped to negative
  EXPECT_EQ(back.samples[3] * 32768, -32767);
  EXPECT_EQ(pcm16_sample(std::nan("")), 0);
  EXPECT_EQ(pcm16_sample(0.5 / 32767), 0); // half a step rounds to even
  EXPECT_EQ(pcm16_sample(1.5 / 32767), 2);
}

// A render is the same bytes every time (LANGUAGE.md §11): libsndfile's PEAK chunk of float WAVs
// carries the wall-clock time of writing, so none is written.
TEST_F(AudioFileTest, FloatFilesHoldNoTimestampedPeakChunk) {
  const std::vector<double> values = {0.1, -0.7, 0.25, 0.5};
  for (const char* name : {"a.wav", "b.wav"}) {
    WavWriter w;
    ASSERT_EQ(w.open(file(name), 2, 48000, AudioSampleFormat::Float32), "");
    ASSERT_EQ(w.write(values), "");
    ASSERT_EQ(w.finish(), "");
  }
  auto bytes = [&](const char* name) {
    std::ifstream in(file(name), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(bytes("a.wav").find("PEAK"), std::string::npos);
  EXPECT_EQ(bytes("a.wav"), bytes("b.wav"));
}

TEST_F(AudioFileTest, UnfinishedOrFailedWritesLeaveNothing) {
  {
    WavWriter w;
    ASSERT_EQ(w.open(file("gone.wav"), 2, 48000, AudioSampleFormat::Pcm16), "");
    const std::vector<double> frames(200, 0.1);
    ASSERT_EQ(w.write(frames), "");
  } // destroyed without finish()
  EXPECT_EQ(entries(), 0U);
  WavWriter w;
  const std::string error = w.open(file("missing/x.wav"), 2, 48000, AudioSampleFormat::Pcm16);
  EXPECT_NE(error.find("cannot write '" + file("missing/x.wav") + "'"), std::string::npos) << error;
  EXPECT_EQ(entries(), 0U);
}

TEST(AudioSampleFormat, NamesOfTheCli) {
  EXPECT_EQ(audio_sample_format("pcm16"), AudioSampleFormat::Pcm16);
  EXPECT_EQ(audio_sample_format("float"), AudioSampleFormat::Float32);
  EXPECT_FALSE(audio_sample_format("pcm24").has_value());
}

} // namespace
} // namespace weft::io
