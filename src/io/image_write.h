/// \file
/// Image writers for `weft render` (CLI.md): PNG (8-bit RGB or RGBA, through libpng), PFM
/// (standard Portable Float Map: `PF\nW H\n-1.0\n`, little-endian float RGB, rows bottom to top)
/// and binary PPM (P6, 8-bit). Input pixels are RGBA floats, rows top to bottom, as a backend
/// computed them; the writers apply the output stage of LANGUAGE.md §9.1: NaN → 0, clamp to
/// [0, 1], and for 8-bit formats floor(v · 255 + 0.5). Every write goes to a temporary file in
/// the destination's folder, renamed over the requested name only when complete: on any error
/// no file exists under that name (and the temporary file is removed).
/// Preconditions: `rgba` holds width · height · 4 floats. Implements: CLI.md `weft render`,
/// LANGUAGE.md §9.1 (output stage). Tests: tests/io/image_write_test.cpp.
/// Real-time: no.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace weft::io {

enum class ImageFormat : std::uint8_t { Png, Pfm, Ppm };

/// The format named by `path`'s extension (`.png`, `.pfm`, `.ppm`, case-insensitive), if any.
std::optional<ImageFormat> image_format_of(std::string_view path);

/// A frame to write: RGBA floats, rows top to bottom.
struct ImageView {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::span<const float> rgba;
};

/// The output stage of §9.1 for float outputs: 0 for NaN, else clamp(v, 0, 1).
float output_value(float v);
/// The output stage for 8-bit outputs: floor(output_value(v) · 255 + 0.5).
std::uint8_t output_byte(float v);

struct WriteOptions {
  bool alpha = false; ///< PNG: write RGBA instead of RGB (the other formats have no alpha)
};

/// Writes `image` to `path` in `format`. Returns an empty string on success, otherwise why it
/// failed (one line, naming the path); then nothing exists under `path` that this call created.
std::string write_image(const std::string& path, ImageFormat format, const ImageView& image,
                        const WriteOptions& options = {});

/// The bytes of a PFM or PPM file of `image` (what write_image stores).
std::string encode_pfm(const ImageView& image);
std::string encode_ppm(const ImageView& image);

} // namespace weft::io
