/// \file
/// The one table of builtins (LANGUAGE.md §8), filled by the family files in §8 order, with
/// lookup by name, the list of names for "did you mean" suggestions, and the named constants
/// `pi` and `tau` (§3.5, §8.1).
/// Implements: LANGUAGE.md §8. Tests: tests/ir/builtins_test.cpp.
/// Real-time: no (the table is built on first use; afterwards lookups do not allocate).
#pragma once

#include "ir/builtins/builtin.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace weft::ir {

/// Every builtin, in §8 order (math, music, noise, input, image, oscillators, filters, effects,
/// envelope, patterns). Built once, thread-safely, on first use; never changes afterwards.
std::span<const Builtin> all_builtins();

/// The builtin called `name`, or null.
const Builtin* find_builtin(std::string_view name);

/// Every builtin's name, in table order (for `closest_name`). The span stays valid for the whole
/// run (it points into the table); copy it into a vector to add spindle names.
std::span<const std::string_view> builtin_names();

/// The value of the named constants `pi` and `tau`; nothing for other names.
std::optional<double> find_constant(std::string_view name);

} // namespace weft::ir
