// The state-variable filters of LANGUAGE.md §8.7: the spec's formula bit for bit, the gain a
// listener measures at the cutoff, and modulation without clicks or resets.
#include "audio/dsp/filters.h"

#include "signals.h"
#include "spectrum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

namespace weft::audio::dsp {
namespace {

using testing::constant;

constexpr double kRate = 48000;

enum class ResponseKind { LowPass, HighPass, BandPass };

void run(ResponseKind kind, SvfState& state, const std::vector<double>& x,
         const std::vector<double>& cutoff, const std::vector<double>& q, std::vector<double>& out,
         std::size_t block) {
  out.resize(x.size());
  testing::run_in_blocks(x.size(), block, [&](std::size_t o, std::size_t count) {
    switch (kind) {
    case ResponseKind::LowPass:
      lpf_block(state, x.data() + o, cutoff.data() + o, q.data() + o, out.data() + o, count);
      break;
    case ResponseKind::HighPass:
      hpf_block(state, x.data() + o, cutoff.data() + o, q.data() + o, out.data() + o, count);
      break;
    case ResponseKind::BandPass:
      bpf_block(state, x.data() + o, cutoff.data() + o, q.data() + o, out.data() + o, count);
      break;
    }
  });
}

std::vector<double> filter(ResponseKind kind, const std::vector<double>& x, double cutoff, double q,
                           double rate = kRate) {
  SvfState state{rate};
  std::vector<double> out;
  run(kind, state, x, constant(x.size(), cutoff), constant(x.size(), q), out, 4096);
  return out;
}

/// LANGUAGE.md §8.7 transcribed line by line, one sample at a time.
std::vector<double> reference(ResponseKind kind, const std::vector<double>& x,
                              const std::vector<double>& cutoff, const std::vector<double>& q,
                              double rate) {
  double ic1 = 0;
  double ic2 = 0;
  std::vector<double> out(x.size());
  for (std::size_t s = 0; s < x.size(); ++s) {
    const double fc = std::min(std::max(cutoff[s], 1.0), 0.49 * rate);
    const double qq = std::min(std::max(q[s], 0.1), 100.0);
    const double g = std::tan(std::numbers::pi * fc / rate);
    const double k = 1 / qq;
    const double a1 = 1 / (1 + g * (g + k));
    const double a2 = g * a1;
    const double a3 = g * a2;
    const double v3 = x[s] - ic2;
    const double v1 = a1 * ic1 + a2 * v3;
    const double v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    out[s] = kind == ResponseKind::LowPass    ? v2
             : kind == ResponseKind::HighPass ? x[s] - k * v1 - v2
                                              : k * v1;
  }
  return out;
}

std::vector<double> sine_wave(double freq, std::size_t n, double rate = kRate) {
  std::vector<double> x(n);
  for (std::size_t s = 0; s < n; ++s) {
    x[s] = std::sin(2 * std::numbers::pi * freq * static_cast<double>(s) / rate);
  }
  return x;
}

/// The steady-state gain at `freq`: a sine through the filter, measured over the second half
/// second (500 whole periods of 1000 Hz) after half a second of settling.
double gain_at(ResponseKind kind, double freq, double cutoff, double q) {
  const std::size_t n = 48000;
  const std::vector<double> y = filter(kind, sine_wave(freq, n), cutoff, q);
  return testing::tone_amplitude(y.data() + n / 2, n / 2, freq, kRate);
}

TEST(Filters, AreTheSpecFormulaBitForBit) {
  const std::size_t n = 20000;
  const std::vector<double> x = testing::test_noise(n, 1);
  std::vector<double> cutoff(n);
  std::vector<double> q(n);
  for (std::size_t s = 0; s < n; ++s) {
    // Sweeps through and past both clamps: 0.5 Hz … 30 kHz, q 0.05 … 150.
    cutoff[s] = 0.5 * std::pow(60000.0, static_cast<double>(s) / n);
    q[s] = 0.05 * std::pow(3000.0, static_cast<double>(s % 5000) / 5000);
  }
  for (auto kind : {ResponseKind::LowPass, ResponseKind::HighPass, ResponseKind::BandPass}) {
    SvfState state{kRate};
    std::vector<double> out;
    run(kind, state, x, cutoff, q, out, 256);
    EXPECT_TRUE(testing::bit_identical(out, reference(kind, x, cutoff, q, kRate)))
        << static_cast<int>(kind);
  }
}

TEST(Filters, LowAndHighPassAreMinus3dBAtTheCutoff) {
  // The TPT filter's prewarped g gives |H(fc)| = q exactly: q = 0.7071 is −3.0104 dB.
  const double lp = gain_at(ResponseKind::LowPass, 1000, 1000, 0.7071);
  const double hp = gain_at(ResponseKind::HighPass, 1000, 1000, 0.7071);
  std::printf("gain at cutoff 1000 Hz, q 0.7071: lpf %.9f (%.6f dB), hpf %.9f (%.6f dB)\n", lp,
              testing::to_db(lp), hp, testing::to_db(hp));
  EXPECT_NEAR(lp, 0.7071, 1e-9);
  EXPECT_NEAR(hp, 0.7071, 1e-9);
  EXPECT_NEAR(testing::to_db(lp), -3.0103, 0.001);
  // Resonance: gain q at the cutoff.
  EXPECT_NEAR(gain_at(ResponseKind::LowPass, 1000, 1000, 4), 4, 1e-9);
  EXPECT_NEAR(gain_at(ResponseKind::HighPass, 5000, 5000, 0.5), 0.5, 1e-9);
}

TEST(Filters, BandPassHasUnityGainAtTheCentre) {
  for (double q : {0.5, 1.0, 5.0}) {
    const double g = gain_at(ResponseKind::BandPass, 1000, 1000, q);
    std::printf("bpf gain at centre 1000 Hz, q %g: %.9f (%.2e dB)\n", q, g, testing::to_db(g));
    EXPECT_NEAR(g, 1.0, 1e-6) << q;
  }
}

TEST(Filters, PassAndStopBands) {
  // Two poles: 12 dB per octave far from the cutoff.
  EXPECT_NEAR(gain_at(ResponseKind::LowPass, 100, 1000, 0.7071), 1.0, 1e-3);
  EXPECT_NEAR(testing::to_db(gain_at(ResponseKind::LowPass, 8000, 1000, 0.7071)), -38, 3);
  EXPECT_NEAR(gain_at(ResponseKind::HighPass, 8000, 1000, 0.7071), 1.0, 0.01);
  EXPECT_NEAR(testing::to_db(gain_at(ResponseKind::HighPass, 100, 1000, 0.7071)), -40, 1);
  EXPECT_LT(gain_at(ResponseKind::BandPass, 100, 1000, 1), 0.11);
}

TEST(Filters, ArgumentsAreClamped) {
  const std::vector<double> x = testing::test_noise(4000, 2);
  for (auto kind : {ResponseKind::LowPass, ResponseKind::HighPass, ResponseKind::BandPass}) {
    EXPECT_TRUE(testing::bit_identical(filter(kind, x, 0, 0.7), filter(kind, x, 1, 0.7)));
    EXPECT_TRUE(testing::bit_identical(filter(kind, x, -50, 0.7), filter(kind, x, 1, 0.7)));
    EXPECT_TRUE(
        testing::bit_identical(filter(kind, x, 1e9, 0.7), filter(kind, x, 0.49 * kRate, 0.7)));
    EXPECT_TRUE(testing::bit_identical(filter(kind, x, 500, 0), filter(kind, x, 500, 0.1)));
    EXPECT_TRUE(testing::bit_identical(filter(kind, x, 500, 1e6), filter(kind, x, 500, 100)));
  }
}

/// The largest |y[s + 1] − y[s]| for s in [from, to).
double largest_step(const std::vector<double>& y, std::size_t from, std::size_t to) {
  double largest = 0;
  for (std::size_t s = from; s < to; ++s) largest = std::max(largest, std::fabs(y[s + 1] - y[s]));
  return largest;
}

TEST(Filters, ModulatedCutoffKeepsTheStateAndDoesNotClick) {
  // A 200 Hz sine through lpf whose cutoff steps 1000 → 1500 Hz at sample 20000 and back at
  // 30000: no sample-to-sample change at the steps exceeds those of the steady signal.
  const std::size_t n = 48000;
  const std::vector<double> x = sine_wave(200, n);
  std::vector<double> cutoff(n, 1000.0);
  std::fill(cutoff.begin() + 20000, cutoff.begin() + 30000, 1500.0);
  SvfState state{kRate};
  std::vector<double> y;
  run(ResponseKind::LowPass, state, x, cutoff, constant(n, 0.7071), y, 64);
  const double steady = largest_step(y, 10000, 19990);
  const double at_steps = std::max(largest_step(y, 19998, 20002), largest_step(y, 29998, 30002));
  std::printf("lpf 1000 <-> 1500 Hz steps: largest change %.4g at the steps, %.4g steady\n",
              at_steps, steady);
  EXPECT_LE(at_steps, steady);
}

TEST(Filters, ALargeCutoffJumpMovesFarLessThanAReset) {
  // 300 → 5000 Hz: the output moves to its new steady state within a few samples; a filter that
  // reset its state at the jump would fall from about 0.8 towards 0 at once.
  const std::size_t n = 24000;
  const std::size_t jump = 20000;
  const std::vector<double> x = sine_wave(200, n);
  std::vector<double> cutoff(n, 300.0);
  std::fill(cutoff.begin() + jump, cutoff.end(), 5000.0);
  SvfState state{kRate};
  std::vector<double> y;
  run(ResponseKind::LowPass, state, x, cutoff, constant(n, 0.7071), y, 256);
  SvfState fresh{kRate};
  std::vector<double> tail(x.begin() + jump, x.end());
  std::vector<double> reset;
  run(ResponseKind::LowPass, fresh, tail, constant(tail.size(), 5000),
      constant(tail.size(), 0.7071), reset, 256);
  const double kept = std::fabs(y[jump] - y[jump - 1]);
  const double after_reset = std::fabs(reset[0] - y[jump - 1]);
  std::printf("lpf 300 -> 5000 Hz jump: change %.4g with the state kept, %.4g after a reset\n",
              kept, after_reset);
  EXPECT_LT(kept, 0.25 * after_reset);
}

TEST(Filters, SilenceAfterSoundDecaysToExactZero) {
  // The state flushes subnormals, so a silent tail ends in exact zeros (and stays fast).
  std::vector<double> x = testing::test_noise(48000, 3);
  std::fill(x.begin() + 1000, x.end(), 0.0);
  SvfState state{kRate};
  std::vector<double> out;
  run(ResponseKind::LowPass, state, x, constant(x.size(), 2000), constant(x.size(), 2), out, 256);
  EXPECT_EQ(state.ic1, 0.0);
  EXPECT_EQ(state.ic2, 0.0);
  EXPECT_EQ(out.back(), 0.0);
}

} // namespace
} // namespace weft::audio::dsp
