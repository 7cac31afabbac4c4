// The image writers (src/io/image_write.h): the output stage of LANGUAGE.md §9.1, exact PFM and
// PPM bytes, PNG read back with libpng, and atomic writes that leave nothing behind on failure.
#include "io/image_write.h"

#include <png.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace weft::io {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ImageWrite : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("weft-image-write-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(OutputStage, NanIsZeroThenClampThenRound) {
  EXPECT_EQ(output_value(kNan), 0.0F);
  EXPECT_EQ(output_value(kInf), 1.0F);
  EXPECT_EQ(output_value(-kInf), 0.0F);
  EXPECT_EQ(output_value(0.25F), 0.25F);
  EXPECT_EQ(output_byte(kNan), 0);
  EXPECT_EQ(output_byte(2.0F), 255);
  EXPECT_EQ(output_byte(-0.5F), 0);
  EXPECT_EQ(output_byte(0.5F), 128);  // 127.5 + 0.5 = 128
  EXPECT_EQ(output_byte(0.125F), 32); // 31.875 + 0.5 → 32
  EXPECT_EQ(output_byte(1.0F / 255 * 0.49F), 0);
}

TEST(Formats, ByExtension) {
  EXPECT_EQ(image_format_of("a/b.PNG"), ImageFormat::Png);
  EXPECT_EQ(image_format_of("x.pfm"), ImageFormat::Pfm);
  EXPECT_EQ(image_format_of("x.ppm"), ImageFormat::Ppm);
  EXPECT_FALSE(image_format_of("x.jpg").has_value());
  EXPECT_FALSE(image_format_of("png").has_value());
}

// 2 × 2: top row (0.25, NaN, 2, a 0.5) (1, 0, 0.5, a 1); bottom row (0, 0, 0, a 0) (-1, inf, 0.75,
// a 1)
const std::vector<float> kPixels = {0.25F, kNan, 2, 0.5F, 1,  0,    0.5F,  1,
                                    0,     0,    0, 0,    -1, kInf, 0.75F, 1};

TEST(Encode, PfmHeaderRowsBottomToTopLittleEndian) {
  const std::string bytes = encode_pfm({2, 2, kPixels});
  const std::string header = "PF\n2 2\n-1.0\n";
  ASSERT_EQ(bytes.size(), header.size() + 48);
  EXPECT_EQ(bytes.substr(0, header.size()), header);
  const float expected[] = {0, 0, 0, 0, 1, 0.75F, 0.25F, 0, 1, 1, 0, 0.5F};
  for (std::size_t i = 0; i < 12; ++i) {
    float v = 0;
    const unsigned char* p =
        reinterpret_cast<const unsigned char*>(bytes.data()) + header.size() + 4 * i;
    std::uint32_t bits = p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t{p[3]} << 24);
    std::memcpy(&v, &bits, 4);
    EXPECT_EQ(v, expected[i]) << i;
  }
}

TEST(Encode, PpmIsP6TopToBottom) {
  const std::string bytes = encode_ppm({2, 2, kPixels});
  const std::string expected =
      std::string("P6\n2 2\n255\n") + std::string{'\x40', '\x00', '\xff', '\xff', '\x00', '\x80',
                                                  '\x00', '\x00', '\x00', '\x00', '\xff', '\xbf'};
  EXPECT_EQ(bytes, expected);
}

TEST_F(ImageWrite, PngRgbaReadsBackWithLibpng) {
  const std::string path = (dir_ / "a.png").string();
  ASSERT_EQ(write_image(path, ImageFormat::Png, {2, 2, kPixels}, {.alpha = true}), "");
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_NE(png_image_begin_read_from_file(&image, path.c_str()), 0);
  EXPECT_EQ(image.format & PNG_FORMAT_FLAG_ALPHA, PNG_FORMAT_FLAG_ALPHA);
  image.format = PNG_FORMAT_RGBA;
  std::vector<std::uint8_t> px(PNG_IMAGE_SIZE(image));
  ASSERT_NE(png_image_finish_read(&image, nullptr, px.data(), 0, nullptr), 0);
  EXPECT_EQ(px, (std::vector<std::uint8_t>{64, 0, 255, 128, 255, 0, 128, 255, 0, 0, 0, 0, 0, 255,
                                           191, 255}));
  // Only the file itself is left: the temporary was renamed.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(ImageWrite, PfmAndPpmFilesHoldTheEncodedBytes) {
  ASSERT_EQ(write_image((dir_ / "a.pfm").string(), ImageFormat::Pfm, {2, 2, kPixels}), "");
  ASSERT_EQ(write_image((dir_ / "a.ppm").string(), ImageFormat::Ppm, {2, 2, kPixels}), "");
  EXPECT_EQ(slurp(dir_ / "a.pfm"), encode_pfm({2, 2, kPixels}));
  EXPECT_EQ(slurp(dir_ / "a.ppm"), encode_ppm({2, 2, kPixels}));
}

TEST_F(ImageWrite, OverwritesAnExistingFileWhole) {
  const auto path = dir_ / "a.ppm";
  std::ofstream(path) << std::string(1000, 'x');
  ASSERT_EQ(write_image(path.string(), ImageFormat::Ppm, {2, 2, kPixels}), "");
  EXPECT_EQ(slurp(path), encode_ppm({2, 2, kPixels}));
}

TEST_F(ImageWrite, FailureLeavesNoFile) {
  const auto path = dir_ / "missing" / "a.png";
  const std::string error = write_image(path.string(), ImageFormat::Png, {2, 2, kPixels});
  EXPECT_NE(error.find("a.png"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(path));
  // A directory in the way: the rename fails, and the temporary file is removed.
  std::filesystem::create_directory(dir_ / "taken.png");
  std::filesystem::create_directory(dir_ / "taken.png" / "inside");
  EXPECT_NE(write_image((dir_ / "taken.png").string(), ImageFormat::Png, {2, 2, kPixels}), "");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
  // A malformed image.
  EXPECT_NE(write_image((dir_ / "b.png").string(), ImageFormat::Png, {3, 2, kPixels}), "");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "b.png"));
}

} // namespace
} // namespace weft::io
