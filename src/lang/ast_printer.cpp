#include "lang/ast_printer.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace weft::lang {

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  return std::string(buf, end);
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += c;
    }
  }
  return out + "\"";
}

std::string join_words(const std::vector<Word>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ", ";
    out += words[i].text;
  }
  return out;
}

class AstPrinter {
public:
  std::string out;

  void line(int indent, std::string_view kind, const Span& at, std::string_view detail = {}) {
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += fmt::format("{} {}:{}", kind, at.line, at.col);
    if (!detail.empty()) out += fmt::format(" {}", detail);
    out += '\n';
  }

  void args(int indent, const std::vector<Arg>& list) {
    for (const Arg& a : list) {
      if (a.name) {
        line(indent, "Named", a.name->span, a.name->text);
        expr(indent + 1, *a.value);
      } else {
        expr(indent, *a.value);
      }
    }
  }

  void expr(int indent, const Expr& e) {
    switch (e.kind) {
    case ExprKind::Number:
      line(indent, "Number", e.span, format_number(e.as<NumberExpr>()->value));
      return;
    case ExprKind::String:
      line(indent, "String", e.span, quote(e.as<StringExpr>()->value));
      return;
    case ExprKind::Name:
      line(indent, "Name", e.span, e.as<NameExpr>()->name);
      return;
    case ExprKind::Field: {
      const auto* f = e.as<FieldExpr>();
      line(indent, "Field", e.span,
           fmt::format("{}@{}", f->owner == FieldOwner::Me ? "me" : "mouse", f->field.text));
      return;
    }
    case ExprKind::Strand:
      strand(indent, *e.as<StrandExpr>());
      return;
    case ExprKind::Call: {
      const auto* c = e.as<CallExpr>();
      line(indent, "Call", e.span, c->callee.text);
      args(indent + 1, c->args);
      return;
    }
    case ExprKind::Unary: {
      const auto* u = e.as<UnaryExpr>();
      line(indent, "Unary", e.span, u->op == UnaryOp::Negate ? "-" : "not");
      expr(indent + 1, *u->operand);
      return;
    }
    case ExprKind::Binary: {
      const auto* b = e.as<BinaryExpr>();
      line(indent, "Binary", e.span, binary_op_spelling(b->op));
      expr(indent + 1, *b->lhs);
      expr(indent + 1, *b->rhs);
      return;
    }
    case ExprKind::Chain: {
      const auto* c = e.as<ChainExpr>();
      std::string ops;
      for (BinaryOp op : c->ops)
        ops += fmt::format("{}{}", ops.empty() ? "" : " ", binary_op_spelling(op));
      line(indent, "Chain", e.span, ops);
      for (const Expr* operand : c->operands) expr(indent + 1, *operand);
      return;
    }
    case ExprKind::If: {
      const auto* i = e.as<IfExpr>();
      line(indent, "If", e.span);
      expr(indent + 1, *i->cond);
      expr(indent + 1, *i->then_value);
      expr(indent + 1, *i->else_value);
      return;
    }
    case ExprKind::Bundle: {
      const auto* b = e.as<BundleExpr>();
      line(indent, "Bundle", e.span, fmt::format("{} items", b->items.size()));
      for (const Expr* item : b->items) expr(indent + 1, *item);
      return;
    }
    }
  }

  void strand(int indent, const StrandExpr& s) {
    std::string detail = fmt::format("{}@{}", s.instance.text, s.strand.text);
    if (!s.remap) {
      line(indent, "Strand", s.span, detail);
      return;
    }
    line(indent, "Remap", s.span, detail);
    for (const RemapItem& item : s.remap->items) {
      if (item.axis) {
        line(indent + 1, "Keyed", item.axis_span, fmt::format("me@{}", item.axis->text));
        expr(indent + 2, *item.value);
      } else {
        expr(indent + 1, *item.value);
      }
    }
  }

  void body(int indent, const std::vector<BodyStmt*>& stmts) {
    for (const BodyStmt* s : stmts) {
      if (const auto* a = s->as<AssignStmt>()) {
        line(indent, a->is_out ? "Out" : "Assign", s->span,
             fmt::format("{} {}", a->target.text, assign_op_spelling(a->op)));
        expr(indent + 1, *a->value);
      } else if (const auto* f = s->as<ForStmt>()) {
        line(indent, "For", s->span, f->var.text);
        expr(indent + 1, *f->from);
        expr(indent + 1, *f->to);
        body(indent + 1, f->body);
      }
    }
  }

  void statement(const Stmt& s) {
    switch (s.kind) {
    case StmtKind::Env: {
      const auto* e = s.as<EnvStmt>();
      line(0, "Env", s.span, fmt::format("me<{}>", e->field.text));
      expr(1, *e->value);
      return;
    }
    case StmtKind::Binding: {
      const auto* b = s.as<BindingStmt>();
      line(0, "Binding", s.span, fmt::format("{}<{}>", b->name.text, join_words(b->outputs)));
      expr(1, *b->rhs);
      return;
    }
    case StmtKind::CallBinding: {
      const auto* c = s.as<CallBindingStmt>();
      line(0, "CallBinding", s.span,
           fmt::format("{}(…)::{}<{}>", c->callee.text, c->name.text, join_words(c->outputs)));
      args(1, c->args);
      return;
    }
    case StmtKind::MultiCall: {
      const auto* m = s.as<MultiCallStmt>();
      line(0, "MultiCall", s.span,
           fmt::format("{}<{}>(…)::{}<{}>", m->callee.text, m->count, m->name.text,
                       join_words(m->outputs)));
      args(1, m->args);
      return;
    }
    case StmtKind::Spindle: {
      const auto* sp = s.as<SpindleStmt>();
      line(0, "Spindle", s.span,
           fmt::format("{}({}) :: <{}>", sp->name.text, join_words(sp->params),
                       join_words(sp->outputs)));
      body(1, sp->body);
      return;
    }
    case StmtKind::Sink: {
      const auto* k = s.as<SinkStmt>();
      line(0, "Sink", s.span, sink_name(k->sink));
      args(1, k->args);
      return;
    }
    }
  }
};

} // namespace

std::string print_ast(const Program& program) {
  AstPrinter p;
  p.out =
      fmt::format("Program {} ({} statements)\n", program.file().path(), program.statements.size());
  for (const Stmt* s : program.statements) p.statement(*s);
  return std::move(p.out);
}

std::string print_expr(const Expr& expr, int indent) {
  AstPrinter p;
  p.expr(indent, expr);
  return std::move(p.out);
}

} // namespace weft::lang
