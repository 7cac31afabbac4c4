// Image loading and lookup for `load` (LANGUAGE.md §8.5): PNG, JPEG and PPM/PGM fixtures written
// at test time, raw channel values, the bilinear clamp-to-edge formula, and every error path.
#include "io/image_file.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <jpeglib.h>
#include <png.h>
#include <unistd.h>
#include <zlib.h>

using weft::io::decode_image;
using weft::io::describe_image_error;
using weft::io::Image;
using weft::io::ImageChannel;
using weft::io::load_image;
using weft::io::LoadedImage;
using weft::io::resolve_image_path;
using weft::io::sample_image;

namespace fs = std::filesystem;

namespace {

constexpr int kR = 0, kG = 1, kB = 2, kA = 3, kLuma = 4;

/// A fresh directory per test, removed afterwards.
class ImageFile : public ::testing::Test {
protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("weft_image_test_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write_bytes(const std::string& name, const std::string& bytes) const {
    std::ofstream out(path(name), std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path(name);
  }

  static std::string read_bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  struct PngSpec {
    int width = 0, height = 0, color_type = PNG_COLOR_TYPE_RGB, bit_depth = 8;
    std::vector<unsigned char> data; // packed rows as PNG stores them (16-bit big-endian)
    std::vector<png_color> palette;
    std::vector<png_byte> trans_alpha;        // palette tRNS
    std::optional<png_color_16> trans_colour; // grey/RGB tRNS
    bool interlaced = false;
    std::optional<double> gamma; // a gAMA chunk, which must be ignored
  };

  std::string write_png(const std::string& name, const PngSpec& s) const {
    const std::string file = path(name);
    std::FILE* fp = std::fopen(file.c_str(), "wb");
    EXPECT_NE(fp, nullptr);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
      ADD_FAILURE() << "libpng write error";
      png_destroy_write_struct(&png, &info);
      std::fclose(fp);
      return file;
    }
    png_init_io(png, fp);
    png_set_IHDR(png, info, s.width, s.height, s.bit_depth, s.color_type,
                 s.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (!s.palette.empty()) {
      png_set_PLTE(png, info, s.palette.data(), static_cast<int>(s.palette.size()));
    }
    if (!s.trans_alpha.empty()) {
      png_set_tRNS(png, info, s.trans_alpha.data(), static_cast<int>(s.trans_alpha.size()),
                   nullptr);
    }
    if (s.trans_colour) {
      png_color_16 c = *s.trans_colour;
      png_set_tRNS(png, info, nullptr, 0, &c);
    }
    if (s.gamma) png_set_gAMA(png, info, *s.gamma);
    png_write_info(png, info);
    const std::size_t row_bytes = s.data.size() / s.height;
    std::vector<png_bytep> rows(s.height);
    std::vector<unsigned char> copy = s.data;
    for (int j = 0; j < s.height; ++j) rows[j] = copy.data() + j * row_bytes;
    png_write_image(png, rows.data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    std::fclose(fp);
    return file;
  }

  std::string write_jpeg(const std::string& name, int width, int height, int components,
                         const std::vector<unsigned char>& pixels, bool progressive) const {
    const std::string file = path(name);
    std::FILE* fp = std::fopen(file.c_str(), "wb");
    jpeg_compress_struct cinfo;
    jpeg_error_mgr err;
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, fp);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 100, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    std::vector<unsigned char> copy = pixels;
    while (cinfo.next_scanline < cinfo.image_height) {
      JSAMPROW row = copy.data() + cinfo.next_scanline * width * components;
      jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    std::fclose(fp);
    return file;
  }

  fs::path dir_;
};

Image load_ok(const std::string& file) {
  LoadedImage loaded = load_image(file);
  EXPECT_TRUE(loaded.ok()) << file << ": " << loaded.error;
  return loaded.ok() ? *loaded.image : Image{};
}

double t(const Image& image, int channel, int i, int j) {
  return image.texel(channel, i, j);
}

void expect_texel(const Image& image, int i, int j, double r, double g, double b, double a) {
  SCOPED_TRACE(::testing::Message() << "texel (" << i << ", " << j << ")");
  EXPECT_EQ(t(image, kR, i, j), r);
  EXPECT_EQ(t(image, kG, i, j), g);
  EXPECT_EQ(t(image, kB, i, j), b);
  EXPECT_EQ(t(image, kA, i, j), a);
}

// ---- PNG ---------------------------------------------------------------------------------------

TEST_F(ImageFile, PngRgb8IsStoredOver255WithAlphaOne) {
  PngSpec s;
  s.width = 2;
  s.height = 2;
  s.data = {255, 0, 0, 0, 128, 7, /* row 1 */ 1, 2, 3, 254, 253, 252};
  s.gamma = 1.0 / 2.2; // must not change anything
  Image image = load_ok(write_png("rgb8.png", s));
  ASSERT_EQ(image.width, 2);
  ASSERT_EQ(image.height, 2);
  EXPECT_EQ(weft::io::image_width(image), 2.0);
  EXPECT_EQ(weft::io::image_height(image), 2.0);
  expect_texel(image, 0, 0, 1.0, 0.0, 0.0, 1.0);
  expect_texel(image, 1, 0, 0.0, 128 / 255.0, 7 / 255.0, 1.0);
  expect_texel(image, 0, 1, 1 / 255.0, 2 / 255.0, 3 / 255.0, 1.0);
  expect_texel(image, 1, 1, 254 / 255.0, 253 / 255.0, 252 / 255.0, 1.0);
}

TEST_F(ImageFile, PngRgba16IsStoredOver65535) {
  PngSpec s;
  s.width = 2;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_RGBA;
  s.bit_depth = 16;
  s.data = {0x12, 0x34, 0xff, 0xff, 0x00, 0x01, 0x80, 0x00,
            0x00, 0x00, 0xab, 0xcd, 0xff, 0xfe, 0x00, 0x00};
  Image image = load_ok(write_png("rgba16.png", s));
  expect_texel(image, 0, 0, 0x1234 / 65535.0, 1.0, 1 / 65535.0, 0x8000 / 65535.0);
  expect_texel(image, 1, 0, 0.0, 0xabcd / 65535.0, 0xfffe / 65535.0, 0.0);
}

TEST_F(ImageFile, PngGreyReplicatesAndLumaUsesRawValues) {
  PngSpec s;
  s.width = 3;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.data = {0, 51, 255};
  Image image = load_ok(write_png("grey.png", s));
  expect_texel(image, 1, 0, 0.2, 0.2, 0.2, 1.0);
  expect_texel(image, 2, 0, 1.0, 1.0, 1.0, 1.0);
  const double g = 51 / 255.0;
  EXPECT_EQ(t(image, kLuma, 1, 0), 0.2126 * g + 0.7152 * g + 0.0722 * g);
}

TEST_F(ImageFile, PngGreyAlpha8And16) {
  PngSpec s;
  s.width = 2;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;
  s.data = {10, 20, 250, 0};
  Image image = load_ok(write_png("ga8.png", s));
  expect_texel(image, 0, 0, 10 / 255.0, 10 / 255.0, 10 / 255.0, 20 / 255.0);
  expect_texel(image, 1, 0, 250 / 255.0, 250 / 255.0, 250 / 255.0, 0.0);
  s.bit_depth = 16;
  s.data = {0x01, 0x00, 0xff, 0xff, 0x00, 0x02, 0x7f, 0xff};
  image = load_ok(write_png("ga16.png", s));
  expect_texel(image, 0, 0, 256 / 65535.0, 256 / 65535.0, 256 / 65535.0, 1.0);
  expect_texel(image, 1, 0, 2 / 65535.0, 2 / 65535.0, 2 / 65535.0, 0x7fff / 65535.0);
}

TEST_F(ImageFile, PngGrey16AndRgb16) {
  PngSpec s;
  s.width = 1;
  s.height = 2;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.bit_depth = 16;
  s.data = {0x00, 0x03, 0xff, 0xff};
  Image image = load_ok(write_png("g16.png", s));
  expect_texel(image, 0, 0, 3 / 65535.0, 3 / 65535.0, 3 / 65535.0, 1.0);
  expect_texel(image, 0, 1, 1.0, 1.0, 1.0, 1.0);
  s.color_type = PNG_COLOR_TYPE_RGB;
  s.data = {0, 1, 0, 2, 0, 3, 0xff, 0xff, 0x80, 0x00, 0, 0};
  image = load_ok(write_png("rgb16.png", s));
  expect_texel(image, 0, 0, 1 / 65535.0, 2 / 65535.0, 3 / 65535.0, 1.0);
  expect_texel(image, 0, 1, 1.0, 0x8000 / 65535.0, 0.0, 1.0);
}

TEST_F(ImageFile, PngLowBitDepthGreyIsStoredOverFormatMax) {
  // 1-bit: 8 pixels 1,0,1,1,0,0,0,1; 2-bit: 0,1,2,3; 4-bit: 0,5,15,9.
  PngSpec s;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.width = 8;
  s.bit_depth = 1;
  s.data = {0b10110001};
  Image image = load_ok(write_png("g1.png", s));
  const int bits[8] = {1, 0, 1, 1, 0, 0, 0, 1};
  for (int i = 0; i < 8; ++i) expect_texel(image, i, 0, bits[i], bits[i], bits[i], 1.0);
  s.width = 4;
  s.bit_depth = 2;
  s.data = {0b00011011};
  image = load_ok(write_png("g2.png", s));
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t(image, kG, i, 0), i / 3.0);
    EXPECT_EQ(t(image, kA, i, 0), 1.0);
  }
  s.bit_depth = 4;
  s.data = {0x05, 0xf9};
  image = load_ok(write_png("g4.png", s));
  const int nibbles[4] = {0, 5, 15, 9};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(t(image, kB, i, 0), nibbles[i] / 15.0);
}

TEST_F(ImageFile, PngPaletteWithTrnsAtEveryDepth) {
  for (int depth : {1, 2, 4, 8}) {
    SCOPED_TRACE(depth);
    PngSpec s;
    s.width = 2;
    s.height = 1;
    s.color_type = PNG_COLOR_TYPE_PALETTE;
    s.bit_depth = depth;
    s.palette = {{10, 20, 30}, {200, 100, 0}};
    s.trans_alpha = {128}; // entry 1 has no tRNS entry: opaque
    // Pixels: index 1 then index 0, packed from the high bits.
    s.data = {static_cast<unsigned char>(1 << (8 - depth))};
    if (depth == 8) s.data = {1, 0};
    Image image = load_ok(write_png("pal" + std::to_string(depth) + ".png", s));
    expect_texel(image, 0, 0, 200 / 255.0, 100 / 255.0, 0.0, 1.0);
    expect_texel(image, 1, 0, 10 / 255.0, 20 / 255.0, 30 / 255.0, 128 / 255.0);
  }
}

TEST_F(ImageFile, PngPaletteWithoutTrnsIsOpaque) {
  PngSpec s;
  s.width = 1;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_PALETTE;
  s.palette = {{1, 2, 3}};
  s.data = {0};
  Image image = load_ok(write_png("pal.png", s));
  expect_texel(image, 0, 0, 1 / 255.0, 2 / 255.0, 3 / 255.0, 1.0);
}

TEST_F(ImageFile, PngGreyTrnsColourBecomesTransparent) {
  PngSpec s;
  s.width = 2;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.data = {7, 8};
  png_color_16 c{};
  c.gray = 7;
  s.trans_colour = c;
  Image image = load_ok(write_png("gtrns.png", s));
  expect_texel(image, 0, 0, 7 / 255.0, 7 / 255.0, 7 / 255.0, 0.0);
  expect_texel(image, 1, 0, 8 / 255.0, 8 / 255.0, 8 / 255.0, 1.0);
}

TEST_F(ImageFile, PngInterlacedMatchesItsPixels) {
  PngSpec s;
  s.width = 9;
  s.height = 7;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.interlaced = true;
  for (int k = 0; k < 63; ++k) s.data.push_back(static_cast<unsigned char>(k * 4));
  Image image = load_ok(write_png("adam7.png", s));
  for (int j = 0; j < 7; ++j) {
    for (int i = 0; i < 9; ++i) EXPECT_EQ(t(image, kR, i, j), (j * 9 + i) * 4 / 255.0);
  }
}

// ---- JPEG --------------------------------------------------------------------------------------

TEST_F(ImageFile, JpegFlatColourDecodesWithinOneStep) {
  for (bool progressive : {false, true}) {
    SCOPED_TRACE(progressive ? "progressive" : "baseline");
    const int w = 16, h = 8;
    std::vector<unsigned char> pixels;
    for (int k = 0; k < w * h; ++k) pixels.insert(pixels.end(), {200, 40, 90});
    const std::string file =
        write_jpeg(progressive ? "p.jpg" : "b.jpg", w, h, 3, pixels, progressive);
    Image image = load_ok(file);
    ASSERT_EQ(image.width, w);
    ASSERT_EQ(image.height, h);
    for (int j = 0; j < h; ++j) {
      for (int i = 0; i < w; ++i) {
        // Values are k / 255 for an integer k; colour conversion may move k by one.
        for (int c = 0; c < 3; ++c) {
          const double v = t(image, c, i, j);
          EXPECT_EQ(v, std::round(v * 255) / 255);
          EXPECT_NEAR(v, pixels[c] / 255.0, 1.0 / 255 + 1e-12);
        }
        EXPECT_EQ(t(image, kA, i, j), 1.0);
      }
    }
  }
}

TEST_F(ImageFile, JpegGreyIsExactAndReplicated) {
  const int w = 8, h = 8;
  std::vector<unsigned char> pixels(w * h, 77);
  Image image = load_ok(write_jpeg("g.jpg", w, h, 1, pixels, false));
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) expect_texel(image, i, j, 77 / 255.0, 77 / 255.0, 77 / 255.0, 1);
  }
}

