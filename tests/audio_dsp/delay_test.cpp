// `delay` (LANGUAGE.md §8.8): echo times and feedback decay exact, fractional delays
// interpolated, clamps, and the spec's definition bit for bit.
#include "audio/dsp/delay.h"

#include "signals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace weft::audio::dsp {
namespace {

using testing::constant;

std::vector<double> run_delay(double rate, const std::vector<double>& x,
                              const std::vector<double>& seconds,
                              const std::vector<double>& feedback, std::size_t block = 256) {
  DelayState state(rate);
  std::vector<double> out(x.size());
  testing::run_in_blocks(x.size(), block, [&](std::size_t o, std::size_t count) {
    delay_block(state, x.data() + o, seconds.data() + o, feedback.data() + o, out.data() + o,
                count);
  });
  return out;
}

std::vector<double> impulse(std::size_t n) {
  std::vector<double> x(n, 0.0);
  x[0] = 1;
  return x;
}

/// §8.8 transcribed: the whole history of w kept, w(t) = 0 for t < 0, linear interpolation
/// between w[s − Di] and w[s − Di − 1] with weight f = D − Di on the older sample.
std::vector<double> reference(double rate, const std::vector<double>& x,
                              const std::vector<double>& seconds,
                              const std::vector<double>& feedback) {
  std::vector<double> w(x.size());
  std::vector<double> y(x.size());
  auto w_at = [&](long long t) { return t < 0 ? 0.0 : w[static_cast<std::size_t>(t)]; };
  for (std::size_t s = 0; s < x.size(); ++s) {
    const double d = std::min(std::max(seconds[s] * rate, 1.0), 10 * rate);
    const double fb = std::min(std::max(feedback[s], -0.999), 0.999);
    const double whole = std::floor(d);
    const double f = d - whole;
    const long long newer = static_cast<long long>(s) - static_cast<long long>(whole);
    const double a = w_at(newer);
    y[s] = f == 0 ? a : a + (w_at(newer - 1) - a) * f;
    w[s] = x[s] + fb * y[s];
  }
  return y;
}

TEST(Delay, EchoesAtTheDelayWithExactFeedbackDecay) {
  const double rate = 48000;
  const std::size_t n = 4000;
  // 1/64 s = 750 samples exactly.
  const std::vector<double> y =
      run_delay(rate, impulse(n), constant(n, 1.0 / 64), constant(n, 0.5));
  for (std::size_t s = 0; s < n; ++s) {
    const double expected = s > 0 && s % 750 == 0 ? std::ldexp(1.0, 1 - int(s / 750)) : 0.0;
    ASSERT_EQ(y[s], expected) << s;
  }
}

TEST(Delay, NegativeFeedbackAlternatesSign) {
  const std::size_t n = 400;
  const std::vector<double> y =
      run_delay(48000, impulse(n), constant(n, 100 / 48000.0), constant(n, -0.25));
  EXPECT_EQ(y[100], 1.0);
  EXPECT_EQ(y[200], -0.25);
  EXPECT_EQ(y[300], 0.0625);
}

TEST(Delay, FractionalDelayInterpolatesLinearly) {
  // At rate 65536 the delay 750.25 / 65536 s is exactly D = 750.25 samples.
  const double rate = 65536;
  const std::size_t n = 2000;
  const std::vector<double> y =
      run_delay(rate, impulse(n), constant(n, 750.25 / rate), constant(n, 0.5));
  EXPECT_EQ(y[749], 0.0);
  EXPECT_EQ(y[750], 0.75); // w(−0.25) between w[−1] = 0 and w[0] = 1
  EXPECT_EQ(y[751], 0.25); // w(0.75)
  EXPECT_EQ(y[752], 0.0);
  // The echo of the echo: w[750] = 0.375, w[751] = 0.125 delayed again by 750.25.
  EXPECT_EQ(y[1500], 0.375 * 0.75);
  EXPECT_EQ(y[1501], 0.375 * 0.25 + 0.125 * 0.75);
  EXPECT_EQ(y[1502], 0.125 * 0.25);
}

TEST(Delay, DelayIsClampedToOneSampleAndTenSeconds) {
  const double rate = 8000;
  const std::size_t n = 100'010;
  EXPECT_TRUE(testing::bit_identical(
      run_delay(rate, impulse(50), constant(50, 0), constant(50, 0)),
      run_delay(rate, impulse(50), constant(50, 1 / rate), constant(50, 0))));
  const std::vector<double> y = run_delay(rate, impulse(n), constant(n, 60), constant(n, 0));
  for (std::size_t s = 0; s < n; ++s) ASSERT_EQ(y[s], s == 80'000 ? 1.0 : 0.0) << s;
  const std::vector<double> y1 = run_delay(rate, impulse(10), constant(10, -1), constant(10, 0));
  EXPECT_EQ(y1[1], 1.0);
}

TEST(Delay, FeedbackIsClamped) {
  const std::size_t n = 1000;
  EXPECT_TRUE(
      testing::bit_identical(run_delay(48000, impulse(n), constant(n, 0.001), constant(n, 5)),
                             run_delay(48000, impulse(n), constant(n, 0.001), constant(n, 0.999))));
  EXPECT_TRUE(testing::bit_identical(
      run_delay(48000, impulse(n), constant(n, 0.001), constant(n, -5)),
      run_delay(48000, impulse(n), constant(n, 0.001), constant(n, -0.999))));
}

TEST(Delay, IsTheSpecDefinitionBitForBit) {
  // Modulated delay time (through both clamps) and feedback, noise input.
  const double rate = 44100;
  const std::size_t n = 100'000;
  const std::vector<double> x = testing::test_noise(n, 9);
  std::vector<double> seconds(n);
  std::vector<double> feedback(n);
  for (std::size_t s = 0; s < n; ++s) {
    const double t = static_cast<double>(s) / rate;
    seconds[s] = 0.05 + 0.05 * std::sin(2 * std::numbers::pi * 0.7 * t) + (s > 90'000 ? 20 : 0);
    feedback[s] = 1.2 * std::sin(2 * std::numbers::pi * 0.3 * t);
  }
  EXPECT_TRUE(testing::bit_identical(run_delay(rate, x, seconds, feedback, 64),
                                     reference(rate, x, seconds, feedback)));
}

TEST(Delay, NaNDelayTimeGivesNaNWithoutReadingTheLine) {
  const std::size_t n = 10;
  std::vector<double> seconds(n, 0.001);
  seconds[3] = NAN;
  const std::vector<double> y = run_delay(48000, impulse(n), seconds, constant(n, 0));
  EXPECT_TRUE(std::isnan(y[3]));
  EXPECT_EQ(y[4], 0.0);
}

} // namespace
} // namespace weft::audio::dsp
