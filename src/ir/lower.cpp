#include "ir/lower.h"

#include "ir/builtins/suggest.h"
#include "ir/fields.h"
#include "ir/lower_internal.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>

namespace weft::ir {

double Environment::value(Coord f) const {
  switch (f) {
  case Coord::Width:
    return width;
  case Coord::Height:
    return height;
  case Coord::Fps:
    return fps;
  case Coord::Loop:
    return loop;
  case Coord::Bpm:
    return bpm;
  case Coord::Cps:
    return cps;
  case Coord::Rate:
    return rate;
  case Coord::TimesigNum:
    return timesig_num;
  case Coord::TimesigDen:
    return timesig_den;
  default:
    return 0;
  }
}

std::int32_t Module::find_strand(std::string_view instance, std::string_view strand) const {
  for (std::size_t i = 0; i < strands.size(); ++i) {
    if (strands[i].instance == instance && strands[i].name == strand)
      return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::string Sink::label() const {
  return fmt::format("{}#{}", lang::sink_name(kind), ordinal + 1);
}

Module lower_program(const lang::Program& program, lang::Diagnostics& diags,
                     const EnvironmentOverrides& overrides) {
  detail::Lowerer lowerer(program, diags, overrides);
  return lowerer.run();
}

namespace detail {

namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

} // namespace

Module Lowerer::run() {
  // Spindles first: direct bindings of multi-output spindle calls depend on them (§4.2 rule 4).
  collect_spindles();
  check_recursion();
  // The environment before any strand: `me@width` and friends fold to its constants.
  evaluate_environment();
  collect_statements();
  // Every strand is lowered, used or not, so cycles anywhere are reported (§4.2); dependencies
  // first, so that chains of plain references never recurse deeply.
  in_progress_.assign(strands_.size(), 0);
  for (std::uint32_t s : lowering_order()) {
    NodeId root = lower_definition(s, 0);
    module_.strands[s].root = root;
  }
  lower_sinks();
  // Spindles nobody calls are still checked, with unknown parameter values.
  check_uncalled_spindles();
  return std::move(module_);
}

// ---------------------------------------------------------------------------------------------
// Spindles

void Lowerer::collect_spindles() {
  for (const lang::Word& w : program_.failed_spindles) failed_spindles_.insert(w.text);
  for (const lang::Stmt* stmt : program_.statements) {
    const auto* s = stmt->as<lang::SpindleStmt>();
    if (!s) continue;
    const std::string& name = s->name.text;
    if (name == "pi" || name == "tau") {
      diags_.error("spindle", s->name.span,
                   fmt::format("'{}' is a constant and cannot name a spindle", name));
      continue;
    }
    auto [it, inserted] = spindles_.try_emplace(name, s);
    if (!inserted) {
      diags_.error("spindle", s->name.span, fmt::format("spindle '{}' is already defined", name))
          .note(it->second->name.span, "first defined here");
      continue;
    }
    if (find_builtin(name)) {
      diags_
          .warning("shadow", s->name.span,
                   fmt::format("spindle '{}' shadows the builtin of the same name", name))
          .hint("the spindle is used everywhere in this program, including its own body");
    }
    if (s->outputs.empty()) {
      diags_.error("spindle", s->name.span, fmt::format("spindle '{}' has no outputs", name))
          .hint("list at least one output: spindle f(x) :: <out> { … }");
    }
    // Parameter and output names: distinct, and not pi/tau.
    std::map<std::string, const lang::Word*, std::less<>> seen;
    auto check_name = [&](const lang::Word& w, const char* what) {
      if (w.text == "pi" || w.text == "tau") {
        diags_.error("spindle", w.span,
                     fmt::format("'{}' is a constant and cannot be a {}", w.text, what));
        return;
      }
      auto [prev, fresh] = seen.try_emplace(w.text, &w);
      if (!fresh) {
        diags_
            .error("spindle", w.span,
                   fmt::format("'{}' is declared twice in spindle '{}'", w.text, name))
            .note(prev->second->span, "first declared here");
      }
    };
    for (const lang::Word& p : s->params) check_name(p, "parameter name");
    for (const lang::Word& o : s->outputs) check_name(o, "output name");
    warn_unassigned_outputs(*s);
  }
}

/// §4.5: an output that no statement assigns is 0, with a warning.
void Lowerer::warn_unassigned_outputs(const lang::SpindleStmt& s) {
  std::unordered_set<std::string> assigned;
  std::function<void(const std::vector<lang::BodyStmt*>&)> visit =
      [&](const std::vector<lang::BodyStmt*>& body) {
        for (const lang::BodyStmt* b : body) {
          if (const auto* a = b->as<lang::AssignStmt>(); a && a->is_out)
            assigned.insert(a->target.text);
          if (const auto* f = b->as<lang::ForStmt>()) visit(f->body);
        }
      };
  visit(s.body);
  for (const lang::Word& o : s.outputs) {
    if (assigned.count(o.text)) continue;
    diags_
        .warning("unassigned-output", o.span,
                 fmt::format("output '{}' of spindle '{}' is never assigned, so it is 0", o.text,
                             s.name.text))
        .hint(fmt::format("assign it with out {} = …", o.text));
  }
}

/// §4.5: recursion, direct or mutual, named by its call path.
void Lowerer::check_recursion() {
  // Calls of each spindle, in source order, with the span of the first call of each callee.
  std::map<std::string, std::vector<std::pair<std::string, lang::Span>>, std::less<>> calls;
  for (const auto& entry : spindles_) {
    std::vector<std::pair<std::string, lang::Span>>& out = calls[entry.first];
    lang::for_each_expression(entry.second->body, [&](const lang::Expr& e) {
      const auto* c = e.as<lang::CallExpr>();
      if (c && spindles_.count(c->callee.text)) out.emplace_back(c->callee.text, c->callee.span);
    });
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.second.offset < b.second.offset;
    });
  }
  // Depth-first search in source order of the spindle definitions; report each cycle once.
  std::vector<const lang::SpindleStmt*> order;
  for (const auto& [name, s] : spindles_) order.push_back(s);
  std::sort(order.begin(), order.end(),
            [](const auto* a, const auto* b) { return a->span.offset < b->span.offset; });
  std::map<std::string, int, std::less<>> state; // 0 new, 1 on stack, 2 done
  std::vector<std::pair<std::string, lang::Span>> stack;
  std::function<void(const std::string&)> dfs = [&](const std::string& name) {
    state[name] = 1;
    for (const auto& call : calls[name]) {
      const std::string& callee = call.first;
      stack.emplace_back(name, call.second);
      if (state[callee] == 1) {
        auto first = std::find_if(stack.begin(), stack.end(),
                                  [&](const auto& e) { return e.first == callee; });
        std::vector<std::string> path;
        for (auto it = first; it != stack.end(); ++it) path.push_back(it->first);
        path.push_back(callee);
        std::string text = path[0];
        for (std::size_t i = 1; i < path.size(); ++i) text += " -> " + path[i];
        diags_.error("recursion", first->second, fmt::format("recursive spindle call: {}", text));
      } else if (state[callee] == 0 && stack.size() < static_cast<std::size_t>(kMaxLoweringDepth)) {
        dfs(callee); // deeper call chains get the lowering's `limit` error instead
      }
      stack.pop_back();
    }
    state[name] = 2;
  };
  for (const lang::SpindleStmt* s : order) {
    if (state[s->name.text] == 0) dfs(s->name.text);
  }
}

void Lowerer::check_uncalled_spindles() {
  std::vector<const lang::SpindleStmt*> order;
  for (const auto& [name, s] : spindles_) {
    if (!called_.count(s)) order.push_back(s);
  }
  std::sort(order.begin(), order.end(),
            [](const auto* a, const auto* b) { return a->span.offset < b->span.offset; });
  checking_only_ = true;
  for (const lang::SpindleStmt* s : order) {
    Reads reads;
    Frame frame;
    frame.reads = &reads;
    Scope scope;
    scope.frame = &frame;
    std::vector<lang::Arg> args(s->params.size());
    lang::NumberExpr unknown(s->span, 0);
    for (lang::Arg& a : args) a.value = &unknown;
    unknown_arguments_ = true;
    lower_spindle_call(*s, args, s->span, scope, nullptr);
    unknown_arguments_ = false;
  }
  checking_only_ = false;
}

// ---------------------------------------------------------------------------------------------
// Instances and strands

void Lowerer::collect_statements() {
  for (const lang::Word& w : program_.failed_definitions) {
    auto [it, inserted] =
        instance_index_.try_emplace(w.text, static_cast<std::uint32_t>(instances_.size()));
    if (inserted) instances_.push_back(InstanceDecl{w.text, {}, {}, true});
    instances_[it->second].failed = true;
  }
  for (const lang::Stmt* stmt : program_.statements) {
    switch (stmt->kind) {
    case lang::StmtKind::Binding:
      declare_binding(*stmt->as<lang::BindingStmt>());
      break;
    case lang::StmtKind::CallBinding: {
      const auto* c = stmt->as<lang::CallBindingStmt>();
      declare_call_binding(c->callee, c->args, c->name, c->outputs, c->span, nullptr);
      break;
    }
    case lang::StmtKind::MultiCall:
      declare_multi_call(*stmt->as<lang::MultiCallStmt>());
      break;
    default:
      break;
    }
  }
}

void Lowerer::declare_strands(const lang::Word& instance, const std::vector<lang::Word>& outputs,
                              const std::vector<Definition>& defs, bool failed) {
  if (instance.text == "pi" || instance.text == "tau") {
    diags_.error("duplicate-strand", instance.span,
                 fmt::format("'{}' is a constant and cannot name an instance", instance.text));
    return;
  }
  auto [it, inserted] =
      instance_index_.try_emplace(instance.text, static_cast<std::uint32_t>(instances_.size()));
  if (inserted) instances_.push_back(InstanceDecl{instance.text, {}, {}, false});
  InstanceDecl& inst = instances_[it->second];
  // §10.3: a definition with an error counts as defining every strand (no follow-on errors).
  inst.failed = inst.failed || failed;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const lang::Word& out = outputs[i];
    auto existing = inst.by_name.find(out.text);
    if (existing != inst.by_name.end()) {
      diags_
          .error("duplicate-strand", out.span,
                 fmt::format("strand '{}@{}' is already defined", instance.text, out.text))
          .note(strands_[existing->second].span, "first defined here");
      continue;
    }
    auto index = static_cast<std::uint32_t>(strands_.size());
    inst.by_name.emplace(out.text, index);
    inst.strands.push_back(index);
    if (defs[i].group != 0) group_first_strand_.try_emplace(defs[i].group, index);
    strands_.push_back(StrandDecl{it->second, out.text, out.span, defs[i]});
    Strand s;
    s.instance = instance.text;
    s.name = out.text;
    s.span = out.span;
    s.order = index;
    module_.strands.push_back(std::move(s));
  }
}

