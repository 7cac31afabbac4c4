/// \file
/// Private to src/ir/builtins/: shorthands for writing parameter lists, and the registration
/// function that ends each family file. registry.cpp calls them in §8 order to build the table.
/// Not installed or included outside this folder.
#pragma once

#include "ir/builtins/builtin.h"

#include <vector>

namespace weft::ir::detail {

/// A required per-point argument.
inline Param number(std::string_view name) {
  return Param{name, ParamKind::Number, {}, {}};
}
/// An optional per-point argument.
inline Param number(std::string_view name, double default_value) {
  return Param{name, ParamKind::Number, default_value, {}};
}
/// An optional `const` argument with its allowed values.
inline Param constant(std::string_view name, double default_value, ValueRange range) {
  return Param{name, ParamKind::Const, default_value, range};
}
/// A required string literal.
inline Param string(std::string_view name) {
  return Param{name, ParamKind::String, {}, {}};
}

/// A channel that can be bound by position.
inline Channel channel(std::string_view name, std::string_view alias = {}) {
  return Channel{name, alias, true};
}
/// A default channel that has a name but no position (`luma`, `mono`).
inline Channel unpositioned(std::string_view name) {
  return Channel{name, {}, false};
}

// One per family file, in §8 order.
void register_math_builtins(std::vector<Builtin>& table);       // math.cpp, §8.1
void register_music_builtins(std::vector<Builtin>& table);      // music.cpp, §8.2
void register_noise_builtins(std::vector<Builtin>& table);      // noise.cpp, §8.3
void register_input_builtins(std::vector<Builtin>& table);      // input.cpp, §8.4
void register_image_builtins(std::vector<Builtin>& table);      // image.cpp, §8.5
void register_oscillator_builtins(std::vector<Builtin>& table); // oscillators.cpp, §8.6
void register_filter_builtins(std::vector<Builtin>& table);     // filters.cpp, §8.7
void register_effect_builtins(std::vector<Builtin>& table);     // effects.cpp, §8.8
void register_envelope_builtins(std::vector<Builtin>& table);   // envelope.cpp, §8.9
void register_pattern_builtins(std::vector<Builtin>& table);    // pattern.cpp, §8.10

} // namespace weft::ir::detail
