// [lib.env] (LANGUAGE.md §8.9): the linear ADSR envelope, audio-owned and stateful. Only its
// front-end entry is here; the audio engine implements it.
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

void register_envelope_builtins(std::vector<Builtin>& table) {
  Builtin b;
  b.name = "adsr";
  b.family = "lib.env";
  b.section = "§8.9";
  b.owner = BuiltinOwner::Audio;
  b.nature = BuiltinNature::Stateful;
  b.params = {number("gate"), number("a", 0.005), number("d", 0.1), number("s", 0.7),
              number("r", 0.2)};
  b.range = OutputRange{0, 1};
  b.doc = "linear attack-decay-sustain-release envelope, high while gate > 0";
  table.push_back(std::move(b));
}

} // namespace weft::ir::detail
