// The `s` voice pool (LANGUAGE.md §8.10 Playback, Mix, Voices): positions, interpolation, pan
// law, stealing and block-size invariance, against values written from the spec's formulas.
#include "audio/dsp/sample_voices.h"

#include "signals.h"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace weft::audio::dsp {
namespace {

using testing::bit_identical;
using testing::test_noise;

/// A mono or stereo sample owning its frames.
struct TestSample {
  std::vector<double> left;
  std::vector<double> right; ///< empty: mono
  double rate = 48000;

  SampleData data() const {
    return {left.data(), right.empty() ? left.data() : right.data(), left.size(), rate};
  }
};

TestSample mono(std::vector<double> frames, double rate = 48000) {
  return {std::move(frames), {}, rate};
}

struct Mix {
  std::vector<double> left, right, mono;
};

/// Renders [0, n) in one block.
Mix render(SampleVoices& voices, std::size_t n, std::int64_t start = 0) {
  Mix m{std::vector<double>(n, -7), std::vector<double>(n, -7), std::vector<double>(n, -7)};
  voices.render(start, n, m.left.data(), m.right.data(), m.mono.data());
  return m;
}

/// The spec's linear interpolation of `x` at position p in [0, len − 1].
double interpolate(const std::vector<double>& x, double p) {
  const double i = std::floor(p);
  const double f = p - i;
  const auto at = static_cast<std::size_t>(i);
  if (f == 0) return x[at];
  return x[at] + (x[at + 1] - x[at]) * f;
}

VoiceParameters params(double gain, double speed, double pan) {
  VoiceParameters p;
  p.gain = gain;
  p.speed = speed;
  p.pan = pan;
  return p;
}

TEST(SampleVoices, SpeedOnePlaysTheFileFromItsOnsetThenStops) {
  const TestSample x = mono(test_noise(100, 1));
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 10, params(1, 1, 0.5)));
  const Mix m = render(voices, 200);
  for (std::size_t s = 0; s < 200; ++s) {
    const double expected = s >= 10 && s < 110 ? x.left[s - 10] : 0.0;
    ASSERT_EQ(m.mono[s], expected) << s;
    ASSERT_EQ(m.left[s], expected) << s;
    ASSERT_EQ(m.right[s], expected) << s;
  }
  EXPECT_EQ(voices.sounding_count(), 0U);
}

TEST(SampleVoices, NegativeSpeedPlaysTheFileBackwards) {
  const TestSample x = mono(test_noise(100, 2));
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, -1, 0.5)));
  const Mix m = render(voices, 150);
  const std::vector<double> reversed(x.left.rbegin(), x.left.rend());
  for (std::size_t s = 0; s < 100; ++s) ASSERT_EQ(m.mono[s], reversed[s]) << s;
  for (std::size_t s = 100; s < 150; ++s) ASSERT_EQ(m.mono[s], 0.0) << s;
}

TEST(SampleVoices, SpeedTwoReadsEveryOtherFrame) {
  const TestSample x = mono(test_noise(100, 3));
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 2, 0.5)));
  const Mix m = render(voices, 60);
  // Positions 0, 2, …, 98 lie in [0, 99]; position 100 does not: 50 samples.
  for (std::size_t k = 0; k < 50; ++k) ASSERT_EQ(m.mono[k], x.left[2 * k]) << k;
  for (std::size_t k = 50; k < 60; ++k) ASSERT_EQ(m.mono[k], 0.0) << k;
}

TEST(SampleVoices, SpeedHalfInterpolatesHalfwayBetweenFrames) {
  const TestSample x = mono({0.0, 1.0, -0.5, 0.25});
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 0.5, 0.5)));
  const Mix m = render(voices, 10);
  // Positions 0, 0.5, 1, 1.5, 2, 2.5, 3; then 3.5 > 3 ends the voice.
  const std::vector<double> expected = {0.0, 0.5, 1.0, 0.25, -0.5, -0.125, 0.25, 0, 0, 0};
  EXPECT_EQ(m.mono, expected);
}

