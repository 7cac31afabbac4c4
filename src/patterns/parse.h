/// \file
/// The mini-notation parser (LANGUAGE.md §8.11): a pattern string -> a compiled Pattern, or the
/// first error, located by its byte offset in the string. Every construct of the grammar is
/// accepted; anything else (`..` ranges, `^`, other characters) is an error, never ignored.
/// Random seeds are numbered as §8.11 says: `?` operators, `|` groups and `.` groups in the order
/// in which they end. Numbers used as operator arguments must be numbers, exactly representable
/// (decimals are exact: `*1.5` is 3/2); Euclid arguments must be integers.
/// Implements: LANGUAGE.md §8.11. Tests: tests/patterns/parse_test.cpp, golden_test.cpp.
/// Real-time: no.
#pragma once

#include "patterns/pattern.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weft::patterns {

struct PatternError {
  std::uint32_t offset = 0; ///< byte offset in the pattern string (its length: at the end)
  std::string message;      ///< one line, lower-case, no final period
};

struct ParseResult {
  std::optional<Pattern> pattern; ///< set when there is no error
  std::optional<PatternError> error;
};

ParseResult parse_pattern(std::string_view text);

} // namespace weft::patterns
