/// \file
/// Still images for `load(path)`: file or bytes -> `Image` (channel values in [0, 1] as binary64),
/// and the bilinear clamp-to-edge lookup of LANGUAGE.md §8.5.
/// Formats: PNG (every bit depth, grey, grey + alpha, RGB, RGBA, palette, tRNS), JPEG (baseline
/// and progressive) and PPM/PGM (P2, P3, P5, P6, any maxval), detected from the first bytes. Values
/// are stored value / format maximum: no gamma, sRGB, ICC or EXIF processing. Grey gives
/// r = g = b; no alpha gives a = 1; a tRNS chunk gives alpha (0 for the transparent colour).
/// Errors come back as a short reason (`no such file`, `corrupt PNG: ...`), never as a crash or
/// an exception; libpng/libjpeg longjmps are contained in the decoders.
/// Free of compiler types (STYLE.md §5). Implements: LANGUAGE.md §8.5, §10.2 (`resource`).
/// Tests: tests/io/image_file_test.cpp. Real-time: `sample_image`, `Image::texel`,
/// `image_width`, `image_height` yes (no allocation, noexcept); loading no.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace weft::io {

/// The lookup channels, in the order the spec lists them; `kLuma` is the default channel.
enum class ImageChannel : int { kRed = 0, kGreen = 1, kBlue = 2, kAlpha = 3, kLuma = 4 };

/// A decoded image: `width * height` texels, rows top to bottom (first stored row first), each
/// texel r, g, b, a interleaved, every value = stored / format maximum, in [0, 1].
struct Image {
  int width = 0;
  int height = 0;
  std::vector<double> rgba; // size 4 * width * height

  /// Channel `channel` (0..4 = r, g, b, a, luma) of texel column `i`, row `j` (both in range).
  /// luma = 0.2126 * r + 0.7152 * g + 0.0722 * b, evaluated left to right without FMA.
  double texel(int channel, int i, int j) const noexcept;
};

/// The result of a load: the image, or the reason it could not be read (e.g. `no such file`,
/// `not a PNG, JPEG or PPM/PGM image`, `corrupt PNG: CRC error`), without the file name.
struct LoadedImage {
  std::optional<Image> image;
  std::string error; // empty on success

  bool ok() const noexcept { return image.has_value(); }
};

/// Largest accepted image: at most this many pixels, and each side at most kMaxImageSide.
inline constexpr long long kMaxImagePixels = 1LL << 26;
inline constexpr int kMaxImageSide = 1 << 20;
/// Largest image file read (a file that grows while read cannot exhaust memory).
inline constexpr std::size_t kMaxImageFileBytes = std::size_t{1} << 30;

/// Reads and decodes the file at `path` (used as given; see `resolve_image_path`). The format
/// is detected from the contents, never from the name. Errors: `no such file`, `permission
/// denied`, `is a directory`, `cannot read file (...)`, plus those of `decode_image`.
LoadedImage load_image(const std::string& path);

/// Decodes an image held in memory. Errors: `empty file`, `not a PNG, JPEG or PPM/PGM image`,
/// `unsupported Netpbm format Pn ...`, `corrupt PNG: ...`, `corrupt JPEG: ...`,
/// `corrupt PPM: ...`/`corrupt PGM: ...`, `unsupported JPEG colour space ...`,
/// `image too large (W x H)`, `out of memory`.
LoadedImage decode_image(std::span<const unsigned char> bytes);

/// The §8.5 lookup at (u, v) of channel 0..4 (r, g, b, a, luma): NaN u or v gives 0; u and v are
/// clamped to [-1, 2]; then bilinear interpolation of clamp-to-edge texels around
/// (u * W - 0.5, v * H - 0.5), in binary64 exactly as the spec's formula is written. A channel
/// outside 0..4 or an empty image gives 0.
double sample_image(const Image& image, int channel, double u, double v) noexcept;
inline double sample_image(const Image& image, ImageChannel channel, double u, double v) noexcept {
  return sample_image(image, static_cast<int>(channel), u, v);
}

/// The `width` and `height` channels: the image's pixel size.
inline double image_width(const Image& image) noexcept {
  return image.width;
}
inline double image_height(const Image& image) noexcept {
  return image.height;
}

/// The file a `load` path names: `path` itself when absolute, else `path` relative to the
/// directory of `program_file` (the current directory when it has none).
std::string resolve_image_path(const std::string& program_file, const std::string& path);

/// The §10.2 message text: `cannot open image 'cat.png': no such file` (path as written).
std::string describe_image_error(const std::string& written_path, const std::string& reason);

} // namespace weft::io