TEST_F(ImageFile, JpegTopRowFirstAndLossyWithinTolerance) {
  // Top half white, bottom half black: the first stored row is row 0.
  const int w = 16, h = 16;
  std::vector<unsigned char> pixels;
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) {
      const unsigned char v = j < 8 ? 255 : 0;
      pixels.insert(pixels.end(), {v, v, v});
    }
  }
  Image image = load_ok(write_jpeg("tb.jpg", w, h, 3, pixels, true));
  EXPECT_NEAR(t(image, kR, 3, 0), 1.0, 2.0 / 255);
  EXPECT_NEAR(t(image, kG, 3, 15), 0.0, 2.0 / 255);
}

// ---- PPM / PGM ---------------------------------------------------------------------------------

TEST_F(ImageFile, P3AsciiWithComments) {
  const std::string file = write_bytes("a.ppm", "P3 # a comment\n# another\n2 1\n# max\n255\n"
                                                "255 0 10  # first\n 0 128 255\n");
  Image image = load_ok(file);
  expect_texel(image, 0, 0, 1.0, 0.0, 10 / 255.0, 1.0);
  expect_texel(image, 1, 0, 0.0, 128 / 255.0, 1.0, 1.0);
}

TEST_F(ImageFile, P2AsciiMaxval1000) {
  Image image = load_ok(write_bytes("a.pgm", "P2\n3 2\n1000\n0 1 999\n1000 500 250\n"));
  ASSERT_EQ(image.width, 3);
  ASSERT_EQ(image.height, 2);
  expect_texel(image, 2, 0, 0.999, 0.999, 0.999, 1.0);
  expect_texel(image, 0, 1, 1.0, 1.0, 1.0, 1.0);
  EXPECT_EQ(t(image, kR, 1, 0), 1 / 1000.0);
  EXPECT_EQ(t(image, kR, 1, 1), 0.5);
}

