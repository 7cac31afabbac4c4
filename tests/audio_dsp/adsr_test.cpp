// `adsr` (LANGUAGE.md §8.9): stage timings exact to the sample, linear segments, retriggering
// without a reset, zero times, and the gate rule.
#include "audio/dsp/adsr.h"

#include "signals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace weft::audio::dsp {
namespace {

struct Envelope {
  double a = 0.005;
  double d = 0.1;
  double s = 0.7;
  double r = 0.2;
};

std::vector<double> run_adsr(const std::vector<double>& gate, const Envelope& e, double rate,
                             std::size_t block = 256) {
  const std::size_t n = gate.size();
  const std::vector<double> a(n, e.a);
  const std::vector<double> d(n, e.d);
  const std::vector<double> s(n, e.s);
  const std::vector<double> r(n, e.r);
  AdsrState state{rate};
  std::vector<double> out(n);
  testing::run_in_blocks(n, block, [&](std::size_t o, std::size_t count) {
    adsr_block(state, gate.data() + o, a.data() + o, d.data() + o, s.data() + o, r.data() + o,
               out.data() + o, count);
  });
  return out;
}

/// A gate high for samples [on, off) of n.
std::vector<double> gate(std::size_t n, std::size_t on, std::size_t off) {
  std::vector<double> g(n, 0.0);
  for (std::size_t s = on; s < off && s < n; ++s) g[s] = 1;
  return g;
}

TEST(Adsr, AttackReachesOneAfterExactlyATimesRateSamples) {
  for (double rate : {44100.0, 48000.0, 96000.0}) {
    for (std::size_t samples = 1; samples <= 3000; ++samples) {
      const double a = static_cast<double>(samples) / rate;
      const std::vector<double> y =
          run_adsr(gate(samples + 2, 0, samples + 2), {a, 1.0, 0.5, 0.1}, rate);
      ASSERT_EQ(y[samples - 1], 1.0) << "rate " << rate << " a·rate " << samples;
      if (samples > 1) {
        ASSERT_LT(y[samples - 2], 1.0) << "rate " << rate << " a·rate " << samples;
        ASSERT_NEAR(y[samples - 2], (samples - 1.0) / samples, 1e-12);
      }
      ASSERT_LT(y[samples], 1.0) << "decay starts at the next sample";
    }
  }
}

TEST(Adsr, SegmentsAreLinear) {
  const double rate = 48000;
  const Envelope e{0.01, 0.02, 0.4, 0.05}; // 480, 960 and 2400 samples
  const std::vector<double> y = run_adsr(gate(6000, 0, 3000), e, rate);
  for (std::size_t k = 0; k < 480; ++k) ASSERT_NEAR(y[k], (k + 1) / 480.0, 1e-13) << k;
  for (std::size_t k = 0; k < 960; ++k) {
    ASSERT_NEAR(y[480 + k], 1 - 0.6 * (k + 1) / 960.0, 1e-13) << k;
  }
  EXPECT_EQ(y[480 + 959], 0.4);
  for (std::size_t s = 1440; s < 3000; ++s) ASSERT_EQ(y[s], 0.4) << s;
  for (std::size_t k = 0; k < 2400; ++k) {
    ASSERT_NEAR(y[3000 + k], 0.4 * (1 - (k + 1) / 2400.0), 1e-13) << k;
  }
  EXPECT_EQ(y[3000 + 2399], 0.0);
  EXPECT_GT(y[3000 + 2398], 0.0);
  for (std::size_t s = 5400; s < 6000; ++s) ASSERT_EQ(y[s], 0.0) << s;
}

TEST(Adsr, DecayAndReleaseTakeExactlyTheirTimes) {
  for (double rate : {44100.0, 48000.0}) {
    for (std::size_t samples : {1u, 2u, 7u, 100u, 441u, 4799u, 4800u, 48000u}) {
      const double t = static_cast<double>(samples) / rate;
      // Attack 1 sample, decay `samples`, sustain, release `samples`.
      const std::size_t off = 1 + samples + 10;
      const std::vector<double> y =
          run_adsr(gate(off + samples + 5, 0, off), {1 / rate, t, 0.3, t}, rate);
      ASSERT_EQ(y[0], 1.0);
      ASSERT_EQ(y[samples], 0.3) << samples;
      if (samples > 1) {
        ASSERT_GT(y[samples - 1], 0.3) << samples;
      }
      ASSERT_EQ(y[off + samples - 1], 0.0) << samples;
      ASSERT_GT(y[off + samples - 2], 0.0) << samples;
    }
  }
}

TEST(Adsr, NonIntegerTimesEndAtTheNextWholeSample) {
  // a · rate = 100.5: level (k + 1) / 100.5 until it would pass 1, so 1 at the 101st sample.
  const std::vector<double> y = run_adsr(gate(200, 0, 200), {100.5 / 48000, 1, 0.5, 1}, 48000);
  EXPECT_NEAR(y[99], 100 / 100.5, 1e-12);
  EXPECT_EQ(y[100], 1.0);
}

TEST(Adsr, ZeroAttackMakesTheFirstGatedSampleOne) {
  const std::vector<double> y = run_adsr(gate(10, 2, 10), {0, 0.1, 0.5, 0.1}, 48000);
  EXPECT_EQ(y[0], 0.0);
  EXPECT_EQ(y[1], 0.0);
  EXPECT_EQ(y[2], 1.0);
  EXPECT_LT(y[3], 1.0);
}

TEST(Adsr, ZeroTimesCompleteEachStageWithinOneSample) {
  const std::vector<double> y = run_adsr(gate(8, 0, 4), {0, 0, 0.25, 0}, 48000);
  EXPECT_EQ(y[0], 1.0);  // attack
  EXPECT_EQ(y[1], 0.25); // decay
  EXPECT_EQ(y[2], 0.25); // sustain
  EXPECT_EQ(y[3], 0.25);
  EXPECT_EQ(y[4], 0.0); // release at the falling edge
  EXPECT_EQ(y[5], 0.0);
  // Negative and NaN times count as zero.
  EXPECT_EQ(run_adsr(gate(3, 0, 3), {-1, 0.1, 0.5, 0.1}, 48000)[0], 1.0);
  EXPECT_EQ(run_adsr(gate(3, 0, 3), {NAN, 0.1, 0.5, 0.1}, 48000)[0], 1.0);
}

TEST(Adsr, ReleaseFallsFromTheCurrentLevelInAnyStage) {
  // Gate falls during the attack at level 0.5: release from 0.5 to 0 in r = 100 samples.
  const std::vector<double> y =
      run_adsr(gate(400, 0, 100), {200 / 48000.0, 1, 0.5, 100 / 48000.0}, 48000);
  EXPECT_NEAR(y[99], 0.5, 1e-15);
  for (std::size_t k = 0; k < 100; ++k) {
    ASSERT_NEAR(y[100 + k], 0.5 * (1 - (k + 1) / 100.0), 1e-13) << k;
  }
  EXPECT_EQ(y[199], 0.0);
}

TEST(Adsr, RetriggerRisesFromTheCurrentLevelWithoutAClick) {
  // Release from 0.7 is interrupted at level 0.35: the new attack continues from there.
  const double rate = 48000;
  std::vector<double> g = gate(3000, 0, 1000);
  for (std::size_t s = 1100; s < 3000; ++s) g[s] = 1;
  const std::vector<double> y = run_adsr(g, {100 / rate, 100 / rate, 0.7, 200 / rate}, rate);
  EXPECT_NEAR(y[1099], 0.35, 1e-13);
  EXPECT_NEAR(y[1100], 0.35 + 0.01, 1e-13);
  for (std::size_t s = 1; s < y.size(); ++s) ASSERT_LE(std::fabs(y[s] - y[s - 1]), 0.01 + 1e-12);
  // 65 samples from 0.35 to 1.
  EXPECT_LT(y[1163], 1.0);
  EXPECT_EQ(y[1164], 1.0);
}

TEST(Adsr, GateIsHighWhenPositive) {
  const std::vector<double> g = {0.5, -1, 0, NAN, 1e-300, 0};
  AdsrState state{48000};
  const std::size_t n = g.size();
  const std::vector<double> zero(n, 0.0);
  const std::vector<double> half(n, 0.5);
  std::vector<double> y(n);
  adsr_block(state, g.data(), zero.data(), zero.data(), half.data(), zero.data(), y.data(), n);
  EXPECT_EQ(y[0], 1.0);
  EXPECT_EQ(y[1], 0.0);
  EXPECT_EQ(y[2], 0.0);
  EXPECT_EQ(y[3], 0.0);
  EXPECT_EQ(y[4], 1.0);
  EXPECT_EQ(y[5], 0.0);
}

TEST(Adsr, SustainIsClampedAndFollowedEverySample) {
  const std::size_t n = 10;
  const std::vector<double> g(n, 1.0);
  const std::vector<double> zero(n, 0.0);
  const std::vector<double> s = {0.5, 0.5, 0.5, 2, 2, -1, 0.25, 0.25, NAN, 0.75};
  AdsrState state{48000};
  std::vector<double> y(n);
  adsr_block(state, g.data(), zero.data(), zero.data(), s.data(), zero.data(), y.data(), n);
  const std::vector<double> expected = {1, 0.5, 0.5, 1, 1, 0, 0.25, 0.25, NAN, 0.75};
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(y[i])) << i;
    } else {
      EXPECT_EQ(y[i], expected[i]) << i;
    }
  }
}

} // namespace
} // namespace weft::audio::dsp
