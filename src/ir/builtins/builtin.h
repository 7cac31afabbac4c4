/// \file
/// What the front end knows about one builtin (LANGUAGE.md §8): owner and nature, parameters with
/// kinds and defaults, how many arguments it takes, its channels, its output range, the `me`
/// fields it reads by itself, a constant folder for pure math, and a doc line. Also the two rules
/// every call needs: binding call arguments to parameters (§8.0 signatures, error `arity`) and
/// mapping bound outputs to channels (§8.0 channels, error `output-count`).
/// The table of all builtins is in registry.h; one file per family fills it.
/// Implements: LANGUAGE.md §1.3, §7.2, §8.0. Tests: tests/ir/builtins_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/builtins/value_range.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace weft::ir {

/// The domain that evaluates a builtin (§7.2). Pure builtins are evaluated wherever needed.
enum class BuiltinOwner : std::uint8_t { Pure, Audio, Visual };

/// §1.3: pure (a function of arguments and coordinates), stateful (memory between samples),
/// hardware (reads a device) or an immutable resource read at compile time (`load`).
enum class BuiltinNature : std::uint8_t { Pure, Stateful, Hardware, Resource };

/// §8.0 argument kinds: any expression, a compile-time constant, or a string literal.
enum class ParamKind : std::uint8_t { Number, Const, String };

/// How the number of arguments is checked.
enum class CountRuleKind : std::uint8_t {
  Signature, ///< every parameter without a default is required, the others are optional
  OneOrAll,  ///< exactly 1 or all parameters (`clamp(x)`, `clamp(x, lo, hi)`); defaults fill the
             ///< rest
  Variadic,  ///< `min_variadic`…`max_variadic` positional arguments, all of the last parameter's
             ///< kind
};

struct Param {
  std::string_view name;
  ParamKind kind = ParamKind::Number;
  std::optional<double> default_value; ///< absent: required
  std::optional<ValueRange> range;     ///< for `Const` parameters: the allowed values
};

/// One channel of a multi-channel builtin. `positional` channels are listed in §8 and can be
/// bound by position; the default channel (`luma`, `mono`) may be non-positional.
struct Channel {
  std::string_view name;
  std::string_view alias; ///< e.g. `l` for `left`, `red` for `r`; empty if none
  bool positional = true;
};

/// A closed interval containing every non-NaN value a builtin can produce.
struct OutputRange {
  double lo;
  double hi;
};

/// A constant folder: the exact binary64 value for arguments in parameter order (defaults
/// filled in; for variadic builtins, every argument).
using FoldFn = double (*)(std::span<const double>);

struct Builtin {
  std::string_view name;
  std::string_view family;  ///< the library group, e.g. "lib.math"
  std::string_view section; ///< e.g. "§8.1"
  BuiltinOwner owner = BuiltinOwner::Pure;
  BuiltinNature nature = BuiltinNature::Pure;
  std::vector<Param> params;
  CountRuleKind count_rule = CountRuleKind::Signature;
  std::size_t min_variadic = 0; ///< for `Variadic`
  std::size_t max_variadic = 0; ///< for `Variadic`
  /// Empty for a builtin with one output. Otherwise every channel, positional ones in §8 order.
  std::vector<Channel> channels;
  /// Index into `channels` of the channel an expression use yields (§8.0); absent: must be bound.
  std::optional<std::size_t> default_channel;
  std::optional<OutputRange> range;
  /// `me` fields read by the builtin itself, beyond its arguments (`load` reads x and y, `pat`
  /// reads time): remaps of these fields change its value (§6.2), domains must provide them (§7.5).
  std::vector<std::string_view> implicit_fields;
  FoldFn fold = nullptr; ///< set for pure builtins whose value depends only on their arguments
  std::string_view doc;  ///< one line

  bool has_channels() const noexcept { return !channels.empty(); }
  bool is_owned() const noexcept { return owner != BuiltinOwner::Pure; }
  /// Whether a call may appear in an expression: one output, or a default channel (§3.6, §8.0).
  bool is_usable_in_expression() const noexcept {
    return channels.empty() || default_channel.has_value();
  }
  std::size_t min_arguments() const noexcept;
  std::size_t max_arguments() const noexcept;
  /// The signature as diagnostics print it: `square(freq, width = 0.5)`, `load(path: string)`,
  /// `clamp(x, lo, hi)`, `min(a, b, …)`.
  std::string signature() const;
  /// Index of the channel named `name` or aliased `name`, if any.
  std::optional<std::size_t> find_channel(std::string_view name) const noexcept;
};