void Lowerer::declare_binding(const lang::BindingStmt& b) {
  const lang::Expr* rhs = b.rhs;
  // §4.2 rule 4: a call of a builtin with channels or of a multi-output spindle is a call binding.
  if (const auto* call = rhs->as<lang::CallExpr>()) {
    auto spindle = spindles_.find(call->callee.text);
    const Builtin* builtin = spindle == spindles_.end() ? find_builtin(call->callee.text) : nullptr;
    bool multi_spindle = spindle != spindles_.end() && spindle->second->outputs.size() >= 2;
    if (multi_spindle || (builtin && builtin->has_channels())) {
      declare_call_binding(call->callee, call->args, b.name, b.outputs, b.span, rhs);
      return;
    }
  }
  std::vector<Definition> defs(b.outputs.size());
  const auto* bundle = rhs->as<lang::BundleExpr>();
  const bool bad_bundle =
      bundle && bundle->items.size() != 1 && bundle->items.size() != b.outputs.size();
  if (bad_bundle) {
    diags_.error("bundle", bundle->span,
                 fmt::format("bundle has {} items but '{}' lists {} outputs", bundle->items.size(),
                             b.name.text, b.outputs.size()));
  }
  for (std::size_t i = 0; i < b.outputs.size(); ++i) {
    Definition& d = defs[i];
    d.form = Definition::Form::Expr;
    d.broadcast = b.outputs[i].text;
    d.statement = b.span;
    if (!bundle) {
      d.expr = rhs;
    } else if (bundle->items.size() == 1) {
      d.expr = bundle->items[0];
    } else if (i < bundle->items.size() && bundle->items.size() == b.outputs.size()) {
      d.expr = bundle->items[i];
    } else {
      d.expr = nullptr; // bundle length error already reported
    }
  }
  declare_strands(b.name, b.outputs, defs, bad_bundle);
}

