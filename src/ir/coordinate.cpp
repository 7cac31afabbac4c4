#include "ir/coordinate.h"

#include "ir/fields.h"

namespace weft::ir {

std::optional<Coord> coord_by_name(std::string_view name) {
  const MeField* f = find_me_field(name);
  if (!f) return std::nullopt;
  return static_cast<Coord>(f - me_fields().data());
}

std::string_view coord_name(Coord c) {
  return me_fields()[static_cast<std::size_t>(c)].name;
}

std::optional<MouseCoord> mouse_coord_by_name(std::string_view name) {
  const MouseField* f = find_mouse_field(name);
  if (!f) return std::nullopt;
  return static_cast<MouseCoord>(f - mouse_fields().data());
}

CoordMask coords_provided_by(Domain d) {
  CoordMask mask = 0;
  for (int c = 0; c < kCoordCount; ++c) {
    if (domain_provides(d, me_fields()[static_cast<std::size_t>(c)].name)) {
      mask |= coord_bit(static_cast<Coord>(c));
    }
  }
  return mask;
}

Coord first_coord(CoordMask mask) {
  for (int c = 0; c < kCoordCount; ++c) {
    if (mask & coord_bit(static_cast<Coord>(c))) return static_cast<Coord>(c);
  }
  return Coord::X;
}

} // namespace weft::ir
