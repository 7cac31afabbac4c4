/// \file
/// The tokens of WEFT (LANGUAGE.md §2): kinds, the keyword table and the spellings used in
/// "expected X, found Y" messages.
/// Implements: LANGUAGE.md §2.4, §2.7. Tests: tests/lang/lexer_test.cpp.
/// Real-time: no.
#pragma once

#include "lang/source_file.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weft::lang {

enum class TokenKind : std::uint8_t {
  Eof,
  Error, ///< a lexical error, already reported by the lexer
  Ident,
  Number,
  String,
  // keywords (§2.4), in the order of the spec's list
  KwSpindle,
  KwIf,
  KwThen,
  KwElse,
  KwNot,
  KwAnd,
  KwOr,
  KwOut,
  KwFor,
  KwIn,
  KwTo,
  KwLet,
  KwMe,
  KwMouse,
  KwDisplay,
  KwRender,
  KwPlay,
  KwCompute,
  KwOsc,
  KwMidi,
  KwData,
  // operators and punctuation (§2.7)
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Caret,
  EqualEqual,
  BangEqual,
  LessLess,
  GreaterGreater,
  LessLessEqual,
  GreaterGreaterEqual,
  Equal,
  PlusEqual,
  MinusEqual,
  StarEqual,
  SlashEqual,
  Tilde,
  At,
  Dot,
  Colon,
  ColonColon,
  Comma,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Less,
  Greater,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  Span span;
  bool first_on_line = false; ///< no other token precedes it on its line
  double number = 0;          ///< value of a Number token
  std::string string;         ///< decoded value of a String token
  /// The token's source text.
  std::string_view text() const;
};

bool is_keyword(TokenKind k);
/// Keywords and identifiers: anything accepted where the grammar wants a `word` (§2.4).
bool is_word(TokenKind k);
/// The seven sink keywords (§3.1 SINK).
bool is_sink_keyword(TokenKind k);
/// Keyword kind for `text`, if it is one.
std::optional<TokenKind> keyword_kind(std::string_view text);
/// The fixed spelling of a keyword or punctuation kind (e.g. "<<="); empty for others.
std::string_view token_spelling(TokenKind k);
/// How a token is named in "found ..." messages: `'<'`, `'foo'`, `end of file`, `string "x"`.
std::string describe_token(const Token& t);

} // namespace weft::lang
