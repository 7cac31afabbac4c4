// Lowering of sinks (LANGUAGE.md §9): argument forms, bare-instance expansion, options, and the
// coordinate check of §7.5. Part of the Lowerer (lower_internal.h).
#include "ir/lower_internal.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace weft::ir::detail {

namespace {

Domain sink_domain(lang::SinkKind k) {
  switch (k) {
  case lang::SinkKind::Display:
  case lang::SinkKind::Render:
    return Domain::Visual;
  case lang::SinkKind::Play:
    return Domain::Audio;
  case lang::SinkKind::Data:
    return Domain::Data;
  default:
    return Domain::Control;
  }
}

} // namespace

void Lowerer::lower_sinks() {
  std::array<std::uint32_t, 7> ordinals{};
  const lang::SinkStmt* visual = nullptr;
  std::map<std::string, const lang::SinkStmt*, std::less<>> data_paths;
  for (const lang::Stmt* stmt : program_.statements) {
    const auto* s = stmt->as<lang::SinkStmt>();
    if (!s) continue;
    if (sink_domain(s->sink) == Domain::Visual) {
      if (visual) {
        diags_.error("sink", s->span, "a program has at most one visual sink (display or render)")
            .note(visual->span, "the first visual sink is here");
        continue;
      }
      visual = s;
    }
    lower_sink(*s, ordinals[static_cast<int>(s->sink)]++);
    if (s->sink == lang::SinkKind::Data && !module_.sinks.empty() &&
        !module_.sinks.back().path.empty()) {
      auto [it, inserted] = data_paths.try_emplace(module_.sinks.back().path, s);
      if (!inserted) {
        diags_
            .error("sink", s->span,
                   fmt::format("two data sinks write '{}'", module_.sinks.back().path))
            .note(it->second->span, "the first one is here");
      }
    }
  }
}

void Lowerer::lower_sink(const lang::SinkStmt& s, std::uint32_t ordinal) {
  Sink sink;
  sink.kind = s.sink;
  sink.domain = sink_domain(s.sink);
  sink.span = s.span;
  sink.ordinal = ordinal;
  Frame frame;
  frame.path = {site_hash(lang::sink_name(s.sink)), ordinal};
  frame.reads = &sink.reads;
  frame.sink = static_cast<std::int32_t>(module_.sinks.size());
  Scope scope;
  scope.frame = &frame;
  switch (s.sink) {
  case lang::SinkKind::Display:
  case lang::SinkKind::Render:
    lower_picture_sink(s, sink, scope);
    break;
  case lang::SinkKind::Play:
    lower_play_sink(s, sink, scope);
    break;
  case lang::SinkKind::Data:
    lower_data_sink(s, sink, scope);
    break;
  default:
    lower_control_sink(s, sink, scope);
    break;
  }
  check_coordinates(sink);
  check_loop_bounds(sink);
  module_.sinks.push_back(std::move(sink));
}

/// A bare instance name as a whole sink argument: all its strands, in order.
std::vector<SinkValue> Lowerer::expand_instance(const lang::NameExpr& n, Scope& scope) {
  std::vector<SinkValue> out;
  auto it = instance_index_.find(n.name);
  if (instances_[it->second].failed) {
    // Its definition failed: it counts as having every strand (§10.3), so no sink error follows.
    for (int i = 0; i < 4; ++i) out.push_back({"", poison(), n.span});
    return out;
  }
  for (std::uint32_t s : instances_[it->second].strands) {
    out.push_back({strands_[s].name, lower_strand(s, scope, n.span), n.span});
  }
  return out;
}

namespace {

/// The parser reports a positional argument after a named one; the sink check stays silent then.
bool positional_after_named(const std::vector<lang::Arg>& args) {
  bool named = false;
  for (const lang::Arg& a : args) {
    if (a.name)
      named = true;
    else if (named)
      return true;
  }
  return false;
}

/// A whole argument that is a bare instance name (and no local, constant or unknown name).
const lang::NameExpr* bare_instance(const lang::Arg& a) {
  const auto* n = a.value->as<lang::NameExpr>();
  return n && n->name != "pi" && n->name != "tau" ? n : nullptr;
}

} // namespace