TEST_F(ImageFile, P5BinaryMaxval255And1000And65535) {
  std::string bytes = "P5\n2 1\n255\n";
  bytes += std::string("\x00\xfe", 2);
  Image image = load_ok(write_bytes("b8.pgm", bytes));
  EXPECT_EQ(t(image, kG, 1, 0), 254 / 255.0);
  bytes = "P5 # c\n2 1 1000\n";
  bytes += std::string("\x03\xe8\x01\xf4", 4); // 1000, 500 big-endian
  image = load_ok(write_bytes("b1000.pgm", bytes));
  expect_texel(image, 0, 0, 1.0, 1.0, 1.0, 1.0);
  expect_texel(image, 1, 0, 0.5, 0.5, 0.5, 1.0);
  bytes = "P5\n2 1\n65535\n";
  bytes += std::string("\xff\xfe\x00\x01", 4);
  image = load_ok(write_bytes("b65535.pgm", bytes));
  EXPECT_EQ(t(image, kB, 0, 0), 65534 / 65535.0);
  EXPECT_EQ(t(image, kB, 1, 0), 1 / 65535.0);
}

TEST_F(ImageFile, P6BinaryMaxval15And65535) {
  std::string bytes = "P6\n1 2\n15\n";
  bytes += std::string("\x0f\x00\x05\x01\x02\x03", 6);
  Image image = load_ok(write_bytes("c15.ppm", bytes));
  expect_texel(image, 0, 0, 1.0, 0.0, 5 / 15.0, 1.0);
  expect_texel(image, 0, 1, 1 / 15.0, 2 / 15.0, 3 / 15.0, 1.0);
  bytes = "P6\n1 1\n65535\n";
  bytes += std::string("\x12\x34\x00\x00\xff\xff", 6);
  image = load_ok(write_bytes("c16.ppm", bytes));
  expect_texel(image, 0, 0, 0x1234 / 65535.0, 0.0, 1.0, 1.0);
}