void Lowerer::declare_call_binding(const lang::Word& callee, const std::vector<lang::Arg>& args,
                                   const lang::Word& instance,
                                   const std::vector<lang::Word>& outputs, lang::Span statement,
                                   const lang::Expr* whole) {
  (void)whole;
  std::vector<Definition> defs(outputs.size());
  std::uint32_t group = next_group_++;
  auto spindle = spindles_.find(callee.text);
  const Builtin* builtin = spindle == spindles_.end() ? find_builtin(callee.text) : nullptr;
  std::vector<std::size_t> channels(outputs.size(), 0);
  bool ok = true;
  if (spindle != spindles_.end()) {
    std::size_t declared = spindle->second->outputs.size();
    if (declared != outputs.size() && declared > 0) {
      std::vector<std::string> names;
      for (const lang::Word& w : outputs) names.push_back(w.text);
      diags_.error("output-count", statement,
                   fmt::format("spindle '{}' has {} output{} but {} {} bound ({})", callee.text,
                               declared, declared == 1 ? "" : "s", outputs.size(),
                               outputs.size() == 1 ? "is" : "are", join_names(names)));
      ok = false;
    }
  } else if (builtin) {
    std::vector<std::string_view> names;
    for (const lang::Word& w : outputs) names.push_back(w.text);
    if (!builtin->has_channels() && outputs.size() != 1) {
      diags_.error(
          "output-count", statement,
          fmt::format("'{}' has one output but {} are bound", callee.text, outputs.size()));
      ok = false;
    } else if (builtin->has_channels()) {
      ChannelMapping m = map_channels(*builtin, names);
      if (!m.ok()) {
        diags_.error("output-count", statement, *m.error);
        ok = false;
      } else {
        channels = m.channels;
      }
    }
  } else if (!failed_spindles_.count(callee.text)) {
    report_unknown_function(callee);
    ok = false;
  } else {
    ok = false;
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    Definition& d = defs[i];
    d.form =
        spindle != spindles_.end() ? Definition::Form::SpindleCall : Definition::Form::BuiltinCall;
    d.callee = &callee;
    d.args = &args;
    d.output = static_cast<std::uint32_t>(spindle != spindles_.end() ? i : channels[i]);
    d.group = group;
    d.statement = statement;
    if (!ok) d.callee = nullptr; // defined, but as 0: its error is reported
  }
  declare_strands(instance, outputs, defs, !ok);
}

