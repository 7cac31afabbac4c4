/// \file
/// A WEFT source file held in memory, with the line table used to echo lines in diagnostics.
/// Columns count Unicode code points from 1 (LANGUAGE.md §2.1); a leading byte-order mark is
/// dropped when the file is made, so it never counts as a column.
/// Implements: LANGUAGE.md §2.1, §10.2 (`limit`: 64 MiB). Tests: tests/lang/source_file_test.cpp.
/// Real-time: no.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft::lang {

/// The largest source file the compiler accepts (LANGUAGE.md §10.2, `limit`).
inline constexpr std::size_t kMaxSourceBytes = 64u * 1024u * 1024u;

class SourceFile {
public:
  /// `path` is kept exactly as given: diagnostics print it verbatim.
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  /// Number of lines; an empty file has one (empty) line.
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  /// The text of line `line` (1-based) without its line ending (LF or CR LF).
  std::string_view line_text(std::uint32_t line) const;
  /// Byte offset of the first character of `line` (1-based).
  std::uint32_t line_start(std::uint32_t line) const { return line_starts_[line - 1]; }

private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

/// What reading a file from disk produced: its bytes, or an OS error message.
struct LoadResult {
  std::optional<std::string> text;
  std::string error;      ///< e.g. "No such file or directory"; empty on success
  bool too_large = false; ///< over kMaxSourceBytes: `text` holds only the first line
};

/// A range of source text. Line and column (1-based, columns in code points) are fixed when the
/// token is read, so nothing has to search the line table afterwards.
struct Span {
  const SourceFile* file = nullptr;
  std::uint32_t offset = 0; ///< byte offset into SourceFile::text()
  std::uint32_t length = 0; ///< in bytes
  std::uint32_t line = 1;
  std::uint32_t col = 1;
};

/// Reads `path` from disk. Never throws for I/O problems: they come back in `error`.
LoadResult load_source_file(const std::string& path);

/// Number of code points in `bytes` (every byte that is not a UTF-8 continuation byte starts one).
std::uint32_t count_code_points(std::string_view bytes);

} // namespace weft::lang
