// The builtin table (LANGUAGE.md §8): every builtin with its owner and nature (§1.3, §7.2),
// argument binding and its `arity` messages (§8.0, §10.2), channel binding (§8.0, §4.3) and the
// "did you mean" suggestions of `undefined-name`.
#include "ir/builtins/registry.h"
#include "ir/builtins/suggest.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

using namespace weft::ir;

namespace {

const Builtin& get(std::string_view name) {
  const Builtin* b = find_builtin(name);
  if (!b) throw std::runtime_error(fmt::format("no builtin '{}'", name));
  return *b;
}

CallArgument positional() {
  return {};
}
CallArgument text() {
  return {std::nullopt, true};
}
CallArgument named(std::string_view name, bool is_string = false) {
  return {name, is_string};
}

BoundArguments bind(std::string_view name, std::vector<CallArgument> args) {
  return bind_arguments(get(name), args);
}

/// The single error message of a failed binding.
std::string error_of(std::string_view name, std::vector<CallArgument> args) {
  BoundArguments r = bind(name, std::move(args));
  if (r.errors.size() != 1) return fmt::format("{} errors", r.errors.size());
  return r.errors.front().message;
}

/// Channel names the outputs of `name(…)::inst<outputs…>` receive, or the error message.
std::vector<std::string> channels_of(std::string_view name, std::vector<std::string_view> outputs) {
  const Builtin& b = get(name);
  ChannelMapping m = map_channels(b, outputs);
  if (!m.ok()) return {"error: " + *m.error};
  std::vector<std::string> names;
  for (std::size_t c : m.channels) {
    names.emplace_back(b.has_channels() ? b.channels[c].name : "(value)");
  }
  return names;
}

using Names = std::vector<std::string>;

} // namespace

// ---------------------------------------------------------------------------------------------
// The table

TEST(BuiltinRegistry, HasEveryBuiltinOfSection8Once) {
  const std::vector<std::string_view> expected = {
      "sin",  "cos",        "tan",    "asin", "acos",   "atan",   "atan2", "sinh", "cosh",
      "tanh", "exp",        "log",    "log2", "pow",    "sqrt",   "abs",   "sign", "floor",
      "ceil", "round",      "fract",  "mod",  "min",    "max",    "clamp", "mix",  "lerp",
      "step", "smoothstep", "hypot",  "mtof", "ftom",   "snoise", "noise", "fbm",  "mic",
      "load", "camera",     "sine",   "saw",  "square", "tri",    "white", "lpf",  "hpf",
      "bpf",  "delay",      "reverb", "dist", "adsr",   "pat",    "s"};
  const auto names = builtin_names();
  EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.end()), expected);
  EXPECT_EQ(all_builtins().size(), expected.size());
  for (std::string_view n : expected) {
    ASSERT_NE(find_builtin(n), nullptr) << n;
    EXPECT_EQ(find_builtin(n)->name, n);
  }
  EXPECT_EQ(find_builtin("nosie"), nullptr);
  EXPECT_EQ(find_builtin("pi"), nullptr);
  EXPECT_EQ(find_builtin("mouse"), nullptr);
  EXPECT_EQ(find_builtin(""), nullptr);
}

TEST(BuiltinRegistry, OwnersAndNaturesFollowTheOwnershipTable) {
  const std::set<std::string_view> audio_stateful = {
      "sine", "saw", "square", "tri", "white", "lpf", "hpf", "bpf", "delay", "reverb", "adsr", "s"};
  for (const Builtin& b : all_builtins()) {
    SCOPED_TRACE(std::string(b.name));
    if (audio_stateful.count(b.name)) {
      EXPECT_EQ(b.owner, BuiltinOwner::Audio);
      EXPECT_EQ(b.nature, BuiltinNature::Stateful);
    } else if (b.name == "mic") {
      EXPECT_EQ(b.owner, BuiltinOwner::Audio);
      EXPECT_EQ(b.nature, BuiltinNature::Hardware);
    } else if (b.name == "load") {
      EXPECT_EQ(b.owner, BuiltinOwner::Visual);
      EXPECT_EQ(b.nature, BuiltinNature::Resource);
    } else if (b.name == "camera") {
      EXPECT_EQ(b.owner, BuiltinOwner::Visual);
      EXPECT_EQ(b.nature, BuiltinNature::Hardware);
    } else {
      EXPECT_EQ(b.owner, BuiltinOwner::Pure);
      EXPECT_EQ(b.nature, BuiltinNature::Pure);
    }
  }
  EXPECT_EQ(owner_name(get("mic").owner), "audio");
  EXPECT_EQ(nature_name(get("load").nature), "resource");
}

