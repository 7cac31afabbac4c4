// Gain, pan (the §8.10 law) and sum helpers.
#include "audio/dsp/mixing.h"

#include <gtest/gtest.h>

#include <vector>

namespace weft::audio::dsp {
namespace {

TEST(Mixing, GainMultipliesPerSample) {
  const std::vector<double> x = {1, -0.5, 0.25};
  const std::vector<double> g = {2, 0.5, 0};
  std::vector<double> out(3);
  gain_block(x.data(), g.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<double>{2, -0.25, 0}));
}

TEST(Mixing, PanCentreIsUnityOnBothSides) {
  const std::vector<double> pan = {0, 0.25, 0.5, 0.75, 1, -1, 2};
  const std::vector<double> x(pan.size(), 0.8);
  std::vector<double> left(pan.size());
  std::vector<double> right(pan.size());
  pan_block(x.data(), pan.data(), left.data(), right.data(), pan.size());
  EXPECT_EQ(left, (std::vector<double>{0.8, 0.8, 0.8, 0.4, 0, 0.8, 0}));
  EXPECT_EQ(right, (std::vector<double>{0, 0.4, 0.8, 0.8, 0.8, 0, 0.8}));
}

TEST(Mixing, SumAndAccumulateAddInOrder) {
  const std::vector<double> a = {1, 2, 3};
  const std::vector<double> b = {0.5, -2, 1e-16};
  std::vector<double> out(3);
  sum_block(a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<double>{1.5, 0, 3 + 1e-16}));
  std::vector<double> acc = {0, 0, 0};
  accumulate_block(acc.data(), a.data(), 3);
  accumulate_block(acc.data(), b.data(), 3);
  EXPECT_EQ(acc, out);
}

} // namespace
} // namespace weft::audio::dsp
