// Constant folding of the pure builtins (LANGUAGE.md §3.4, §8.1, §8.2, §8.8 `dist`): the edge
// cases the spec writes down, folded through the table exactly as the lowering will (positional
// arguments, defaults filled in by bind_arguments).
#include "ir/builtins/math.h"
#include "ir/builtins/registry.h"

#include <cmath>
#include <gtest/gtest.h>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <vector>

using namespace weft::ir;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Folds `name(args…)` with positional arguments, as the lowering does for constant calls.
double fold(std::string_view name, std::initializer_list<double> args) {
  const Builtin* b = find_builtin(name);
  if (!b || !b->fold) {
    ADD_FAILURE() << "'" << name << "' has no constant folder";
    return kNaN;
  }
  std::vector<CallArgument> call(args.size());
  BoundArguments bound = bind_arguments(*b, call);
  if (!bound.ok()) {
    ADD_FAILURE() << bound.errors.front().message;
    return kNaN;
  }
  std::vector<double> values;
  for (const BoundValue& v : bound.values) {
    values.push_back(v.argument ? std::data(args)[*v.argument] : v.default_value);
  }
  return b->fold(values);
}

} // namespace

TEST(BuiltinFold, RoundGoesHalfAwayFromZero) {
  EXPECT_EQ(fold("round", {-2.5}), -3);
  EXPECT_EQ(fold("round", {2.5}), 3);
  EXPECT_EQ(fold("round", {0.49999999999999994}), 0);
  EXPECT_EQ(fold("round", {-1.4}), -1);
}

TEST(BuiltinFold, PowIsCPow) {
  EXPECT_TRUE(std::isnan(fold("pow", {-2, 0.5})));
  EXPECT_EQ(fold("pow", {0, 0}), 1);
  EXPECT_EQ(fold("pow", {-2, 2}), 4);
  EXPECT_EQ(fold("pow", {-2, 3}), -8);
  EXPECT_EQ(fold("pow", {kNaN, 0}), 1); // C pow: the stated exception to "NaN gives NaN"
  EXPECT_EQ(math::pow(0, -1), kInf);
}

TEST(BuiltinFold, ModIsFlooredWithTheSignOfTheDivisor) {
  EXPECT_EQ(fold("mod", {-1, 3}), 2);
  EXPECT_EQ(fold("mod", {1, -3}), -2);
  EXPECT_EQ(fold("mod", {7.5, 2}), 1.5);
  EXPECT_EQ(fold("mod", {-7.5, 2}), 0.5);
  EXPECT_TRUE(std::isnan(fold("mod", {5, 0})));
  EXPECT_TRUE(std::isnan(fold("mod", {0, 0})));
  EXPECT_TRUE(std::isnan(math::mod(1, 0))); // the `%` operator
  EXPECT_TRUE(std::isnan(fold("mod", {kInf, 3})));
}

TEST(BuiltinFold, Atan2OfOriginIsZeroAndRangeIsHalfOpen) {
  EXPECT_EQ(fold("atan2", {0, 0}), 0);
  EXPECT_EQ(fold("atan2", {-0.0, -0.0}), 0);
  EXPECT_FALSE(std::signbit(fold("atan2", {-0.0, -0.0})));
  EXPECT_EQ(fold("atan2", {0, -1}), std::numbers::pi);
  EXPECT_EQ(fold("atan2", {-0.0, -1}), std::numbers::pi); // never -pi
  EXPECT_EQ(fold("atan2", {1, 0}), std::numbers::pi / 2);
  EXPECT_EQ(fold("atan2", {-1, 0}), -std::numbers::pi / 2); // above the centre: negative
  EXPECT_TRUE(std::isnan(fold("atan2", {kNaN, 1})));
}

TEST(BuiltinFold, SmoothstepWithEqualEdgesIsStep) {
  EXPECT_EQ(fold("smoothstep", {1, 1, 1}), 1);
  EXPECT_EQ(fold("smoothstep", {1, 1, 0.5}), 0);
  EXPECT_EQ(fold("smoothstep", {0, 1, 0.5}), 0.5);
  EXPECT_EQ(fold("smoothstep", {0, 1, 0.25}), 0.15625);
  EXPECT_EQ(fold("smoothstep", {0, 1, 2}), 1);
  EXPECT_EQ(fold("smoothstep", {0, 1, -2}), 0);
  EXPECT_EQ(fold("smoothstep", {1, 0, 0.25}), 0.84375); // reversed edges fall
  EXPECT_TRUE(std::isnan(fold("smoothstep", {0, 1, kNaN})));
}

TEST(BuiltinFold, StepSignFract) {
  EXPECT_EQ(fold("step", {0.5, 0.5}), 1);
  EXPECT_EQ(fold("step", {0.5, 0.4}), 0);
  EXPECT_TRUE(std::isnan(fold("step", {kNaN, 0})));
  EXPECT_EQ(fold("sign", {-3}), -1);
  EXPECT_EQ(fold("sign", {0.1}), 1);
  EXPECT_EQ(fold("sign", {-0.0}), 0);
  EXPECT_TRUE(std::isnan(fold("sign", {kNaN})));
  EXPECT_EQ(fold("fract", {-0.25}), 0.75);
  EXPECT_EQ(fold("fract", {2.75}), 0.75);
  EXPECT_EQ(fold("fract", {-1e-20}), 1); // §8.1: no correction
}