TEST(BuiltinRegistry, PureBuiltinsFoldExceptPatterns) {
  for (const Builtin& b : all_builtins()) {
    SCOPED_TRACE(std::string(b.name));
    const bool foldable = b.nature == BuiltinNature::Pure && b.name != "pat";
    EXPECT_EQ(b.fold != nullptr, foldable);
    EXPECT_FALSE(b.doc.empty());
    EXPECT_FALSE(b.family.empty());
    EXPECT_TRUE(b.section.starts_with("§8.")) << b.section;
  }
  EXPECT_EQ(get("dist").family, "lib.fx");
  EXPECT_EQ(get("noise").section, "§8.3");
}

TEST(BuiltinRegistry, ImplicitCoordinates) {
  EXPECT_EQ(get("load").implicit_fields, (std::vector<std::string_view>{"x", "y"}));
  EXPECT_EQ(get("camera").implicit_fields, (std::vector<std::string_view>{"x", "y"}));
  EXPECT_EQ(get("pat").implicit_fields, (std::vector<std::string_view>{"time"}));
  EXPECT_TRUE(get("sin").implicit_fields.empty());
}

TEST(BuiltinRegistry, OutputRanges) {
  ASSERT_TRUE(get("noise").range);
  EXPECT_EQ(get("noise").range->lo, 0);
  EXPECT_EQ(get("noise").range->hi, 1);
  ASSERT_TRUE(get("sin").range);
  EXPECT_EQ(get("sin").range->lo, -1);
  EXPECT_FALSE(get("tan").range);
  EXPECT_FALSE(get("saw").range); // band-limited edges may overshoot
}

TEST(BuiltinRegistry, NamedConstants) {
  EXPECT_EQ(find_constant("pi"), 3.141592653589793);
  EXPECT_EQ(find_constant("tau"), 6.283185307179586);
  EXPECT_FALSE(find_constant("e"));
  EXPECT_FALSE(find_constant("sin"));
}

TEST(BuiltinRegistry, Signatures) {
  EXPECT_EQ(get("sine").signature(), "sine(freq)");
  EXPECT_EQ(get("square").signature(), "square(freq, width = 0.5)");
  EXPECT_EQ(get("clamp").signature(), "clamp(x, lo, hi)");
  EXPECT_EQ(get("min").signature(), "min(a, b, …)");
  EXPECT_EQ(get("hypot").signature(), "hypot(a, b, …)");
  EXPECT_EQ(get("fbm").signature(), "fbm(x, y, z = 0, octaves = 5, lacunarity = 2, gain = 0.5)");
  EXPECT_EQ(get("pat").signature(), "pat(pattern: string, legato = 0.9)");
  EXPECT_EQ(get("s").signature(), "s(pattern: string, gain = 1, speed = 1, pan = 0.5, n = 0)");
  EXPECT_EQ(get("load").signature(), "load(path: string)");
  EXPECT_EQ(get("mic").signature(), "mic()");
  EXPECT_EQ(get("white").signature(), "white()");
  EXPECT_EQ(get("lpf").signature(), "lpf(x, cutoff, q = 0.7071)");
  EXPECT_EQ(get("bpf").signature(), "bpf(x, center, q = 1)");
  EXPECT_EQ(get("delay").signature(), "delay(x, seconds, feedback = 0)");
  EXPECT_EQ(get("reverb").signature(), "reverb(x, room = 0.5, damp = 0.5, mix = 0.3)");
  EXPECT_EQ(get("dist").signature(), "dist(x, drive = 1)");
  EXPECT_EQ(get("adsr").signature(), "adsr(gate, a = 0.005, d = 0.1, s = 0.7, r = 0.2)");
  EXPECT_EQ(get("atan2").signature(), "atan2(y, x)");
  EXPECT_EQ(get("smoothstep").signature(), "smoothstep(e0, e1, x)");
}