TEST(SampleVoices, NegativeFractionalSpeedStartsAtTheLastFrame) {
  const TestSample x = mono({0.0, 1.0, -0.5, 0.25});
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, -0.75, 0.5)));
  const Mix m = render(voices, 8);
  // Positions 3, 2.25, 1.5, 0.75, 0; then −0.75 < 0 ends the voice.
  const std::vector<double> expected = {0.25, -0.5 + 0.75 * 0.25, 0.25, 0.75, 0.0, 0, 0, 0};
  EXPECT_EQ(m.mono, expected);
}

TEST(SampleVoices, TheFileRateScalesTheStep) {
  // ρ = speed · file_rate / rate = 1 · 4800 / 48000 = 0.1: ten outputs per frame.
  const TestSample x = mono(test_noise(2000, 4), 4800);
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 1, 0.5)));
  const Mix m = render(voices, 20000);
  const double rho = 1.0 * 4800 / 48000;
  std::size_t length = 0;
  for (std::size_t k = 0; k < 20000; ++k) {
    // Position k · ρ from k itself; summing ρ k times would drift from it.
    const double p = static_cast<double>(k) * rho;
    if (p > 1999) break;
    ASSERT_EQ(m.mono[k], interpolate(x.left, p)) << k;
    length = k + 1;
  }
  EXPECT_GE(length, 19990U);
  EXPECT_LE(length, 19991U);
  for (std::size_t k = length; k < 20000; ++k) ASSERT_EQ(m.mono[k], 0.0) << k;
}

TEST(SampleVoices, PanLawGivesTheSpecsGainsPerSide) {
  struct Case {
    double pan, gl, gr;
  };
  const Case cases[] = {{0, 1, 0},  {0.25, 1, 0.5}, {0.5, 1, 1},      {0.75, 0.5, 1},  {1, 0, 1},
                        {-3, 1, 0}, {7, 0, 1},      {0.125, 1, 0.25}, {0.875, 0.25, 1}};
  const TestSample x = mono({0.5, 0.5});
  for (const Case& c : cases) {
    SampleVoices voices(48000);
    ASSERT_TRUE(voices.start(x.data(), 0, params(0.75, 1, c.pan)));
    const Mix m = render(voices, 3);
    EXPECT_EQ(m.left[0], 0.75 * c.gl * 0.5) << c.pan;
    EXPECT_EQ(m.right[0], 0.75 * c.gr * 0.5) << c.pan;
    EXPECT_EQ(m.mono[0], 0.375) << c.pan; // mono ignores pan: gain · (L + R) / 2
    EXPECT_EQ(m.left[2], 0.0);
  }
}

TEST(SampleVoices, StereoFilesKeepTheirChannelsAndMonoIsTheirMean) {
  const TestSample x{{0.5, 0.25}, {-0.25, 1.0}, 48000};
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(2, 1, 0.25)));
  const Mix m = render(voices, 2);
  EXPECT_EQ(m.left, (std::vector<double>{1.0, 0.5}));
  EXPECT_EQ(m.right, (std::vector<double>{-0.25, 1.0})); // gr = 0.5
  EXPECT_EQ(m.mono, (std::vector<double>{0.25, 1.25}));
}

TEST(SampleVoices, NanPanGivesNanSides) {
  const TestSample x = mono({0.5});
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 1, std::nan(""))));
  const Mix m = render(voices, 1);
  EXPECT_TRUE(std::isnan(m.left[0]));
  EXPECT_TRUE(std::isnan(m.right[0]));
  EXPECT_EQ(m.mono[0], 0.5);
}

