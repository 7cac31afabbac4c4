// `reverb` (LANGUAGE.md §8.8): the spec's Freeverb core bit for bit, buffer lengths, a dry pass
// at mix = 0, and an impulse response that is deterministic and decays.
#include "audio/dsp/reverb.h"

#include "signals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

namespace weft::audio::dsp {
namespace {

using testing::constant;

std::vector<double> run_reverb(double rate, const std::vector<double>& x,
                               const std::vector<double>& room, const std::vector<double>& damp,
                               const std::vector<double>& mix, std::size_t block = 256) {
  ReverbState state(rate);
  std::vector<double> out(x.size());
  testing::run_in_blocks(x.size(), block, [&](std::size_t o, std::size_t count) {
    reverb_block(state, x.data() + o, room.data() + o, damp.data() + o, mix.data() + o,
                 out.data() + o, count);
  });
  return out;
}

std::vector<double> run_reverb(double rate, const std::vector<double>& x, double room, double damp,
                               double mix) {
  const std::size_t n = x.size();
  return run_reverb(rate, x, constant(n, room), constant(n, damp), constant(n, mix));
}

/// §8.8's text transcribed, one buffer per filter.
std::vector<double> reference(double rate, const std::vector<double>& x,
                              const std::vector<double>& room, const std::vector<double>& damp,
                              const std::vector<double>& mix) {
  auto scaled = [&](double length) {
    return static_cast<std::size_t>(std::round(length * (rate / 44100)));
  };
  struct Filter {
    std::vector<double> buf;
    std::size_t i = 0;
    double h = 0;
  };
  std::vector<Filter> combs;
  for (double length : {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617}) {
    combs.push_back({std::vector<double>(scaled(length), 0.0)});
  }
  std::vector<Filter> all_passes;
  for (double length : {556, 441, 341, 225}) {
    all_passes.push_back({std::vector<double>(scaled(length), 0.0)});
  }
  auto clamp01 = [](double v) { return std::min(std::max(v, 0.0), 1.0); };
  std::vector<double> y(x.size());
  for (std::size_t s = 0; s < x.size(); ++s) {
    const double d = 0.4 * clamp01(damp[s]);
    const double u = 0.015 * x[s];
    double sum = 0;
    for (Filter& c : combs) {
      const double o = c.buf[c.i];
      c.h = o * (1 - d) + c.h * d;
      c.buf[c.i] = u + c.h * (0.7 + 0.28 * clamp01(room[s]));
      c.i = (c.i + 1) % c.buf.size();
      sum += o;
    }
    double in = sum;
    for (Filter& a : all_passes) {
      const double b = a.buf[a.i];
      const double out = b - in;
      a.buf[a.i] = in + 0.5 * b;
      a.i = (a.i + 1) % a.buf.size();
      in = out;
    }
    const double m = clamp01(mix[s]);
    y[s] = (1 - m) * x[s] + m * 3 * in;
  }
  return y;
}

std::vector<double> impulse(std::size_t n) {
  std::vector<double> x(n, 0.0);
  x[0] = 1;
  return x;
}

TEST(Reverb, BufferLengthsAreScaledByRateAndRounded) {
  const ReverbState at44(44100);
  const ReverbState at48(48000);
  for (std::size_t i = 0; i < ReverbState::kCombs; ++i) {
    EXPECT_EQ(at44.comb_length(i), ReverbState::kCombLengths44k[i]);
    EXPECT_EQ(at48.comb_length(i), static_cast<std::size_t>(std::lround(
                                       ReverbState::kCombLengths44k[i] * 48000 / 44100.0)));
  }
  for (std::size_t i = 0; i < ReverbState::kAllPasses; ++i) {
    EXPECT_EQ(at44.all_pass_length(i), ReverbState::kAllPassLengths44k[i]);
  }
  EXPECT_EQ(at48.comb_length(0), 1215u);               // 1214.69
  EXPECT_EQ(at48.all_pass_length(3), 245u);            // 244.90
  EXPECT_EQ(ReverbState::scaled_length(225, 100), 1u); // never 0
}

TEST(Reverb, IsTheSpecTextBitForBit) {
  const double rate = 48000;
  const std::size_t n = 96000;
  const std::vector<double> x = testing::test_noise(n, 4);
  std::vector<double> room(n);
  std::vector<double> damp(n);
  std::vector<double> mix(n);
  for (std::size_t s = 0; s < n; ++s) {
    const double t = static_cast<double>(s) / rate;
    room[s] = 0.5 + 0.7 * std::sin(2 * std::numbers::pi * 0.5 * t); // past both clamps
    damp[s] = 0.5 + 0.6 * std::cos(2 * std::numbers::pi * 0.8 * t);
    mix[s] = 0.5 + 0.6 * std::sin(2 * std::numbers::pi * 1.1 * t);
  }
  EXPECT_TRUE(testing::bit_identical(run_reverb(rate, x, room, damp, mix, 64),
                                     reference(rate, x, room, damp, mix)));
}

TEST(Reverb, MixZeroPassesTheDrySignalExactly) {
  const std::vector<double> x = testing::test_noise(48000, 5);
  EXPECT_TRUE(testing::bit_identical(run_reverb(48000, x, 0.9, 0.2, 0), x));
  EXPECT_TRUE(testing::bit_identical(run_reverb(48000, x, 0.9, 0.2, -1), x));
}

TEST(Reverb, FirstEchoArrivesAfterTheShortestComb) {
  // Wet only: nothing until the first comb (1116 samples at 44.1 kHz) returns 0.015 · x, which
  // passes the four all-passes (each −in while their buffers are empty) and is scaled by 3.
  const std::vector<double> y = run_reverb(44100, impulse(2000), 0.5, 0.5, 1);
  for (std::size_t s = 0; s < 1116; ++s) ASSERT_EQ(y[s], 0.0) << s;
  EXPECT_EQ(y[1116], 3 * 0.015);
}

TEST(Reverb, ImpulseResponseIsDeterministicAndDecays) {
  const double rate = 48000;
  const std::size_t n = 10 * 48000;
  const std::vector<double> a = run_reverb(rate, impulse(n), 0.8, 0.5, 1);
  EXPECT_TRUE(testing::bit_identical(a, run_reverb(rate, impulse(n), 0.8, 0.5, 1)));
  // Energy per half second: finite, and falling from one window to the next after the first.
  std::vector<double> energy(20);
  for (std::size_t s = 0; s < n; ++s) energy[s / 24000] += a[s] * a[s];
  for (double e : energy) EXPECT_TRUE(std::isfinite(e));
  for (std::size_t w = 2; w < energy.size(); ++w) {
    EXPECT_LT(energy[w], energy[w - 1]) << w;
  }
  const double decay_db = 10 * std::log10(energy[19] / energy[1]);
  std::printf("reverb(room 0.8) impulse: energy of 9.5-10 s is %.1f dB below that of 0.5-1 s\n",
              decay_db);
  EXPECT_LT(decay_db, -60);
}

} // namespace
} // namespace weft::audio::dsp
