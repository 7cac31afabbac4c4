#include "audio/engine/process_context.h"

#include <gtest/gtest.h>
#include <limits>

namespace {

using namespace weft::audio;

TEST(Rational, IsReducedWithAPositiveDenominator) {
  EXPECT_EQ(make_rational(6, -8), (Rational{-3, 4}));
  EXPECT_EQ(make_rational(0, -5), (Rational{0, 1}));
  EXPECT_EQ(make_rational(1, 0), std::nullopt);
  const WideInt big = WideInt{1} << 64;
  EXPECT_EQ(make_rational(big, big * 3), (Rational{1, 3}));
  EXPECT_EQ(make_rational(big, 3), std::nullopt);
}

TEST(Rational, ConvertsBinary64Exactly) {
  EXPECT_EQ(rational_from_double(0.5625), (Rational{9, 16}));
  EXPECT_EQ(rational_from_double(-3.0), (Rational{-3, 1}));
  EXPECT_EQ(rational_from_double(0.0), (Rational{0, 1}));
  // 0.1 is 3602879701896397 / 2^55 exactly.
  EXPECT_EQ(rational_from_double(0.1), (Rational{3602879701896397, std::int64_t{1} << 55}));
  EXPECT_EQ(rational_from_double(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
  EXPECT_EQ(rational_from_double(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(rational_from_double(1e300), std::nullopt);  // too large for int64
  EXPECT_EQ(rational_from_double(1e-300), std::nullopt); // denominator too large
  EXPECT_EQ(rational_from_double(0x1p62), (Rational{std::int64_t{1} << 62, 1}));
}

TEST(Rational, ArithmeticIsExactOrReportsOverflow) {
  EXPECT_EQ(add({1, 3}, {1, 6}), (Rational{1, 2}));
  EXPECT_EQ(multiply({2, 3}, {9, 4}), (Rational{3, 2}));
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(add({max, 1}, {1, 1}), std::nullopt);
  EXPECT_EQ(multiply({1, max}, {1, 2}), std::nullopt);
  EXPECT_EQ(add({1, max}, {1, max - 1}), std::nullopt);
}

TEST(ProcessContext, ThePositionOfASampleIsSampleTimesCpsOverRate) {
  CyclePosition p;
  ASSERT_EQ(cycle_position_at(48000, 48000, {9, 16}, p), ContextStatus::kOk);
  EXPECT_EQ(p, (CyclePosition{0, {9, 16}}));
  ASSERT_EQ(cycle_position_at(96000, 48000, {9, 16}, p), ContextStatus::kOk);
  EXPECT_EQ(p, (CyclePosition{1, {1, 8}}));
  EXPECT_EQ(cycle_position_at(-1, 48000, {9, 16}, p), ContextStatus::kInvalid);
  EXPECT_EQ(cycle_position_at(0, 0, {9, 16}, p), ContextStatus::kInvalid);
  EXPECT_EQ(cycle_position_at(0, 48000, {0, 1}, p), ContextStatus::kInvalid);
}

// Tempo 0.5625 cycles/s at 48000 Hz: 10^6 blocks of 128 samples (about 44 minutes) advanced
// one by one land exactly where the direct rational computation puts every block.
TEST(ProcessContext, AdvancingAMillionBlocksHasNoDrift) {
  const Rational cps = *rational_from_double(0.5625);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 128, 48000, cps, ctx), ContextStatus::kOk);
  for (std::int64_t block = 1; block <= 1'000'000; ++block) {
    ASSERT_EQ(advance_block(ctx), ContextStatus::kOk);
    CyclePosition direct;
    ASSERT_EQ(cycle_position_at(block * 128, 48000, cps, direct), ContextStatus::kOk);
    ASSERT_EQ(ctx.sample_offset, block * 128);
    ASSERT_EQ(ctx.position, direct) << "block " << block;
  }
  // 1.28e8 samples * 9/16 / 48000 = 1500 cycles exactly.
  EXPECT_EQ(ctx.position, (CyclePosition{1500, {0, 1}}));
}

TEST(ProcessContext, AdvancingWithChangingBlockSizesStaysExact) {
  const Rational cps{7, 3};
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 1, 44100, cps, ctx), ContextStatus::kOk);
  std::int64_t sample = 0;
  for (int i = 0; i < 20000; ++i) {
    ctx.block_size = 1 + (i * 37) % 700;
    sample += ctx.block_size;
    ASSERT_EQ(advance_block(ctx), ContextStatus::kOk);
    CyclePosition direct;
    ASSERT_EQ(cycle_position_at(sample, 44100, cps, direct), ContextStatus::kOk);
    ASSERT_EQ(ctx.position, direct);
  }
}

TEST(ProcessContext, APositionThatDoesNotFitIsReportedAndTheSampleIndexStillAdvances) {
  // cps = 0.1 exactly is 3602879701896397 / 2^55; one sample at 48000 Hz moves by that over
  // 48000 * 2^55, which needs more than 63 bits.
  const Rational cps = *rational_from_double(0.1);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 1, 48000, cps, ctx), ContextStatus::kOk);
  const ProcessContext before = ctx;
  EXPECT_EQ(advance_block(ctx), ContextStatus::kOverflow);
  EXPECT_EQ(ctx.sample_offset, before.sample_offset + 1);
  EXPECT_FALSE(ctx.position_exact);
  EXPECT_EQ(ctx.position, before.position); // stale, and marked so
  CyclePosition p;
  EXPECT_EQ(cycle_position_at(1, 48000, cps, p), ContextStatus::kOverflow);
  // Sample 2^15 cancels enough factors of two to fit again: the position is exact again.
  ctx.block_size = (1 << 15) - 1;
  EXPECT_EQ(advance_block(ctx), ContextStatus::kOk);
  EXPECT_TRUE(ctx.position_exact);
  ASSERT_EQ(cycle_position_at(1 << 15, 48000, cps, p), ContextStatus::kOk);
  EXPECT_EQ(ctx.position, p);
  EXPECT_EQ(ctx.sample_offset, 1 << 15);
}

TEST(ProcessContext, DoublesAreForDisplayOnly) {
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(72000, 64, 48000, {1, 2}, ctx), ContextStatus::kOk);
  EXPECT_EQ(ctx.position_cycles(), 0.75);
  EXPECT_EQ(ctx.cps(), 0.5);
  EXPECT_EQ(ctx.sample_rate_hz(), 48000.0);
}

} // namespace