void Lowerer::declare_multi_call(const lang::MultiCallStmt& m) {
  std::vector<Definition> defs(m.outputs.size());
  bool ok = true;
  if (m.count != m.outputs.size()) {
    diags_.error("output-count", m.count_span,
                 fmt::format("{}<{}> makes {} calls but {} outputs are listed", m.callee.text,
                             m.count, m.count, m.outputs.size()));
    ok = false;
  }
  auto spindle = spindles_.find(m.callee.text);
  const Builtin* builtin = spindle == spindles_.end() ? find_builtin(m.callee.text) : nullptr;
  if (spindle != spindles_.end() && spindle->second->outputs.size() != 1) {
    diags_.error("output-count", m.callee.span,
                 fmt::format("a multi-call needs a spindle with one output; '{}' has {}",
                             m.callee.text, spindle->second->outputs.size()));
    ok = false;
  } else if (builtin && builtin->has_channels()) {
    diags_.error("output-count", m.callee.span,
                 fmt::format("a multi-call needs a builtin without channels; '{}' has channels",
                             m.callee.text));
    ok = false;
  } else if (spindle == spindles_.end() && !builtin && !failed_spindles_.count(m.callee.text)) {
    report_unknown_function(m.callee);
    ok = false;
  } else if (spindle == spindles_.end() && !builtin) {
    ok = false;
  }
  for (const lang::Arg& a : m.args) {
    const auto* bundle = a.value->as<lang::BundleExpr>();
    if (bundle && bundle->items.size() != 1 && bundle->items.size() != m.outputs.size()) {
      diags_.error("bundle", bundle->span,
                   fmt::format("bundle has {} items but '{}' lists {} outputs",
                               bundle->items.size(), m.name.text, m.outputs.size()));
      ok = false;
    }
  }
  std::uint32_t group = next_group_;
  next_group_ += static_cast<std::uint32_t>(m.outputs.size());
  for (std::size_t i = 0; i < m.outputs.size(); ++i) {
    Definition& d = defs[i];
    d.form =
        spindle != spindles_.end() ? Definition::Form::SpindleCall : Definition::Form::BuiltinCall;
    d.callee = ok ? &m.callee : nullptr;
    d.args = &m.args;
    d.item = static_cast<int>(i);
    d.broadcast = m.outputs[i].text;
    d.group = group + static_cast<std::uint32_t>(i);
    d.statement = m.span;
  }
  declare_strands(m.name, m.outputs, defs, !ok);
}

