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

/// An output being written under a temporary name beside `path` (temporary_name) and renamed
/// over `path` by commit(); destroyed or discarded before that, it removes the temporary file,
/// so nothing is ever left under `path` by a failed write. Move-only.
class PendingFile {
public:
  PendingFile() = default;
  explicit PendingFile(std::string path);
  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&& other) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() { discard(); }

  const std::string& path() const { return path_; }
  /// Where to write; empty when nothing is pending.
  const std::string& temporary() const { return temporary_; }
  /// Renames the temporary file over path(). Returns why it failed (strerror text), or empty;
  /// on failure the temporary file is removed. Nothing is pending afterwards.
  std::string commit();
  /// Removes the temporary file, if one is pending.
  void discard() noexcept;

private:
  std::string path_, temporary_;
};

/// The extension of `path` in lower case, with its dot (`.png`), or empty.
std::string lowercase_extension(std::string_view path);

} // namespace weft::io
