// Euclidean rhythms (LANGUAGE.md §8.11): the spec's examples, inversion and the edges.
#include "patterns/bjorklund.h"

#include <gtest/gtest.h>
#include <string>

namespace {

using weft::patterns::bjorklund;

std::string text(std::int64_t k, std::int64_t n) {
  std::string s;
  for (std::uint8_t b : bjorklund(k, n)) s += b ? 'x' : '.';
  return s;
}

TEST(Bjorklund, DistributesOnsetsAsTheSpecSays) {
  EXPECT_EQ(text(3, 8), "x..x..x.");
  EXPECT_EQ(text(5, 8), "x.xx.xx.");
  EXPECT_EQ(text(2, 5), "x.x..");
  EXPECT_EQ(text(7, 12), "x.xx.x.xx.x.");
  EXPECT_EQ(text(9, 16), "x.xx.x.x.xx.x.x.");
}

TEST(Bjorklund, NegativePulsesInvertAndEdgesAreFullOrEmpty) {
  EXPECT_EQ(text(-3, 8), ".xx.xx.x");
  EXPECT_EQ(text(0, 4), "....");
  EXPECT_EQ(text(4, 4), "xxxx");
  EXPECT_EQ(text(1, 1), "x");
}

} // namespace