void Lowerer::report_unknown_function(const lang::Word& callee) {
  std::span<const std::string_view> builtins = builtin_names();
  std::vector<std::string_view> candidates(builtins.begin(), builtins.end());
  for (const auto& [name, s] : spindles_) candidates.push_back(name);
  auto guess = closest_name(callee.text, candidates);
  diags_.error("undefined-name", callee.span,
               guess
                   ? fmt::format("unknown function '{}' (did you mean '{}'?)", callee.text, *guess)
                   : fmt::format("unknown function '{}'", callee.text));
}

// ---------------------------------------------------------------------------------------------
// Lowering order: dependencies before dependants, without recursion.

void Lowerer::collect_refs(const lang::Expr& root, const std::string* broadcast,
                           std::vector<std::uint32_t>& out, std::unordered_set<const void*>& seen) {
  auto add = [&](const std::string& inst, const std::string& strand) {
    auto i = instance_index_.find(inst);
    if (i == instance_index_.end()) return;
    auto s = instances_[i->second].by_name.find(strand);
    if (s != instances_[i->second].by_name.end()) out.push_back(s->second);
  };
  std::vector<const lang::SpindleStmt*> spindles; // called, not yet visited
  auto visit = [&](const lang::Expr& e, const std::string* broadcast_to) {
    if (const auto* n = e.as<lang::NameExpr>(); n && broadcast_to) add(n->name, *broadcast_to);
    if (const auto* s = e.as<lang::StrandExpr>()) add(s->instance.text, s->strand.text);
    if (const auto* c = e.as<lang::CallExpr>()) {
      auto sp = spindles_.find(c->callee.text);
      if (sp != spindles_.end() && seen.insert(sp->second).second) spindles.push_back(sp->second);
    }
  };
  lang::for_each_expression(root, [&](const lang::Expr& e) { visit(e, broadcast); });
  while (!spindles.empty()) {
    const lang::SpindleStmt* sp = spindles.back();
    spindles.pop_back();
    lang::for_each_expression(sp->body, [&](const lang::Expr& e) { visit(e, nullptr); });
  }
}

std::vector<std::uint32_t> Lowerer::lowering_order() {
  const std::size_t n = strands_.size();
  std::vector<std::vector<std::uint32_t>> deps(n);
  for (std::size_t s = 0; s < n; ++s) {
    const Definition& d = strands_[s].def;
    std::unordered_set<const void*> seen;
    const std::string* broadcast = d.broadcast.empty() ? nullptr : &d.broadcast;
    if (d.expr) collect_refs(*d.expr, broadcast, deps[s], seen);
    if (d.args) {
      for (const lang::Arg& a : *d.args) collect_refs(*a.value, broadcast, deps[s], seen);
    }
    if (d.callee && d.form == Definition::Form::SpindleCall) {
      auto sp = spindles_.find(d.callee->text);
      if (sp != spindles_.end()) {
        lang::CallExpr call(d.callee->span, *d.callee);
        collect_refs(call, nullptr, deps[s], seen);
      }
    }
  }
  // Iterative post-order depth-first search in source order.
  std::vector<std::uint32_t> order;
  std::vector<char> state(n, 0);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (state[root]) continue;
    stack.emplace_back(root, 0);
    state[root] = 1;
    while (!stack.empty()) {
      auto& [s, next] = stack.back();
      if (next < deps[s].size()) {
        std::uint32_t d = deps[s][next++];
        if (!state[d]) {
          state[d] = 1;
          stack.emplace_back(d, 0);
        }
        continue;
      }
      order.push_back(s);
      stack.pop_back();
    }
  }
  return order;
}

// ---------------------------------------------------------------------------------------------
// Environment (§4.1)

