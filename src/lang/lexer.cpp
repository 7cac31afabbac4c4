#include "lang/lexer.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace weft::lang {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c);
}
bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

} // namespace

std::size_t utf8_sequence_length(std::string_view s) {
  if (s.empty()) return 0;
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0)
    n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    n = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0)
    n = 4, min = 0x10000;
  else
    return 0;
  if (s.size() < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
  }
  char32_t cp = decode_utf8(s.substr(0, n));
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

char32_t decode_utf8(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
  if (s.empty()) return 0;
  if (b(0) < 0x80) return b(0);
  if ((b(0) & 0xE0) == 0xC0 && s.size() >= 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if ((b(0) & 0xF0) == 0xE0 && s.size() >= 3)
    return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  if (s.size() >= 4)
    return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  return 0;
}

Lexer::Lexer(const SourceFile& file, Diagnostics& diags)
    : file_(file), text_(file.text()), diags_(diags) {
  last_token_end_.file = &file_;
}

char Lexer::peek(std::size_t ahead) const {
  return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
}

void Lexer::advance_byte() {
  char c = text_[pos_++];
  if (c == '\n') {
    ++line_;
    col_ = 1;
    at_line_start_ = true;
    crossed_line_ = true;
  } else if (c == '\r' && peek() == '\n') {
    // part of the CR LF line ending: no column
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++col_;
  }
}

void Lexer::advance_code_point() {
  advance_byte();
  while (pos_ < text_.size() && (static_cast<unsigned char>(text_[pos_]) & 0xC0) == 0x80) ++pos_;
}

Span Lexer::span_from(std::size_t offset, std::uint32_t line, std::uint32_t col) const {
  return Span{&file_, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(pos_ - offset),
              line, col};
}

Token Lexer::make(TokenKind kind, std::size_t offset, std::uint32_t line, std::uint32_t col) {
  Token t;
  t.kind = kind;
  t.span = span_from(offset, line, col);
  t.first_on_line = crossed_line_;
  crossed_line_ = false;
  at_line_start_ = false;
  last_token_end_ = Span{&file_, static_cast<std::uint32_t>(pos_), 0, line_, col_};
  return t;
}

Token Lexer::error_token(std::size_t offset, std::uint32_t line, std::uint32_t col) {
  return make(TokenKind::Error, offset, line, col);
}

void Lexer::skip_line_comment() {
  std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  // Columns inside a comment are never reported, except for invalid UTF-8 found below.
  std::string_view body = text_.substr(start, pos_ - start);
  for (std::size_t i = 0; i < body.size();) {
    std::size_t n = utf8_sequence_length(body.substr(i));
    if (n == 0) {
      std::string_view line = file_.line_text(line_);
      std::uint32_t col =
          1 + count_code_points(line.substr(0, start + i - file_.line_start(line_)));
      diags_.error("lex", Span{&file_, static_cast<std::uint32_t>(start + i), 1, line_, col},
                   "invalid UTF-8 in comment");
      break;
    }
    i += n;
  }
}

void Lexer::skip_block_comment() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  advance_byte();
  advance_byte(); // "/*"
  bool reported_utf8 = false;
  while (pos_ < text_.size()) {
    if (text_[pos_] == '*' && peek(1) == '/') {
      advance_byte();
      advance_byte();
      at_line_start_ = false; // a '#' after a comment does not begin a directive line
      return;
    }
    // Step over whole code points: a continuation byte alone is invalid, inside `é` it is not.
    const std::size_t n = utf8_sequence_length(text_.substr(pos_));
    if (!reported_utf8 && n == 0) {
      diags_.error("lex", Span{&file_, static_cast<std::uint32_t>(pos_), 1, line_, col_},
                   "invalid UTF-8 in comment");
      reported_utf8 = true;
    }
    if (n > 1) {
      advance_code_point();
    } else {
      advance_byte();
    }
  }
  diags_.error("lex", Span{&file_, static_cast<std::uint32_t>(start), 2, line, col},
               "unterminated block comment");
}

bool Lexer::skip_trivia() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance_byte();
    } else if (c == '/' && peek(1) == '/') {
      skip_line_comment();
    } else if (c == '/' && peek(1) == '*') {
      skip_block_comment();
    } else if (c == '#' && at_line_start_) {
      diags_.warning("directive", Span{&file_, static_cast<std::uint32_t>(pos_), 1, line_, col_},
                     "directive line ignored (this version defines no directives)");
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else {
      return true;
    }
  }
  return true;
}