TEST(SampleVoices, SpeedZeroNanOrInfiniteStartsNoVoice) {
  const TestSample x = mono({0.5, 0.5});
  const TestSample empty = mono({});
  SampleVoices voices(48000);
  EXPECT_FALSE(voices.start(x.data(), 0, params(1, 0, 0.5)));
  EXPECT_FALSE(voices.start(x.data(), 0, params(1, -0.0, 0.5)));
  EXPECT_FALSE(voices.start(x.data(), 0, params(1, std::nan(""), 0.5)));
  EXPECT_FALSE(voices.start(x.data(), 0, params(1, INFINITY, 0.5)));
  EXPECT_FALSE(voices.start(x.data(), 0, params(1, 1e308, 0.5))); // ρ overflows
  EXPECT_FALSE(voices.start(empty.data(), 0, params(1, 1, 0.5)));
  EXPECT_EQ(voices.queued_count(), 0U);
  const Mix m = render(voices, 4);
  EXPECT_EQ(m.mono, std::vector<double>(4, 0.0));
}

TEST(SampleVoices, SeveralVoicesSumInOrder) {
  const TestSample a = mono({0.5, 0.5, 0.5});
  const TestSample b = mono({0.25, 0.25, 0.25});
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(a.data(), 1, params(1, 1, 0.5)));
  ASSERT_TRUE(voices.start(b.data(), 0, params(2, 1, 0.5)));
  const Mix m = render(voices, 5);
  EXPECT_EQ(m.mono, (std::vector<double>{0.5, 1.0, 1.0, 0.5, 0.0}));
}

/// 256 voices of a long constant sample at n0 = 0, 1, …, 255; voice 0 has gain 1000, voice 1
/// gain 100, the rest gain 1, so the mono sum says which are sounding.
void start_256(SampleVoices& voices, const TestSample& ones) {
  for (std::int64_t i = 0; i < 256; ++i) {
    const double gain = i == 0 ? 1000 : (i == 1 ? 100 : 1);
    ASSERT_TRUE(voices.start(ones.data(), i, params(gain, 1, 0.5)));
  }
}

TEST(SampleVoices, TheVoiceBeyond256StopsTheOldestAtItsOnset) {
  const TestSample ones = mono(std::vector<double>(1000, 1.0));
  SampleVoices voices(48000, 512); // every start is queued before the one render
  start_256(voices, ones);
  ASSERT_TRUE(voices.start(ones.data(), 300, params(1, 1, 0.5)));
  ASSERT_TRUE(voices.start(ones.data(), 301, params(1, 1, 0.5)));
  const Mix m = render(voices, 400);
  EXPECT_EQ(m.mono[0], 1000);
  EXPECT_EQ(m.mono[255], 1000 + 100 + 254);
  EXPECT_EQ(m.mono[299], 1000 + 100 + 254);
  EXPECT_EQ(m.mono[300], 100 + 254 + 1); // voice 0 (earliest n0) stopped at sample 300
  EXPECT_EQ(m.mono[301], 254 + 2);       // then voice 1
  EXPECT_EQ(m.mono[399], 254 + 2);
  EXPECT_EQ(voices.sounding_count(), 256U);
  EXPECT_EQ(voices.stolen_count(), 2U);
}

TEST(SampleVoices, AmongEqualOnsetsTheEarliestStartCallIsStolen) {
  const TestSample ones = mono(std::vector<double>(1000, 1.0));
  SampleVoices voices(48000, 512); // every start is queued before the one render
  ASSERT_TRUE(voices.start(ones.data(), 5, params(100, 1, 0.5))); // first call
  ASSERT_TRUE(voices.start(ones.data(), 5, params(1000, 1, 0.5)));
  for (int i = 0; i < 254; ++i) ASSERT_TRUE(voices.start(ones.data(), 6, params(1, 1, 0.5)));
  ASSERT_TRUE(voices.start(ones.data(), 20, params(1, 1, 0.5)));
  const Mix m = render(voices, 30);
  EXPECT_EQ(m.mono[19], 100 + 1000 + 254);
  EXPECT_EQ(m.mono[20], 1000 + 254 + 1);
}

