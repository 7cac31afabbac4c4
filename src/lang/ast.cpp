#include "lang/ast.h"

namespace weft::lang {

std::string_view sink_name(SinkKind k) {
  switch (k) {
  case SinkKind::Display:
    return "display";
  case SinkKind::Render:
    return "render";
  case SinkKind::Play:
    return "play";
  case SinkKind::Compute:
    return "compute";
  case SinkKind::Osc:
    return "osc";
  case SinkKind::Midi:
    return "midi";
  case SinkKind::Data:
    return "data";
  }
  return "?";
}

std::string_view binary_op_spelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::Mod:
    return "%";
  case BinaryOp::Pow:
    return "^";
  case BinaryOp::Equal:
    return "==";
  case BinaryOp::NotEqual:
    return "!=";
  case BinaryOp::Less:
    return "<<";
  case BinaryOp::Greater:
    return ">>";
  case BinaryOp::LessEqual:
    return "<<=";
  case BinaryOp::GreaterEqual:
    return ">>=";
  case BinaryOp::And:
    return "and";
  case BinaryOp::Or:
    return "or";
  }
  return "?";
}

std::string_view assign_op_spelling(AssignOp op) {
  switch (op) {
  case AssignOp::Set:
    return "=";
  case AssignOp::Add:
    return "+=";
  case AssignOp::Sub:
    return "-=";
  case AssignOp::Mul:
    return "*=";
  case AssignOp::Div:
    return "/=";
  }
  return "?";
}

Span join(const Span& a, const Span& b) {
  Span s = a;
  std::uint32_t end = b.offset + b.length;
  s.length = end > a.offset ? end - a.offset : a.length;
  return s;
}

} // namespace weft::lang