void Lowerer::lower_picture_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope) {
  const bool is_render = s.sink == lang::SinkKind::Render;
  const std::string_view name = lang::sink_name(s.sink);
  std::size_t named = 0;
  for (const lang::Arg& a : s.args) named += a.name.has_value();
  Graph& g = module_.graph;
  auto fill = [&](NodeId r, NodeId gr, NodeId b, NodeId a, lang::Span at) {
    sink.values = {{"r", r, at}, {"g", gr, at}, {"b", b, at}, {"a", a, at}};
  };
  if (named > 0) {
    if (!is_render) {
      diags_.error("sink", s.args.front().value->span, "display takes no named arguments")
          .hint("use render(r: …, g: …, b: …, a: …) for named channels");
      return;
    }
    if (named != s.args.size()) {
      if (!positional_after_named(s.args)) {
        diags_.error("sink", s.span, "render cannot mix positional and named arguments");
      }
      return;
    }
    NodeId channels[4] = {g.constant(0), g.constant(0), g.constant(0), g.constant(1)};
    for (const lang::Arg& a : s.args) {
      static constexpr std::string_view kNames[4] = {"r", "g", "b", "a"};
      auto slot = std::find(std::begin(kNames), std::end(kNames), a.name->text);
      if (slot == std::end(kNames)) {
        diags_.error(
            "sink", a.name->span,
            fmt::format("render has no argument '{}' (it takes r, g, b, a)", a.name->text));
        return;
      }
      channels[slot - std::begin(kNames)] = sink_number(a, s.sink, scope);
    }
    fill(channels[0], channels[1], channels[2], channels[3], s.span);
    return;
  }
  std::vector<SinkValue> values;
  if (s.args.size() == 1 && bare_instance(s.args[0]) &&
      instance_index_.count(bare_instance(s.args[0])->name)) {
    values = expand_instance(*bare_instance(s.args[0]), scope);
    if (values.size() == 2) {
      diags_.error(
          "sink", s.args[0].value->span,
          fmt::format("{} of an instance needs 1 strand (grey) or at least 3, but '{}' has 2", name,
                      bare_instance(s.args[0])->name));
      return;
    }
    values.resize(std::min<std::size_t>(values.size(), is_render ? 4 : 3));
  } else {
    for (const lang::Arg& a : s.args)
      values.push_back({"", sink_number(a, s.sink, scope), a.value->span});
  }
  const std::size_t n = values.size();
  const bool ok = n == 1 || n == 3 || (is_render && n == 4);
  if (!ok) {
    lang::Diagnostic& d = diags_.error(
        "sink", s.span,
        fmt::format("{} takes {} arguments, got {}", name, is_render ? "1, 3 or 4" : "1 or 3", n));
    if (n == 2) d.hint("for grey give one value; for colour give r, g and b");
    return;
  }
  if (n == 1) {
    fill(values[0].value, values[0].value, values[0].value, g.constant(1), values[0].span);
  } else {
    fill(values[0].value, values[1].value, values[2].value,
         n == 4 ? values[3].value : g.constant(1), values[0].span);
    for (int i = 0; i < static_cast<int>(n); ++i) sink.values[i].span = values[i].span;
  }
}

void Lowerer::lower_play_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope) {
  Graph& g = module_.graph;
  std::size_t named = 0;
  for (const lang::Arg& a : s.args) named += a.name.has_value();
  if (named > 0) {
    if (named != s.args.size()) {
      if (!positional_after_named(s.args)) {
        diags_.error("sink", s.span, "play cannot mix positional and named arguments");
      }
      return;
    }
    NodeId left = g.constant(0), right = g.constant(0);
    for (const lang::Arg& a : s.args) {
      if (a.name->text != "left" && a.name->text != "right") {
        diags_.error("sink", a.name->span,
                     fmt::format("play has no argument '{}' (it takes left, right)", a.name->text));
        return;
      }
      (a.name->text == "left" ? left : right) = sink_number(a, s.sink, scope);
    }
    sink.values = {{"left", left, s.span}, {"right", right, s.span}};
    return;
  }
  std::vector<SinkValue> values;
  if (s.args.size() == 1 && bare_instance(s.args[0]) &&
      instance_index_.count(bare_instance(s.args[0])->name)) {
    values = expand_instance(*bare_instance(s.args[0]), scope);
    values.resize(std::min<std::size_t>(values.size(), 2));
  } else {
    for (const lang::Arg& a : s.args)
      values.push_back({"", sink_number(a, s.sink, scope), a.value->span});
  }
  if (values.empty() || values.size() > 2) {
    diags_.error("sink", s.span, fmt::format("play takes 1 or 2 arguments, got {}", values.size()));
    return;
  }
  const SinkValue& l = values[0];
  const SinkValue& r = values.size() == 2 ? values[1] : values[0];
  sink.values = {{"left", l.value, l.span}, {"right", r.value, r.span}};
}

