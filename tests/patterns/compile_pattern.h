/// \file
/// The pattern tests' shorthand: a mini-notation string compiled, failing the test when it does
/// not parse.
#pragma once

#include "patterns/parse.h"

#include <gtest/gtest.h>
#include <string_view>

namespace weft::test {

inline patterns::Pattern compile(std::string_view text) {
  patterns::ParseResult r = patterns::parse_pattern(text);
  EXPECT_TRUE(r.pattern) << text;
  return r.pattern ? std::move(*r.pattern) : patterns::Pattern{};
}

} // namespace weft::test
