// Images in pictures (LANGUAGE.md §8.5, CLI.md `render`): `load` samples its file bilinearly
// with clamp-to-edge, texel centres at (i + 0.5) / W, without gamma; its strands remap like any
// other; `camera` is black offline with a `device` warning. The expected values come from the
// fixture's texels and the spec's formula written out here, not from weft's own sampler.
#include "render_helpers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <gtest/gtest.h>

namespace weft::test {
namespace {

// tests/fixtures/a.png is 4 × 2 RGB: red by column, green by row, blue constant.
constexpr std::array<int, 4> kRed = {32, 96, 159, 223};
constexpr std::array<int, 2> kGreen = {64, 191};
constexpr int kBlue = 128;

double texel(int channel, int i, int j) {
  i = std::clamp(i, 0, 3);
  j = std::clamp(j, 0, 1);
  const double r = kRed[i] / 255.0, g = kGreen[j] / 255.0, b = kBlue / 255.0;
  switch (channel) {
  case 0:
    return r;
  case 1:
    return g;
  case 2:
    return b;
  default:
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; // luma
  }
}

/// The §8.5 lookup of the fixture at (u, v).
double sample(int channel, double u, double v) {
  const double x = std::clamp(u, -1.0, 2.0) * 4 - 0.5;
  const double y = std::clamp(v, -1.0, 2.0) * 2 - 0.5;
  const int i0 = static_cast<int>(std::floor(x));
  const int j0 = static_cast<int>(std::floor(y));
  const double fx = x - i0, fy = y - j0;
  return (1 - fy) * ((1 - fx) * texel(channel, i0, j0) + fx * texel(channel, i0 + 1, j0)) +
         fy * ((1 - fx) * texel(channel, i0, j0 + 1) + fx * texel(channel, i0 + 1, j0 + 1));
}

/// The byte a float lane holding `v` becomes.
int out_byte(double v) {
  const double f = std::clamp(static_cast<double>(static_cast<float>(v)), 0.0, 1.0);
  return static_cast<int>(std::floor(f * 255 + 0.5));
}

class Images : public RenderTest {
protected:
  void SetUp() override {
    std::filesystem::copy_file(source_path("tests/fixtures/a.png"), dir.file("a.png"));
  }
};

TEST_F(Images, LoadIsBilinearWithClampToEdgeAndTexelCentres) {
  Png png = render_png("img<r, g, b> = load(\"a.png\")\ndisplay(img)\n", {"--size", "8x4"});
  ASSERT_EQ(png.width, 8U);
  for (std::uint32_t row = 0; row < 4; ++row) {
    for (std::uint32_t col = 0; col < 8; ++col) {
      const double u = (col + 0.5) / 8, v = (row + 0.5) / 4;
      for (int c = 0; c < 3; ++c) {
        EXPECT_EQ(png.at(col, row, c), out_byte(sample(c, u, v))) << col << "," << row << "," << c;
      }
    }
  }
  // Spot values a user can check by hand: the left edge clamps to the first texel (32), the
  // next pixel is a quarter of the way to the second (48); rows blend green 64 → 191.
  EXPECT_EQ(png.at(0, 0, 0), 32);
  EXPECT_EQ(png.at(1, 0, 0), 48);
  EXPECT_EQ(png.at(0, 0, 1), 64);
  EXPECT_EQ(png.at(0, 1, 1), 96);
  EXPECT_EQ(png.at(0, 3, 1), 191);
}

TEST_F(Images, TexelCentresReturnTheTexelExactly) {
  // At the image's own size every pixel centre is a texel centre: the file comes back unchanged.
  Png png = render_png("img<r, g, b> = load(\"a.png\")\ndisplay(img)\n", {"--size", "4x2"});
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t col = 0; col < 4; ++col) {
      EXPECT_EQ(png.at(col, row, 0), kRed[col]);
      EXPECT_EQ(png.at(col, row, 1), kGreen[row]);
      EXPECT_EQ(png.at(col, row, 2), kBlue);
    }
  }
}

TEST_F(Images, RemapsPositionalSamplingLumaAndSizeChannels) {
  Png png = render_png("img<r, g, b, width, height> = load(\"a.png\")\n"
                       "mirror<v> = img@r(me@x ~ 1 - me@x)\n"
                       "grey<v> = load(\"a.png\")\n" // the default channel is luma
                       "display(mirror@v, grey@v(0.3, 0.6), img@width / 8 + img@height / 4)\n",
                       {"--size", "8x4"});
  for (std::uint32_t row = 0; row < 4; ++row) {
    for (std::uint32_t col = 0; col < 8; ++col) {
      const double u = (col + 0.5) / 8, v = (row + 0.5) / 4;
      EXPECT_EQ(png.at(col, row, 0), out_byte(sample(0, 1 - u, v))) << col << "," << row;
      EXPECT_EQ(png.at(col, row, 1), out_byte(sample(3, 0.3, 0.6)));
      EXPECT_EQ(png.at(col, row, 2), 255); // 4 / 8 + 2 / 4
    }
  }
}

TEST_F(Images, SamplesOutsideTheImageClampAndNanGivesZero) {
  Png png = render_png("img<r> = load(\"a.png\")\n"
                       "display(img@r(-5, 0.5), img@r(7, 0.5), img@r(0 / 0, 0.5))\n",
                       {"--size", "2x2"});
  EXPECT_EQ(png.at(0, 0, 0), 32);
  EXPECT_EQ(png.at(1, 1, 1), 223);
  EXPECT_EQ(png.at(0, 1, 2), 0);
}

TEST_F(Images, PathsAreRelativeToTheProgramNotTheWorkingDirectory) {
  std::filesystem::create_directory(dir.path() / "elsewhere");
  CommandResult r = run_weft({"render", dir.write("p.weft", "display(load(\"a.png\"))\n"), "-o",
                              dir.file("out.png"), "--size", "4x2"},
                             dir.file("elsewhere"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("out.png")));
}

TEST_F(Images, MissingOrCorruptFileIsACompileErrorAtThePath) {
  CommandResult r = render("\nimg<r> = load(\"nope.png\")\ndisplay(img@r)\n", "out.png");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("p.weft:2:15: error[resource]: cannot open image 'nope.png': no such file"),
            std::string::npos)
      << r.err;
  dir.write("bad.png", "\x89PNG\r\n\x1a\nnot really");
  r = render("img<r> = load(\"bad.png\")\ndisplay(img@r)\n", "out.png");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error[resource]: cannot open image 'bad.png': corrupt PNG"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.png")));
}

TEST_F(Images, CameraIsBlackOfflineWithADeviceWarning) {
  CommandResult r = render("cam<r, g, b, a> = camera()\n"
                           "grey<v> = camera()\n"
                           "render(r: cam@r + 0.5, g: cam@g, b: cam@b + grey@v, a: cam@a)\n",
                           "out.png", {"--size", "2x2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning[device]: no camera available: 'camera' reads black"),
            std::string::npos)
      << r.err;
  Png png = read_png(dir.file("out.png"));
  ASSERT_EQ(png.channels, 4);
  EXPECT_EQ(png.at(1, 1, 0), 128);
  EXPECT_EQ(png.at(1, 1, 1), 0);
  EXPECT_EQ(png.at(1, 1, 2), 0);
  EXPECT_EQ(png.at(1, 1, 3), 255);
}

} // namespace
} // namespace weft::test
