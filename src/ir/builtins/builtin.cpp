#include "ir/builtins/builtin.h"

#include <algorithm>
#include <fmt/format.h>

namespace weft::ir {

namespace {

bool is_allowed_count(const Builtin& b, std::size_t n) {
  if (b.count_rule == CountRuleKind::OneOrAll) return n == 1 || n == b.params.size();
  return b.min_arguments() <= n && n <= b.max_arguments();
}

/// "no arguments", "1 argument", "1 or 2 arguments", "2 to 6 arguments", "1 or 3 arguments".
std::string count_phrase(const Builtin& b) {
  const std::size_t lo = b.min_arguments();
  const std::size_t hi = b.max_arguments();
  if (lo == hi) {
    if (lo == 0) return "no arguments";
    return fmt::format("{} argument{}", lo, lo == 1 ? "" : "s");
  }
  if (b.count_rule == CountRuleKind::OneOrAll || hi == lo + 1) {
    return fmt::format("{} or {} arguments", lo, hi);
  }
  return fmt::format("{} to {} arguments", lo, hi);
}

std::string count_message(const Builtin& b, std::size_t got) {
  return fmt::format("'{}' takes {} ({}), got {}", b.name, count_phrase(b), b.signature(), got);
}

/// How an argument is named in messages: its parameter's name, or its 1-based position for the
/// repeated parameter of a variadic builtin.
std::string argument_label(const Builtin& b, std::size_t param) {
  if (b.count_rule == CountRuleKind::Variadic) return fmt::format("{}", param + 1);
  return fmt::format("'{}'", b.params[param].name);
}

const Param& param_of(const Builtin& b, std::size_t param) {
  return b.params[std::min(param, b.params.size() - 1)];
}

std::optional<std::size_t> find_param(const Builtin& b, std::string_view name) {
  for (std::size_t i = 0; i < b.params.size(); ++i) {
    if (b.params[i].name == name) return i;
  }
  return std::nullopt;
}

/// A string where a number is expected, or the reverse; nothing if the kinds agree.
std::optional<BindError> kind_error(const Builtin& b, std::size_t param, std::size_t argument,
                                    const CallArgument& arg) {
  const bool wants_string = param_of(b, param).kind == ParamKind::String;
  if (wants_string == arg.is_string) return std::nullopt;
  if (wants_string) {
    return BindError{BindErrorKind::ExpectedString, argument,
                     fmt::format("argument {} of '{}' must be a string literal ({})",
                                 argument_label(b, param), b.name, b.signature())};
  }
  return BindError{BindErrorKind::ExpectedNumber, argument,
                   fmt::format("argument {} of '{}' must be a number, not a string ({})",
                               argument_label(b, param), b.name, b.signature())};
}

/// Errors for positional arguments after a named one (the parser reports them as well).
void check_positional_order(std::span<const CallArgument> args, std::vector<BindError>& errors) {
  bool seen_named = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].name) {
      seen_named = true;
    } else if (seen_named) {
      errors.push_back(
          {BindErrorKind::PositionalAfterNamed, i, "positional argument after a named argument"});
    }
  }
}

BoundArguments bind_variadic(const Builtin& b, std::span<const CallArgument> args) {
  BoundArguments out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].name) {
      out.errors.push_back(
          {BindErrorKind::NamedVariadic, i,
           fmt::format("'{}' takes no named arguments ({})", b.name, b.signature())});
      continue;
    }
    if (auto e = kind_error(b, i, i, args[i])) out.errors.push_back(std::move(*e));
  }
  if (!out.ok()) return out;
  for (std::size_t i = 0; i < args.size(); ++i) out.values.push_back({i, 0});
  return out;
}

