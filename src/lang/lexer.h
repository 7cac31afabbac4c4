/// \file
/// The lexer: source text -> tokens, on demand (LANGUAGE.md §2). Lexical errors are reported to
/// `Diagnostics` (code `lex`) and come back as one `Error` token, so the parser can resynchronise
/// without reporting them again. Directive lines produce the `directive` warning and are skipped.
/// Runs in time linear in the input and never recurses.
/// Implements: LANGUAGE.md §2. Tests: tests/lang/lexer_test.cpp.
/// Real-time: no.
#pragma once

#include "lang/diagnostic.h"
#include "lang/token.h"

namespace weft::lang {

class Lexer {
public:
  Lexer(const SourceFile& file, Diagnostics& diags);
  /// The next token; `Eof` forever once the input is exhausted.
  Token next();

private:
  char peek(std::size_t ahead = 0) const;
  void advance_byte();
  void advance_code_point();
  Span span_from(std::size_t offset, std::uint32_t line, std::uint32_t col) const;
  bool skip_trivia(); ///< whitespace, comments, directive lines; false on an unterminated comment
  void skip_block_comment();
  void skip_line_comment();
  Token make(TokenKind kind, std::size_t offset, std::uint32_t line, std::uint32_t col);
  Token lex_identifier();
  Token lex_number();
  Token lex_string();
  Token lex_operator();
  Token lex_bad_character();
  Token error_token(std::size_t offset, std::uint32_t line, std::uint32_t col);

  const SourceFile& file_;
  std::string_view text_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 1;
  bool at_line_start_ = true; ///< only blanks since the last line ending
  bool crossed_line_ = true;  ///< a line ending since the previous token
  Span last_token_end_{};     ///< where an `Eof` token is placed
};

/// Length in bytes of the valid UTF-8 sequence starting at `s[0]`, or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view s);
/// The code point of the valid UTF-8 sequence at the start of `s` (see utf8_sequence_length).
char32_t decode_utf8(std::string_view s);

} // namespace weft::lang
