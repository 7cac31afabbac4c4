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

void for_each_expression(const Expr& root, const std::function<void(const Expr&)>& fn) {
  std::vector<const Expr*> work{&root};
  while (!work.empty()) {
    const Expr* e = work.back();
    work.pop_back();
    fn(*e);
    switch (e->kind) {
    case ExprKind::Strand:
      if (const auto& remap = e->as<StrandExpr>()->remap) {
        for (const RemapItem& item : remap->items) work.push_back(item.value);
      }
      break;
    case ExprKind::Call:
      for (const Arg& a : e->as<CallExpr>()->args) work.push_back(a.value);
      break;
    case ExprKind::Unary:
      work.push_back(e->as<UnaryExpr>()->operand);
      break;
    case ExprKind::Binary:
      work.push_back(e->as<BinaryExpr>()->rhs);
      work.push_back(e->as<BinaryExpr>()->lhs);
      break;
    case ExprKind::Chain: {
      const auto& ops = e->as<ChainExpr>()->operands;
      work.insert(work.end(), ops.rbegin(), ops.rend());
      break;
    }
    case ExprKind::If: {
      const auto* i = e->as<IfExpr>();
      work.insert(work.end(), {i->else_value, i->then_value, i->cond});
      break;
    }
    case ExprKind::Bundle: {
      const auto& items = e->as<BundleExpr>()->items;
      work.insert(work.end(), items.rbegin(), items.rend());
      break;
    }
    default:
      break;
    }
  }
}

void for_each_expression(const std::vector<BodyStmt*>& body,
                         const std::function<void(const Expr&)>& fn) {
  std::vector<const std::vector<BodyStmt*>*> blocks{&body};
  while (!blocks.empty()) {
    const std::vector<BodyStmt*>* block = blocks.back();
    blocks.pop_back();
    for (const BodyStmt* b : *block) {
      if (const auto* a = b->as<AssignStmt>()) for_each_expression(*a->value, fn);
      if (const auto* f = b->as<ForStmt>()) {
        for_each_expression(*f->from, fn);
        for_each_expression(*f->to, fn);
        blocks.push_back(&f->body);
      }
    }
  }
}

Span join(const Span& a, const Span& b) {
  Span s = a;
  std::uint32_t end = b.offset + b.length;
  s.length = end > a.offset ? end - a.offset : a.length;
  return s;
}

} // namespace weft::lang
