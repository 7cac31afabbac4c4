#include "io/image_file.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <string_view>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

namespace weft::io {

namespace {

constexpr const char* kNotAnImage = "not a PNG, JPEG or PPM/PGM image";

LoadedImage failure(std::string reason) {
  LoadedImage result;
  result.error = std::move(reason);
  return result;
}

LoadedImage success(Image image) {
  LoadedImage result;
  result.image = std::move(image);
  return result;
}

/// Empty when `width x height` is acceptable, else the reason.
std::string check_size(long long width, long long height) {
  if (width < 1 || height < 1) return "image has no pixels";
  if (width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels) {
    return "image too large (" + std::to_string(width) + " x " + std::to_string(height) + ")";
  }
  return {};
}

/// Fills `image` from decoded interleaved samples: `channels` (1 grey, 2 grey+alpha, 3 RGB,
/// 4 RGBA) per texel, `bytes_per_sample` 1 or 2 (big-endian), each divided by `max`.
void fill_from_samples(Image& image, const unsigned char* rows, std::size_t row_stride,
                       int channels, int bytes_per_sample, double max) {
  image.rgba.assign(4 * static_cast<std::size_t>(image.width) * image.height, 1.0);
  for (int j = 0; j < image.height; ++j) {
    const unsigned char* row = rows + j * row_stride;
    for (int i = 0; i < image.width; ++i) {
      double s[4];
      for (int c = 0; c < channels; ++c) {
        const unsigned char* p = row + (static_cast<std::size_t>(i) * channels + c) *
                                           static_cast<std::size_t>(bytes_per_sample);
        const unsigned value = bytes_per_sample == 2 ? (p[0] << 8) | p[1] : p[0];
        s[c] = static_cast<double>(value) / max;
      }
      double* out = &image.rgba[4 * (static_cast<std::size_t>(j) * image.width + i)];
      if (channels <= 2) {
        out[0] = out[1] = out[2] = s[0];
        if (channels == 2) out[3] = s[1];
      } else {
        out[0] = s[0];
        out[1] = s[1];
        out[2] = s[2];
        if (channels == 4) out[3] = s[3];
      }
    }
  }
}

// ---- PNG -------------------------------------------------------------------------------------

/// Everything the libpng callbacks and the setjmp frame touch. It lives in `decode_png`'s frame,
/// above the setjmp, so a longjmp never skips a destructor.
struct PngContext {
  std::span<const unsigned char> bytes;
  std::size_t position = 0;
  char message[200] = {};
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::vector<unsigned char> pixels;
  std::vector<png_bytep> rows;
  std::string size_error;
  png_uint_32 width = 0, height = 0;
  int channels = 0, bit_depth = 0;
  std::size_t row_bytes = 0;
};

void png_on_error(png_structp png, png_const_charp message) {
  auto* context = static_cast<PngContext*>(png_get_error_ptr(png));
  std::snprintf(context->message, sizeof context->message, "%s", message ? message : "error");
  png_longjmp(png, 1);
}

void png_on_warning(png_structp, png_const_charp) {}

void png_on_read(png_structp png, png_bytep data, std::size_t length) {
  auto* context = static_cast<PngContext*>(png_get_io_ptr(png));
  if (context->bytes.size() - context->position < length) {
    png_error(png, "unexpected end of file");
  }
  std::memcpy(data, context->bytes.data() + context->position, length);
  context->position += length;
}

/// The libpng calls. No object with a non-trivial destructor is created in this frame, so the
/// longjmp of `png_on_error` back to the setjmp is well defined. Returns false on a libpng error
/// (message in `context->message`) or a size error (`context->size_error`).
bool run_png_decoder(PngContext* context) {
  png_structp png = context->png;
  png_infop info = context->info;
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_user_limits(png, kMaxImageSide, kMaxImageSide);
  png_set_read_fn(png, context, png_on_read);
  png_read_info(png, info);
  context->width = png_get_image_width(png, info);
  context->height = png_get_image_height(png, info);
  context->size_error = check_size(context->width, context->height);
  if (!context->size_error.empty()) return false;
  // Raw stored values only: expand palette, low-bit grey and tRNS; no gamma, no sRGB, no shift.
  png_set_expand(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  context->channels = png_get_channels(png, info);
  context->bit_depth = png_get_bit_depth(png, info);
  context->row_bytes = png_get_rowbytes(png, info);
  context->pixels.resize(context->row_bytes * context->height);
  context->rows.resize(context->height);
  for (png_uint_32 j = 0; j < context->height; ++j) {
    context->rows[j] = context->pixels.data() + j * context->row_bytes;
  }
  png_read_image(png, context->rows.data());
  png_read_end(png, nullptr);
  return true;
}

LoadedImage decode_png(std::span<const unsigned char> bytes) {
  PngContext context;
  context.bytes = bytes;
  context.png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, png_on_error, png_on_warning);
  if (!context.png) return failure("out of memory");
  context.info = png_create_info_struct(context.png);
  struct Release {
    PngContext& c;
    ~Release() { png_destroy_read_struct(&c.png, c.info ? &c.info : nullptr, nullptr); }
  } release{context};
  if (!context.info) return failure("out of memory");
  bool ok = false;
  try {
    ok = run_png_decoder(&context);
  } catch (const std::bad_alloc&) {
    return failure("out of memory");
  }
  if (!ok) {
    if (!context.size_error.empty()) return failure(context.size_error);
    return failure(std::string("corrupt PNG: ") + context.message);
  }
  const bool sane = context.channels >= 1 && context.channels <= 4 &&
                    (context.bit_depth == 8 || context.bit_depth == 16) &&
                    context.row_bytes == static_cast<std::size_t>(context.width) *
                                             context.channels * (context.bit_depth / 8);
  if (!sane) return failure("corrupt PNG: unexpected pixel layout");
  Image image;
  image.width = static_cast<int>(context.width);
  image.height = static_cast<int>(context.height);
  const int bytes_per_sample = context.bit_depth / 8;
  fill_from_samples(image, context.pixels.data(), context.row_bytes, context.channels,
                    bytes_per_sample, bytes_per_sample == 2 ? 65535.0 : 255.0);
  return success(std::move(image));
}

// ---- JPEG ------------------------------------------------------------------------------------

/// The libjpeg error manager with the jump buffer; lives in `decode_jpeg`'s frame.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void jpeg_on_error(j_common_ptr cinfo) {
  auto* error = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, error->message);
  std::longjmp(error->jump, 1);
}