Token Lexer::next() {
  skip_trivia();
  if (pos_ >= text_.size()) {
    Token t;
    t.kind = TokenKind::Eof;
    t.span = last_token_end_;
    t.first_on_line = true;
    return t;
  }
  char c = text_[pos_];
  if (is_ident_start(c)) return lex_identifier();
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number();
  if (c == '"') return lex_string();
  return lex_operator();
}

Token Lexer::lex_identifier() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  while (pos_ < text_.size() && is_ident_char(text_[pos_])) advance_byte();
  std::string_view word = text_.substr(start, pos_ - start);
  return make(keyword_kind(word).value_or(TokenKind::Ident), start, line, col);
}

Token Lexer::lex_number() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  auto digits = [&] {
    std::size_t n = 0;
    while (is_digit(peek())) advance_byte(), ++n;
    return n;
  };
  auto fail = [&](std::string message, std::string hint = {}) {
    // Swallow the rest of the malformed literal so it does not cascade into more errors.
    while (is_ident_char(peek()) || (peek() == '.' && is_digit(peek(1)))) advance_byte();
    Diagnostic& d = diags_.error("lex", span_from(start, line, col), std::move(message));
    if (!hint.empty()) d.hint(std::move(hint));
    return error_token(start, line, col);
  };
  digits();
  if (peek() == '.') {
    advance_byte();
    if (digits() == 0) return fail("digit expected after '.'");
  }
  if (peek() == 'e' || peek() == 'E') {
    const std::size_t e_at = pos_;
    advance_byte();
    if (is_ident_start(peek())) {
      // `2else`: a word glued to the number; its 'e' begins an exponent (§2.5)
      std::size_t end = e_at;
      while (end < text_.size() && is_ident_char(text_[end])) ++end;
      return fail("digit expected in the exponent",
                  fmt::format("an 'e' right after a number begins its exponent; write '{} {}'",
                              text_.substr(start, e_at - start), text_.substr(e_at, end - e_at)));
    }
    if (peek() == '+' || peek() == '-') advance_byte();
    if (digits() == 0) return fail("digit expected in the exponent");
  }
  std::string literal(text_.substr(start, pos_ - start));
  errno = 0;
  double value = std::strtod(literal.c_str(), nullptr);
  if (std::isinf(value)) return fail("number is too large (it overflows to infinity)");
  Token t = make(TokenKind::Number, start, line, col);
  t.number = value;
  return t;
}

Token Lexer::lex_string() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  advance_byte(); // opening quote
  std::string value;
  bool ok = true;
  while (true) {
    if (pos_ >= text_.size() || text_[pos_] == '\n' || (text_[pos_] == '\r' && peek(1) == '\n')) {
      diags_.error("lex", Span{&file_, static_cast<std::uint32_t>(start), 1, line, col},
                   "unterminated string (strings end on the line they start)");
      return error_token(start, line, col);
    }
    char c = text_[pos_];
    if (c == '"') {
      advance_byte();
      break;
    }
    if (c == '\\') {
      std::uint32_t ecol = col_;
      std::size_t epos = pos_;
      advance_byte();
      char e = peek();
      switch (e) {
      case '"':
        value += '"';
        break;
      case '\\':
        value += '\\';
        break;
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      default: {
        std::size_t n = utf8_sequence_length(text_.substr(pos_));
        std::string shown =
            n > 0 && e != '\n' && e != '\r' ? std::string(text_.substr(pos_, n)) : "";
        diags_
            .error("lex", Span{&file_, static_cast<std::uint32_t>(epos), 2, line_, ecol},
                   shown.empty() || is_control(static_cast<unsigned char>(e))
                       ? std::string("unknown escape sequence in string")
                       : fmt::format("unknown escape sequence '\\{}'", shown))
            .hint("the escapes are \\\" \\\\ \\n \\t");
        ok = false;
        if (e == '\n' || e == '\r' || pos_ >= text_.size()) continue;
        advance_code_point();
        continue;
      }
      }
      advance_byte();
      continue;
    }
    std::size_t n = utf8_sequence_length(text_.substr(pos_));
    if (n == 0) {
      diags_.error(
          "lex", Span{&file_, static_cast<std::uint32_t>(pos_), 1, line_, col_},
          fmt::format("invalid UTF-8 byte 0x{:02X} in string", static_cast<unsigned char>(c)));
      ok = false;
      advance_byte();
      continue;
    }
    if (is_control(static_cast<unsigned char>(c))) {
      diags_.error("lex", Span{&file_, static_cast<std::uint32_t>(pos_), 1, line_, col_},
                   fmt::format("control character U+{:04X} in string", static_cast<unsigned>(c)));
      ok = false;
    }
    value.append(text_.substr(pos_, n));
    advance_code_point();
  }
  if (!ok) return error_token(start, line, col);
  Token t = make(TokenKind::String, start, line, col);
  t.string = std::move(value);
  return t;
}

