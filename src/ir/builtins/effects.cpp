// [lib.fx] (LANGUAGE.md §8.8): `dist` (pure) and the audio-owned `delay` and `reverb`.
#include "ir/builtins/effects.h"

#include "ir/builtins/builtin_internal.h"
#include "ir/builtins/math.h"

#include <cmath>

namespace weft::ir::fx {

double dist(double x, double drive) noexcept {
  const double d = math::clamp(drive, 0, 100);
  if (d < 1e-6) return x;
  return std::tanh(d * x) / std::tanh(d);
}

} // namespace weft::ir::fx

namespace weft::ir::detail {

namespace {

Builtin effect_builtin(std::string_view name, std::vector<Param> params, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.fx";
  b.section = "§8.8";
  b.owner = BuiltinOwner::Audio;
  b.nature = BuiltinNature::Stateful;
  b.params = std::move(params);
  b.doc = doc;
  return b;
}

} // namespace

void register_effect_builtins(std::vector<Builtin>& table) {
  table.push_back(effect_builtin("delay", {number("x"), number("seconds"), number("feedback", 0)},
                                 "wet-only feedback delay of up to 10 seconds"));
  table.push_back(effect_builtin(
      "reverb", {number("x"), number("room", 0.5), number("damp", 0.5), number("mix", 0.3)},
      "mono Freeverb: 8 combs, 4 all-passes"));
  Builtin dist = effect_builtin("dist", {number("x"), number("drive", 1)},
                                "soft clipping tanh(d * x) / tanh(d)");
  dist.owner = BuiltinOwner::Pure;
  dist.nature = BuiltinNature::Pure;
  dist.fold = [](std::span<const double> a) { return fx::dist(a[0], a[1]); };
  table.push_back(std::move(dist));
}

} // namespace weft::ir::detail
