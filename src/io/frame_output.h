/// \file
/// Naming the outputs of an offline render (CLI.md `weft render`): the frame list of `--frames`
/// (`N`, `a,b,c`, inclusive `a..b`), the printf-style frame pattern of `-o` (`%d`, `%4d`,
/// `%04d`, `%%` for a literal percent sign),.
/// Tests: tests/io/frame_output_test.cpp.
/// Real-time: no.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft::io {

/// A non-negative integer that fills the whole of `text`.
std::optional<std::int64_t> parse_index(std::string_view text);

/// The most frames one render writes.
inline constexpr std::int64_t kMaxFrames = 1'000'000;

/// `N`, `a,b,c` or inclusive `a..b` (a ≤ b; at most kMaxFrames frames); nullopt if malformed.
std::optional<std::vector<std::int64_t>> parse_frames(const std::string& spec);

/// An output name split around its frame pattern.
struct OutputPattern {
  std::string prefix, suffix;
  bool has_pattern = false;
  bool zero_pad = false;
  int width = 0;
  /// The file name of frame `frame` (the name itself when there is no pattern).
  std::string format(std::int64_t frame) const;
};

/// Parses OUT; nullopt for a malformed pattern (a lone `%`, two patterns, another conversion).
std::optional<OutputPattern> parse_output_pattern(const std::string& out);

} // namespace weft::io