/// Fills `slots` from named arguments; reports unknown and repeated names.
void bind_named(const Builtin& b, std::span<const CallArgument> args,
                std::vector<std::optional<std::size_t>>& slots, std::vector<BindError>& errors) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args[i].name) continue;
    const std::string_view name = *args[i].name;
    const std::optional<std::size_t> p = find_param(b, name);
    if (!p) {
      errors.push_back(
          {BindErrorKind::UnknownName, i,
           fmt::format("unknown argument '{}' for '{}' ({})", name, b.name, b.signature())});
      continue;
    }
    if (slots[*p]) {
      const bool by_name = args[*slots[*p]].name.has_value();
      errors.push_back({by_name ? BindErrorKind::RepeatedName : BindErrorKind::GivenTwice, i,
                        fmt::format("argument '{}' is given twice ({})", name, b.signature())});
      continue;
    }
    slots[*p] = i;
  }
}

bool has_unknown_name(const std::vector<BindError>& errors) {
  return std::any_of(errors.begin(), errors.end(),
                     [](const BindError& e) { return e.kind == BindErrorKind::UnknownName; });
}

} // namespace

std::size_t Builtin::min_arguments() const noexcept {
  switch (count_rule) {
  case CountRuleKind::Variadic:
    return min_variadic;
  case CountRuleKind::OneOrAll:
    return 1;
  case CountRuleKind::Signature:
    break;
  }
  return static_cast<std::size_t>(
      std::count_if(params.begin(), params.end(), [](const Param& p) { return !p.default_value; }));
}

std::size_t Builtin::max_arguments() const noexcept {
  return count_rule == CountRuleKind::Variadic ? max_variadic : params.size();
}

std::string Builtin::signature() const {
  std::string text = fmt::format("{}(", name);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (i > 0) text += ", ";
    text += p.name;
    if (p.kind == ParamKind::String) text += ": string";
    const bool show_default = count_rule == CountRuleKind::Signature && p.default_value;
    if (show_default) text += fmt::format(" = {}", format_number(*p.default_value));
  }
  if (count_rule == CountRuleKind::Variadic) text += ", …";
  return text + ")";
}

std::optional<std::size_t> Builtin::find_channel(std::string_view channel) const noexcept {
  for (std::size_t i = 0; i < channels.size(); ++i) {
    const Channel& c = channels[i];
    if (c.name == channel || (!c.alias.empty() && c.alias == channel)) return i;
  }
  return std::nullopt;
}

std::string_view owner_name(BuiltinOwner owner) noexcept {
  switch (owner) {
  case BuiltinOwner::Pure:
    return "none (pure)";
  case BuiltinOwner::Audio:
    return "audio";
  case BuiltinOwner::Visual:
    return "visual";
  }
  return "?";
}

std::string_view nature_name(BuiltinNature nature) noexcept {
  switch (nature) {
  case BuiltinNature::Pure:
    return "pure";
  case BuiltinNature::Stateful:
    return "stateful";
  case BuiltinNature::Hardware:
    return "hardware";
  case BuiltinNature::Resource:
    return "resource";
  }
  return "?";
}

BoundArguments bind_arguments(const Builtin& b, std::span<const CallArgument> args) {
  BoundArguments out;
  if (!is_allowed_count(b, args.size())) {
    std::optional<std::size_t> first_extra;
    if (args.size() > b.max_arguments()) first_extra = b.max_arguments();
    out.errors.push_back({BindErrorKind::Count, first_extra, count_message(b, args.size())});
    return out;
  }
  check_positional_order(args, out.errors);
  if (!out.ok()) return out;
  if (b.count_rule == CountRuleKind::Variadic) return bind_variadic(b, args);

  std::vector<std::optional<std::size_t>> slots(b.params.size());
  for (std::size_t i = 0; i < args.size() && !args[i].name; ++i) slots[i] = i;
  bind_named(b, args, slots, out.errors);
  for (std::size_t p = 0; p < slots.size(); ++p) {
    if (slots[p]) {
      if (auto e = kind_error(b, p, *slots[p], args[*slots[p]])) out.errors.push_back(*e);
      continue;
    }
    // With an unknown name, the missing parameter is most likely the misspelt one: say it once.
    if (b.params[p].default_value || has_unknown_name(out.errors)) continue;
    out.errors.push_back({BindErrorKind::Missing, std::nullopt,
                          fmt::format("missing argument '{}' for '{}' ({})", b.params[p].name,
                                      b.name, b.signature())});
  }
  if (!out.ok()) return out;
  for (std::size_t p = 0; p < slots.size(); ++p) {
    out.values.push_back({slots[p], b.params[p].default_value.value_or(0)});
  }
  return out;
}

