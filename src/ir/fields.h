/// \file
/// The fields of `me` (LANGUAGE.md §5) with the domains that provide each (§5.3), the fields of
/// `mouse` (§5.5), and the environment settings `me<field> = value` (§4.1) with their ranges,
/// defaults and the `env` / `unknown-me-field` messages.
/// Implements: LANGUAGE.md §4.1, §5, §5.5, §10.2. Tests: tests/ir/fields_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/builtins/value_range.h"
#include "ir/domain.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace weft::ir {

// ---------------------------------------------------------------------------------------------
// `me` fields (§5)

enum class MeFieldKind : std::uint8_t {
  Coordinate,  ///< x, y, frame, absframe, sample, row, time, abstime: iterated by a domain
  Beat,        ///< beat, measure: derived from abstime and the tempo, in every domain
  Environment, ///< width, height, fps, …: the constants of §4.1, in every domain
};

struct MeField {
  std::string_view name;
  MeFieldKind kind;
  DomainSet domains; ///< the domains that provide it (§5.3 table)
  std::string_view doc;
};

/// Every `me` field: the coordinates, then beat and measure, then the environment constants in
/// §4.1 order.
std::span<const MeField> me_fields();
/// The field called `name`, or null (error `unknown-me-field`).
const MeField* find_me_field(std::string_view name);
/// Whether domain `d` provides `me@name` without a remap (§7.5); false for unknown names.
bool domain_provides(Domain d, std::string_view name);

// ---------------------------------------------------------------------------------------------
// `mouse` fields (§5.5)

struct MouseField {
  std::string_view name;
  double headless_value; ///< before any pointer event, headless and offline
  std::string_view doc;
};

/// x, y, down.
std::span<const MouseField> mouse_fields();
const MouseField* find_mouse_field(std::string_view name);
/// `mouse` is read directly by every domain except data (§5.5, §9.4).
inline constexpr DomainSet kMouseDomains = {Domain::Visual, Domain::Audio, Domain::Control};

/// The `unknown-me-field` message for `object@field` (object "me" or "mouse"):
/// `'me@z' is not a field of me`.
std::string unknown_field_message(std::string_view object, std::string_view field);

// ---------------------------------------------------------------------------------------------
// Environment settings (§4.1)

struct EnvField {
  std::string_view name;
  std::string_view meaning;
  ValueRange range;                    ///< allowed values; `integer` for integer fields
  std::optional<double> default_value; ///< absent for cps, which follows bpm (tempo rule)
  std::string_view default_text;       ///< the default as §4.1 writes it
};

/// width, height, fps, loop, bpm, cps, rate, timesig_num, timesig_den (§4.1 order).
std::span<const EnvField> env_fields();
const EnvField* find_env_field(std::string_view name);

/// The `env` message when `value` is not allowed for `field`, quoting the value and the range:
/// `me<width> = 0 is out of range (1…16384)`, `me<bpm> = 0 is out of range (0 < bpm ≤ 1000)`,
/// `me<width> = 640.5 is not an integer (1…16384)`. Nothing when allowed. NaN and infinities are
/// out of range.
std::optional<std::string> env_value_error(const EnvField& field, double value);

/// `unknown environment field 'widht' (did you mean 'width'?)`.
std::string unknown_env_field_message(std::string_view name);
/// `me<width> is set twice`.
std::string env_set_twice_message(std::string_view name);
/// The message for setting both `bpm` and `cps` (§4.1).
std::string env_bpm_and_cps_message();

} // namespace weft::ir