/// Warnings are ignored except a premature end of data, which libjpeg would otherwise paper
/// over with grey: a truncated file is an error.
void jpeg_on_message(j_common_ptr cinfo, int level) {
  if (level == -1 && cinfo->err->msg_code == JWRN_JPEG_EOF) jpeg_on_error(cinfo);
}

struct JpegContext {
  jpeg_decompress_struct cinfo;
  JpegError error;
  std::vector<unsigned char> pixels;
  std::string size_error;
  std::string colour_error;
  int width = 0, height = 0, channels = 0;
};

/// The libjpeg calls; as in `run_png_decoder`, nothing with a destructor lives in this frame.
bool run_jpeg_decoder(JpegContext* context, std::span<const unsigned char> bytes) {
  jpeg_decompress_struct* cinfo = &context->cinfo;
  if (setjmp(context->error.jump)) return false;
  jpeg_mem_src(cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(cinfo, TRUE);
  context->size_error = check_size(cinfo->image_width, cinfo->image_height);
  if (!context->size_error.empty()) return false;
  if (cinfo->jpeg_color_space == JCS_GRAYSCALE) {
    cinfo->out_color_space = JCS_GRAYSCALE;
  } else if (cinfo->jpeg_color_space == JCS_YCbCr || cinfo->jpeg_color_space == JCS_RGB) {
    cinfo->out_color_space = JCS_RGB;
  } else {
    context->colour_error = "unsupported JPEG colour space (CMYK/YCCK)";
    return false;
  }
  jpeg_start_decompress(cinfo);
  context->width = static_cast<int>(cinfo->output_width);
  context->height = static_cast<int>(cinfo->output_height);
  context->channels = cinfo->output_components;
  const std::size_t stride = static_cast<std::size_t>(context->width) * context->channels;
  context->pixels.resize(stride * context->height);
  while (cinfo->output_scanline < cinfo->output_height) {
    JSAMPROW row = context->pixels.data() + cinfo->output_scanline * stride;
    jpeg_read_scanlines(cinfo, &row, 1);
  }
  jpeg_finish_decompress(cinfo);
  return true;
}

LoadedImage decode_jpeg(std::span<const unsigned char> bytes) {
  JpegContext context;
  context.cinfo.err = jpeg_std_error(&context.error.manager);
  context.error.manager.error_exit = jpeg_on_error;
  context.error.manager.emit_message = jpeg_on_message;
  // jpeg_create_decompress can fail only through error_exit; it needs the jump buffer too.
  if (setjmp(context.error.jump)) {
    return failure(std::string("corrupt JPEG: ") + context.error.message);
  }
  jpeg_create_decompress(&context.cinfo);
  struct Release {
    jpeg_decompress_struct& cinfo;
    ~Release() { jpeg_destroy_decompress(&cinfo); }
  } release{context.cinfo};
  bool ok = false;
  try {
    ok = run_jpeg_decoder(&context, bytes);
  } catch (const std::bad_alloc&) {
    return failure("out of memory");
  }
  if (!ok) {
    if (!context.size_error.empty()) return failure(context.size_error);
    if (!context.colour_error.empty()) return failure(context.colour_error);
    return failure(std::string("corrupt JPEG: ") + context.error.message);
  }
  if (context.channels != 1 && context.channels != 3) {
    return failure("corrupt JPEG: unexpected component count");
  }
  Image image;
  image.width = context.width;
  image.height = context.height;
  fill_from_samples(image, context.pixels.data(),
                    static_cast<std::size_t>(context.width) * context.channels, context.channels, 1,
                    255.0);
  return success(std::move(image));
}

// ---- PPM / PGM -------------------------------------------------------------------------------

/// A cursor over a Netpbm file: whitespace and `#` comments between tokens, decimal numbers.
class PnmReader {
public:
  explicit PnmReader(std::span<const unsigned char> bytes) : bytes_(bytes) {}

  std::size_t position() const { return position_; }
  std::size_t remaining() const { return bytes_.size() - position_; }
  const unsigned char* here() const { return bytes_.data() + position_; }
  void advance(std::size_t n) { position_ += n; }

  static bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  }

  void skip_space_and_comments() {
    while (position_ < bytes_.size()) {
      const unsigned char c = bytes_[position_];
      if (c == '#') {
        while (position_ < bytes_.size() && bytes_[position_] != '\n' &&
               bytes_[position_] != '\r') {
          ++position_;
        }
      } else if (is_space(c)) {
        ++position_;
      } else {
        return;
      }
    }
  }

  /// A decimal number after optional whitespace/comments; empty reason on success.
  std::string read_number(const char* what, long long& value) {
    skip_space_and_comments();
    if (position_ >= bytes_.size()) return std::string("unexpected end of file in ") + what;
    if (bytes_[position_] < '0' || bytes_[position_] > '9') {
      return std::string("expected a number for ") + what;
    }
    value = 0;
    while (position_ < bytes_.size() && bytes_[position_] >= '0' && bytes_[position_] <= '9') {
      value = value * 10 + (bytes_[position_] - '0');
      if (value > (1LL << 40)) return std::string("number too large for ") + what;
      ++position_;
    }
    return {};
  }

private:
  std::span<const unsigned char> bytes_;
  std::size_t position_ = 0;
};

