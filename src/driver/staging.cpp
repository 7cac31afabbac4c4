#include "driver/staging.h"

#include "ir/builtins/registry.h"

#include <fmt/format.h>
#include <string>
#include <unordered_set>

namespace weft::driver {

namespace {

/// Why a builtin cannot run yet, or empty when the visual backend evaluates it.
std::string unsupported_reason(const ir::Builtin& b) {
  if (b.name == "pat") return {}; // the VM evaluates the compiled pattern
  if (b.is_owned()) return {};    // audio engine nodes, image lookups (camera: black)
  if (b.fold == nullptr) return "its evaluator comes with a later issue";
  return {};
}

std::string_view sink_reason(lang::SinkKind k) {
  switch (k) {
  case lang::SinkKind::Display:
  case lang::SinkKind::Render:
  case lang::SinkKind::Play:
    return {};
  case lang::SinkKind::Compute:
  case lang::SinkKind::Osc:
  case lang::SinkKind::Midi:
    return "control sinks come with a later issue";
  case lang::SinkKind::Data:
    return "data sinks come with a later issue";
  }
  return {};
}

class Finder {
public:
  Finder(const lang::Program& program, lang::Diagnostics& diagnostics)
      : program_(program), diags_(diagnostics) {
    for (const lang::Stmt* s : program.statements) {
      if (const auto* sp = s->as<lang::SpindleStmt>()) spindles_.insert(sp->name.text);
    }
  }

  std::size_t run() {
    for (const lang::Stmt* s : program_.statements) statement(*s);
    return count_;
  }

private:
  void callee(const lang::Word& name) {
    if (spindles_.count(name.text) != 0) return;
    const ir::Builtin* b = ir::find_builtin(name.text);
    if (b == nullptr) return;
    std::string reason = unsupported_reason(*b);
    if (reason.empty()) return;
    diags_.error("unsupported", name.span, fmt::format("'{}' is not supported yet", name.text))
        .hint(std::move(reason));
    ++count_;
  }

  void expression(const lang::Expr* e) {
    if (e == nullptr) return;
    lang::for_each_expression(*e, [&](const lang::Expr& x) {
      if (const auto* call = x.as<lang::CallExpr>()) callee(call->callee);
    });
  }

  void args(const std::vector<lang::Arg>& list) {
    for (const lang::Arg& a : list) expression(a.value);
  }

  void statement(const lang::Stmt& s) {
    if (const auto* b = s.as<lang::BindingStmt>()) {
      expression(b->rhs);
    } else if (const auto* c = s.as<lang::CallBindingStmt>()) {
      callee(c->callee);
      args(c->args);
    } else if (const auto* m = s.as<lang::MultiCallStmt>()) {
      callee(m->callee);
      args(m->args);
    } else if (const auto* sp = s.as<lang::SpindleStmt>()) {
      lang::for_each_expression(sp->body, [&](const lang::Expr& x) {
        if (const auto* call = x.as<lang::CallExpr>()) callee(call->callee);
      });
    } else if (const auto* sink = s.as<lang::SinkStmt>()) {
      std::string_view reason = sink_reason(sink->sink);
      if (!reason.empty()) {
        diags_
            .error("unsupported", sink->span,
                   fmt::format("'{}' is not supported yet", lang::sink_name(sink->sink)))
            .hint(std::string(reason));
        ++count_;
      }
      args(sink->args);
    }
  }

  const lang::Program& program_;
  lang::Diagnostics& diags_;
  std::unordered_set<std::string> spindles_;
  std::size_t count_ = 0;
};

} // namespace

std::size_t report_unsupported_features(const lang::Program& program,
                                        lang::Diagnostics& diagnostics) {
  return Finder(program, diagnostics).run();
}

} // namespace weft::driver
