// The lexer follows LANGUAGE.md §2: longest-match operators, keywords only on word boundaries,
// numbers and strings as specified, columns in code points, and `lex` errors for bad input.
#include "lang/lexer.h"

#include <gtest/gtest.h>

using namespace weft::lang;

namespace {

struct Lexed {
  std::vector<Token> tokens; // without the final Eof
  Diagnostics diags;
};

Lexed lex(const std::string& text) {
  Lexed out;
  static std::vector<std::unique_ptr<SourceFile>> keep_alive; // tokens point into the file
  keep_alive.push_back(std::make_unique<SourceFile>("t.weft", text));
  Lexer lexer(*keep_alive.back(), out.diags);
  for (Token t = lexer.next(); t.kind != TokenKind::Eof; t = lexer.next()) out.tokens.push_back(t);
  return out;
}

std::vector<TokenKind> kinds(const std::string& text) {
  std::vector<TokenKind> k;
  for (const Token& t : lex(text).tokens) k.push_back(t.kind);
  return k;
}

std::string first_error(const std::string& text) {
  Lexed l = lex(text);
  if (l.diags.unsorted().empty()) return "";
  const Diagnostic& d = l.diags.unsorted().front();
  return d.code + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.col) + " " +
         d.message;
}

using K = TokenKind;

TEST(Lexer, OperatorsUseLongestMatch) {
  EXPECT_EQ(kinds("<<= << < >>= >> > == = != += -= *= /= :: :"),
            (std::vector<K>{K::LessLessEqual, K::LessLess, K::Less, K::GreaterGreaterEqual,
                            K::GreaterGreater, K::Greater, K::EqualEqual, K::Equal, K::BangEqual,
                            K::PlusEqual, K::MinusEqual, K::StarEqual, K::SlashEqual, K::ColonColon,
                            K::Colon}));
  EXPECT_EQ(kinds("+-*/%^~@.,()[]{}"),
            (std::vector<K>{K::Plus, K::Minus, K::Star, K::Slash, K::Percent, K::Caret, K::Tilde,
                            K::At, K::Dot, K::Comma, K::LParen, K::RParen, K::LBracket, K::RBracket,
                            K::LBrace, K::RBrace}));
}

TEST(Lexer, LessEqualAndGreaterEqualAreNotTokens) {
  EXPECT_EQ(kinds("<= >="), (std::vector<K>{K::Less, K::Equal, K::Greater, K::Equal}));
}

TEST(Lexer, KeywordsMatchWholeWordsOnly) {
  EXPECT_EQ(
      kinds("spindle if then else not and or out for in to let me mouse display render play "
            "compute osc midi data"),
      (std::vector<K>{K::KwSpindle, K::KwIf,    K::KwThen,    K::KwElse,   K::KwNot,  K::KwAnd,
                      K::KwOr,      K::KwOut,   K::KwFor,     K::KwIn,     K::KwTo,   K::KwLet,
                      K::KwMe,      K::KwMouse, K::KwDisplay, K::KwRender, K::KwPlay, K::KwCompute,
                      K::KwOsc,     K::KwMidi,  K::KwData}));
  EXPECT_EQ(kinds("index output note format player tone mousex _if if_ Me"),
            std::vector<K>(10, K::Ident));
}

TEST(Lexer, NumbersAreNearestBinary64) {
  Lexed l = lex("0 12 3.25 .5 1e3 2E-2 1.5e+1 0.1 007");
  std::vector<double> values;
  for (const Token& t : l.tokens) values.push_back(t.number);
  EXPECT_EQ(values, (std::vector<double>{0, 12, 3.25, 0.5, 1000, 0.02, 15, 0.1, 7}));
  EXPECT_TRUE(l.diags.unsorted().empty());
}

TEST(Lexer, MalformedNumbers) {
  EXPECT_EQ(first_error("1."), "lex 1:1 digit expected after '.'");
  EXPECT_EQ(first_error("x 1.e3"), "lex 1:3 digit expected after '.'");
  EXPECT_EQ(first_error("1e"), "lex 1:1 digit expected in the exponent");
  EXPECT_EQ(first_error("2else"), "lex 1:1 digit expected in the exponent");
  EXPECT_EQ(first_error("1e999"), "lex 1:1 number is too large (it overflows to infinity)");
  EXPECT_EQ(first_error(std::string(400, '9')),
            "lex 1:1 number is too large (it overflows to infinity)");
  EXPECT_EQ(first_error("1e-999"), ""); // underflow to 0 is not an error
}

TEST(Lexer, DotDigitBeginsANumberEvenAfterAName) {
  EXPECT_EQ(kinds("img.0"), (std::vector<K>{K::Ident, K::Number}));
  EXPECT_EQ(kinds("img.r"), (std::vector<K>{K::Ident, K::Dot, K::Ident}));
}

TEST(Lexer, StringsDecodeTheirEscapes) {
  Lexed l = lex(R"("a\"b\\c\nd\te" "c#4 // /* x")");
  ASSERT_EQ(l.tokens.size(), 2u);
  EXPECT_EQ(l.tokens[0].string, "a\"b\\c\nd\te");
  EXPECT_EQ(l.tokens[1].string, "c#4 // /* x");
}