void Lowerer::evaluate_environment() {
  for (const lang::Stmt* stmt : program_.statements) {
    const auto* e = stmt->as<lang::EnvStmt>();
    if (!e) continue;
    if (!find_env_field(e->field.text)) {
      diags_.error("env", e->field.span, unknown_env_field_message(e->field.text));
      continue;
    }
    auto [it, inserted] = env_stmts_.try_emplace(e->field.text, e);
    if (!inserted) {
      diags_.error("env", e->field.span, env_set_twice_message(e->field.text))
          .note(it->second->field.span, "first set here");
    }
  }
  if (env_stmts_.count("bpm") && env_stmts_.count("cps")) {
    const lang::EnvStmt* later = env_stmts_["bpm"]->span.offset > env_stmts_["cps"]->span.offset
                                     ? env_stmts_["bpm"]
                                     : env_stmts_["cps"];
    diags_.error("env", later->field.span, env_bpm_and_cps_message());
  }
  Environment& env = module_.env;
  for (int f = static_cast<int>(Coord::Width); f < kCoordCount; ++f) {
    std::vector<Coord> stack;
    auto field = static_cast<Coord>(f);
    if (auto v = evaluate_env_field(field, stack)) env_values_[f] = *v;
  }
  auto get = [&](Coord f, double fallback) {
    auto it = env_values_.find(static_cast<int>(f));
    return it != env_values_.end() ? it->second : fallback;
  };
  env.width = overrides_.width.value_or(get(Coord::Width, 800));
  env.height = overrides_.height.value_or(get(Coord::Height, 600));
  env.fps = get(Coord::Fps, 60);
  env.loop = get(Coord::Loop, 0);
  env.rate = overrides_.rate.value_or(get(Coord::Rate, 48000));
  env.rate_is_set = env_values_.count(static_cast<int>(Coord::Rate)) > 0;
  env.timesig_num = get(Coord::TimesigNum, 4);
  env.timesig_den = get(Coord::TimesigDen, 4);
  bool has_cps = env_values_.count(static_cast<int>(Coord::Cps)) > 0;
  env.bpm = has_cps ? 240 * get(Coord::Cps, 0.5) : get(Coord::Bpm, 120);
  env.cps = has_cps ? get(Coord::Cps, 0.5) : env.bpm / 240;
}

} // namespace detail

} // namespace weft::ir

namespace weft::ir::detail {

std::optional<double> Lowerer::evaluate_env_field(Coord field, std::vector<Coord>& stack) {
  auto known = env_values_.find(static_cast<int>(field));
  if (known != env_values_.end()) return known->second;
  auto it = env_stmts_.find(coord_name(field));
  if (it == env_stmts_.end()) return std::nullopt;
  const lang::EnvStmt* stmt = it->second;
  if (std::find(stack.begin(), stack.end(), field) != stack.end()) {
    std::string path;
    auto first = std::find(stack.begin(), stack.end(), field);
    for (auto f = first; f != stack.end(); ++f) path += fmt::format("me<{}> -> ", coord_name(*f));
    path += fmt::format("me<{}>", coord_name(field));
    diags_.error("env", env_stmts_.find(coord_name(*first))->second->field.span,
                 fmt::format("environment settings depend on each other: {}", path));
    return std::nullopt;
  }
  stack.push_back(field);
  Frame frame;
  Reads reads;
  frame.reads = &reads;
  Scope scope;
  scope.frame = &frame;
  scope.env_stack = &stack;
  scope.env_stmt = stmt;
  NodeId v = lower_expr(*stmt->value, scope);
  stack.pop_back();
  if (is_poisoned(v)) return std::nullopt;
  if (!module_.graph.is_constant(v)) {
    not_constant(scope, stmt->value->span, "a value that is not a compile-time constant");
    return std::nullopt;
  }
  if (reported_once_.count(stmt)) return std::nullopt;
  double value = module_.graph.node(v).value;
  if (auto message = env_value_error(*find_env_field(coord_name(field)), value)) {
    diags_.error("env", stmt->value->span, *message);
    return std::nullopt;
  }
  env_values_[static_cast<int>(field)] = value;
  return value;
}

NodeId Lowerer::not_constant(Scope& scope, const lang::Span& at, std::string_view what) {
  if (scope.env_stmt && reported_once_.insert(scope.env_stmt).second) {
    diags_
        .error("env", at,
               fmt::format("me<{}> must be a compile-time constant, but reads {}",
                           scope.env_stmt->field.text, what))
        .hint("environment settings may use numbers, operators, pi, tau, math functions and "
              "other settings");
  }
  return poison();
}

} // namespace weft::ir::detail