TEST_F(ImageFile, P2Maxval1) {
  Image image = load_ok(write_bytes("m1.pgm", "P2 2 1 1 1 0"));
  EXPECT_EQ(t(image, kR, 0, 0), 1.0);
  EXPECT_EQ(t(image, kR, 1, 0), 0.0);
}

TEST_F(ImageFile, FormatIsDetectedFromContentsNotName) {
  Image image = load_ok(write_bytes("really_a_ppm.png", "P3 1 1 255 1 2 3\n"));
  expect_texel(image, 0, 0, 1 / 255.0, 2 / 255.0, 3 / 255.0, 1.0);
  PngSpec s;
  s.width = 1;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.data = {9};
  const std::string png = write_png("x.png", s);
  image = load_ok(write_bytes("really_a_png.jpg", read_bytes(png)));
  EXPECT_EQ(t(image, kR, 0, 0), 9 / 255.0);
}

// ---- Lookup (§8.5) -----------------------------------------------------------------------------

Image make_image(int width, int height, const std::vector<double>& grey) {
  Image image;
  image.width = width;
  image.height = height;
  for (double v : grey) image.rgba.insert(image.rgba.end(), {v, v * 0.5, 1 - v, 0.25});
  return image;
}

/// The §8.5 formula written out independently, for comparison.
double reference(const Image& image, int c, double u, double v) {
  if (std::isnan(u) || std::isnan(v)) return 0;
  u = std::fmin(std::fmax(u, -1.0), 2.0);
  v = std::fmin(std::fmax(v, -1.0), 2.0);
  const double px = u * image.width - 0.5, py = v * image.height - 0.5;
  const double i0 = std::floor(px), j0 = std::floor(py);
  const double fx = px - i0, fy = py - j0;
  auto C = [&](double i, double j) {
    const int ii = static_cast<int>(std::fmin(std::fmax(i, 0), image.width - 1));
    const int jj = static_cast<int>(std::fmin(std::fmax(j, 0), image.height - 1));
    return image.texel(c, ii, jj);
  };
  const double top = (1 - fx) * C(i0, j0) + fx * C(i0 + 1, j0);
  const double bottom = (1 - fx) * C(i0, j0 + 1) + fx * C(i0 + 1, j0 + 1);
  return (1 - fy) * top + fy * bottom;
}