LoadedImage decode_pnm(std::span<const unsigned char> bytes) {
  const char kind = static_cast<char>(bytes[1]);
  const bool colour = kind == '3' || kind == '6';
  const bool ascii = kind == '2' || kind == '3';
  const std::string prefix = colour ? "corrupt PPM: " : "corrupt PGM: ";
  PnmReader reader(bytes);
  reader.advance(2);
  if (reader.remaining() == 0 || !(PnmReader::is_space(*reader.here()) || *reader.here() == '#')) {
    return failure(prefix + "bad header");
  }
  long long width = 0, height = 0, maxval = 0;
  if (std::string e = reader.read_number("width", width); !e.empty()) return failure(prefix + e);
  if (std::string e = reader.read_number("height", height); !e.empty()) return failure(prefix + e);
  if (std::string e = reader.read_number("maxval", maxval); !e.empty()) return failure(prefix + e);
  if (std::string e = check_size(width, height); !e.empty()) {
    return failure(width < 1 || height < 1 ? prefix + e : e);
  }
  if (maxval < 1 || maxval > 65535) {
    return failure(prefix + "maxval " + std::to_string(maxval) + " outside 1..65535");
  }
  const int channels = colour ? 3 : 1;
  const std::size_t count = static_cast<std::size_t>(width) * height * channels;
  const double max = static_cast<double>(maxval);
  std::vector<unsigned char> samples; // big-endian 16-bit, as fill_from_samples reads
  try {
    if (ascii) {
      // Each sample takes at least one digit and one separator (the last one no separator).
      if (reader.remaining() < 2 * count - 1) return failure(prefix + "unexpected end of file");
      samples.resize(2 * count);
      for (std::size_t k = 0; k < count; ++k) {
        long long value = 0;
        if (std::string e = reader.read_number("a sample", value); !e.empty()) {
          return failure(prefix + e);
        }
        if (value > maxval) {
          return failure(prefix + "sample value " + std::to_string(value) + " exceeds maxval " +
                         std::to_string(maxval));
        }
        samples[2 * k] = static_cast<unsigned char>(value >> 8);
        samples[2 * k + 1] = static_cast<unsigned char>(value & 0xff);
      }
    } else {
      // Exactly one whitespace byte ends the header of a binary file.
      if (reader.remaining() == 0 || !PnmReader::is_space(*reader.here())) {
        return failure(prefix + "bad header");
      }
      reader.advance(1);
      const std::size_t bytes_per_sample = maxval > 255 ? 2 : 1;
      if (reader.remaining() < count * bytes_per_sample) {
        return failure(prefix + "unexpected end of file");
      }
      samples.resize(2 * count);
      for (std::size_t k = 0; k < count; ++k) {
        const unsigned char* p = reader.here() + k * bytes_per_sample;
        const unsigned value = bytes_per_sample == 2 ? (p[0] << 8) | p[1] : p[0];
        if (value > maxval) {
          return failure(prefix + "sample value " + std::to_string(value) + " exceeds maxval " +
                         std::to_string(maxval));
        }
        samples[2 * k] = static_cast<unsigned char>(value >> 8);
        samples[2 * k + 1] = static_cast<unsigned char>(value & 0xff);
      }
    }
    Image image;
    image.width = static_cast<int>(width);
    image.height = static_cast<int>(height);
    fill_from_samples(image, samples.data(), 2 * static_cast<std::size_t>(width) * channels,
                      channels, 2, max);
    return success(std::move(image));
  } catch (const std::bad_alloc&) {
    return failure("out of memory");
  }
}

} // namespace

