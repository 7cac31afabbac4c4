#include "ir/builtins/registry.h"

#include "ir/builtins/builtin_internal.h"

#include <algorithm>
#include <numbers>

namespace weft::ir {

namespace {

struct Registry {
  std::vector<Builtin> table;
  std::vector<std::string_view> names;
  std::vector<const Builtin*> by_name; ///< sorted by name, for binary search
};

Registry build_registry() {
  Registry r;
  detail::register_math_builtins(r.table);
  detail::register_music_builtins(r.table);
  detail::register_noise_builtins(r.table);
  detail::register_input_builtins(r.table);
  detail::register_image_builtins(r.table);
  detail::register_oscillator_builtins(r.table);
  detail::register_filter_builtins(r.table);
  detail::register_effect_builtins(r.table);
  detail::register_envelope_builtins(r.table);
  detail::register_pattern_builtins(r.table);
  for (const Builtin& b : r.table) {
    r.names.push_back(b.name);
    r.by_name.push_back(&b);
  }
  std::sort(r.by_name.begin(), r.by_name.end(),
            [](const Builtin* a, const Builtin* b) { return a->name < b->name; });
  return r;
}

const Registry& registry() {
  static const Registry r = build_registry();
  return r;
}

} // namespace

std::span<const Builtin> all_builtins() {
  return registry().table;
}

const Builtin* find_builtin(std::string_view name) {
  const auto& sorted = registry().by_name;
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const Builtin* b, std::string_view n) { return b->name < n; });
  if (it == sorted.end() || (*it)->name != name) return nullptr;
  return *it;
}

std::span<const std::string_view> builtin_names() {
  return registry().names;
}

std::optional<double> find_constant(std::string_view name) {
  if (name == "pi") return std::numbers::pi;
  if (name == "tau") return 2 * std::numbers::pi;
  return std::nullopt;
}

} // namespace weft::ir