TEST(BuiltinRegistry, ArgumentCounts) {
  EXPECT_EQ(get("square").min_arguments(), 1u);
  EXPECT_EQ(get("square").max_arguments(), 2u);
  EXPECT_EQ(get("clamp").min_arguments(), 1u);
  EXPECT_EQ(get("clamp").max_arguments(), 3u);
  EXPECT_EQ(get("min").min_arguments(), 2u);
  EXPECT_EQ(get("max").max_arguments(), 16u);
  EXPECT_EQ(get("mic").max_arguments(), 0u);
  EXPECT_EQ(get("fbm").params[3].kind, ParamKind::Const);
  EXPECT_EQ(get("pat").params[1].kind, ParamKind::Const);
  EXPECT_EQ(get("pat").params[0].kind, ParamKind::String);
  EXPECT_EQ(get("s").params[1].kind, ParamKind::Number);
}

// ---------------------------------------------------------------------------------------------
// Binding arguments (§8.0 signatures, error `arity`)

TEST(BuiltinArguments, PositionalAndDefaults) {
  BoundArguments r = bind("square", {positional()});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.values.size(), 2u);
  EXPECT_EQ(r.values[0].argument, 0u);
  EXPECT_FALSE(r.values[1].argument);
  EXPECT_EQ(r.values[1].default_value, 0.5);

  r = bind("fbm", {positional(), positional(), named("gain")});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.values.size(), 6u);
  EXPECT_EQ(r.values[5].argument, 2u);
  EXPECT_EQ(r.values[3].default_value, 5);
  EXPECT_EQ(r.values[4].default_value, 2);
}