NodeId Lowerer::sink_number(const lang::Arg& a, lang::SinkKind kind, Scope& scope) {
  if (a.value->kind == lang::ExprKind::String) {
    diags_.error("sink", a.value->span,
                 fmt::format("{} expects a number here, not a string", lang::sink_name(kind)));
    return poison();
  }
  return lower_expr(*a.value, scope);
}

std::optional<double> Lowerer::constant_argument(const lang::Arg& a, Scope& scope,
                                                 const char* what) {
  if (a.value->kind == lang::ExprKind::String) {
    diags_.error("sink", a.value->span, fmt::format("{} must be a number, not a string", what));
    return std::nullopt;
  }
  NodeId v = lower_expr(*a.value, scope);
  if (is_poisoned(v)) return std::nullopt;
  if (!module_.graph.is_constant(v)) {
    diags_.error("sink", a.value->span, fmt::format("{} must be a compile-time constant", what));
    return std::nullopt;
  }
  return module_.graph.node(v).value;
}

void Lowerer::lower_control_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope) {
  const std::string_view name = lang::sink_name(s.sink);
  sink.rate = module_.env.fps;
  sink.host = "127.0.0.1";
  bool have_port = false;
  bool cc_given = false;
  for (std::size_t i = 0; i < s.args.size(); ++i) {
    const lang::Arg& a = s.args[i];
    const auto* str = a.value->as<lang::StringExpr>();
    if (!a.name) {
      if (s.sink == lang::SinkKind::Osc && i == 0 && str) {
        sink.path = str->value;
        if (sink.path.empty() || sink.path[0] != '/') {
          diags_.error("sink", a.value->span,
                       fmt::format("an OSC address must start with '/', got \"{}\"", str->value));
        }
        continue;
      }
      if (s.sink == lang::SinkKind::Midi) {
        diags_.error("sink", a.value->span,
                     "midi takes named arguments only (cc:, value:, note:, …)");
        continue;
      }
      if (const auto* n = bare_instance(a); n && instance_index_.count(n->name)) {
        for (SinkValue& v : expand_instance(*n, scope)) sink.values.push_back(std::move(v));
        continue;
      }
      sink.values.push_back({fmt::format("{}", sink.values.size() + 1),
                             sink_number(a, s.sink, scope), a.value->span});
      continue;
    }
    const std::string& key = a.name->text;
    if (key == "rate") {
      if (auto r = constant_argument(a, scope, "rate")) {
        if (!(*r > 0 && *r <= 1000)) {
          diags_.error(
              "sink", a.value->span,
              fmt::format("rate: {} is out of range (0 < rate ≤ 1000)", format_number(*r)));
        } else {
          sink.rate = *r;
        }
      }
    } else if (s.sink == lang::SinkKind::Osc && key == "address" && str) {
      sink.path = str->value;
    } else if (s.sink == lang::SinkKind::Osc && key == "host") {
      if (str)
        sink.host = str->value;
      else
        diags_.error("sink", a.value->span, "host must be a string, e.g. host: \"127.0.0.1\"");
    } else if (s.sink == lang::SinkKind::Osc && key == "port") {
      have_port = true;
      if (auto p = constant_argument(a, scope, "port")) {
        if (!(*p >= 1 && *p <= 65535 && std::floor(*p) == *p)) {
          diags_.error("sink", a.value->span,
                       fmt::format("port: {} is out of range (1…65535)", format_number(*p)));
        }
        sink.port = *p;
      }
    } else if (s.sink == lang::SinkKind::Midi && key == "port" && str) {
      sink.port_name = str->value;
    } else if (s.sink == lang::SinkKind::Midi && key == "channel") {
      if (auto c = constant_argument(a, scope, "channel")) {
        if (!(*c >= 1 && *c <= 16 && std::floor(*c) == *c)) {
          diags_.error("sink", a.value->span,
                       fmt::format("channel: {} is out of range (1…16)", format_number(*c)));
        }
        sink.channel = *c;
      }
    } else if (s.sink == lang::SinkKind::Midi && key == "cc") {
      cc_given = true;
      if (auto c = constant_argument(a, scope, "cc")) {
        if (!(*c >= 0 && *c <= 127 && std::floor(*c) == *c)) {
          diags_.error("sink", a.value->span,
                       fmt::format("cc: {} is out of range (0…127)", format_number(*c)));
        }
        sink.cc = *c;
      }
    } else if (s.sink == lang::SinkKind::Midi &&
               (key == "value" || key == "note" || key == "gate" || key == "velocity")) {
      sink.values.push_back({key, sink_number(a, s.sink, scope), a.value->span});
    } else {
      diags_.error("sink", a.name->span, fmt::format("{} has no argument '{}'", name, key));
    }
  }
  if (s.sink == lang::SinkKind::Midi) check_midi_forms(s, sink, cc_given);
  if (s.sink == lang::SinkKind::Osc) {
    if (sink.path.empty())
      diags_.error("sink", s.span, "osc needs an address, e.g. osc(\"/level\", …, port: 9000)");
    if (!have_port) diags_.error("sink", s.span, "osc needs a port, e.g. port: 9000");
  }
}