/// The owner's name as §7.2 writes it: "none (pure)", "audio", "visual".
std::string_view owner_name(BuiltinOwner owner) noexcept;
/// "pure", "stateful", "hardware", "resource".
std::string_view nature_name(BuiltinNature nature) noexcept;

// ---------------------------------------------------------------------------------------------
// Binding arguments to parameters (§8.0 "Signatures", §3.6)

/// What the binder needs to know about one call argument, independent of the AST.
struct CallArgument {
  std::optional<std::string_view> name; ///< `q: 4` has name "q"
  bool is_string = false;               ///< a string literal
};

enum class BindErrorKind : std::uint8_t {
  Count,                ///< too few or too many arguments
  UnknownName,          ///< a named argument that is no parameter
  GivenTwice,           ///< a named argument for a parameter already given by position
  RepeatedName,         ///< the same name twice (the parser reports this one too)
  PositionalAfterNamed, ///< the parser reports this one too
  Missing,              ///< a required parameter not given (possible with named arguments)
  NamedVariadic,        ///< a name given to a variadic builtin's argument
  ExpectedNumber,       ///< a string literal where a number is expected
  ExpectedString,       ///< an expression where a string literal is expected
};

/// An `arity` error. The message is the diagnostic's message, with the signature in it.
struct BindError {
  BindErrorKind kind;
  std::optional<std::size_t> argument; ///< the offending argument; absent: the whole call
  std::string message;
};

/// Where one parameter's value comes from: a call argument, or else its default.
struct BoundValue {
  std::optional<std::size_t> argument; ///< index into the call's arguments
  double default_value = 0;            ///< used when `argument` is absent
};

struct BoundArguments {
  /// One per parameter, in parameter order; for variadic builtins one per argument. Empty when
  /// there are errors.
  std::vector<BoundValue> values;
  std::vector<BindError> errors;
  bool ok() const noexcept { return errors.empty(); }
};

/// Binds a call's arguments to the parameters of `b`: positional arguments first, in order, then
/// named ones by name; missing optional parameters get their defaults. Checks the count, names and
/// string/number kinds. Constness of `Const` parameters is the caller's to check
/// (`const_argument_error`), since only the caller can evaluate expressions.
BoundArguments bind_arguments(const Builtin& b, std::span<const CallArgument> arguments);

/// The `arity` message for a non-constant argument of a `Const` parameter.
std::string not_constant_message(const Builtin& b, std::size_t param);

/// For a `Const` parameter with a range: the `arity` message when `value` is out of range or not
/// an integer, e.g. `'fbm' argument 'octaves' = 20 is out of range (1…16)`; nothing if allowed.
std::optional<std::string> const_argument_error(const Builtin& b, std::size_t param, double value);

// ---------------------------------------------------------------------------------------------
// Mapping bound outputs to channels (§8.0 "Channels", §4.3)

enum class ChannelRuleKind : std::uint8_t {
  Single,     ///< a builtin with one output (no channels)
  Default,    ///< one output whose name is no channel name: the default channel
  ByName,     ///< every output name is a channel name or alias
  ByPosition, ///< otherwise, in the order of the positional channels
};

struct ChannelMapping {
  ChannelRuleKind rule = ChannelRuleKind::Single;
  /// For each output, the index into `Builtin::channels` (0 for a builtin without channels).
  std::vector<std::size_t> channels;
  /// The `output-count` message when there are more outputs than channels; `channels` is then
  /// empty.
  std::optional<std::string> error;
  bool ok() const noexcept { return !error.has_value(); }
};

/// Applies the first matching rule of §8.0: a single output whose name is not a channel name gets
/// the default channel; if every name is a channel name or alias, by name; otherwise by position.
/// More outputs than channels (or than positional channels, by position) is an `output-count`
/// error such as `'mic' has 2 channels (left, right) but 3 outputs are bound (a, b, c)`.
ChannelMapping map_channels(const Builtin& b, std::span<const std::string_view> outputs);

} // namespace weft::ir