TEST(ImageSample, TexelCentresReturnTheTexelExactlyForPowerOfTwoSizes) {
  const Image image = make_image(4, 2, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8});
  for (int j = 0; j < 2; ++j) {
    for (int i = 0; i < 4; ++i) {
      for (int c = 0; c < 5; ++c) {
        EXPECT_EQ(sample_image(image, c, (i + 0.5) / 4, (j + 0.5) / 2), image.texel(c, i, j));
      }
    }
  }
}

TEST(ImageSample, TexelCentresOfOtherSizesWithinRounding) {
  // ((i + 0.5) / W) * W - 0.5 is not always exactly i in binary64 (e.g. W = 11, i = 7), so the
  // lookup there differs from the texel by a rounding error only.
  std::vector<double> grey;
  for (int k = 0; k < 33; ++k) grey.push_back(std::fmod(k * 0.37, 1.0));
  const Image image = make_image(11, 3, grey);
  for (int j = 0; j < 3; ++j) {
    for (int i = 0; i < 11; ++i) {
      EXPECT_NEAR(sample_image(image, kR, (i + 0.5) / 11, (j + 0.5) / 3), image.texel(kR, i, j),
                  1e-15);
    }
  }
}

TEST(ImageSample, BilinearMidpoints) {
  const Image image = make_image(2, 2, {0.0, 1.0, 0.5, 0.25});
  EXPECT_EQ(sample_image(image, kR, 0.5, 0.25), 0.5);  // between (0,0) and (1,0)
  EXPECT_EQ(sample_image(image, kR, 0.25, 0.5), 0.25); // between (0,0) and (0,1)
  EXPECT_EQ(sample_image(image, kR, 0.5, 0.5), (0.0 + 1.0 + 0.5 + 0.25) / 4);
  EXPECT_EQ(sample_image(image, kR, 0.375, 0.25), 0.25); // a quarter of the way
}

