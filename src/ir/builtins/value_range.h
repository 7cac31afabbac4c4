/// \file
/// An allowed range for a compile-time constant, with open or closed ends and an optional
/// "integer" requirement, and its text as LANGUAGE.md writes it ("1…16384", "0 < bpm ≤ 1000").
/// Used by `const` builtin parameters (§8.0) and by the environment settings (§4.1, fields.h).
/// Implements: LANGUAGE.md §4.1, §8.3, §8.10. Tests: tests/ir/fields_test.cpp,
/// tests/ir/builtins_test.cpp.
/// Real-time: no.
#pragma once

#include <string>
#include <string_view>

namespace weft::ir {

struct ValueRange {
  double lo = 0;
  double hi = 0;
  bool lo_open = false; ///< `lo < v` instead of `lo ≤ v`
  bool hi_open = false; ///< `v < hi` instead of `v ≤ hi`
  bool integer = false; ///< the value must have no fractional part

  /// Whether `v` lies in the range; false for NaN. Does not check `integer`.
  bool contains(double v) const noexcept;
  /// Whether `v` satisfies `integer` (always true when `integer` is false).
  bool has_allowed_fraction(double v) const noexcept;
  /// "1…16384" when both ends are closed, else "0 < name ≤ 1000" with `name` in the middle.
  std::string text(std::string_view name) const;
};

/// Shortest decimal text that reads back as `v` ("0.5", "2", "1e+20", "nan", "-inf"), as
/// diagnostics quote values.
std::string format_number(double v);

} // namespace weft::ir