double Image::texel(int channel, int i, int j) const noexcept {
  const double* t = &rgba[4 * (static_cast<std::size_t>(j) * width + i)];
  if (channel == static_cast<int>(ImageChannel::kLuma)) {
    return 0.2126 * t[0] + 0.7152 * t[1] + 0.0722 * t[2];
  }
  return t[channel];
}

LoadedImage decode_image(std::span<const unsigned char> bytes) {
  if (bytes.empty()) return failure("empty file");
  static constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (bytes.size() >= 8 && std::equal(kPngSignature, kPngSignature + 8, bytes.begin())) {
    return decode_png(bytes);
  }
  if (bytes.size() >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff) {
    return decode_jpeg(bytes);
  }
  if (bytes.size() >= 2 && bytes[0] == 'P') {
    switch (bytes[1]) {
    case '2':
    case '3':
    case '5':
    case '6':
      return decode_pnm(bytes);
    case '1':
    case '4':
      return failure("unsupported Netpbm format P" + std::string(1, static_cast<char>(bytes[1])) +
                     " (bitmap); use P2, P3, P5 or P6");
    case '7':
    case 'F':
    case 'f':
      return failure("unsupported Netpbm format P" + std::string(1, static_cast<char>(bytes[1])) +
                     "; use P2, P3, P5 or P6");
    default:
      break;
    }
  }
  return failure(kNotAnImage);
}

