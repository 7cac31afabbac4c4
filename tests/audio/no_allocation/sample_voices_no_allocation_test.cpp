// The real-time check of ARCHITECTURE.md §5 for the `s` voice pool (LANGUAGE.md §8.10): starting
// and rendering 256 voices, with stealing, allocates nothing (the counting global allocator of
// tests/support/counting_allocator.h, linked into this executable only).
#include "audio/dsp/sample_voices.h"

#include "support/counting_allocator.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

namespace {

using weft::audio::dsp::SampleData;
using weft::audio::dsp::SampleVoices;
using weft::audio::dsp::VoiceParameters;

TEST(NoAllocation, SampleVoicesStartAndRender256VoicesWithoutAllocating) {
  std::vector<double> left(48000), right(48000);
  for (std::size_t i = 0; i < left.size(); ++i) {
    left[i] = static_cast<double>(i % 100) / 100;
    right[i] = -left[i];
  }
  const SampleData stereo{left.data(), right.data(), left.size(), 44100};
  const SampleData mono{left.data(), left.data(), left.size(), 48000};
  SampleVoices voices(48000, 512);
  std::vector<double> l(256), r(256), m(256);
  std::uint64_t started = 0;
  const auto counts = weft::test::count_allocations([&] {
    // 2 s in blocks of 256: 300 voices in the first block (44 of them steal), then 8 per block.
    std::int64_t block_start = 0;
    for (int block = 0; block < 375; ++block, block_start += 256) {
      const int count = block == 0 ? 300 : 8;
      for (int v = 0; v < count; ++v) {
        VoiceParameters p;
        p.gain = 0.01;
        p.speed = v % 3 == 0 ? -1.5 : 0.75;
        p.pan = (v % 5) / 4.0;
        started += voices.start(v % 2 == 0 ? stereo : mono, block_start + v % 256, p) ? 1 : 0;
      }
      voices.render(block_start, 256, l.data(), r.data(), m.data());
    }
  });
  EXPECT_EQ(started, 300U + 374U * 8U);
  EXPECT_EQ(voices.sounding_count(), 256U);
  EXPECT_GT(voices.stolen_count(), 44U);
  EXPECT_EQ(counts.allocations, 0U);
  EXPECT_EQ(counts.deallocations, 0U);
}

} // namespace
