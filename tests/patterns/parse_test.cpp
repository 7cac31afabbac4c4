// Parse errors of the mini-notation (LANGUAGE.md §8.11): the byte offset of the offending
// character and the message; and the deliberate differences from Strudel.
#include "patterns/parse.h"

#include <gtest/gtest.h>
#include <string>

namespace {

using namespace weft::patterns;

PatternError error_of(std::string_view text) {
  const ParseResult r = parse_pattern(text);
  EXPECT_TRUE(r.error.has_value()) << text;
  return r.error.value_or(PatternError{9999, "no error"});
}

void expect_error(std::string_view text, std::uint32_t offset, std::string_view message) {
  const PatternError e = error_of(text);
  EXPECT_EQ(e.offset, offset) << text;
  EXPECT_EQ(e.message, message) << text;
}

TEST(Parse, ReportsTheOffendingCharacter) {
  expect_error("bd sn]", 5, "unexpected ']' in pattern");
  expect_error("[bd sn", 6, "expected ']', found end of pattern");
  expect_error("<a b]", 4, "expected '>', found ']'");
  expect_error("", 0, "expected a step, found end of pattern");
  expect_error("a [] b", 3, "unexpected ']' in pattern");
  expect_error("a, b | c", 5, "',' and '|' cannot separate layers of the same group");
  expect_error("<a | b>", 3, "'|' cannot separate layers inside '<>'");
  expect_error("a $ b", 2, "unexpected '$' in pattern");
}

TEST(Parse, RejectsUnsupportedSyntax) {
  expect_error("0 .. 3", 2, "'..' ranges are not supported");
  expect_error("a..b", 1, "'..' ranges are not supported");
  expect_error("a ^b", 2, "'^' is not supported in patterns");
  expect_error("a:b:c", 3, "a step takes at most one ':' value");
}

TEST(Parse, ChecksOperatorArguments) {
  expect_error("a*b", 2, "expected a number, found 'b'");
  expect_error("a*<2 x>", 5, "expected a number, found 'x'");
  expect_error("a(3.5,8)", 2, "euclid arguments must be integers, found '3.5'");
  expect_error("a(9,8)", 2, "euclid pulses (9) exceed the steps (8)");
  expect_error("a(3,0)", 4, "euclid steps must be between 1 and 4096, found '0'");
  expect_error("a@0 b", 0, "a step's weight must be positive");
  expect_error("_ a", 0, "'_' must follow a step");
}

TEST(Parse, LimitsNestingInsteadOfOverflowingTheStack) {
  expect_error(std::string(300, '[') + "a" + std::string(300, ']'), 256,
               "pattern nested deeper than 256 levels");
  std::string ops = "a";
  for (int i = 0; i < 1100; ++i) ops += "*2";
  expect_error(ops, 2200, "pattern nested deeper than 1024 operators and groups");
  std::string deep = "a";
  for (int i = 0; i < 200; ++i) deep = "[" + deep + "*2]";
  EXPECT_TRUE(parse_pattern(deep).pattern.has_value());
}

TEST(Parse, NumberSpellingsOtherThanDecimalsStayWords) {
  const ParseResult r = parse_pattern("0x10 1. 1e3 .5 -2 Infinity");
  ASSERT_TRUE(r.pattern);
  const auto& v = r.pattern->values();
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].kind, ValueKind::kWord);
  EXPECT_EQ(v[1].kind, ValueKind::kWord);
  EXPECT_EQ(v[2].kind, ValueKind::kNumber);
  EXPECT_EQ(v[2].number, 1000);
  EXPECT_EQ(v[3].number, 0.5);
  EXPECT_EQ(v[4].number, -2);
  EXPECT_EQ(v[5].kind, ValueKind::kWord);
}

TEST(Parse, OperatorNumbersAreExactDecimals) {
  const ParseResult r = parse_pattern("a*0.1");
  ASSERT_TRUE(r.pattern);
  EXPECT_EQ(r.pattern->value(1).exact, (Rational{1, 10}));
}

} // namespace
