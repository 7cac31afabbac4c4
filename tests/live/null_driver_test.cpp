// The null audio driver (io/audio_device.h): paced by the steady clock at the stream rate, whole
// blocks with a silent input, nothing after stop(), and a callback slower than real time is
// counted as underflows instead of being caught up with.
#include "io/audio_device.h"

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>

namespace {

using weft::io::AudioStream;

/// Counts calls and frames; remembers whether every input was silent and every block whole.
class Counter final : public weft::io::AudioCallback {
public:
  explicit Counter(std::size_t block, std::chrono::microseconds work = {})
      : block_(block), work_(work) {}
  void render(const float* input, float* output, std::size_t frames) noexcept override {
    if (frames != block_) odd_blocks.fetch_add(1);
    for (std::size_t i = 0; i < 2 * frames; ++i) {
      if (input == nullptr || input[i] != 0.0F) loud_inputs.fetch_add(1);
      output[i] = 1.0F; // thrown away; the next input must still be silent
    }
    frames_seen.fetch_add(frames);
    calls.fetch_add(1);
    if (work_.count() > 0) std::this_thread::sleep_for(work_);
  }
  std::atomic<std::uint64_t> calls{0}, frames_seen{0}, odd_blocks{0}, loud_inputs{0};

private:
  std::size_t block_;
  std::chrono::microseconds work_;
};

TEST(NullDriver, CallsEveryBlockAtTheStreamRate) {
  Counter counter(256);
  auto stream = AudioStream::open_null(48000, 256, counter);
  ASSERT_TRUE(stream);
  EXPECT_TRUE(stream->is_null());
  EXPECT_TRUE(stream->has_input());
  EXPECT_EQ(stream->rate(), 48000U);
  EXPECT_EQ(stream->block(), 256U);
  std::string error;
  const auto begin = std::chrono::steady_clock::now();
  ASSERT_TRUE(stream->start(error)) << error;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stream->stop();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  const std::uint64_t calls = counter.calls.load();
  // At 48000 Hz in blocks of 256, 187.5 blocks a second (the first is due at once): never more
  // than the elapsed time allows, and not far fewer (a loaded machine may delay the thread; late
  // blocks are skipped as underflows, not caught up with).
  const double due = elapsed * 48000 / 256 + 1;
  EXPECT_LE(static_cast<double>(calls), due + 1) << elapsed << " s";
  EXPECT_GE(static_cast<double>(calls), 0.8 * 0.5 * 48000 / 256) << elapsed << " s";
  EXPECT_EQ(stream->callbacks(), calls);
  EXPECT_EQ(counter.frames_seen.load(), 256 * calls); // whole blocks, none lost or doubled
  EXPECT_EQ(counter.odd_blocks.load(), 0U);
  EXPECT_EQ(counter.loud_inputs.load(), 0U);
  EXPECT_FALSE(stream->failed());
  // Stopped means stopped.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(counter.calls.load(), calls);
}

TEST(NullDriver, ASlowCallbackIsCountedAsUnderflowsNotCaughtUpWith) {
  // Each 64-frame block (1.3 ms at 48 kHz) takes 10 ms: a device would drop the lost time too.
  Counter counter(64, std::chrono::milliseconds(10));
  auto stream = AudioStream::open_null(48000, 64, counter);
  std::string error;
  ASSERT_TRUE(stream->start(error));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stream->stop();
  EXPECT_GT(stream->underflows(), 0U);
  EXPECT_LE(counter.calls.load(), 21U); // no burst of calls to catch up
}

TEST(NullDriver, OpeningTheNullDeviceByNameGivesIt) {
  Counter counter(128);
  weft::io::AudioStreamOptions options;
  options.device = weft::io::kNullAudioDevice;
  options.rate = 44100;
  options.block = 128;
  weft::io::AudioOpenResult opened = AudioStream::open(options, counter);
  ASSERT_TRUE(opened.stream);
  EXPECT_TRUE(opened.stream->is_null());
  EXPECT_EQ(opened.stream->rate(), 44100U);
  EXPECT_EQ(opened.stream->block(), 128U);
}

TEST(NullDriver, IsListedFirst) {
  const auto devices = weft::io::list_audio_devices();
  ASSERT_FALSE(devices.empty());
  EXPECT_EQ(devices.front().id, "null");
}

} // namespace