std::string not_constant_message(const Builtin& b, std::size_t param) {
  return fmt::format("argument {} of '{}' must be a compile-time constant ({})",
                     argument_label(b, param), b.name, b.signature());
}

std::optional<std::string> const_argument_error(const Builtin& b, std::size_t param, double value) {
  const Param& p = param_of(b, param);
  if (!p.range) return std::nullopt;
  const char* problem = nullptr;
  if (!p.range->contains(value)) {
    problem = "is out of range";
  } else if (!p.range->has_allowed_fraction(value)) {
    problem = "is not an integer";
  } else {
    return std::nullopt;
  }
  return fmt::format("'{}' argument '{}' = {} {} ({})", b.name, p.name, format_number(value),
                     problem, p.range->text(p.name));
}

// ---------------------------------------------------------------------------------------------
// Channels

namespace {

std::string joined(std::span<const std::string_view> names) {
  std::string text;
  for (std::string_view n : names) {
    if (!text.empty()) text += ", ";
    text += n;
  }
  return text;
}

std::string too_many_outputs(const Builtin& b, std::span<const std::string_view> channels,
                             std::span<const std::string_view> outputs) {
  return fmt::format("'{}' has {} channel{} ({}) but {} outputs are bound ({})", b.name,
                     channels.size(), channels.size() == 1 ? "" : "s", joined(channels),
                     outputs.size(), joined(outputs));
}

bool names_all_channels(const Builtin& b, std::span<const std::string_view> outputs) {
  return std::all_of(outputs.begin(), outputs.end(),
                     [&](std::string_view o) { return b.find_channel(o).has_value(); });
}

ChannelMapping map_single_output(const Builtin& b, std::span<const std::string_view> outputs) {
  ChannelMapping m;
  m.rule = ChannelRuleKind::Single;
  if (outputs.size() > 1) {
    m.error = fmt::format("'{}' has 1 output but {} are bound ({})", b.name, outputs.size(),
                          joined(outputs));
    return m;
  }
  m.channels.assign(outputs.size(), 0);
  return m;
}

} // namespace

ChannelMapping map_channels(const Builtin& b, std::span<const std::string_view> outputs) {
  if (!b.has_channels()) return map_single_output(b, outputs);
  ChannelMapping m;
  if (outputs.size() == 1 && !b.find_channel(outputs[0]) && b.default_channel) {
    m.rule = ChannelRuleKind::Default;
    m.channels.push_back(*b.default_channel);
    return m;
  }
  std::vector<std::string_view> all, positional;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < b.channels.size(); ++i) {
    all.push_back(b.channels[i].name);
    if (!b.channels[i].positional) continue;
    positional.push_back(b.channels[i].name);
    positions.push_back(i);
  }
  if (outputs.size() > all.size()) {
    m.error = too_many_outputs(b, all, outputs);
    return m;
  }
  if (names_all_channels(b, outputs)) {
    m.rule = ChannelRuleKind::ByName;
    for (std::string_view o : outputs) m.channels.push_back(*b.find_channel(o));
    return m;
  }
  m.rule = ChannelRuleKind::ByPosition;
  if (outputs.size() > positional.size()) {
    m.error = too_many_outputs(b, positional, outputs);
    return m;
  }
  m.channels.assign(positions.begin(), positions.begin() + outputs.size());
  return m;
}

} // namespace weft::ir
