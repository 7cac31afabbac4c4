// [lib.math] (LANGUAGE.md §8.1): the reference scalar functions, then the table entries.
#include "ir/builtins/math.h"

#include "ir/builtins/builtin_internal.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace weft::ir::math {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

double mod(double a, double b) noexcept {
  return a - b * std::floor(a / b);
}

double pow(double a, double b) noexcept {
  return std::pow(a, b);
}

double round(double x) noexcept {
  return std::round(x);
}

double sign(double x) noexcept {
  if (std::isnan(x)) return x;
  if (x > 0) return 1;
  if (x < 0) return -1;
  return 0;
}

double fract(double x) noexcept {
  return x - std::floor(x);
}

double step(double edge, double x) noexcept {
  if (std::isnan(edge) || std::isnan(x)) return kNaN;
  return x < edge ? 0 : 1;
}

double smoothstep(double e0, double e1, double x) noexcept {
  if (e0 == e1) return step(e0, x);
  const double t = clamp((x - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}

double mix(double a, double b, double t) noexcept {
  return a + (b - a) * t;
}

// -0 counts as smaller than +0 (IEEE 754-2019 minimum/maximum), so the result does not depend on
// the order of the arguments.
double min(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return kNaN;
  if (a == b) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

double max(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return kNaN;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

double min(std::span<const double> values) noexcept {
  double r = values[0];
  for (double v : values.subspan(1)) r = min(r, v);
  return r;
}

double max(std::span<const double> values) noexcept {
  double r = values[0];
  for (double v : values.subspan(1)) r = max(r, v);
  return r;
}

double clamp(double x, double lo, double hi) noexcept {
  return min(max(x, lo), hi);
}

double hypot(std::span<const double> values) noexcept {
  bool infinite = false;
  double largest = 0;
  for (double v : values) {
    if (std::isnan(v)) return kNaN;
    if (std::isinf(v)) infinite = true;
    largest = std::fmax(largest, std::fabs(v));
  }
  if (infinite) return kInf;
  if (largest == 0) return 0;
  // Scale by a power of two (exact) so that the largest magnitude lies in [0.5, 1).
  int exponent = 0;
  std::frexp(largest, &exponent);
  double sum = 0;
  for (double v : values) {
    const double scaled = std::ldexp(v, -exponent);
    sum += scaled * scaled;
  }
  return std::ldexp(std::sqrt(sum), exponent);
}

double atan2(double y, double x) noexcept {
  if (y == 0 && x == 0) return 0;
  if (y == 0 && x < 0) return std::numbers::pi; // (x, -0) is on the axis: π, not −π
  return std::atan2(y, x);
}

} // namespace weft::ir::math

namespace weft::ir::detail {

namespace {

using Args = std::span<const double>;
constexpr double kPi = std::numbers::pi;
constexpr double kInf = std::numeric_limits<double>::infinity();

Builtin math_builtin(std::string_view name, std::vector<Param> params, FoldFn fold,
                     std::optional<OutputRange> range, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.math";
  b.section = "§8.1";
  b.params = std::move(params);
  b.fold = fold;
  b.range = range;
  b.doc = doc;
  return b;
}

Builtin unary(std::string_view name, FoldFn fold, std::optional<OutputRange> range,
              std::string_view doc) {
  return math_builtin(name, {number("x")}, fold, range, doc);
}

Builtin variadic(std::string_view name, FoldFn fold, std::optional<OutputRange> range,
                 std::string_view doc) {
  Builtin b = math_builtin(name, {number("a"), number("b")}, fold, range, doc);
  b.count_rule = CountRuleKind::Variadic;
  b.min_variadic = 2;
  b.max_variadic = 16;
  return b;
}

void register_trigonometry(std::vector<Builtin>& t) {
  t.push_back(unary(
      "sin", [](Args a) { return std::sin(a[0]); }, OutputRange{-1, 1}, "sine, radians"));
  t.push_back(unary(
      "cos", [](Args a) { return std::cos(a[0]); }, OutputRange{-1, 1}, "cosine, radians"));
  t.push_back(unary(
      "tan", [](Args a) { return std::tan(a[0]); }, {}, "tangent, radians"));
  t.push_back(unary(
      "asin", [](Args a) { return std::asin(a[0]); }, OutputRange{-kPi / 2, kPi / 2},
      "arc sine; NaN outside [-1, 1]"));
  t.push_back(unary(
      "acos", [](Args a) { return std::acos(a[0]); }, OutputRange{0, kPi},
      "arc cosine; NaN outside [-1, 1]"));
  t.push_back(unary(
      "atan", [](Args a) { return std::atan(a[0]); }, OutputRange{-kPi / 2, kPi / 2},
      "arc tangent"));
  t.push_back(math_builtin(
      "atan2", {number("y"), number("x")}, [](Args a) { return math::atan2(a[0], a[1]); },
      OutputRange{-kPi, kPi}, "angle of (x, y) in (-pi, pi]; atan2(0, 0) = 0"));
  t.push_back(unary(
      "sinh", [](Args a) { return std::sinh(a[0]); }, {}, "hyperbolic sine"));
  t.push_back(unary(
      "cosh", [](Args a) { return std::cosh(a[0]); }, OutputRange{1, kInf}, "hyperbolic cosine"));
  t.push_back(unary(
      "tanh", [](Args a) { return std::tanh(a[0]); }, OutputRange{-1, 1}, "hyperbolic tangent"));
}

void register_powers(std::vector<Builtin>& t) {
  t.push_back(unary(
      "exp", [](Args a) { return std::exp(a[0]); }, OutputRange{0, kInf}, "e to the x"));
  t.push_back(unary(
      "log", [](Args a) { return std::log(a[0]); }, {},
      "natural logarithm; log(0) = -inf, NaN below 0"));
  t.push_back(unary(
      "log2", [](Args a) { return std::log2(a[0]); }, {},
      "base-2 logarithm; log2(0) = -inf, NaN below 0"));
  t.push_back(math_builtin(
      "pow", {number("a"), number("b")}, [](Args a) { return math::pow(a[0], a[1]); }, {},
      "a^b as C pow; integer powers of negative bases are defined"));
  t.push_back(unary(
      "sqrt", [](Args a) { return std::sqrt(a[0]); }, OutputRange{0, kInf},
      "square root; NaN below 0"));
}

void register_rounding(std::vector<Builtin>& t) {
  t.push_back(unary(
      "abs", [](Args a) { return std::fabs(a[0]); }, OutputRange{0, kInf}, "absolute value"));
  t.push_back(unary(
      "sign", [](Args a) { return math::sign(a[0]); }, OutputRange{-1, 1}, "-1, 0 or 1"));
  t.push_back(unary(
      "floor", [](Args a) { return std::floor(a[0]); }, {}, "largest integer not above x"));
  t.push_back(unary(
      "ceil", [](Args a) { return std::ceil(a[0]); }, {}, "smallest integer not below x"));
  t.push_back(unary(
      "round", [](Args a) { return math::round(a[0]); }, {},
      "nearest integer, halves away from zero"));
  t.push_back(unary(
      "fract", [](Args a) { return math::fract(a[0]); }, OutputRange{0, 1}, "x - floor(x)"));
  t.push_back(math_builtin(
      "mod", {number("a"), number("b")}, [](Args a) { return math::mod(a[0], a[1]); }, {},
      "floored modulo, the sign of b; NaN when b = 0"));
}

void register_ranges(std::vector<Builtin>& t) {
  t.push_back(variadic(
      "min", [](Args a) { return math::min(a); }, {},
      "smallest of 2 to 16 arguments; NaN if any is NaN"));
  t.push_back(variadic(
      "max", [](Args a) { return math::max(a); }, {},
      "largest of 2 to 16 arguments; NaN if any is NaN"));
  Builtin clamp = math_builtin(
      "clamp", {number("x"), number("lo", 0), number("hi", 1)},
      [](Args a) { return math::clamp(a[0], a[1], a[2]); }, {},
      "min(max(x, lo), hi); with one argument, to [0, 1]");
  clamp.count_rule = CountRuleKind::OneOrAll;
  t.push_back(std::move(clamp));
  const auto mix = [](Args a) { return math::mix(a[0], a[1], a[2]); };
  t.push_back(math_builtin("mix", {number("a"), number("b"), number("t")}, mix, {},
                           "a + (b - a) * t, t not clamped"));
  t.push_back(
      math_builtin("lerp", {number("a"), number("b"), number("t")}, mix, {}, "same as mix"));
  t.push_back(math_builtin(
      "step", {number("edge"), number("x")}, [](Args a) { return math::step(a[0], a[1]); },
      OutputRange{0, 1}, "0 if x < edge, else 1"));
  t.push_back(math_builtin(
      "smoothstep", {number("e0"), number("e1"), number("x")},
      [](Args a) { return math::smoothstep(a[0], a[1], a[2]); }, OutputRange{0, 1},
      "Hermite step from e0 to e1; step(e0, x) if equal"));
  t.push_back(variadic(
      "hypot", [](Args a) { return math::hypot(a); }, OutputRange{0, kInf},
      "sqrt(a^2 + b^2 + ...) without overflow, 2 to 16 arguments"));
}

} // namespace

void register_math_builtins(std::vector<Builtin>& table) {
  register_trigonometry(table);
  register_powers(table);
  register_rounding(table);
  register_ranges(table);
}

} // namespace weft::ir::detail
