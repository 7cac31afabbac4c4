#include "lang/token.h"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace weft::lang {

namespace {

constexpr std::array<std::pair<std::string_view, TokenKind>, 21> kKeywords{{
    {"spindle", TokenKind::KwSpindle}, {"if", TokenKind::KwIf},
    {"then", TokenKind::KwThen},       {"else", TokenKind::KwElse},
    {"not", TokenKind::KwNot},         {"and", TokenKind::KwAnd},
    {"or", TokenKind::KwOr},           {"out", TokenKind::KwOut},
    {"for", TokenKind::KwFor},         {"in", TokenKind::KwIn},
    {"to", TokenKind::KwTo},           {"let", TokenKind::KwLet},
    {"me", TokenKind::KwMe},           {"mouse", TokenKind::KwMouse},
    {"display", TokenKind::KwDisplay}, {"render", TokenKind::KwRender},
    {"play", TokenKind::KwPlay},       {"compute", TokenKind::KwCompute},
    {"osc", TokenKind::KwOsc},         {"midi", TokenKind::KwMidi},
    {"data", TokenKind::KwData},
}};

} // namespace

std::string_view Token::text() const {
  if (!span.file) return {};
  return std::string_view(span.file->text()).substr(span.offset, span.length);
}

bool is_keyword(TokenKind k) {
  return k >= TokenKind::KwSpindle && k <= TokenKind::KwData;
}

bool is_word(TokenKind k) {
  return k == TokenKind::Ident || is_keyword(k);
}

bool is_sink_keyword(TokenKind k) {
  return k >= TokenKind::KwDisplay && k <= TokenKind::KwData;
}

std::optional<TokenKind> keyword_kind(std::string_view text) {
  for (const auto& [name, kind] : kKeywords) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

std::string_view token_spelling(TokenKind k) {
  for (const auto& [name, kind] : kKeywords) {
    if (kind == k) return name;
  }
  switch (k) {
  case TokenKind::Plus:
    return "+";
  case TokenKind::Minus:
    return "-";
  case TokenKind::Star:
    return "*";
  case TokenKind::Slash:
    return "/";
  case TokenKind::Percent:
    return "%";
  case TokenKind::Caret:
    return "^";
  case TokenKind::EqualEqual:
    return "==";
  case TokenKind::BangEqual:
    return "!=";
  case TokenKind::LessLess:
    return "<<";
  case TokenKind::GreaterGreater:
    return ">>";
  case TokenKind::LessLessEqual:
    return "<<=";
  case TokenKind::GreaterGreaterEqual:
    return ">>=";
  case TokenKind::Equal:
    return "=";
  case TokenKind::PlusEqual:
    return "+=";
  case TokenKind::MinusEqual:
    return "-=";
  case TokenKind::StarEqual:
    return "*=";
  case TokenKind::SlashEqual:
    return "/=";
  case TokenKind::Tilde:
    return "~";
  case TokenKind::At:
    return "@";
  case TokenKind::Dot:
    return ".";
  case TokenKind::Colon:
    return ":";
  case TokenKind::ColonColon:
    return "::";
  case TokenKind::Comma:
    return ",";
  case TokenKind::LParen:
    return "(";
  case TokenKind::RParen:
    return ")";
  case TokenKind::LBracket:
    return "[";
  case TokenKind::RBracket:
    return "]";
  case TokenKind::LBrace:
    return "{";
  case TokenKind::RBrace:
    return "}";
  case TokenKind::Less:
    return "<";
  case TokenKind::Greater:
    return ">";
  default:
    return {};
  }
}

std::string describe_token(const Token& t) {
  switch (t.kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::String:
    return "a string";
  case TokenKind::Error:
    return "an invalid token";
  default:
    break;
  }
  std::string_view text = t.text();
  if (text.size() > 40) return fmt::format("'{}...'", text.substr(0, 40));
  return fmt::format("'{}'", text);
}

} // namespace weft::lang