TEST(BuiltinFold, MinAndMaxPropagateNaN) {
  EXPECT_TRUE(std::isnan(fold("min", {1, kNaN})));
  EXPECT_TRUE(std::isnan(fold("min", {kNaN, 1})));
  EXPECT_TRUE(std::isnan(fold("max", {1, 2, kNaN})));
  EXPECT_EQ(fold("min", {3, 1, 2}), 1);
  EXPECT_EQ(fold("max", {3, 1, 2}), 3);
  EXPECT_EQ(fold("max", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), 16);
  EXPECT_TRUE(std::signbit(fold("min", {0.0, -0.0})));
  EXPECT_TRUE(std::signbit(fold("min", {-0.0, 0.0})));
  EXPECT_FALSE(std::signbit(fold("max", {-0.0, 0.0})));
}

TEST(BuiltinFold, ClampWithOneOrThreeArguments) {
  EXPECT_EQ(fold("clamp", {1.5}), 1);
  EXPECT_EQ(fold("clamp", {-0.5}), 0);
  EXPECT_EQ(fold("clamp", {0.25}), 0.25);
  EXPECT_EQ(fold("clamp", {5, 2, 3}), 3);
  EXPECT_EQ(fold("clamp", {-5, 2, 3}), 2);
  EXPECT_EQ(fold("clamp", {kInf}), 1);
  EXPECT_TRUE(std::isnan(fold("clamp", {kNaN})));
  EXPECT_TRUE(std::isnan(fold("clamp", {0.5, kNaN, 1})));
}

TEST(BuiltinFold, MixAndLerpDoNotClamp) {
  EXPECT_EQ(fold("mix", {2, 4, 0.25}), 2.5);
  EXPECT_EQ(fold("lerp", {0, 10, 1.5}), 15);
  EXPECT_EQ(fold("lerp", {0, 10, -1}), -10);
}

TEST(BuiltinFold, HypotDoesNotOverflow) {
  EXPECT_EQ(fold("hypot", {3, 4}), 5);
  EXPECT_EQ(fold("hypot", {3, 4, 12}), 13);
  const double big = fold("hypot", {1e300, 1e300});
  EXPECT_TRUE(std::isfinite(big));
  EXPECT_NEAR(big / 1e300, std::numbers::sqrt2, 1e-15);
  const double tiny = fold("hypot", {1e-300, 1e-300});
  EXPECT_NEAR(tiny / 1e-300, std::numbers::sqrt2, 1e-15);
  EXPECT_EQ(fold("hypot", {0, -0.0}), 0);
  EXPECT_EQ(fold("hypot", {kInf, 1}), kInf);
  EXPECT_TRUE(std::isnan(fold("hypot", {kInf, kNaN})));
  EXPECT_EQ(fold("hypot", {1.5e308, 1.5e308}), kInf); // the true result overflows
}

TEST(BuiltinFold, LogarithmsAndRoots) {
  EXPECT_EQ(fold("log", {0}), -kInf);
  EXPECT_TRUE(std::isnan(fold("log", {-1})));
  EXPECT_EQ(fold("log2", {8}), 3);
  EXPECT_TRUE(std::isnan(fold("sqrt", {-1})));
  EXPECT_TRUE(std::isnan(fold("asin", {2})));
  EXPECT_TRUE(std::isnan(fold("acos", {-1.5})));
  EXPECT_EQ(fold("sin", {0}), 0);
  EXPECT_EQ(fold("cos", {0}), 1);
  EXPECT_EQ(fold("abs", {-2}), 2);
  EXPECT_EQ(fold("floor", {-0.5}), -1);
  EXPECT_EQ(fold("ceil", {-0.5}), 0);
}

TEST(BuiltinFold, PitchConversions) {
  EXPECT_EQ(fold("mtof", {69}), 440);
  EXPECT_EQ(fold("mtof", {81}), 880);
  EXPECT_EQ(fold("mtof", {57}), 220);
  EXPECT_EQ(fold("mtof", {60}), 261.6255653005986);
  EXPECT_EQ(fold("ftom", {440}), 69);
  EXPECT_EQ(fold("ftom", {880}), 81);
  EXPECT_EQ(fold("ftom", {0}), -kInf);
}

TEST(BuiltinFold, DistIsNormalisedTanh) {
  EXPECT_EQ(fold("dist", {0.3}), std::tanh(0.3) / std::tanh(1.0)); // drive defaults to 1
  EXPECT_EQ(fold("dist", {0.3, 2}), 0.5570894216074176);
  EXPECT_EQ(fold("dist", {0.3, 0}), 0.3);
  EXPECT_EQ(fold("dist", {0.3, 1e-7}), 0.3);
  EXPECT_EQ(fold("dist", {0.3, -5}), 0.3); // drive clamped to 0
  EXPECT_EQ(fold("dist", {1, 1000}), 1);   // drive clamped to 100
  EXPECT_EQ(fold("dist", {-1, 3}), -1);
  EXPECT_TRUE(std::isnan(fold("dist", {0.3, kNaN})));
}