TEST(BuiltinArguments, NamedInAnyOrder) {
  BoundArguments r = bind("square", {named("width"), named("freq")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.values[0].argument, 1u);
  EXPECT_EQ(r.values[1].argument, 0u);
  r = bind("clamp", {positional(), named("hi"), named("lo")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.values[1].argument, 2u);
  EXPECT_EQ(r.values[2].argument, 1u);
}

TEST(BuiltinArguments, ClampTakesOneOrThree) {
  EXPECT_EQ(error_of("clamp", {positional(), positional()}),
            "'clamp' takes 1 or 3 arguments (clamp(x, lo, hi)), got 2");
  EXPECT_EQ(error_of("clamp", {}), "'clamp' takes 1 or 3 arguments (clamp(x, lo, hi)), got 0");
  EXPECT_EQ(error_of("clamp", {positional(), named("hi")}),
            "'clamp' takes 1 or 3 arguments (clamp(x, lo, hi)), got 2");
  BoundArguments r = bind("clamp", {positional()});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.values[1].default_value, 0);
  EXPECT_EQ(r.values[2].default_value, 1);
}

TEST(BuiltinArguments, CountMessagesCarryTheSignature) {
  EXPECT_EQ(error_of("sine", {positional(), positional(), positional()}),
            "'sine' takes 1 argument (sine(freq)), got 3");
  EXPECT_EQ(error_of("square", {positional(), positional(), positional()}),
            "'square' takes 1 or 2 arguments (square(freq, width = 0.5)), got 3");
  EXPECT_EQ(error_of("fbm", {positional()}),
            "'fbm' takes 2 to 6 arguments "
            "(fbm(x, y, z = 0, octaves = 5, lacunarity = 2, gain = 0.5)), got 1");
  EXPECT_EQ(error_of("mic", {positional()}), "'mic' takes no arguments (mic()), got 1");
  EXPECT_EQ(error_of("atan2", {positional()}), "'atan2' takes 2 arguments (atan2(y, x)), got 1");
  EXPECT_EQ(error_of("load", {}), "'load' takes 1 argument (load(path: string)), got 0");
  EXPECT_EQ(error_of("min", {positional()}), "'min' takes 2 to 16 arguments (min(a, b, …)), got 1");
  EXPECT_EQ(error_of("hypot", std::vector<CallArgument>(17)),
            "'hypot' takes 2 to 16 arguments (hypot(a, b, …)), got 17");
}

TEST(BuiltinArguments, CountErrorPointsAtTheFirstExtraArgument) {
  BoundArguments r = bind("sine", {positional(), positional(), positional()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, BindErrorKind::Count);
  EXPECT_EQ(r.errors[0].argument, 1u);
  r = bind("atan2", {positional()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_FALSE(r.errors[0].argument); // too few: the whole call
  EXPECT_TRUE(r.values.empty());
}

TEST(BuiltinArguments, UnknownName) {
  EXPECT_EQ(error_of("square", {positional(), named("foo")}),
            "unknown argument 'foo' for 'square' (square(freq, width = 0.5))");
  BoundArguments r = bind("square", {named("foo")});
  ASSERT_EQ(r.errors.size(), 1u); // the missing 'freq' is not reported on top of the typo
  EXPECT_EQ(r.errors[0].kind, BindErrorKind::UnknownName);
  EXPECT_EQ(r.errors[0].argument, 0u);
}

TEST(BuiltinArguments, GivenTwice) {
  BoundArguments r = bind("square", {positional(), named("freq")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, BindErrorKind::GivenTwice);
  EXPECT_EQ(r.errors[0].argument, 1u);
  EXPECT_EQ(r.errors[0].message, "argument 'freq' is given twice (square(freq, width = 0.5))");

  r = bind("lpf", {positional(), named("cutoff"), named("cutoff")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, BindErrorKind::RepeatedName); // the parser reports it too
  EXPECT_EQ(r.errors[0].argument, 2u);
}

TEST(BuiltinArguments, Missing) {
  EXPECT_EQ(error_of("square", {named("width")}),
            "missing argument 'freq' for 'square' (square(freq, width = 0.5))");
  EXPECT_EQ(error_of("clamp", {named("lo")}),
            "missing argument 'x' for 'clamp' (clamp(x, lo, hi))");
}

TEST(BuiltinArguments, PositionalAfterNamed) {
  BoundArguments r = bind("lpf", {positional(), named("cutoff"), positional()});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, BindErrorKind::PositionalAfterNamed);
  EXPECT_EQ(r.errors[0].argument, 2u);
  EXPECT_EQ(r.errors[0].message, "positional argument after a named argument");
}

TEST(BuiltinArguments, VariadicTakesPositionalNumbersOnly) {
  BoundArguments r = bind("max", {positional(), positional(), positional()});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.values.size(), 3u);
  EXPECT_EQ(r.values[2].argument, 2u);
  EXPECT_EQ(error_of("min", {positional(), named("b")}),
            "'min' takes no named arguments (min(a, b, …))");
  EXPECT_EQ(error_of("min", {positional(), positional(), text()}),
            "argument 3 of 'min' must be a number, not a string (min(a, b, …))");
}

TEST(BuiltinArguments, StringsAndNumbers) {
  EXPECT_EQ(error_of("sine", {text()}),
            "argument 'freq' of 'sine' must be a number, not a string (sine(freq))");
  EXPECT_EQ(error_of("load", {positional()}),
            "argument 'path' of 'load' must be a string literal (load(path: string))");
  EXPECT_EQ(error_of("pat", {text(), named("legato", true)}),
            "argument 'legato' of 'pat' must be a number, not a string "
            "(pat(pattern: string, legato = 0.9))");
  EXPECT_EQ(error_of("s", {named("pattern")}),
            "argument 'pattern' of 's' must be a string literal "
            "(s(pattern: string, gain = 1, speed = 1, pan = 0.5, n = 0))");
  EXPECT_TRUE(bind("load", {text()}).ok());
  EXPECT_TRUE(bind("s", {text(), named("pan"), named("gain")}).ok());
  // Kind errors are independent: both are reported.
  EXPECT_EQ(bind("lpf", {text(), positional(), text()}).errors.size(), 2u);
}

TEST(BuiltinArguments, ConstArguments) {
  const Builtin& fbm = get("fbm");
  EXPECT_EQ(not_constant_message(fbm, 3),
            "argument 'octaves' of 'fbm' must be a compile-time constant "
            "(fbm(x, y, z = 0, octaves = 5, lacunarity = 2, gain = 0.5))");
  EXPECT_EQ(const_argument_error(fbm, 3, 20),
            "'fbm' argument 'octaves' = 20 is out of range (1…16)");
  EXPECT_EQ(const_argument_error(fbm, 3, 0), "'fbm' argument 'octaves' = 0 is out of range (1…16)");
  EXPECT_EQ(const_argument_error(fbm, 3, 2.5),
            "'fbm' argument 'octaves' = 2.5 is not an integer (1…16)");
  EXPECT_FALSE(const_argument_error(fbm, 3, 1));
  EXPECT_FALSE(const_argument_error(fbm, 3, 16));
  EXPECT_FALSE(const_argument_error(fbm, 0, 1e9)); // not a const parameter
  const Builtin& pat = get("pat");
  EXPECT_EQ(const_argument_error(pat, 1, 0),
            "'pat' argument 'legato' = 0 is out of range (0 < legato ≤ 1)");
  EXPECT_EQ(const_argument_error(pat, 1, 1.5),
            "'pat' argument 'legato' = 1.5 is out of range (0 < legato ≤ 1)");
  EXPECT_FALSE(const_argument_error(pat, 1, 1));
  EXPECT_FALSE(const_argument_error(pat, 1, 0.25));
}

// ---------------------------------------------------------------------------------------------
// Channels (§8.0)

TEST(BuiltinChannels, SpecExampleMapsByPosition) {
  // `load(…)::img<red, x>` gives `img@red = r`, `img@x = g`.
  EXPECT_EQ(channels_of("load", {"red", "x"}), (Names{"r", "g"}));
  EXPECT_EQ(map_channels(get("load"), std::vector<std::string_view>{"red", "x"}).rule,
            ChannelRuleKind::ByPosition);
}

TEST(BuiltinChannels, SingleOutputGetsTheDefault) {
  EXPECT_EQ(channels_of("load", {"v"}), (Names{"luma"}));
  EXPECT_EQ(channels_of("camera", {"v"}), (Names{"luma"}));
  EXPECT_EQ(channels_of("mic", {"snd"}), (Names{"mono"}));
  EXPECT_EQ(channels_of("s", {"drums"}), (Names{"mono"}));
  EXPECT_EQ(channels_of("pat", {"note"}), (Names{"value"}));
  EXPECT_EQ(map_channels(get("mic"), std::vector<std::string_view>{"snd"}).rule,
            ChannelRuleKind::Default);
}

TEST(BuiltinChannels, ChannelNamesAndAliasesMapByName) {
  EXPECT_EQ(channels_of("mic", {"l", "r"}), (Names{"left", "right"}));
  EXPECT_EQ(channels_of("mic", {"r", "l"}), (Names{"right", "left"}));
  EXPECT_EQ(channels_of("mic", {"right"}), (Names{"right"}));
  EXPECT_EQ(channels_of("mic", {"mono", "left"}), (Names{"mono", "left"}));
  EXPECT_EQ(channels_of("load", {"r", "g", "b"}), (Names{"r", "g", "b"}));
  EXPECT_EQ(channels_of("load", {"blue", "alpha"}), (Names{"b", "a"}));
  EXPECT_EQ(channels_of("load", {"luma"}), (Names{"luma"}));
  EXPECT_EQ(channels_of("load", {"height", "width"}), (Names{"height", "width"}));
  EXPECT_EQ(channels_of("pat", {"gate"}), (Names{"gate"}));
  EXPECT_EQ(channels_of("pat", {"gate", "value"}), (Names{"gate", "value"}));
  EXPECT_EQ(channels_of("s", {"l", "r"}), (Names{"left", "right"}));
  EXPECT_EQ(map_channels(get("mic"), std::vector<std::string_view>{"l", "r"}).rule,
            ChannelRuleKind::ByName);
}

TEST(BuiltinChannels, OtherwiseByPositionInListedOrder) {
  EXPECT_EQ(channels_of("pat", {"note", "g"}), (Names{"value", "gate"}));
  EXPECT_EQ(channels_of("mic", {"a", "b"}), (Names{"left", "right"}));
  EXPECT_EQ(channels_of("mic", {"l", "x"}), (Names{"left", "right"}));
  EXPECT_EQ(channels_of("load", {"c0", "c1", "c2", "c3", "w", "h"}),
            (Names{"r", "g", "b", "a", "width", "height"}));
  // The default channel has no position: `luma` here is bound positionally, to r.
  EXPECT_EQ(channels_of("camera", {"luma", "q"}), (Names{"r", "g"}));
}

TEST(BuiltinChannels, MoreOutputsThanChannels) {
  EXPECT_EQ(channels_of("mic", {"a", "b", "c"}),
            (Names{"error: 'mic' has 2 channels (left, right) but 3 outputs are bound (a, b, c)"}));
  EXPECT_EQ(channels_of("load", {"a1", "b1", "c1", "d1", "e1", "f1", "g1"}),
            (Names{"error: 'load' has 6 channels (r, g, b, a, width, height) but 7 outputs are "
                   "bound (a1, b1, c1, d1, e1, f1, g1)"}));
  EXPECT_EQ(channels_of("mic", {"l", "left", "r", "right"}),
            (Names{"error: 'mic' has 3 channels (left, right, mono) but 4 outputs are bound "
                   "(l, left, r, right)"}));
  EXPECT_EQ(channels_of("pat", {"a", "b", "c"}),
            (Names{"error: 'pat' has 2 channels (value, gate) but 3 outputs are bound (a, b, c)"}));
}

TEST(BuiltinChannels, BuiltinsWithOneOutput) {
  EXPECT_EQ(channels_of("sine", {"v"}), (Names{"(value)"}));
  EXPECT_EQ(channels_of("sine", {"a", "b"}),
            (Names{"error: 'sine' has 1 output but 2 are bound (a, b)"}));
  EXPECT_EQ(map_channels(get("sine"), std::vector<std::string_view>{"v"}).rule,
            ChannelRuleKind::Single);
}

TEST(BuiltinChannels, EveryChannelBuiltinHasADefaultForExpressions) {
  for (const Builtin& b : all_builtins()) {
    SCOPED_TRACE(std::string(b.name));
    EXPECT_TRUE(b.is_usable_in_expression());
    if (!b.has_channels()) continue;
    ASSERT_TRUE(b.default_channel);
    EXPECT_LT(*b.default_channel, b.channels.size());
  }
  EXPECT_EQ(get("load").channels[*get("load").default_channel].name, "luma");
  EXPECT_EQ(get("mic").channels[*get("mic").default_channel].name, "mono");
  EXPECT_EQ(get("pat").channels[*get("pat").default_channel].name, "value");
  EXPECT_EQ(get("s").channels[*get("s").default_channel].name, "mono");
  EXPECT_TRUE(get("pat").channels[0].positional); // value is listed and the default
  EXPECT_FALSE(get("load").channels.back().positional);
  EXPECT_TRUE(get("sine").channels.empty());
}

// ---------------------------------------------------------------------------------------------
// Did you mean

TEST(BuiltinSuggest, UnknownFunctionMessage) {
  const auto suggestion = closest_name("nosie", builtin_names());
  ASSERT_TRUE(suggestion);
  EXPECT_EQ(fmt::format("unknown function '{}' (did you mean '{}'?)", "nosie", *suggestion),
            "unknown function 'nosie' (did you mean 'noise'?)");
}

TEST(BuiltinSuggest, ClosestName) {
  const auto names = builtin_names();
  EXPECT_EQ(closest_name("smoothstp", names), "smoothstep");
  EXPECT_EQ(closest_name("hypto", names), "hypot");
  EXPECT_EQ(closest_name("sine", names), "sine");
  EXPECT_EQ(closest_name("lfp", names), "lpf");
  EXPECT_FALSE(closest_name("x", names)); // would replace the whole word
  EXPECT_FALSE(closest_name("oscillator", names));
  const std::vector<std::string_view> tie = {"abc", "abd"};
  EXPECT_EQ(closest_name("ab", tie), "abc"); // ties go to the earlier candidate
  EXPECT_EQ(closest_name("abd", tie), "abd");
  EXPECT_FALSE(closest_name("ab", std::span<const std::string_view>{}));
}

TEST(BuiltinSuggest, EditDistance) {
  EXPECT_EQ(edit_distance("nosie", "noise"), 1u); // an adjacent swap costs 1
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u); // optimal string alignment, not full Damerau
}