TEST(SampleVoices, AVoiceThatEndedIsNotStolenOrCounted) {
  const TestSample ones = mono(std::vector<double>(1000, 1.0));
  const TestSample shortone = mono(std::vector<double>(10, 1.0));
  SampleVoices voices(48000, 512); // every start is queued before the one render
  ASSERT_TRUE(voices.start(shortone.data(), 0, params(1000, 1, 0.5))); // sounds for 0..9
  for (std::int64_t i = 1; i < 256; ++i)
    ASSERT_TRUE(voices.start(ones.data(), i, params(1, 1, 0.5)));
  ASSERT_TRUE(voices.start(ones.data(), 300, params(1, 1, 0.5)));
  const Mix m = render(voices, 301);
  EXPECT_EQ(m.mono[9], 1000 + 9);
  EXPECT_EQ(m.mono[299], 255);
  EXPECT_EQ(m.mono[300], 256); // nothing stolen: 255 + 1
  EXPECT_EQ(voices.stolen_count(), 0U);
}

TEST(SampleVoices, AFullQueueDropsTheStartAndCountsIt) {
  const TestSample x = mono({1.0});
  SampleVoices voices(48000, 2);
  EXPECT_TRUE(voices.start(x.data(), 100, params(1, 1, 0.5)));
  EXPECT_TRUE(voices.start(x.data(), 101, params(1, 1, 0.5)));
  EXPECT_FALSE(voices.start(x.data(), 102, params(1, 1, 0.5)));
  EXPECT_EQ(voices.dropped_count(), 1U);
  EXPECT_EQ(voices.queued_count(), 2U);
  const Mix m = render(voices, 200);
  EXPECT_EQ(m.mono[100], 1.0);
  EXPECT_EQ(m.mono[101], 1.0);
  EXPECT_EQ(m.mono[102], 0.0);
  EXPECT_EQ(voices.queued_count(), 0U);
}

TEST(SampleVoices, AVoiceStartedLatePlaysItsRemainingSamples) {
  const TestSample x = mono(test_noise(50, 5));
  SampleVoices voices(48000);
  const Mix first = render(voices, 20); // samples 0..19 already rendered
  EXPECT_EQ(first.mono, std::vector<double>(20, 0.0));
  ASSERT_TRUE(voices.start(x.data(), 15, params(1, 1, 0.5)));
  const Mix m = render(voices, 10, 20);
  for (std::size_t i = 0; i < 10; ++i) ASSERT_EQ(m.mono[i], x.left[5 + i]) << i;
}

TEST(SampleVoices, AVoiceStartedAfterItsEndStealsNothing) {
  const TestSample ones = mono(std::vector<double>(1000, 1.0));
  const TestSample shortone = mono({1.0, 1.0});
  SampleVoices voices(48000);
  for (std::int64_t i = 0; i < 256; ++i)
    ASSERT_TRUE(voices.start(ones.data(), i, params(1, 1, 0.5)));
  render(voices, 300);
  ASSERT_TRUE(voices.start(shortone.data(), 100, params(1, 1, 0.5))); // over by sample 102
  const Mix m = render(voices, 10, 300);
  EXPECT_EQ(m.mono, std::vector<double>(10, 256.0));
  EXPECT_EQ(voices.stolen_count(), 0U);
  EXPECT_EQ(voices.sounding_count(), 256U);
  EXPECT_EQ(voices.queued_count(), 0U);
}

TEST(SampleVoices, NullOutputsAreSkipped) {
  const TestSample x = mono({0.5, 0.5});
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 1, 0.5)));
  std::vector<double> left(2, 9.0);
  voices.render(0, 2, left.data(), nullptr, nullptr);
  EXPECT_EQ(left, (std::vector<double>{0.5, 0.5}));
}

/// A busy random schedule: ~6600 voices over 40000 samples, often more than 256 overlapping,
/// mono and stereo samples at three file rates, speeds of both signs, pans and gains.
struct Schedule {
  std::vector<TestSample> samples;
  struct Start {
    std::size_t sample;
    std::int64_t n0;
    VoiceParameters parameters;
  };
  std::vector<Start> starts; ///< in start-call order, n0 ascending
};

