// [lib.input] (LANGUAGE.md §8.4): the microphone, audio-owned hardware. (`mouse` is not a
// builtin: see fields.h.)
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

void register_input_builtins(std::vector<Builtin>& table) {
  Builtin b;
  b.name = "mic";
  b.family = "lib.input";
  b.section = "§8.4";
  b.owner = BuiltinOwner::Audio;
  b.nature = BuiltinNature::Hardware;
  b.channels = {channel("left", "l"), channel("right", "r"), unpositioned("mono")};
  b.default_channel = 2;
  b.doc = "the input sample aligned with the output sample; silence offline";
  table.push_back(std::move(b));
}

} // namespace weft::ir::detail
