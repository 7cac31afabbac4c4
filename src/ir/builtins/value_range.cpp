#include "ir/builtins/value_range.h"

#include <cmath>
#include <fmt/format.h>

namespace weft::ir {

bool ValueRange::contains(double v) const noexcept {
  if (std::isnan(v)) return false;
  const bool above_lo = lo_open ? lo < v : lo <= v;
  const bool below_hi = hi_open ? v < hi : v <= hi;
  return above_lo && below_hi;
}

bool ValueRange::has_allowed_fraction(double v) const noexcept {
  return !integer || (std::isfinite(v) && std::floor(v) == v);
}

std::string ValueRange::text(std::string_view name) const {
  if (!lo_open && !hi_open) return fmt::format("{}…{}", format_number(lo), format_number(hi));
  return fmt::format("{} {} {} {} {}", format_number(lo), lo_open ? "<" : "≤", name,
                     hi_open ? "<" : "≤", format_number(hi));
}

std::string format_number(double v) {
  return fmt::format("{}", v);
}

} // namespace weft::ir