TEST(ImageSample, ClampsToEdge) {
  const Image image = make_image(2, 1, {0.2, 0.8});
  EXPECT_EQ(sample_image(image, kR, 0.0, 0.5), 0.2);
  EXPECT_EQ(sample_image(image, kR, 0.1, 0.0), 0.2);
  EXPECT_EQ(sample_image(image, kR, 1.0, 1.0), 0.8);
  EXPECT_EQ(sample_image(image, kR, 0.99, 0.7), 0.8);
  EXPECT_EQ(sample_image(image, kG, 1.5, -0.5), 0.4);
}

TEST(ImageSample, UAndVAreClampedToMinusOneAndTwo) {
  const Image image = make_image(2, 1, {0.2, 0.8});
  EXPECT_EQ(sample_image(image, kR, 1e300, 0.5), 0.8);
  EXPECT_EQ(sample_image(image, kR, -1e300, 0.5), 0.2);
  EXPECT_EQ(sample_image(image, kR, std::numeric_limits<double>::infinity(), 0.5), 0.8);
  EXPECT_EQ(sample_image(image, kR, 0.5, -std::numeric_limits<double>::infinity()), 0.5);
}

TEST(ImageSample, NanGivesZero) {
  const Image image = make_image(1, 1, {0.7});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int c = 0; c < 5; ++c) {
    EXPECT_EQ(sample_image(image, c, nan, 0.5), 0.0);
    EXPECT_EQ(sample_image(image, c, 0.5, nan), 0.0);
  }
  EXPECT_EQ(sample_image(image, kA, 0.5, 0.5), 0.25);
}

TEST(ImageSample, MatchesTheSpecFormulaEverywhere) {
  std::vector<double> grey;
  for (int k = 0; k < 15; ++k) grey.push_back(std::fmod(k * 0.618, 1.0));
  const Image image = make_image(5, 3, grey);
  for (double u = -1.3; u < 2.4; u += 0.0371) {
    for (double v = -1.2; v < 2.3; v += 0.0493) {
      for (int c = 0; c < 5; ++c) {
        ASSERT_EQ(sample_image(image, c, u, v), reference(image, c, u, v)) << u << " " << v;
      }
    }
  }
}

TEST(ImageSample, LumaIsTheWeightedSumOfRawValues) {
  Image image;
  image.width = 1;
  image.height = 1;
  image.rgba = {0.1, 0.6, 0.9, 0.3};
  EXPECT_EQ(sample_image(image, ImageChannel::kLuma, 0.5, 0.5),
            0.2126 * 0.1 + 0.7152 * 0.6 + 0.0722 * 0.9);
  EXPECT_EQ(sample_image(image, 7, 0.5, 0.5), 0.0);
}

TEST(ImageSample, FirstStoredRowIsTheTop) {
  const Image image = make_image(1, 2, {0.0, 1.0});
  EXPECT_EQ(sample_image(image, kR, 0.5, 0.0), 0.0);
  EXPECT_EQ(sample_image(image, kR, 0.5, 1.0), 1.0);
}

// ---- Paths and errors --------------------------------------------------------------------------

TEST(ImagePath, ResolvesRelativeToTheProgramDirectory) {
  EXPECT_EQ(resolve_image_path("/a/b/prog.weft", "cat.png"), "/a/b/cat.png");
  EXPECT_EQ(resolve_image_path("/a/b/prog.weft", "img/cat.png"), "/a/b/img/cat.png");
  EXPECT_EQ(resolve_image_path("/a/b/prog.weft", "/abs/cat.png"), "/abs/cat.png");
  EXPECT_EQ(resolve_image_path("prog.weft", "cat.png"), "cat.png");
  EXPECT_EQ(resolve_image_path("dir/prog.weft", "cat.png"), "dir/cat.png");
  EXPECT_EQ(describe_image_error("cat.png", "no such file"),
            "cannot open image 'cat.png': no such file");
}

