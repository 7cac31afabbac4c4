// [lib.filter] (LANGUAGE.md §8.7): state-variable filters, audio-owned and stateful. Only their
// front-end entries are here; the audio engine implements them.
#include "ir/builtins/builtin_internal.h"

namespace weft::ir::detail {

namespace {

Builtin filter(std::string_view name, std::string_view frequency, double q, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.filter";
  b.section = "§8.7";
  b.owner = BuiltinOwner::Audio;
  b.nature = BuiltinNature::Stateful;
  b.params = {number("x"), number(frequency), number("q", q)};
  b.doc = doc;
  return b;
}

} // namespace

void register_filter_builtins(std::vector<Builtin>& table) {
  table.push_back(filter("lpf", "cutoff", 0.7071, "2-pole low-pass (state-variable)"));
  table.push_back(filter("hpf", "cutoff", 0.7071, "2-pole high-pass (state-variable)"));
  table.push_back(filter("bpf", "center", 1, "2-pole band-pass, unity gain at center"));
}

} // namespace weft::ir::detail