void Lowerer::lower_data_sink(const lang::SinkStmt& s, Sink& sink, Scope& scope) {
  sink.rate = 1;
  bool rows_given = false;
  bool path_reported = false;
  for (std::size_t i = 0; i < s.args.size(); ++i) {
    const lang::Arg& a = s.args[i];
    const auto* str = a.value->as<lang::StringExpr>();
    if (!a.name) {
      if (i == 0 && str) {
        sink.path = str->value;
      } else if (i == 0) {
        path_reported = true;
        diags_.error("sink", a.value->span,
                     "data takes the file path first, e.g. data(\"out.csv\", rows: 10, x: me@row)");
      } else {
        diags_.error("sink", a.value->span,
                     "data columns are named: data(\"out.csv\", rows: 10, x: …)");
      }
      continue;
    }
    const std::string& key = a.name->text;
    if (key == "rows") {
      rows_given = true;
      if (auto r = constant_argument(a, scope, "rows")) {
        if (!(*r >= 1 && *r <= 10'000'000 && std::floor(*r) == *r)) {
          diags_.error("sink", a.value->span,
                       fmt::format("rows: {} is out of range (1…10000000)", format_number(*r)));
        }
        sink.rows = *r;
      }
    } else if (key == "rate") {
      if (auto r = constant_argument(a, scope, "rate")) {
        if (!(*r > 0))
          diags_.error("sink", a.value->span,
                       fmt::format("rate: {} must be positive", format_number(*r)));
        sink.rate = *r;
      }
    } else if (str) {
      diags_.error("sink", a.value->span,
                   fmt::format("column '{}' must be a number, not a string", key));
    } else {
      sink.values.push_back({key, sink_number(a, s.sink, scope), a.value->span});
    }
  }
  if (sink.path.empty() && !path_reported)
    diags_.error("sink", s.span,
                 "data needs a file path, e.g. data(\"out.csv\", rows: 10, x: me@row)");
  if (!rows_given) diags_.error("sink", s.span, "data needs rows: N");
  if (sink.values.empty()) diags_.error("sink", s.span, "data needs at least one column");
}