TEST_F(ImageFile, MissingFileAndDirectory) {
  EXPECT_EQ(load_image(path("cat.png")).error, "no such file");
  EXPECT_EQ(load_image(path("nodir/cat.png")).error, "no such file");
  EXPECT_FALSE(load_image(path("cat.png")).ok());
  EXPECT_EQ(load_image(dir_.string()).error, "is a directory");
}

TEST_F(ImageFile, UnreadableFile) {
  const std::string file = write_bytes("locked.ppm", "P2 1 1 255 0");
  fs::permissions(file, fs::perms::none);
  if (::access(file.c_str(), R_OK) == 0) GTEST_SKIP() << "running as root";
  EXPECT_EQ(load_image(file).error, "permission denied");
}

TEST_F(ImageFile, WrongContentsAreNotAnImage) {
  EXPECT_EQ(load_image(write_bytes("text.png", "hello, world\n")).error,
            "not a PNG, JPEG or PPM/PGM image");
  EXPECT_EQ(load_image(write_bytes("empty.png", "")).error, "empty file");
  EXPECT_EQ(load_image(write_bytes("gif.png", "GIF89a....")).error,
            "not a PNG, JPEG or PPM/PGM image");
  EXPECT_EQ(load_image(write_bytes("p", "P")).error, "not a PNG, JPEG or PPM/PGM image");
  EXPECT_EQ(load_image(write_bytes("pbm.pbm", "P1 1 1 1")).error,
            "unsupported Netpbm format P1 (bitmap); use P2, P3, P5 or P6");
  EXPECT_EQ(load_image(write_bytes("pam.pam", "P7\nWIDTH 1\n")).error,
            "unsupported Netpbm format P7; use P2, P3, P5 or P6");
}

TEST_F(ImageFile, CorruptNetpbmFiles) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"P2", "corrupt PGM: bad header"},
      {"P2 ", "corrupt PGM: unexpected end of file in width"},
      {"P2 1 1", "corrupt PGM: unexpected end of file in maxval"},
      {"P2x 1 1 255 0", "corrupt PGM: bad header"},
      {"P3 1 1 255 1 2", "corrupt PPM: unexpected end of file"},
      {"P3 2 1 255 1 2 3 4 5", "corrupt PPM: unexpected end of file"},
      {"P2 1 1 255 256", "corrupt PGM: sample value 256 exceeds maxval 255"},
      {"P2 1 1 0 0", "corrupt PGM: maxval 0 outside 1..65535"},
      {"P2 1 1 65536 0", "corrupt PGM: maxval 65536 outside 1..65535"},
      {"P2 0 1 255", "corrupt PGM: image has no pixels"},
      {"P2 a 1 255 0", "corrupt PGM: expected a number for width"},
      {"P2 1 1 255 x", "corrupt PGM: expected a number for a sample"},
      {"P5 2 1 255\n\x01", "corrupt PGM: unexpected end of file"},
      {"P5 1 1 255", "corrupt PGM: bad header"},
      {"P5 1 1 1000\n\x01", "corrupt PGM: unexpected end of file"},
      {std::string("P5 1 1 1000\n\x03\xe9", 14),
       "corrupt PGM: sample value 1001 exceeds maxval 1000"},
      {"P6 100000 100000 255\n", "image too large (100000 x 100000)"},
      {"P6 99999999999999999999 1 255\n", "corrupt PPM: number too large for width"},
      {"P6 2 2 255\nabc", "corrupt PPM: unexpected end of file"},
  };
  int k = 0;
  for (const auto& [bytes, error] : cases) {
    EXPECT_EQ(load_image(write_bytes(std::to_string(k++) + ".pnm", bytes)).error, error) << bytes;
  }
}

