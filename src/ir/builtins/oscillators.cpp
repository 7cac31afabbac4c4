// [lib.osc] (LANGUAGE.md §8.6): band-limited oscillators and white noise, audio-owned and
// stateful. Only their front-end entries are here; the audio engine implements them.
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

namespace {

Builtin oscillator(std::string_view name, std::vector<Param> params,
                   std::optional<OutputRange> range, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.osc";
  b.section = "§8.6";
  b.owner = BuiltinOwner::Audio;
  b.nature = BuiltinNature::Stateful;
  b.params = std::move(params);
  b.range = range;
  b.doc = doc;
  return b;
}

} // namespace

void register_oscillator_builtins(std::vector<Builtin>& table) {
  table.push_back(oscillator("sine", {number("freq")}, OutputRange{-1, 1}, "sine oscillator"));
  // The band-limited waveforms may overshoot [-1, 1] slightly near their edges: no range.
  table.push_back(oscillator("saw", {number("freq")}, {}, "band-limited rising sawtooth"));
  table.push_back(oscillator("square", {number("freq"), number("width", 0.5)}, {},
                             "band-limited pulse, +1 for the first `width` of each period"));
  table.push_back(oscillator("tri", {number("freq")}, {}, "band-limited triangle"));
  table.push_back(
      oscillator("white", {}, OutputRange{-1, 1}, "deterministic uniform white noise in [-1, 1)"));
}

} // namespace weft::ir::detail