/// §4.5 rule 4: the bounds of a run-time loop must be uniform in each domain that evaluates it:
/// per frame in visual (no me@x, me@y), per tick in control (anything), constant in audio and
/// data (literals and environment fields only).
void Lowerer::check_loop_bounds(const Sink& sink) {
  const Graph& g = module_.graph;
  CoordMask forbidden = 0;
  bool mouse_forbidden = false;
  switch (sink.domain) {
  case Domain::Visual:
    forbidden = coord_bit(Coord::X) | coord_bit(Coord::Y);
    break;
  case Domain::Control:
    return;
  case Domain::Audio:
  case Domain::Data:
    forbidden = ~CoordMask{0};
    mouse_forbidden = true;
    break;
  }
  std::vector<NodeId> work;
  std::unordered_set<NodeId> visited;
  for (const SinkValue& v : sink.values) work.push_back(v.value);
  while (!work.empty()) {
    NodeId id = work.back();
    work.pop_back();
    if (!visited.insert(id).second) continue;
    const Node& n = g.node(id);
    if (n.op == Op::Owned) continue; // evaluated in its owner domain, checked there
    auto args = g.args(n);
    work.insert(work.end(), args.begin(), args.end());
    if (n.op != Op::Loop) continue;
    const Node& from = g.node(args[0]);
    const Node& to = g.node(args[1]);
    const CoordMask bad = (from.coords | to.coords) & forbidden;
    const bool bad_mouse = mouse_forbidden && (from.reads_mouse || to.reads_mouse);
    if (!bad && !bad_mouse) continue;
    auto span = loop_spans_.find(n.aux);
    diags_
        .error("loop-bound", span != loop_spans_.end() ? span->second : sink.span,
               fmt::format("loop bounds must be uniform in the {} domain, but they depend on {}",
                           domain_name(sink.domain),
                           bad ? fmt::format("me@{}", coord_name(first_coord(bad)))
                               : std::string("mouse")))
        .hint(sink.domain == Domain::Visual
                  ? "bounds may use constants, environment fields, mouse and per-frame fields"
                  : "in this domain bounds may use only constants and environment fields");
  }
}

/// §9.3: `midi` sends either control changes (cc:, value:) or notes (note:, gate:, velocity:).
void Lowerer::check_midi_forms(const lang::SinkStmt& s, const Sink& sink, bool cc_given) {
  auto has = [&](std::string_view role) {
    return std::any_of(sink.values.begin(), sink.values.end(),
                       [&](const SinkValue& v) { return v.role == role; });
  };
  const bool cc_form = cc_given || has("value");
  const bool note_form = has("note") || has("gate") || has("velocity");
  if (cc_form && note_form) {
    diags_.error("sink", s.span, "midi sends either cc: with value: or note: with gate:, not both");
  } else if (cc_form && (!cc_given || !has("value"))) {
    diags_.error("sink", s.span, "midi control changes need both cc: and value:");
  } else if (note_form && (!has("note") || !has("gate"))) {
    diags_.error("sink", s.span, "midi notes need both note: and gate:");
  } else if (!cc_form && !note_form) {
    diags_.error("sink", s.span, "midi needs cc: and value:, or note: and gate:");
  }
}

/// §7.5 (and §9.4 for data): every `me` field a sink's values read must be provided by its domain.
void Lowerer::check_coordinates(const Sink& sink) {
  const CoordMask provided = coords_provided_by(sink.domain);
  const Graph& g = module_.graph;
  for (const SinkValue& v : sink.values) {
    const Node& n = g.node(v.value);
    if (n.poisoned) continue;
    CoordMask missing = n.coords & ~provided;
    if (missing) {
      const Coord f = first_coord(missing);
      diags_
          .error("unbound-coordinate", v.span,
                 fmt::format("{} needs me@{}, which the {} domain does not provide",
                             lang::sink_name(sink.kind), coord_name(f), domain_name(sink.domain)))
          .hint("bind it with a remap");
      return;
    }
    if (sink.domain == Domain::Data && n.purity != Purity::Pure) {
      diags_.error("sink", v.span, "a data column cannot depend on stateful or hardware nodes");
      return;
    }
    if (sink.domain == Domain::Data && n.reads_mouse) {
      diags_.error("sink", v.span, "a data column cannot read mouse");
      return;
    }
  }
}

} // namespace weft::ir::detail
