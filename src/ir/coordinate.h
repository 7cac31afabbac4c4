/// \file
/// The `me` and `mouse` fields as small enums and bit masks, for the IR, which tracks which
/// coordinates each node depends on. The enums index the tables of fields.h (same order), so
/// names, domains and documentation live in one place.
/// Implements: LANGUAGE.md §5, §7.5. Tests: tests/ir/lower_test.cpp.
/// Real-time: yes (plain data).
#pragma once

#include "ir/domain.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace weft::ir {

/// Every `me` field, in the order of `me_fields()`.
enum class Coord : std::uint8_t {
  X,
  Y,
  Frame,
  Absframe,
  Sample,
  Row,
  Time,
  Abstime,
  Beat,
  Measure,
  Width,
  Height,
  Fps,
  Loop,
  Bpm,
  Cps,
  Rate,
  TimesigNum,
  TimesigDen,
};
inline constexpr int kCoordCount = 19;

/// The `mouse` fields, in the order of `mouse_fields()`.
enum class MouseCoord : std::uint8_t { X, Y, Down };

/// A set of `me` fields, bit `1 << Coord`.
using CoordMask = std::uint32_t;
constexpr CoordMask coord_bit(Coord c) {
  return CoordMask{1} << static_cast<int>(c);
}
/// The environment constants (`width` … `timesig_den`), the same in every domain.
constexpr bool is_environment_coord(Coord c) {
  return c >= Coord::Width;
}

std::optional<Coord> coord_by_name(std::string_view name);
std::string_view coord_name(Coord c);
std::optional<MouseCoord> mouse_coord_by_name(std::string_view name);
/// The fields domain `d` provides without a remap (§5.3).
CoordMask coords_provided_by(Domain d);
/// The first field in `mask` (for messages); `Coord::X` if empty.
Coord first_coord(CoordMask mask);

} // namespace weft::ir
