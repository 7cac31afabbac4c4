// Output naming of `weft render` (CLI.md): frame lists and printf-style frame patterns.
#include "io/frame_output.h"

#include <gtest/gtest.h>

using namespace weft::io;

namespace {

TEST(FrameOutput, FrameListsInEveryForm) {
  EXPECT_EQ(parse_frames("7"), (std::vector<std::int64_t>{7}));
  EXPECT_EQ(parse_frames("0,45,3"), (std::vector<std::int64_t>{0, 45, 3}));
  EXPECT_EQ(parse_frames("2..5"), (std::vector<std::int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(parse_frames("4..4"), (std::vector<std::int64_t>{4}));
  for (std::string bad : {"", "-1", "5..2", "a", "1,,2", "1,", "0..1000000", "1.5"}) {
    EXPECT_FALSE(parse_frames(bad).has_value()) << bad;
  }
}

TEST(FrameOutput, PatternsFormatFrameNumbers) {
  EXPECT_EQ(parse_output_pattern("f_%04d.png")->format(7), "f_0007.png");
  EXPECT_EQ(parse_output_pattern("f_%d.png")->format(12), "f_12.png");
  EXPECT_EQ(parse_output_pattern("f_%3d.png")->format(5), "f_  5.png");
  EXPECT_EQ(parse_output_pattern("100%%_%d.ppm")->format(1), "100%_1.ppm");
  EXPECT_EQ(parse_output_pattern("still.png")->format(3), "still.png");
  EXPECT_FALSE(parse_output_pattern("still.png")->has_pattern);
  for (std::string bad : {"a%.png", "%d_%d.png", "%s.png", "%123d.png"}) {
    EXPECT_FALSE(parse_output_pattern(bad).has_value()) << bad;
  }
}

} // namespace
