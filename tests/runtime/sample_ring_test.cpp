// The crossing buffers of LANGUAGE.md §7.4: the audio history ring and the latest frame.
#include "runtime/frame_buffer.h"
#include "runtime/sample_ring.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <memory>
#include <vector>

using weft::runtime::FrameBuffer;
using weft::runtime::SampleRing;

namespace {

/// A ring at `rate` Hz holding X[j] = 10 j for j < samples.
std::unique_ptr<SampleRing> ring_of(double rate, int samples) {
  auto r = std::make_unique<SampleRing>(rate);
  for (int j = 0; j < samples; ++j) r->write(10.0 * j);
  return r;
}

TEST(SampleRing, HoldsTwoSecondsOfSamples) {
  SampleRing r(100);
  EXPECT_EQ(r.capacity(), 200);
  EXPECT_EQ(r.newest(), -1);
  EXPECT_EQ(r.at(0), 0.0);
}

TEST(SampleRing, ReadsAtAWholeSampleExactly) {
  const auto ring = ring_of(100, 50);
  const SampleRing& r = *ring;
  EXPECT_EQ(r.read_at_time(0.2, 49), 200.0); // p = 20
}

TEST(SampleRing, InterpolatesBetweenSamples) {
  const auto ring = ring_of(100, 50);
  const SampleRing& r = *ring;
  EXPECT_DOUBLE_EQ(r.read_at_time(0.205, 49), 205.0); // p = 20.5
}

TEST(SampleRing, ReadsLaterThanTheNewestVisibleSampleGiveTheNewest) {
  const auto ring = ring_of(100, 50);
  const SampleRing& r = *ring;
  EXPECT_EQ(r.read_at_time(10.0, 30), 300.0);
  EXPECT_EQ(r.read_at_time(10.0, 1000), 490.0); // never past what was written
}

TEST(SampleRing, ReadsBeforeTheStartAreZero) {
  const auto ring = ring_of(100, 50);
  const SampleRing& r = *ring;
  EXPECT_EQ(r.read_at_time(-1.0, 49), 0.0);
}

TEST(SampleRing, ReadsOlderThanTheWindowGiveTheOldestHeldSample) {
  const auto ring = ring_of(100, 500);
  const SampleRing& r = *ring; // holds samples 300 … 499
  EXPECT_EQ(r.read_at_time(0.0, 499), 3000.0);
  EXPECT_EQ(r.at(299), 0.0);
}

TEST(SampleRing, BlockWritesEqualSampleWrites) {
  SampleRing one(100), block(100);
  std::vector<double> xs(700);
  for (std::size_t j = 0; j < xs.size(); ++j) xs[j] = std::sin(0.1 * static_cast<double>(j));
  for (double x : xs) one.write(x);
  block.write_block(xs.data(), 333);
  block.write_block(xs.data() + 333, xs.size() - 333);
  ASSERT_EQ(block.newest(), 699);
  for (std::int64_t j = 400; j < 700; ++j) EXPECT_EQ(block.at(j), one.at(j)) << j;
  EXPECT_EQ(block.at(500), xs[500]);
  EXPECT_EQ(block.at(499), 0.0); // outside the window of W = 200
}

// §7.4 "one clock": frame n sees samples up to floor(n · rate / fps), with fps taken exactly.
TEST(SampleRing, TheNewestSampleOfAFrameIsExact) {
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(0, 48000, 30), 0);
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(90, 48000, 30), 144000);
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(7, 48000, 24), 14000);
  // 29.97 is 29.969999999999998863… in binary64: 4320000 / that is 144144.144…
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(90, 48000, 29.97), 144144);
  // 0.1 fps is a little above 1/10: 48000 · 10 / 0.1000000000000000055… is just below 4800000.
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(1, 480000, 0.1), 4799999);
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(-1, 48000, 30), -1);
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(1, 48000, 0), -1);
  EXPECT_EQ(weft::runtime::newest_sample_of_frame(1, 48000, std::nan("")), -1);
}

TEST(SampleRing, ANanTimeReadsTheNewestVisibleSample) {
  const auto ring = ring_of(100, 50);
  const SampleRing& r = *ring;
  EXPECT_EQ(r.read_at_time(std::numeric_limits<double>::quiet_NaN(), 40), 400.0);
}

TEST(FrameBuffer, TexelCentresGiveTheTexel) {
  FrameBuffer f(4, 2);
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 4; ++i) f.texel(i, j) = static_cast<float>(i + 10 * j);
  EXPECT_EQ(f.read_at((2 + 0.5) / 4, (1 + 0.5) / 2), 12.0);
  EXPECT_EQ(f.read_at(0.0, 0.0), 0.0);         // clamped to the edge
  EXPECT_EQ(f.read_at(2.0, 2.0), 13.0);        // clamped to the edge
  EXPECT_DOUBLE_EQ(f.read_at(0.5, 0.25), 1.5); // halfway between columns 1 and 2 of row 0
  EXPECT_EQ(f.read_at(std::nan(""), 0.5), 0.0);
}

TEST(FrameBuffer, RemembersWhichFrameItHolds) {
  FrameBuffer f(1, 1);
  EXPECT_EQ(f.frame(), -1);
  f.complete(7);
  EXPECT_EQ(f.frame(), 7);
}

} // namespace
