/// \file
/// Output file names: the format an extension selects, and the temporary files that outputs are
/// written to before they are renamed over the requested name (CLI.md: a failed render leaves
/// nothing under that name).
/// Tests: tests/io/image_write_test.cpp, tests/io/video_write_test.cpp. Real-time: no.
#pragma once

#include <string>
#include <string_view>

namespace weft::io {

/// A hidden file beside `path` in the same folder (so the final rename is atomic), unique within
/// this process and across processes: `.NAME.weft-tmp-PID-N`.
std::string temporary_name(const std::string& path);

/// The extension of `path` in lower case, with its dot (`.png`), or empty.
std::string lowercase_extension(std::string_view path);

} // namespace weft::io