LoadedImage load_image(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      return failure("cannot read file (" + ec.message() + ")");
    }
    return failure("no such file");
  }
  if (std::filesystem::is_directory(status)) return failure("is a directory");
  // Devices and pipes (`/dev/zero`, `/dev/stdin`) would never end or would block the compiler.
  if (!std::filesystem::is_regular_file(status)) return failure("not a regular file");
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    if (errno == EACCES) return failure("permission denied");
    if (errno == ENOENT) return failure("no such file");
    return failure(std::string("cannot read file (") + std::strerror(errno) + ")");
  }
  std::vector<unsigned char> bytes;
  bool read_error = false;
  try {
    unsigned char chunk[1 << 16];
    for (;;) {
      const std::size_t n = std::fread(chunk, 1, sizeof chunk, file);
      bytes.insert(bytes.end(), chunk, chunk + n);
      if (bytes.size() > kMaxImageFileBytes) {
        std::fclose(file);
        return failure("file too large (over 1 GiB)");
      }
      if (n < sizeof chunk) {
        read_error = std::ferror(file) != 0;
        break;
      }
    }
  } catch (const std::bad_alloc&) {
    std::fclose(file);
    return failure("out of memory");
  }
  const int read_errno = errno;
  std::fclose(file);
  if (read_error) {
    return failure(std::string("cannot read file (") + std::strerror(read_errno) + ")");
  }
  return decode_image(bytes);
}

double sample_image(const Image& image, int channel, double u, double v) noexcept {
  if (std::isnan(u) || std::isnan(v)) return 0.0;
  if (channel < 0 || channel > 4 || image.width < 1 || image.height < 1) return 0.0;
  u = std::clamp(u, -1.0, 2.0);
  v = std::clamp(v, -1.0, 2.0);
  const double px = u * image.width - 0.5;
  const double py = v * image.height - 0.5;
  const double i0f = std::floor(px);
  const double j0f = std::floor(py);
  const double fx = px - i0f;
  const double fy = py - j0f;
  const int i0 = static_cast<int>(i0f);
  const int j0 = static_cast<int>(j0f);
  const auto c = [&](int i, int j) {
    return image.texel(channel, std::clamp(i, 0, image.width - 1),
                       std::clamp(j, 0, image.height - 1));
  };
  return (1 - fy) * ((1 - fx) * c(i0, j0) + fx * c(i0 + 1, j0)) +
         fy * ((1 - fx) * c(i0, j0 + 1) + fx * c(i0 + 1, j0 + 1));
}

std::string resolve_image_path(const std::string& program_file, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  const std::filesystem::path directory = std::filesystem::path(program_file).parent_path();
  if (directory.empty()) return path;
  return (directory / p).string();
}

std::string describe_image_error(const std::string& written_path, const std::string& reason) {
  return "cannot open image '" + written_path + "': " + reason;
}

} // namespace weft::io
