// [lib.pattern] (LANGUAGE.md §8.10): `pat` (pure, a function of the cycle position) and `s`
// (sample playback, audio-owned and stateful). The mini-notation itself is parsed elsewhere.
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

void register_pattern_builtins(std::vector<Builtin>& table) {
  Builtin pat;
  pat.name = "pat";
  pat.family = "lib.pattern";
  pat.section = "§8.10";
  const ValueRange legato{0, 1, true, false, false};
  pat.params = {string("pattern"), constant("legato", 0.9, legato)};
  pat.channels = {channel("value"), channel("gate")};
  pat.default_channel = 0;
  pat.implicit_fields = {"time"};
  pat.doc = "the value of the active event of a mini-notation pattern, and its gate";
  table.push_back(std::move(pat));

  Builtin s;
  s.name = "s";
  s.family = "lib.pattern";
  s.section = "§8.10";
  s.owner = BuiltinOwner::Audio;
  s.nature = BuiltinNature::Stateful;
  s.params = {string("pattern"), number("gain", 1), number("speed", 1), number("pan", 0.5),
              number("n", 0)};
  s.channels = {channel("left", "l"), channel("right", "r"), unpositioned("mono")};
  s.default_channel = 2;
  s.doc = "plays samples from the sample bank at the events of a mini-notation pattern";
  table.push_back(std::move(s));
}

} // namespace weft::ir::detail
