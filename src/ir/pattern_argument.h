/// \file
/// The pattern argument of `pat` and `s` (LANGUAGE.md §8.10): the mini-notation string parsed at
/// compile time into a patterns::Pattern, its errors reported with code `pattern` at the
/// offending character inside the string literal (line:col in the .weft file, string escapes of
/// §2.6 taken into account). For `pat`, event values must be numbers or note names, without `:`.
/// Implements: LANGUAGE.md §8.10, §8.11, §10.2 (`pattern`). Tests: tests/errors/pattern/,
/// tests/ir/pattern_argument_test.cpp.
/// Real-time: no.
#pragma once

#include "lang/diagnostic.h"
#include "patterns/pattern.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace weft::ir {

/// Where byte `decoded_offset` of the decoded string lies in the source: `literal` is the span of
/// the string literal, quotes included; an offset at the end maps to the closing quote.
lang::Span pattern_location(const lang::Span& literal, std::uint32_t decoded_offset);

/// The compiled pattern of `decoded` (the literal's decoded text), or null after reporting the
/// error at its location. `for_pat`: also reject what `pat` cannot play.
std::shared_ptr<const patterns::Pattern> compile_pattern_argument(std::string_view decoded,
                                                                  const lang::Span& literal,
                                                                  bool for_pat,
                                                                  lang::Diagnostics& diags);

} // namespace weft::ir
