/// \file
/// Helpers for the render tests: a scratch folder per test, writing a program there, running
/// `weft render` on it, and reading back PNG files with libpng (as a user's viewer would).
#pragma once

#include "support/run_weft.h"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace weft::test {

/// A decoded 8-bit PNG: `channels` (3 or 4) bytes per pixel, rows top to bottom.
struct Png {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  int channels = 0;
  std::vector<std::uint8_t> bytes;
  std::uint8_t at(std::uint32_t col, std::uint32_t row, int channel) const {
    return bytes[(std::size_t{row} * width + col) * static_cast<std::size_t>(channels) +
                 static_cast<std::size_t>(channel)];
  }
};

/// Reads an 8-bit RGB or RGBA PNG; fails the test (and returns an empty Png) otherwise.
inline Png read_png(const std::string& path) {
  Png out;
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0) {
    ADD_FAILURE() << "cannot read PNG " << path << ": " << image.message;
    return out;
  }
  const bool alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  out.width = image.width;
  out.height = image.height;
  out.channels = alpha ? 4 : 3;
  out.bytes.resize(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, out.bytes.data(), 0, nullptr) == 0) {
    ADD_FAILURE() << "cannot decode PNG " << path << ": " << image.message;
    png_image_free(&image);
    return {};
  }
  return out;
}

/// The 8-bit value of the §9.1 output stage for an exact value v in [0, 1].
inline int byte_of(double v) {
  return static_cast<int>(v * 255 + 0.5);
}

/// A fresh scratch folder under the system temporary folder, removed at the end of the test.
class ScratchDir {
public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("weft-render-") + info->test_suite_name() + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `text` to `name` and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return file(name);
  }
  /// The names of the files in the folder, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(path_)) {
      out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// A test with a scratch folder and `weft render` on a program written there.
class RenderTest : public ::testing::Test {
protected:
  /// Writes `program` as p.weft and renders it to `out` (in the scratch folder) with `extra`.
  CommandResult render(const std::string& program, const std::string& out,
                       std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"render", dir.write("p.weft", program), "-o", dir.file(out),
                                     "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_weft(args);
  }
  /// Renders to a PNG and reads it back; the render must succeed.
  Png render_png(const std::string& program, std::vector<std::string> extra = {}) {
    CommandResult r = render(program, "out.png", std::move(extra));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.exit_code != 0) return {};
    return read_png(dir.file("out.png"));
  }
  ScratchDir dir;
};

} // namespace weft::test