TEST_F(ImageFile, TruncatedAndCorruptPngGiveErrors) {
  PngSpec s;
  s.width = 32;
  s.height = 32;
  s.color_type = PNG_COLOR_TYPE_RGBA;
  for (int k = 0; k < 32 * 32 * 4; ++k) s.data.push_back(static_cast<unsigned char>(k * 7));
  const std::string good = read_bytes(write_png("good.png", s));
  ASSERT_TRUE(
      decode_image({reinterpret_cast<const unsigned char*>(good.data()), good.size()}).ok());
  // Every truncation is an error, never a crash.
  for (std::size_t n = 1; n < good.size(); n += (n < 64 ? 1 : 13)) {
    const std::string cut = good.substr(0, n);
    const LoadedImage loaded =
        decode_image({reinterpret_cast<const unsigned char*>(cut.data()), cut.size()});
    ASSERT_FALSE(loaded.ok()) << n;
    if (n >= 8) {
      EXPECT_EQ(loaded.error.rfind("corrupt PNG: ", 0), 0u) << loaded.error;
    }
  }
  EXPECT_EQ(load_image(write_bytes("t.png", good.substr(0, good.size() / 2))).error,
            "corrupt PNG: unexpected end of file");
  // A flipped byte in IHDR breaks its CRC.
  std::string bad = good;
  bad[20] ^= 0x40;
  EXPECT_EQ(load_image(write_bytes("crc.png", bad)).error.rfind("corrupt PNG: ", 0), 0u);
  // Every single-byte corruption either decodes or reports an error.
  for (std::size_t at = 8; at < good.size(); at += 3) {
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0xa5);
    const LoadedImage loaded =
        decode_image({reinterpret_cast<const unsigned char*>(flipped.data()), flipped.size()});
    EXPECT_TRUE(loaded.ok() || !loaded.error.empty());
  }
}

TEST_F(ImageFile, HugePngHeaderIsRejectedBeforeAllocating) {
  PngSpec s;
  s.width = 1;
  s.height = 1;
  s.color_type = PNG_COLOR_TYPE_GRAY;
  s.data = {0};
  std::string bytes = read_bytes(write_png("one.png", s));
  // Patch IHDR to 60000 x 60000 and fix its CRC.
  const unsigned char size[8] = {0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60};
  for (int k = 0; k < 8; ++k) bytes[16 + k] = static_cast<char>(size[k]);
  const unsigned long crc = crc32(0, reinterpret_cast<const unsigned char*>(bytes.data()) + 12, 17);
  for (int k = 0; k < 4; ++k) bytes[29 + k] = static_cast<char>((crc >> (24 - 8 * k)) & 0xff);
  EXPECT_EQ(load_image(write_bytes("huge.png", bytes)).error, "image too large (60000 x 60000)");
}

TEST_F(ImageFile, TruncatedAndCorruptJpegGiveErrors) {
  const int w = 32, h = 32;
  std::vector<unsigned char> pixels;
  for (int k = 0; k < w * h * 3; ++k) pixels.push_back(static_cast<unsigned char>(k * 13));
  for (bool progressive : {false, true}) {
    const std::string good = read_bytes(write_jpeg("good.jpg", w, h, 3, pixels, progressive));
    ASSERT_TRUE(
        decode_image({reinterpret_cast<const unsigned char*>(good.data()), good.size()}).ok());
    for (std::size_t n = 3; n < good.size() - 2; n += (n < 64 ? 1 : 17)) {
      const std::string cut = good.substr(0, n);
      const LoadedImage loaded =
          decode_image({reinterpret_cast<const unsigned char*>(cut.data()), cut.size()});
      ASSERT_FALSE(loaded.ok()) << n;
      EXPECT_EQ(loaded.error.rfind("corrupt JPEG: ", 0), 0u) << loaded.error;
    }
    for (std::size_t at = 3; at < good.size(); at += 5) {
      std::string flipped = good;
      flipped[at] = static_cast<char>(flipped[at] ^ 0x5a);
      const LoadedImage loaded =
          decode_image({reinterpret_cast<const unsigned char*>(flipped.data()), flipped.size()});
      EXPECT_TRUE(loaded.ok() || !loaded.error.empty());
    }
  }
  EXPECT_EQ(load_image(write_bytes("soi.jpg", "\xff\xd8\xff")).error.rfind("corrupt JPEG: ", 0),
            0u);
}

} // namespace

namespace {

TEST(ImageFileDevices, DevicesAreNotReadAsImages) {
  // A program may name any path; a device must give an error at once, never hang or fill memory.
  EXPECT_EQ(weft::io::load_image("/dev/zero").error, "not a regular file");
  EXPECT_EQ(weft::io::load_image("/dev/null").error, "not a regular file");
}

} // namespace
