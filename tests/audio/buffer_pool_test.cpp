#include "audio/engine/buffer_pool.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>

namespace {

using weft::audio::BufferIndex;
using weft::audio::BufferPool;
using weft::audio::kNoBuffer;

bool is_zero(std::span<const double> samples) {
  return std::all_of(samples.begin(), samples.end(), [](double x) { return x == 0.0; });
}

TEST(BufferPool, AFreshPoolHandsOutTheLowestIndexFirst) {
  BufferPool pool(3, 16);
  EXPECT_EQ(pool.acquire(), 0U);
  EXPECT_EQ(pool.acquire(), 1U);
  EXPECT_EQ(pool.acquire(), 2U);
}

TEST(BufferPool, TheLastReleasedBufferIsTheNextAcquired) {
  BufferPool pool(4, 16);
  for (int i = 0; i < 4; ++i) pool.acquire();
  pool.release(1);
  pool.release(3);
  pool.release(0);
  EXPECT_EQ(pool.acquire(), 0U);
  EXPECT_EQ(pool.acquire(), 3U);
  EXPECT_EQ(pool.acquire(), 1U);
}

TEST(BufferPool, BuffersStartZeroedAndAreZeroedOnRelease) {
  BufferPool pool(2, 100);
  const BufferIndex a = pool.acquire();
  ASSERT_EQ(pool.buffer(a).size(), 100U);
  EXPECT_TRUE(is_zero(pool.buffer(a)));
  std::fill(pool.buffer(a).begin(), pool.buffer(a).end(), 0.75);
  pool.release(a);
  EXPECT_TRUE(is_zero(pool.buffer(a)));
  EXPECT_EQ(pool.acquire(), a);
  EXPECT_TRUE(is_zero(pool.buffer(a)));
}

TEST(BufferPool, StatisticsCountCapacityUseHighWaterAndAcquires) {
  BufferPool pool(5, 8);
  const BufferIndex a = pool.acquire();
  const BufferIndex b = pool.acquire();
  pool.acquire();
  pool.release(a);
  pool.release(b);
  pool.acquire();
  const auto& stats = pool.stats();
  EXPECT_EQ(stats.capacity, 5U);
  EXPECT_EQ(stats.in_use, 2U);
  EXPECT_EQ(stats.high_water, 3U);
  EXPECT_EQ(stats.acquires, 4U);
  EXPECT_EQ(stats.failed_acquires, 0U);
}

TEST(BufferPool, AnEmptyPoolFailsWithoutAllocating) {
  BufferPool pool(2, 8);
  pool.acquire();
  pool.acquire();
  EXPECT_EQ(pool.acquire(), kNoBuffer);
  EXPECT_EQ(pool.acquire(), kNoBuffer);
  EXPECT_EQ(pool.stats().failed_acquires, 2U);
  EXPECT_EQ(pool.stats().in_use, 2U);
  EXPECT_EQ(pool.stats().acquires, 2U);
  EXPECT_TRUE(pool.buffer(kNoBuffer).empty());
  pool.release(1);
  EXPECT_EQ(pool.acquire(), 1U); // works again after a release
}

TEST(BufferPool, BadReleasesAreIgnoredAndCounted) {
  BufferPool pool(2, 8);
  const BufferIndex a = pool.acquire();
  pool.release(a);
  pool.release(a);         // twice
  pool.release(7);         // out of range
  pool.release(kNoBuffer); // the failure value
  EXPECT_EQ(pool.stats().bad_releases, 3U);
  EXPECT_EQ(pool.stats().in_use, 0U);
  EXPECT_EQ(pool.acquire(), a);
  EXPECT_EQ(pool.acquire(), 1U);
  EXPECT_EQ(pool.acquire(), kNoBuffer); // the double release did not make a third buffer
}

TEST(BufferPool, BuffersAreAlignedOnSeparateCacheLines) {
  BufferPool pool(3, 13);
  for (BufferIndex i = 0; i < 3; ++i) {
    const auto address = reinterpret_cast<std::uintptr_t>(pool.buffer(i).data());
    EXPECT_EQ(address % 64, 0U);
    if (i > 0) {
      EXPECT_GE(pool.buffer(i).data() - pool.buffer(i - 1).data(), 16);
    }
  }
}

TEST(BufferPool, AnIndexOnlyPoolKeepsTheSameBooks) {
  BufferPool pool(3, 0);
  EXPECT_EQ(pool.acquire(), 0U);
  EXPECT_EQ(pool.acquire(), 1U);
  pool.release(0);
  EXPECT_EQ(pool.acquire(), 0U);
  EXPECT_TRUE(pool.buffer(0).empty());
  EXPECT_EQ(pool.stats().high_water, 2U);
}

} // namespace
