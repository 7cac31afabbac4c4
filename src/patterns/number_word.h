/// \file
/// Numbers in the mini-notation (LANGUAGE.md §8.11): which words are numbers
/// ([-]digits[.digits][exponent] or [-].digits[exponent]; other spellings such as 0x10 stay
/// words) and their exact decimal value, for operator arguments (`*1.5` is 3/2, `0.1` is 1/10).
/// Implements: LANGUAGE.md §8.11. Tests: tests/patterns/parse_test.cpp.
/// Real-time: no.
#pragma once

#include "exact/rational.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace weft::patterns {

/// Length of the number at the start of `s`; 0 when there is none.
std::size_t number_length(std::string_view s);

/// The exact value of a number word (one that number_length covers entirely); empty when it
/// does not fit an int64 fraction.
std::optional<exact::Rational> exact_decimal(std::string_view s);

} // namespace weft::patterns