Schedule busy_schedule() {
  Schedule schedule;
  const double rates[] = {48000, 44100, 96000};
  for (std::uint64_t i = 0; i < 6; ++i) {
    TestSample x;
    x.left = test_noise(500 + 997 * i, 10 + i);
    if (i % 2 == 1) x.right = test_noise(500 + 997 * i, 20 + i);
    x.rate = rates[i % 3];
    schedule.samples.push_back(std::move(x));
  }
  const std::vector<double> r = test_noise(30000, 99);
  std::int64_t n0 = 0;
  for (std::size_t i = 0; i + 4 < r.size() && n0 < 40000; i += 4) {
    n0 += static_cast<std::int64_t>((r[i] + 1) * 6); // 0..11 samples apart, ties included
    Schedule::Start s;
    s.sample = static_cast<std::size_t>((r[i + 1] + 1) * 3) % 6;
    s.n0 = n0;
    const double speed = r[i + 2] * 3;
    s.parameters = params(0.5 + r[i + 3], std::fabs(speed) < 0.1 ? 1.7 : speed, r[i + 3] * 1.5);
    schedule.starts.push_back(s);
  }
  return schedule;
}

/// Renders the schedule in blocks of `block` samples, starting each block's voices just before
/// the block is rendered, as the `s` node does.
Mix render_schedule(const Schedule& schedule, std::size_t block, std::size_t n,
                    std::uint64_t* stolen = nullptr) {
  SampleVoices voices(48000, 8192); // room for every start of one 45000-sample block
  Mix m{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n)};
  std::size_t next = 0;
  testing::run_in_blocks(n, block, [&](std::size_t offset, std::size_t count) {
    const auto end = static_cast<std::int64_t>(offset + count);
    for (; next < schedule.starts.size() && schedule.starts[next].n0 < end; ++next) {
      const Schedule::Start& s = schedule.starts[next];
      EXPECT_TRUE(voices.start(schedule.samples[s.sample].data(), s.n0, s.parameters));
    }
    voices.render(static_cast<std::int64_t>(offset), count, m.left.data() + offset,
                  m.right.data() + offset, m.mono.data() + offset);
  });
  EXPECT_EQ(voices.dropped_count(), 0U);
  if (stolen != nullptr) *stolen = voices.stolen_count();
  return m;
}

TEST(SampleVoices, OutputIsBitIdenticalForEveryBlockSize) {
  const Schedule schedule = busy_schedule();
  ASSERT_GT(schedule.starts.size(), 1000U);
  const std::size_t n = 45000;
  std::uint64_t stolen = 0;
  const Mix reference = render_schedule(schedule, 1, n, &stolen);
  EXPECT_GT(stolen, 100U); // the schedule really exercises stealing
  for (std::size_t block : {7UL, 64UL, 256UL, 4096UL, n}) {
    std::uint64_t stolen_here = 0;
    const Mix m = render_schedule(schedule, block, n, &stolen_here);
    EXPECT_EQ(stolen_here, stolen) << block;
    EXPECT_TRUE(bit_identical(m.left, reference.left)) << block;
    EXPECT_TRUE(bit_identical(m.right, reference.right)) << block;
    EXPECT_TRUE(bit_identical(m.mono, reference.mono)) << block;
  }
}

TEST(SampleVoices, StopAllSilencesEveryVoice) {
  const TestSample x = mono(std::vector<double>(100, 1.0));
  SampleVoices voices(48000);
  ASSERT_TRUE(voices.start(x.data(), 0, params(1, 1, 0.5)));
  ASSERT_TRUE(voices.start(x.data(), 50, params(1, 1, 0.5)));
  render(voices, 10);
  voices.stop_all();
  EXPECT_EQ(voices.sounding_count() + voices.queued_count(), 0U);
  const Mix m = render(voices, 100, 10);
  EXPECT_EQ(m.mono, std::vector<double>(100, 0.0));
}

} // namespace
} // namespace weft::audio::dsp
