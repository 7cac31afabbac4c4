#include "io/image_write.h"

#include "io/output_name.h"

#include <png.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>
#include <vector>

namespace weft::io {

namespace {

void append_le_float(std::string& out, float v) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xFFU));
}

std::string errno_text(int e) {
  return std::strerror(e);
}

/// Writes `bytes` to FILE; returns why it failed.
std::string write_bytes(std::FILE* f, const std::string& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) return errno_text(errno);
  return {};
}

struct PngError {
  std::string message;
};

void png_error_handler(png_structp png, png_const_charp message) {
  auto* error = static_cast<PngError*>(png_get_error_ptr(png));
  error->message = message;
  png_longjmp(png, 1);
}

void png_warning_handler(png_structp /*png*/, png_const_charp /*message*/) {}

/// Writes a PNG to an open FILE; returns why it failed. No C++ objects with destructors live
/// across the setjmp.
std::string write_png_file(std::FILE* f, const ImageView& image, bool alpha,
                           const std::vector<std::uint8_t>& pixels) {
  PngError error;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, png_error_handler,
                                            png_warning_handler);
  if (png == nullptr) return "cannot initialise libpng";
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    return "cannot initialise libpng";
  }
  const std::size_t stride = std::size_t{image.width} * (alpha ? 4 : 3);
  std::vector<png_bytep> rows(image.height);
  for (std::uint32_t r = 0; r < image.height; ++r) {
    rows[r] = const_cast<png_bytep>(pixels.data() + r * stride);
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return error.message.empty() ? std::string("libpng error") : error.message;
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, image.width, image.height, 8,
               alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return {};
}

std::vector<std::uint8_t> bytes_of(const ImageView& image, bool alpha) {
  const std::size_t channels = alpha ? 4 : 3;
  const std::size_t pixels = std::size_t{image.width} * image.height;
  std::vector<std::uint8_t> out(pixels * channels);
  for (std::size_t i = 0; i < pixels; ++i) {
    for (std::size_t k = 0; k < channels; ++k)
      out[i * channels + k] = output_byte(image.rgba[i * 4 + k]);
  }
  return out;
}

} // namespace

std::optional<ImageFormat> image_format_of(std::string_view path) {
  const std::string ext = lowercase_extension(path);
  if (ext == ".png") return ImageFormat::Png;
  if (ext == ".pfm") return ImageFormat::Pfm;
  if (ext == ".ppm") return ImageFormat::Ppm;
  return std::nullopt;
}

float output_value(float v) {
  if (std::isnan(v)) return 0.0F;
  return std::clamp(v, 0.0F, 1.0F);
}

std::uint8_t output_byte(float v) {
  const double scaled = std::floor(static_cast<double>(output_value(v)) * 255.0 + 0.5);
  return static_cast<std::uint8_t>(scaled);
}

std::string encode_pfm(const ImageView& image) {
  std::string out = fmt::format("PF\n{} {}\n-1.0\n", image.width, image.height);
  out.reserve(out.size() + std::size_t{image.width} * image.height * 12);
  for (std::uint32_t r = image.height; r-- > 0;) {
    const float* row = image.rgba.data() + std::size_t{r} * image.width * 4;
    for (std::uint32_t c = 0; c < image.width; ++c) {
      for (int k = 0; k < 3; ++k) append_le_float(out, output_value(row[std::size_t{c} * 4 + k]));
    }
  }
  return out;
}

std::string encode_ppm(const ImageView& image) {
  std::string out = fmt::format("P6\n{} {}\n255\n", image.width, image.height);
  const std::vector<std::uint8_t> bytes = bytes_of(image, false);
  out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return out;
}

std::string write_image(const std::string& path, ImageFormat format, const ImageView& image,
                        const WriteOptions& options) {
  if (image.rgba.size() != std::size_t{image.width} * image.height * 4 || image.width == 0 ||
      image.height == 0) {
    return fmt::format("cannot write '{}': the image is empty or malformed", path);
  }
  PendingFile output(path);
  std::FILE* f = std::fopen(output.temporary().c_str(), "wb");
  if (f == nullptr) return fmt::format("cannot write '{}': {}", path, errno_text(errno));
  std::string error;
  switch (format) {
  case ImageFormat::Png:
    error = write_png_file(f, image, options.alpha, bytes_of(image, options.alpha));
    break;
  case ImageFormat::Pfm:
    error = write_bytes(f, encode_pfm(image));
    break;
  case ImageFormat::Ppm:
    error = write_bytes(f, encode_ppm(image));
    break;
  }
  if (std::fflush(f) != 0 && error.empty()) error = errno_text(errno);
  if (std::fclose(f) != 0 && error.empty()) error = errno_text(errno);
  if (error.empty()) error = output.commit(); // on any error, `output` removes the file
  if (!error.empty()) return fmt::format("cannot write '{}': {}", path, error);
  return {};
}

} // namespace weft::io
