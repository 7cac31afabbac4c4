// `white()` (LANGUAGE.md §8.6, §11.3): uniform in [−1, 1), white, a function of the stream key
// and the sample index only.
#include "audio/dsp/white_noise.h"

#include "signals.h"
#include "spectrum.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace weft::audio::dsp {
namespace {

std::vector<double> noise(std::uint64_t key, std::size_t n, std::size_t block) {
  WhiteNoiseState state{key};
  std::vector<double> out(n);
  testing::run_in_blocks(n, block, [&](std::size_t offset, std::size_t count) {
    white_block(state, out.data() + offset, count);
  });
  return out;
}

TEST(WhiteNoise, IsUniformInMinusOneToOne) {
  const std::size_t n = 1'000'000;
  const std::vector<double> x = noise(42, n, 4096);
  double sum = 0;
  double squares = 0;
  double lag1 = 0;
  double low = 1;
  double high = -1;
  std::vector<std::size_t> histogram(20);
  for (std::size_t s = 0; s < n; ++s) {
    sum += x[s];
    squares += x[s] * x[s];
    if (s > 0) lag1 += x[s] * x[s - 1];
    low = std::min(low, x[s]);
    high = std::max(high, x[s]);
    ++histogram[static_cast<std::size_t>((x[s] + 1) * 10)];
  }
  const double mean = sum / n;
  const double variance = squares / n - mean * mean;
  EXPECT_GE(low, -1.0);
  EXPECT_LT(high, 1.0);
  EXPECT_NEAR(mean, 0.0, 0.003); // standard error 5.8e-4
  EXPECT_NEAR(variance, 1.0 / 3.0, 0.003);
  EXPECT_NEAR(lag1 / n / variance, 0.0, 0.005);
  for (std::size_t count : histogram) EXPECT_NEAR(static_cast<double>(count), n / 20.0, 1000.0);
}

TEST(WhiteNoise, SpectrumIsFlat) {
  // Average power in 8 bands of a one-second Hann spectrum agree within 10 %.
  const std::vector<double> magnitudes = testing::hann_magnitudes(noise(7, 48000, 256));
  std::vector<double> bands(8);
  for (std::size_t k = 1; k < 24000; ++k) bands[k / 3000] += magnitudes[k] * magnitudes[k];
  for (double band : bands) EXPECT_NEAR(band / bands[0], 1.0, 0.1);
}

TEST(WhiteNoise, IsIndependentOfBlockSize) {
  const std::size_t n = 100'000;
  const std::vector<double> reference = noise(123456789, n, n);
  for (std::size_t block : {1, 64, 256, 4096, 37}) {
    EXPECT_TRUE(testing::bit_identical(noise(123456789, n, block), reference)) << block;
  }
}

TEST(WhiteNoise, IsAFunctionOfKeyAndSampleIndex) {
  const std::vector<double> x = noise(99, 10'000, 64);
  for (std::size_t s : {0, 1, 63, 64, 9999}) EXPECT_EQ(white_value(99, s), x[s]) << s;
  EXPECT_EQ(white_value(99, 5'000'000'000ull), white_value(99, 5'000'000'000ull));
}

TEST(WhiteNoise, SameKeySameStreamDifferentKeysUnrelated) {
  const std::size_t n = 100'000;
  EXPECT_TRUE(testing::bit_identical(noise(5, n, 256), noise(5, n, 4096)));
  for (std::uint64_t other : {6ull, 0ull, 5ull ^ (1ull << 63)}) {
    const std::vector<double> a = noise(5, n, 256);
    const std::vector<double> b = noise(other, n, 256);
    std::size_t equal = 0;
    double correlation = 0;
    for (std::size_t s = 0; s < n; ++s) {
      if (a[s] == b[s]) ++equal;
      correlation += a[s] * b[s];
    }
    EXPECT_EQ(equal, 0u) << other;
    EXPECT_NEAR(correlation / n * 3, 0.0, 0.015) << other; // normalised by the variance 1/3
  }
}

} // namespace
} // namespace weft::audio::dsp
