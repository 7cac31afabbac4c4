// [lib.music] (LANGUAGE.md §8.2): pitch conversion, then the table entries.
#include "ir/builtins/music.h"

#include "ir/builtins/builtin_internal.h"

#include <cmath>
#include <limits>

namespace weft::ir::music {

double mtof(double m) noexcept {
  return 440 * std::pow(2.0, (m - 69) / 12);
}

double ftom(double f) noexcept {
  return 69 + 12 * std::log2(f / 440);
}

} // namespace weft::ir::music

namespace weft::ir::detail {

namespace {

Builtin music_builtin(std::string_view name, std::string_view param, FoldFn fold,
                      std::optional<OutputRange> range, std::string_view doc) {
  Builtin b;
  b.name = name;
  b.family = "lib.music";
  b.section = "§8.2";
  b.params = {number(param)};
  b.fold = fold;
  b.range = range;
  b.doc = doc;
  return b;
}

} // namespace

void register_music_builtins(std::vector<Builtin>& table) {
  using Args = std::span<const double>;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  table.push_back(music_builtin(
      "mtof", "m", [](Args a) { return music::mtof(a[0]); }, OutputRange{0, kInf},
      "MIDI note to Hz, mtof(69) = 440"));
  table.push_back(music_builtin(
      "ftom", "f", [](Args a) { return music::ftom(a[0]); }, {},
      "Hz to MIDI note, ftom(440) = 69"));
}

} // namespace weft::ir::detail