TEST(Lexer, StringErrors) {
  EXPECT_EQ(first_error("x \"abc"),
            "lex 1:3 unterminated string (strings end on the line they start)");
  EXPECT_EQ(first_error("\"ab\ncd\""),
            "lex 1:1 unterminated string (strings end on the line they start)");
  EXPECT_EQ(first_error("\"a\\qb\""), "lex 1:3 unknown escape sequence '\\q'");
}

TEST(Lexer, CommentsAndDirectives) {
  Lexed l = lex("a // c\n/* b\n c */ b\n  # dir\nc #");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[3].kind, K::Error);
  ASSERT_EQ(l.diags.unsorted().size(), 2u);
  EXPECT_EQ(l.diags.unsorted()[0].code, "directive");
  EXPECT_EQ(l.diags.unsorted()[0].span.line, 4u);
  EXPECT_EQ(l.diags.unsorted()[0].span.col, 3u);
  EXPECT_EQ(l.diags.unsorted()[1].code, "lex");
  EXPECT_EQ(first_error("x /* never closed\n\n"), "lex 1:3 unterminated block comment");
}

TEST(Lexer, ColumnsCountCodePointsAndTabsCountOne) {
  Lexed l = lex("/* é€😀 */ a\n\tb\r\nc\rd");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[0].span.col, 11u); // 3 non-ASCII characters count one column each
  EXPECT_EQ(l.tokens[1].span.line, 2u);
  EXPECT_EQ(l.tokens[1].span.col, 2u);
  EXPECT_EQ(l.tokens[2].span.line, 3u); // CR LF is one line ending
  EXPECT_EQ(l.tokens[2].span.col, 1u);
  EXPECT_EQ(l.tokens[3].span.line, 3u); // a lone CR is a space
  EXPECT_EQ(l.tokens[3].span.col, 3u);
}

TEST(Lexer, ByteOrderMarkIsIgnored) {
  Lexed l = lex("\xEF\xBB\xBF"
                "ab");
  ASSERT_EQ(l.tokens.size(), 1u);
  EXPECT_EQ(l.tokens[0].span.col, 1u);
  EXPECT_EQ(l.tokens[0].text(), "ab");
}

TEST(Lexer, FirstOnLineMarksTokensThatBeginALine) {
  Lexed l = lex("a b\n  c /*\n*/ d");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_TRUE(l.tokens[0].first_on_line);
  EXPECT_FALSE(l.tokens[1].first_on_line);
  EXPECT_TRUE(l.tokens[2].first_on_line);
  EXPECT_TRUE(l.tokens[3].first_on_line);
}

TEST(Lexer, BadCharactersCarryHints) {
  Lexed semi = lex("a;");
  ASSERT_EQ(semi.diags.unsorted().size(), 1u);
  EXPECT_EQ(semi.diags.unsorted()[0].hints,
            std::vector<std::string>{"statements need no separator"});
  for (std::string bad : {"!", "&&", "||", "&", "|"}) {
    Lexed l = lex("a " + bad + " b");
    ASSERT_EQ(l.diags.unsorted().size(), 1u) << bad;
    EXPECT_EQ(l.diags.unsorted()[0].message, "unexpected '" + bad + "'");
    EXPECT_EQ(l.diags.unsorted()[0].hints, std::vector<std::string>{"use 'not' / 'and' / 'or'"});
    EXPECT_EQ(l.tokens.size(), 3u) << bad; // one error token between a and b
  }
  EXPECT_EQ(first_error("a $"), "lex 1:3 unexpected character '$'");
  EXPECT_EQ(first_error("a é"), "lex 1:3 non-ASCII character U+00E9 outside a comment or string");
  EXPECT_EQ(first_error(std::string("a \x01")), "lex 1:3 control character U+0001 is not allowed");
  EXPECT_EQ(first_error(std::string("a \xFF")), "lex 1:3 invalid UTF-8 byte 0xFF");
  EXPECT_EQ(first_error(std::string("a\0b", 3)), "lex 1:2 control character U+0000 is not allowed");
}

TEST(Lexer, InvalidUtf8InCommentsAndStrings) {
  EXPECT_EQ(first_error("// ok \xC3\x28"), "lex 1:7 invalid UTF-8 in comment");
  EXPECT_EQ(first_error("/* \xED\xA0\x80 */"), "lex 1:4 invalid UTF-8 in comment");
  EXPECT_EQ(first_error("\"\xC0\x80\""), "lex 1:2 invalid UTF-8 byte 0xC0 in string");
}

TEST(Lexer, EofIsPlacedAfterTheLastToken) {
  Diagnostics diags;
  SourceFile file("t.weft", "a  \n\n");
  Lexer lexer(file, diags);
  lexer.next();
  Token eof = lexer.next();
  EXPECT_EQ(eof.kind, K::Eof);
  EXPECT_EQ(eof.span.line, 1u);
  EXPECT_EQ(eof.span.col, 2u);
}

} // namespace
