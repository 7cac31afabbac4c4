// Lowering of expressions, strand references, remaps, builtin calls and spindle bodies
// (LANGUAGE.md §3.4–§3.6, §4.5, §6, §8.0). Part of the Lowerer (lower_internal.h).
#include "ir/builtins/suggest.h"
#include "ir/fields.h"
#include "ir/lower_internal.h"
#include "ir/pattern_argument.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <numbers>

namespace weft::ir::detail {

namespace {

/// Unrolled loop iterations allowed in one program, so nested loops cannot stall the compiler.
constexpr std::uint64_t kMaxUnrolledIterations = 1'000'000;

Op binary_op(lang::BinaryOp op) {
  switch (op) {
  case lang::BinaryOp::Add:
    return Op::Add;
  case lang::BinaryOp::Sub:
    return Op::Sub;
  case lang::BinaryOp::Mul:
    return Op::Mul;
  case lang::BinaryOp::Div:
    return Op::Div;
  case lang::BinaryOp::Mod:
    return Op::Mod;
  case lang::BinaryOp::Pow:
    return Op::Pow;
  case lang::BinaryOp::Equal:
    return Op::Equal;
  case lang::BinaryOp::NotEqual:
    return Op::NotEqual;
  case lang::BinaryOp::Less:
    return Op::Less;
  case lang::BinaryOp::Greater:
    return Op::Greater;
  case lang::BinaryOp::LessEqual:
    return Op::LessEqual;
  case lang::BinaryOp::GreaterEqual:
    return Op::GreaterEqual;
  case lang::BinaryOp::And:
    return Op::And;
  case lang::BinaryOp::Or:
    return Op::Or;
  }
  return Op::Add;
}

Op assign_op(lang::AssignOp op) {
  switch (op) {
  case lang::AssignOp::Add:
    return Op::Add;
  case lang::AssignOp::Sub:
    return Op::Sub;
  case lang::AssignOp::Mul:
    return Op::Mul;
  default:
    return Op::Div;
  }
}

std::string strand_list(const InstanceDecl& inst, const std::vector<StrandDecl>& strands) {
  std::string out;
  for (std::uint32_t s : inst.strands) out += (out.empty() ? "" : ", ") + strands[s].name;
  return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Substitutions and sites

SubstId Lowerer::intern_subst(const Subst& s) {
  if (s == Subst{}) return 0;
  std::string key(reinterpret_cast<const char*>(s.value.data()), sizeof(NodeId) * kCoordCount);
  auto [it, inserted] =
      subst_ids_.try_emplace(std::move(key), static_cast<SubstId>(substs_.size()));
  if (inserted) substs_.push_back(s);
  return it->second;
}

NodeId Lowerer::coordinate(Coord field, SubstId subst) {
  NodeId replaced = substs_[subst].value[static_cast<int>(field)];
  if (replaced != kNoNode) return replaced;
  if (is_environment_coord(field)) return module_.graph.constant(module_.env.value(field));
  return module_.graph.coord(field);
}

std::uint32_t Lowerer::site_key(const Frame& frame, std::uint32_t occurrence) const {
  std::uint32_t h = 2166136261u;
  for (std::uint32_t p : frame.path) h = site_hash(h, p);
  return site_hash(h, occurrence);
}

std::optional<std::uint32_t> Lowerer::resolve_strand(const lang::Word& instance,
                                                     const lang::Word& strand) {
  auto it = instance_index_.find(instance.text);
  if (it == instance_index_.end()) {
    std::vector<std::string_view> names;
    for (const InstanceDecl& i : instances_) names.push_back(i.name);
    auto guess = closest_name(instance.text, names);
    diags_.error(
        "undefined-instance", instance.span,
        guess ? fmt::format("unknown instance '{}' (did you mean '{}'?)", instance.text, *guess)
              : fmt::format("unknown instance '{}'", instance.text));
    return std::nullopt;
  }
  const InstanceDecl& inst = instances_[it->second];
  auto s = inst.by_name.find(strand.text);
  if (s != inst.by_name.end()) return s->second;
  if (!inst.failed) {
    diags_.error("undefined-strand", strand.span,
                 fmt::format("instance '{}' has no strand '{}' (it has {})", inst.name, strand.text,
                             strand_list(inst, strands_)));
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Strands

NodeId Lowerer::lower_strand(std::uint32_t strand, Scope& scope, const lang::Span& at) {
  if (scope.env_stack)
    return not_constant(scope, at, fmt::format("the strand '{}'", module_.strands[strand].label()));
  scope.frame->reads->strands.push_back(strand);
  if (!lowering_stack_.empty()) lowering_stack_.back().second = at;
  if (lowering_stack_.size() >= static_cast<std::size_t>(kMaxLoweringDepth)) {
    if (!depth_reported_) {
      depth_reported_ = true;
      diags_.error(
          "limit", at,
          fmt::format("strands reference each other through remaps more than {} levels deep",
                      kMaxLoweringDepth));
    }
    return poison();
  }
  return lower_definition(strand, scope.subst);
}

NodeId Lowerer::lower_definition(std::uint32_t strand, SubstId subst) {
  const std::uint64_t key = (std::uint64_t{strand} << 32) | subst;
  if (auto it = strand_memo_.find(key); it != strand_memo_.end()) return it->second;
  if (in_progress_[strand]) {
    // §4.2: a cycle, named from the member defined first, at its reference to the next one.
    auto first = std::find_if(lowering_stack_.begin(), lowering_stack_.end(),
                              [&](const auto& e) { return e.first == strand; });
    std::vector<std::pair<std::uint32_t, lang::Span>> members(first, lowering_stack_.end());
    auto earliest =
        std::min_element(members.begin(), members.end(), [&](const auto& a, const auto& b) {
          return module_.strands[a.first].order < module_.strands[b.first].order;
        });
    std::rotate(members.begin(), earliest, members.end());
    std::vector<std::uint32_t> ids;
    for (const auto& m : members) ids.push_back(m.first);
    std::vector<std::uint32_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    if (reported_cycles_.insert(sorted).second) {
      std::string path;
      for (std::uint32_t id : ids) path += module_.strands[id].label() + " -> ";
      path += module_.strands[ids.front()].label();
      diags_.error("cycle", members.front().second, fmt::format("dependency cycle: {}", path));
    }
    return poison();
  }
  ++in_progress_[strand];
  lowering_stack_.emplace_back(strand, lang::Span{});
  Reads scratch;
  Frame frame;
  // The stream key names the strand whose definition holds the call (§8.6); all outputs of one
  // call statement share the first one's, so its channels come from one stateful instance.
  const Definition& def = strands_[strand].def;
  const auto first =
      def.group != 0 ? group_first_strand_.find(def.group) : group_first_strand_.end();
  const std::uint32_t key_strand = first != group_first_strand_.end() ? first->second : strand;
  frame.path.push_back(site_hash(module_.strands[key_strand].label()));
  frame.reads = subst == 0 ? &module_.strands[strand].reads : &scratch;
  frame.strand = static_cast<std::int32_t>(strand);
  Scope scope;
  scope.subst = subst;
  scope.frame = &frame;
  const Definition& d = strands_[strand].def;
  const std::size_t errors_before = diags_.error_count();
  NodeId value = poison();
  if (d.form == Definition::Form::Expr) {
    if (d.expr) {
      scope.broadcast = &d.broadcast;
      value = lower_expr(*d.expr, scope);
    }
  } else if (d.callee) {
    scope.item = d.item;
    scope.broadcast = d.item >= 0 ? &d.broadcast : nullptr;
    if (d.form == Definition::Form::SpindleCall) {
      const std::uint64_t call_key = (std::uint64_t{d.group} << 32) | subst;
      auto cached = call_memo_.find(call_key);
      if (cached == call_memo_.end()) {
        auto outputs = lower_spindle_call(*spindles_.at(d.callee->text), *d.args, d.statement,
                                          scope, scope.broadcast);
        cached = call_memo_.emplace(call_key, std::move(outputs)).first;
      }
      if (d.output < cached->second.size()) value = cached->second[d.output];
    } else if (const Builtin* b = find_builtin(d.callee->text)) {
      value = lower_builtin_call(*b, *d.callee, *d.args, d.output, scope, d.statement);
    }
  }
  // §10.3: a definition with an error counts as defining every strand of its instance.
  if (diags_.error_count() > errors_before) instances_[strands_[strand].instance].failed = true;
  lowering_stack_.pop_back();
  --in_progress_[strand];
  strand_memo_.emplace(key, value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Expressions

NodeId Lowerer::lower_expr(const lang::Expr& e, Scope& scope) {
  Graph& g = module_.graph;
  switch (e.kind) {
  case lang::ExprKind::Number:
    return g.constant(e.as<lang::NumberExpr>()->value);
  case lang::ExprKind::String:
    return poison(); // the parser allows strings only as arguments
  case lang::ExprKind::Name:
    return lower_name(*e.as<lang::NameExpr>(), scope);
  case lang::ExprKind::Field:
    return lower_field(*e.as<lang::FieldExpr>(), scope);
  case lang::ExprKind::Strand:
    return lower_strand_access(*e.as<lang::StrandExpr>(), scope);
  case lang::ExprKind::Call:
    return lower_call(*e.as<lang::CallExpr>(), scope);
  case lang::ExprKind::Unary: {
    const auto* u = e.as<lang::UnaryExpr>();
    NodeId operand = lower_expr(*u->operand, scope);
    return g.unary(u->op == lang::UnaryOp::Negate ? Op::Neg : Op::Not, operand);
  }
  case lang::ExprKind::Binary: {
    const auto* b = e.as<lang::BinaryExpr>();
    NodeId lhs = lower_expr(*b->lhs, scope);
    NodeId rhs = lower_expr(*b->rhs, scope);
    return g.binary(binary_op(b->op), lhs, rhs);
  }
  case lang::ExprKind::Chain:
    return lower_chain(*e.as<lang::ChainExpr>(), scope);
  case lang::ExprKind::If: {
    const auto* i = e.as<lang::IfExpr>();
    NodeId c = lower_expr(*i->cond, scope);
    NodeId a = lower_expr(*i->then_value, scope);
    NodeId b = lower_expr(*i->else_value, scope);
    return g.select(c, a, b);
  }
  case lang::ExprKind::Bundle:
    return poison(); // reported by the parser (`bundle`)
  }
  return poison();
}

NodeId Lowerer::lower_chain(const lang::ChainExpr& c, Scope& scope) {
  NodeId acc = lower_expr(*c.operands[0], scope);
  for (std::size_t i = 0; i < c.ops.size(); ++i) {
    NodeId next = lower_expr(*c.operands[i + 1], scope);
    acc = module_.graph.binary(binary_op(c.ops[i]), acc, next);
  }
  return acc;
}

NodeId Lowerer::lower_name(const lang::NameExpr& n, Scope& scope) {
  if (scope.locals) {
    if (auto it = scope.locals->find(n.name); it != scope.locals->end()) return it->second;
    if (scope.assigned && scope.assigned->count(n.name)) {
      diags_.error("spindle", n.span, fmt::format("'{}' is read before it is assigned", n.name));
      return (*scope.locals)[n.name] = poison(); // reported once; later reads are quiet
    }
  }
  if (n.name == "pi") return module_.graph.constant(std::numbers::pi);
  if (n.name == "tau") return module_.graph.constant(2 * std::numbers::pi);
  if (auto it = instance_index_.find(n.name); it != instance_index_.end()) {
    const InstanceDecl& inst = instances_[it->second];
    if (scope.broadcast && !scope.locals) {
      auto s = inst.by_name.find(*scope.broadcast);
      if (s != inst.by_name.end()) return lower_strand(s->second, scope, n.span);
      if (!inst.failed) {
        diags_.error(
            "undefined-strand", n.span,
            fmt::format("instance '{}' has no strand '{}' (it has {}), so '{}' cannot stand for "
                        "'{}@{}'",
                        inst.name, *scope.broadcast, strand_list(inst, strands_), n.name, n.name,
                        *scope.broadcast));
      }
      return poison();
    }
    if (!inst.failed) {
      std::string example = inst.strands.empty() ? "r" : strands_[inst.strands.front()].name;
      diags_.error("bundle", n.span,
                   fmt::format("bare instance name '{}' needs a strand, e.g. {}@{}", n.name, n.name,
                               example));
    }
    return poison();
  }
  std::vector<std::string_view> names;
  if (scope.locals) {
    for (const auto& [name, node] : *scope.locals) names.push_back(name);
    std::sort(names.begin(), names.end());
  }
  for (const InstanceDecl& i : instances_) names.push_back(i.name);
  auto guess = closest_name(n.name, names);
  diags_.error("undefined-name", n.span,
               guess ? fmt::format("unknown name '{}' (did you mean '{}'?)", n.name, *guess)
                     : fmt::format("unknown name '{}'", n.name));
  return poison();
}

NodeId Lowerer::lower_field(const lang::FieldExpr& f, Scope& scope) {
  if (f.owner == lang::FieldOwner::Mouse) {
    auto field = mouse_coord_by_name(f.field.text);
    if (!field) {
      diags_.error("unknown-me-field", f.span, unknown_field_message("mouse", f.field.text));
      return poison();
    }
    if (scope.env_stack) return not_constant(scope, f.span, fmt::format("mouse@{}", f.field.text));
    return module_.graph.mouse(*field);
  }
  auto field = coord_by_name(f.field.text);
  if (!field) {
    diags_.error("unknown-me-field", f.span, unknown_field_message("me", f.field.text));
    return poison();
  }
  if (scope.env_stack) {
    if (!is_environment_coord(*field)) {
      return not_constant(scope, f.span, fmt::format("me@{}", f.field.text));
    }
    auto value = evaluate_env_field(*field, *scope.env_stack);
    if (value) return module_.graph.constant(*value);
    return module_.graph.constant(Environment{}.value(*field));
  }
  return coordinate(*field, scope.subst);
}

NodeId Lowerer::lower_strand_access(const lang::StrandExpr& s, Scope& scope) {
  auto strand = resolve_strand(s.instance, s.strand);
  if (!strand) return poison();
  if (!s.remap) return lower_strand(*strand, scope, s.span);
  Subst next = substs_[scope.subst];
  const lang::Remap& remap = *s.remap;
  if (remap.is_keyed()) {
    for (const lang::RemapItem& item : remap.items) {
      NodeId value = lower_expr(*item.value, scope); // at the outer point (§6.1)
      if (!item.axis) continue; // a positional item among keyed ones: reported by the parser
      auto field = coord_by_name(item.axis->text);
      if (!field) {
        if (item.axis->text != "?") {
          diags_.error("unknown-me-field", item.axis_span,
                       unknown_field_message("me", item.axis->text));
        }
        continue;
      }
      next.value[static_cast<int>(*field)] = value;
    }
  } else if (remap.items.size() == 2) {
    next.value[static_cast<int>(Coord::X)] = lower_expr(*remap.items[0].value, scope);
    next.value[static_cast<int>(Coord::Y)] = lower_expr(*remap.items[1].value, scope);
    // §6.5: warn when the source depends on neither x nor y.
    if (!in_progress_[*strand]) {
      NodeId plain = lower_definition(*strand, 0);
      const CoordMask xy = coord_bit(Coord::X) | coord_bit(Coord::Y);
      if (!(module_.graph.node(plain).coords & xy) && !diags_.has_errors()) {
        diags_.warning(
            "positional-sampling", s.span,
            fmt::format("'{}' depends on neither me@x nor me@y, so sampling it at a position "
                        "changes nothing",
                        module_.strands[*strand].label()));
      }
    }
  } else {
    for (const lang::RemapItem& item : remap.items) lower_expr(*item.value, scope);
  }
  Scope inner = scope;
  inner.subst = intern_subst(next);
  if (next.value[static_cast<int>(Coord::Time)] !=
      substs_[scope.subst].value[static_cast<int>(Coord::Time)]) {
    time_remap_span_.try_emplace(inner.subst, s.remap->span);
  }
  return lower_strand(*strand, inner, s.span);
}

NodeId Lowerer::lower_arg(const lang::Expr& e, Scope& scope) {
  const auto* bundle = e.as<lang::BundleExpr>();
  if (!bundle) return lower_expr(e, scope);
  if (scope.item < 0) return poison(); // reported by the parser
  if (bundle->items.size() == 1) return lower_expr(*bundle->items[0], scope);
  if (static_cast<std::size_t>(scope.item) < bundle->items.size()) {
    return lower_expr(*bundle->items[static_cast<std::size_t>(scope.item)], scope);
  }
  return poison(); // length mismatch, reported at the declaration
}

NodeId Lowerer::lower_call(const lang::CallExpr& c, Scope& scope) {
  if (auto sp = spindles_.find(c.callee.text); sp != spindles_.end()) {
    const lang::SpindleStmt& s = *sp->second;
    if (s.outputs.size() != 1) {
      diags_.error("output-count", c.callee.span,
                   fmt::format("spindle '{}' has {} outputs; bind it with ::", c.callee.text,
                               s.outputs.size()));
      return poison();
    }
    return lower_spindle_call(s, c.args, c.span, scope,
                              scope.locals ? nullptr : scope.broadcast)[0];
  }
  if (const Builtin* b = find_builtin(c.callee.text)) {
    if (!b->is_usable_in_expression()) {
      diags_.error(
          "output-count", c.callee.span,
          fmt::format("'{}' has several channels and no default; bind it with ::", b->name));
      return poison();
    }
    std::size_t channel = b->has_channels() ? *b->default_channel : 0;
    return lower_builtin_call(*b, c.callee, c.args, channel, scope, c.span);
  }
  if (!failed_spindles_.count(c.callee.text)) report_unknown_function(c.callee);
  return poison();
}

// ---------------------------------------------------------------------------------------------
// Builtin calls (§8.0)

NodeId Lowerer::lower_builtin_call(const Builtin& b, const lang::Word& callee,
                                   const std::vector<lang::Arg>& args, std::size_t channel,
                                   Scope& scope, const lang::Span& at) {
  if (scope.env_stack && b.is_owned()) return not_constant(scope, at, fmt::format("'{}'", b.name));
  std::vector<CallArgument> described;
  for (const lang::Arg& a : args) {
    CallArgument ca;
    if (a.name) ca.name = a.name->text;
    ca.is_string = a.value->kind == lang::ExprKind::String;
    described.push_back(ca);
  }
  BoundArguments bound = bind_arguments(b, described);
  if (!bound.ok()) {
    for (const BindError& err : bound.errors) {
      if (err.kind == BindErrorKind::RepeatedName ||
          err.kind == BindErrorKind::PositionalAfterNamed) {
        continue; // the parser reports these
      }
      const lang::Span where = !err.argument              ? callee.span
                               : args[*err.argument].name ? args[*err.argument].name->span
                                                          : args[*err.argument].value->span;
      diags_.error("arity", where, err.message);
    }
    return poison();
  }
  // §6.7: a time remap does not pass into the arguments of an audio-owned builtin.
  Scope arg_scope = scope;
  const NodeId remapped_time = substs_[scope.subst].value[static_cast<int>(Coord::Time)];
  const bool audio_owned = b.owner == BuiltinOwner::Audio;
  if (audio_owned && remapped_time != kNoNode) {
    Subst s = substs_[scope.subst];
    s.value[static_cast<int>(Coord::Time)] = kNoNode;
    arg_scope.subst = intern_subst(s);
  }
  OwnedSite site;
  Reads* outer_reads = scope.frame->reads;
  if (b.is_owned()) scope.frame->reads = &site.argument_reads;
  std::vector<NodeId> values;
  std::string text;
  lang::Span text_span = at;
  bool text_literal = false; ///< a string argument was given (it may be empty)
  for (std::size_t i = 0; i < bound.values.size(); ++i) {
    const Param& param = b.params[std::min(i, b.params.size() - 1)];
    const BoundValue& bv = bound.values[i];
    if (!bv.argument) {
      values.push_back(module_.graph.constant(bv.default_value));
      continue;
    }
    const lang::Arg& a = args[*bv.argument];
    if (param.kind == ParamKind::String) {
      text = a.value->as<lang::StringExpr>()->value;
      text_span = a.value->span;
      text_literal = true;
      continue;
    }
    NodeId v = lower_arg(*a.value, arg_scope);
    if (param.kind == ParamKind::Const && !is_poisoned(v)) {
      if (!module_.graph.is_constant(v)) {
        diags_.error("arity", a.value->span,
                     not_constant_message(b, std::min(i, b.params.size() - 1)));
      } else if (auto m = const_argument_error(b, std::min(i, b.params.size() - 1),
                                               module_.graph.node(v).value)) {
        diags_.error("arity", a.value->span, *m);
      }
    }
    values.push_back(v);
  }
  scope.frame->reads = outer_reads;
  Graph& g = module_.graph;
  if (b.family == "lib.pattern" && text_literal) {
    // §8.10: the pattern is parsed now; errors point into the string.
    auto pattern = compile_pattern_argument(text, text_span, b.name == "pat", diags_);
    if (!pattern) return poison();
    if (b.name == "s" && !resolve_samples(*pattern, text_span)) return poison();
    if (!checking_only_) module_.patterns.try_emplace(g.intern(text), std::move(pattern));
  }
  const auto ch = static_cast<std::uint8_t>(channel);
  switch (b.nature) {
  case BuiltinNature::Pure: {
    // Builtins that read coordinates by themselves (patterns read me@time) get them as arguments.
    for (std::string_view name : b.implicit_fields) {
      if (auto f = coord_by_name(name)) values.push_back(coordinate(*f, scope.subst));
    }
    return g.call(b, values, ch, text.empty() ? 0 : g.intern(text));
  }
  case BuiltinNature::Resource:
  case BuiltinNature::Hardware:
    if (b.owner == BuiltinOwner::Visual) {
      if (b.nature == BuiltinNature::Hardware && remapped_time != kNoNode) {
        auto remap = time_remap_span_.find(scope.subst);
        diags_.error("remap", remap != time_remap_span_.end() ? remap->second : at,
                     fmt::format("'{}' has no history: me@time cannot be remapped on it", b.name));
        return poison();
      }
      if (b.nature == BuiltinNature::Resource) {
        // §8.5: the image is read when the program is compiled; its size channels are constants.
        const io::Image* image = resource_image(text, text_span);
        if (!image) return poison();
        const std::string_view channel = b.channels[ch].name;
        if (channel == "width") return g.constant(io::image_width(*image));
        if (channel == "height") return g.constant(io::image_height(*image));
      }
      NodeId node = g.sample(b, text.empty() ? 0 : g.intern(text), ch,
                             coordinate(Coord::X, scope.subst), coordinate(Coord::Y, scope.subst));
      record_owned(node, Domain::Visual, at, scope, OwnedSite{});
      return node;
    }
    [[fallthrough]];
  case BuiltinNature::Stateful:
    break;
  }
  // An audio-owned node: its arguments are evaluated in the audio domain (§7.2, §7.5).
  CoordMask needed = 0;
  for (NodeId v : values) needed |= g.node(v).poisoned ? 0 : g.node(v).coords;
  needed &= ~coords_provided_by(Domain::Audio);
  if (needed) {
    diags_
        .error("unbound-coordinate", at,
               fmt::format("'{}' needs me@{}, which the audio domain does not provide", b.name,
                           coord_name(first_coord(needed))))
        .hint("bind it with a remap");
    return poison();
  }
  if (!text.empty()) values.push_back(g.constant(g.intern(text)));
  NodeId node = g.owned(b, site_key(*scope.frame, scope.frame->stateful++), ch, values);
  record_owned(node, Domain::Audio, at, scope, std::move(site));
  if (remapped_time != kNoNode) return g.history(node, remapped_time);
  return node;
}

/// §8.10: every sample an `s` pattern names is resolved and decoded now (into Module::samples);
/// an unknown or unreadable one is a `resource` error at its word. False after reporting.
bool Lowerer::resolve_samples(const patterns::Pattern& pattern, const lang::Span& literal) {
  if (!sample_bank_) sample_bank_.emplace(io::sample_search_path(program_.file().path()));
  bool ok = true;
  for (const patterns::Value& v : pattern.values()) {
    if (!v.is_event || module_.samples.count(v.text) != 0) continue;
    io::SampleLookup found = sample_bank_->find(v.text);
    if (found.set) {
      if (!checking_only_) module_.samples.emplace(v.text, std::move(found.set));
      continue;
    }
    lang::Span at = pattern_location(literal, v.offset);
    at.length = static_cast<std::uint32_t>(v.text.size());
    auto& error = diags_.error("resource", at, found.error);
    const std::vector<std::string> names = sample_bank_->known_names();
    std::vector<std::string_view> candidates(names.begin(), names.end());
    if (auto near = closest_name(v.text, candidates); near && *near != v.text) {
      error.hint(fmt::format("did you mean '{}'?", *near));
    }
    ok = false;
  }
  return ok;
}

/// The decoded image of `load(written)`, read once per program (path beside the program file);
/// null after reporting `resource` at the string.
const io::Image* Lowerer::resource_image(const std::string& written, const lang::Span& at) {
  const std::string path = io::resolve_image_path(program_.file().path(), written);
  auto [it, fresh] = images_.try_emplace(path);
  if (fresh) {
    io::LoadedImage loaded = io::load_image(path);
    if (loaded.ok()) it->second.image = std::make_shared<const io::Image>(std::move(*loaded.image));
    it->second.error = std::move(loaded.error);
  }
  if (!it->second.image) {
    diags_.error("resource", at, io::describe_image_error(written, it->second.error));
    return nullptr;
  }
  module_.images.try_emplace(module_.graph.intern(written), it->second.image);
  return it->second.image.get();
}

/// Records an owned node once (module.owned) and as a read of the definition being lowered.
void Lowerer::record_owned(NodeId node, Domain owner, const lang::Span& at, Scope& scope,
                           OwnedSite site) {
  if (checking_only_) return;
  if (recorded_owned_.insert(node).second) {
    site.node = node;
    site.span = at;
    site.owner = owner;
    site.strand = scope.frame->strand;
    site.sink = scope.frame->sink;
    module_.owned.push_back(std::move(site));
  }
  scope.frame->reads->owned.push_back(node);
}

// ---------------------------------------------------------------------------------------------
// Spindles (§4.5)

std::vector<NodeId> Lowerer::lower_spindle_call(const lang::SpindleStmt& s,
                                                const std::vector<lang::Arg>& args,
                                                const lang::Span& at, Scope& scope,
                                                const std::string* arg_broadcast) {
  std::vector<NodeId> outputs(s.outputs.size(), poison());
  if (scope.env_stack) {
    not_constant(scope, at, fmt::format("the spindle '{}'", s.name.text));
    return outputs;
  }
  if (std::find(spindle_stack_.begin(), spindle_stack_.end(), &s) != spindle_stack_.end()) {
    return outputs; // recursion, reported by check_recursion()
  }
  if (spindle_stack_.size() >= static_cast<std::size_t>(kMaxLoweringDepth)) {
    if (!depth_reported_) {
      depth_reported_ = true;
      diags_.error("limit", at,
                   fmt::format("spindle calls nested more than {} levels deep", kMaxLoweringDepth));
    }
    return outputs;
  }
  for (const lang::Arg& a : args) {
    if (a.name) {
      diags_.error("arity", a.name->span,
                   fmt::format("spindle '{}' takes positional arguments only", s.name.text));
      return outputs;
    }
  }
  if (args.size() != s.params.size()) {
    std::string params;
    for (const lang::Word& p : s.params) params += (params.empty() ? "" : ", ") + p.text;
    diags_.error("arity", at,
                 fmt::format("'{}' takes {} argument{} ({}({})), got {}", s.name.text,
                             s.params.size(), s.params.size() == 1 ? "" : "s", s.name.text, params,
                             args.size()));
    return outputs;
  }
  std::unordered_map<std::string, NodeId> locals;
  Scope arg_scope = scope;
  arg_scope.broadcast = arg_broadcast;
  if (checking_only_ && !spindle_stack_.empty()) {
    // Checking an uncalled spindle: a spindle it calls is checked on its own, not inlined here,
    // so checking stays linear in the program's size.
    return outputs;
  }
  if (!checking_only_) called_.insert(&s);
  for (std::size_t i = 0; i < args.size(); ++i) {
    locals[s.params[i].text] = unknown_arguments_ ? poison() : lower_arg(*args[i].value, arg_scope);
  }
  unknown_arguments_ = false; // only the uncalled spindle's own parameters are unknown
  std::unordered_set<std::string> output_names;
  for (const lang::Word& o : s.outputs) {
    output_names.insert(o.text);
    locals[o.text] = module_.graph.constant(0);
  }
  std::unordered_set<std::string> assigned;
  std::function<void(const std::vector<lang::BodyStmt*>&)> collect =
      [&](const std::vector<lang::BodyStmt*>& body) {
        for (const lang::BodyStmt* b : body) {
          const auto* a = b->as<lang::AssignStmt>();
          if (a && !a->is_out && a->target.text != "pi" && a->target.text != "tau") {
            assigned.insert(a->target.text);
          }
          if (const auto* f = b->as<lang::ForStmt>()) {
            assigned.insert(f->var.text);
            collect(f->body);
          }
        }
      };
  collect(s.body);
  Frame body_frame;
  body_frame.path = scope.frame->path;
  body_frame.path.push_back(scope.frame->calls++);
  body_frame.reads = scope.frame->reads;
  body_frame.strand = scope.frame->strand;
  body_frame.sink = scope.frame->sink;
  Scope body;
  body.subst = scope.subst;
  body.locals = &locals;
  body.assigned = &assigned;
  body.outputs = &output_names;
  body.frame = &body_frame;
  spindle_stack_.push_back(&s);
  run_body(s.body, body);
  spindle_stack_.pop_back();
  for (std::size_t i = 0; i < s.outputs.size(); ++i) outputs[i] = locals[s.outputs[i].text];
  return outputs;
}

void Lowerer::run_body(const std::vector<lang::BodyStmt*>& body, Scope& scope) {
  const lang::SpindleStmt& spindle = *spindle_stack_.back();
  for (const lang::BodyStmt* stmt : body) {
    if (const auto* f = stmt->as<lang::ForStmt>()) {
      run_for(*f, scope);
      continue;
    }
    const auto* a = stmt->as<lang::AssignStmt>();
    const std::string& target = a->target.text;
    if (a->is_out && !scope.outputs->count(target)) {
      if (reported_once_.insert(a).second) {
        diags_.error(
            "spindle", a->target.span,
            fmt::format("'{}' is not an output of spindle '{}'", target, spindle.name.text));
      }
      (*scope.locals)[target] = poison(); // later reads of it are not reported again
      continue;
    }
    if (!a->is_out && scope.outputs->count(target)) {
      if (reported_once_.insert(a).second) {
        diags_.error("spindle", a->target.span,
                     fmt::format("'{}' is an output of spindle '{}'; assign it with 'out {} {} …'",
                                 target, spindle.name.text, target,
                                 lang::assign_op_spelling(a->op)));
      }
      continue;
    }
    if (!a->is_out && (target == "pi" || target == "tau")) {
      if (reported_once_.insert(a).second) {
        diags_.error("spindle", a->target.span,
                     fmt::format("'{}' is a constant and cannot be assigned", target));
      }
      continue;
    }
    NodeId value = lower_expr(*a->value, scope);
    if (a->op != lang::AssignOp::Set) {
      auto current = scope.locals->find(target);
      if (current == scope.locals->end()) {
        if (reported_once_.insert(a).second) {
          diags_.error("spindle", a->target.span,
                       fmt::format("'{}' is read before it is assigned", target));
        }
        (*scope.locals)[target] = poison();
        continue;
      }
      value = module_.graph.binary(assign_op(a->op), current->second, value);
    }
    (*scope.locals)[target] = value;
  }
}

/// A loop with uniform but not constant bounds stays a loop (Op::Loop): every name the body
/// assigns, and the loop variable, is carried from one iteration to the next.
void Lowerer::lower_runtime_loop(const lang::ForStmt& f, NodeId from, NodeId to, Scope& scope) {
  Graph& g = module_.graph;
  std::vector<std::string> carried;
  std::unordered_set<std::string> seen;
  auto carry = [&](const std::string& name) {
    if (seen.insert(name).second) carried.push_back(name);
  };
  carry(f.var.text);
  std::vector<const std::vector<lang::BodyStmt*>*> blocks{&f.body};
  while (!blocks.empty()) {
    const std::vector<lang::BodyStmt*>* block = blocks.back();
    blocks.pop_back();
    for (const lang::BodyStmt* b : *block) {
      if (const auto* a = b->as<lang::AssignStmt>()) carry(a->target.text);
      if (const auto* inner = b->as<lang::ForStmt>()) {
        carry(inner->var.text);
        blocks.push_back(&inner->body);
      }
    }
  }
  const std::uint32_t id = next_loop_id_++;
  loop_spans_.emplace(id, f.span);
  std::vector<NodeId> initial;
  for (std::size_t j = 0; j < carried.size(); ++j) {
    auto it = scope.locals->find(carried[j]);
    initial.push_back(it != scope.locals->end() ? it->second : g.constant(0));
    (*scope.locals)[carried[j]] = g.loop_var(id, static_cast<std::uint32_t>(j + 1));
  }
  (*scope.locals)[f.var.text] = g.loop_var(id, 0); // the iteration value, whatever was assigned
  ++scope.loop_depth;
  run_body(f.body, scope);
  --scope.loop_depth;
  std::vector<NodeId> next;
  for (const std::string& name : carried) next.push_back((*scope.locals)[name]);
  NodeId loop = g.loop(id, from, to, initial, next);
  for (std::size_t j = 0; j < carried.size(); ++j) {
    (*scope.locals)[carried[j]] = g.loop_result(loop, static_cast<std::uint32_t>(j));
  }
}

void Lowerer::run_for(const lang::ForStmt& f, Scope& scope) {
  Graph& g = module_.graph;
  NodeId from = lower_expr(*f.from, scope);
  NodeId to = lower_expr(*f.to, scope);
  if (is_poisoned(from) || is_poisoned(to)) return;
  if (!g.is_constant(from) || !g.is_constant(to)) {
    const CoordMask varying = (g.node(from).coords | g.node(to).coords) &
                              (coord_bit(Coord::X) | coord_bit(Coord::Y) |
                               coord_bit(Coord::Sample) | coord_bit(Coord::Row));
    // §4.5 rule 6: each iteration of a loop with a stateful builtin owns separate state.
    bool stateful = false;
    lang::for_each_expression(f.body, [&](const lang::Expr& e) {
      const auto* c = e.as<lang::CallExpr>();
      if (!c || spindles_.count(c->callee.text)) return;
      const Builtin* b = find_builtin(c->callee.text);
      stateful = stateful || (b && b->owner == BuiltinOwner::Audio);
    });
    if (stateful) {
      diags_
          .error("loop-bound", f.span,
                 "a loop with a stateful builtin needs compile-time constant bounds")
          .hint("each iteration owns separate state, so the number of iterations must be known");
    } else if (varying) {
      diags_
          .error("loop-bound", f.span,
                 fmt::format("loop bounds must be uniform, but they depend on me@{}",
                             coord_name(first_coord(varying))))
          .hint("bounds may use constants, environment fields, mouse and per-frame fields");
    } else {
      lower_runtime_loop(f, from, to, scope);
    }
    return;
  }
  auto bound = [&](NodeId n) {
    double v = g.node(n).value;
    return std::isfinite(v) ? std::floor(v) : 0.0;
  };
  const double a = bound(from);
  const double b = bound(to);
  const double trips = std::fabs(b - a) + 1;
  if (trips > kMaxLoopTrips) {
    if (reported_once_.insert(&f).second) {
      diags_.error("loop-bound", f.span,
                   fmt::format("loop runs {} times (limit {})", format_number(trips),
                               format_number(kMaxLoopTrips)));
    }
    return;
  }
  const double step = a <= b ? 1 : -1;
  for (double i = a;; i += step) {
    if (++unrolled_ > kMaxUnrolledIterations) {
      if (!unroll_reported_) {
        unroll_reported_ = true;
        diags_.error(
            "limit", f.span,
            fmt::format("loops unroll to more than {} iterations", kMaxUnrolledIterations));
      }
      return;
    }
    (*scope.locals)[f.var.text] = g.constant(i);
    ++scope.loop_depth;
    run_body(f.body, scope);
    --scope.loop_depth;
    if (i == b) break;
  }
}

} // namespace weft::ir::detail