Token Lexer::lex_operator() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  char c = peek();
  char c1 = peek(1);
  char c2 = peek(2);
  auto take = [&](TokenKind kind, int bytes) {
    for (int i = 0; i < bytes; ++i) advance_byte();
    return make(kind, start, line, col);
  };
  switch (c) {
  case '+':
    return c1 == '=' ? take(TokenKind::PlusEqual, 2) : take(TokenKind::Plus, 1);
  case '-':
    return c1 == '=' ? take(TokenKind::MinusEqual, 2) : take(TokenKind::Minus, 1);
  case '*':
    return c1 == '=' ? take(TokenKind::StarEqual, 2) : take(TokenKind::Star, 1);
  case '/':
    return c1 == '=' ? take(TokenKind::SlashEqual, 2) : take(TokenKind::Slash, 1);
  case '%':
    return take(TokenKind::Percent, 1);
  case '^':
    return take(TokenKind::Caret, 1);
  case '=':
    return c1 == '=' ? take(TokenKind::EqualEqual, 2) : take(TokenKind::Equal, 1);
  case '!':
    if (c1 == '=') return take(TokenKind::BangEqual, 2);
    break;
  case '<':
    if (c1 == '<')
      return c2 == '=' ? take(TokenKind::LessLessEqual, 3) : take(TokenKind::LessLess, 2);
    return take(TokenKind::Less, 1);
  case '>':
    if (c1 == '>')
      return c2 == '=' ? take(TokenKind::GreaterGreaterEqual, 3)
                       : take(TokenKind::GreaterGreater, 2);
    return take(TokenKind::Greater, 1);
  case '~':
    return take(TokenKind::Tilde, 1);
  case '@':
    return take(TokenKind::At, 1);
  case '.':
    return take(TokenKind::Dot, 1);
  case ':':
    return c1 == ':' ? take(TokenKind::ColonColon, 2) : take(TokenKind::Colon, 1);
  case ',':
    return take(TokenKind::Comma, 1);
  case '(':
    return take(TokenKind::LParen, 1);
  case ')':
    return take(TokenKind::RParen, 1);
  case '[':
    return take(TokenKind::LBracket, 1);
  case ']':
    return take(TokenKind::RBracket, 1);
  case '{':
    return take(TokenKind::LBrace, 1);
  case '}':
    return take(TokenKind::RBrace, 1);
  default:
    break;
  }
  return lex_bad_character();
}

Token Lexer::lex_bad_character() {
  std::size_t start = pos_;
  std::uint32_t line = line_, col = col_;
  unsigned char c = static_cast<unsigned char>(peek());
  auto report = [&](std::string message) -> Diagnostic& {
    return diags_.error("lex", span_from(start, line, col), std::move(message));
  };
  if (c >= 0x80) {
    std::size_t n = utf8_sequence_length(text_.substr(pos_));
    if (n == 0) {
      advance_byte();
      report(fmt::format("invalid UTF-8 byte 0x{:02X}", c));
    } else {
      char32_t cp = decode_utf8(text_.substr(pos_, n));
      advance_code_point();
      report(fmt::format("non-ASCII character U+{:04X} outside a comment or string",
                         static_cast<std::uint32_t>(cp)));
    }
    return error_token(start, line, col);
  }
  advance_byte();
  if (is_control(c)) {
    report(fmt::format("control character U+{:04X} is not allowed", static_cast<unsigned>(c)));
  } else if (c == ';') {
    report("unexpected ';'").hint("statements need no separator");
  } else if (c == '!' || c == '&' || c == '|') {
    if ((c == '&' || c == '|') && peek() == static_cast<char>(c)) advance_byte();
    report(fmt::format("unexpected '{}'", text_.substr(start, pos_ - start)))
        .hint("use 'not' / 'and' / 'or'");
  } else if (c == '#') {
    report("unexpected '#'")
        .hint("'#' starts a directive line only as the first non-blank character of a line");
  } else {
    report(fmt::format("unexpected character '{}'", static_cast<char>(c)));
  }
  return error_token(start, line, col);
}

} // namespace weft::lang
