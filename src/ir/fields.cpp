#include "ir/fields.h"

#include "ir/builtins/suggest.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace weft::ir {

namespace {

constexpr DomainSet kVisual = {Domain::Visual};
constexpr DomainSet kFrames = {Domain::Visual, Domain::Control};
constexpr DomainSet kAudio = {Domain::Audio};
constexpr DomainSet kData = {Domain::Data};
constexpr DomainSet kEvery = DomainSet::all();

using K = MeFieldKind;

constexpr std::array<MeField, 19> kMeFields = {{
    {"x", K::Coordinate, kVisual, "horizontal pixel centre, 0 = left, 1 = right"},
    {"y", K::Coordinate, kVisual, "vertical pixel centre, 0 = top, 1 = bottom"},
    {"frame", K::Coordinate, kFrames, "frame (visual, wrapped by loop) or tick (control)"},
    {"absframe", K::Coordinate, kFrames, "frame or tick counter, never wrapped"},
    {"sample", K::Coordinate, kAudio, "audio sample counter"},
    {"row", K::Coordinate, kData, "data row index"},
    {"time", K::Coordinate, kEvery, "seconds (visual: wrapped by loop)"},
    {"abstime", K::Coordinate, kEvery, "seconds since the start, never wrapped"},
    {"beat", K::Beat, kEvery, "floor(abstime * bpm / 60) mod timesig_num"},
    {"measure", K::Beat, kEvery, "floor(abstime * bpm / 60 / timesig_num)"},
    {"width", K::Environment, kEvery, "output width in pixels"},
    {"height", K::Environment, kEvery, "output height in pixels"},
    {"fps", K::Environment, kEvery, "frames per second"},
    {"loop", K::Environment, kEvery, "visual frame wrap in frames, 0 = never"},
    {"bpm", K::Environment, kEvery, "tempo in beats per minute, after the tempo rule"},
    {"cps", K::Environment, kEvery, "pattern cycles per second, after the tempo rule"},
    {"rate", K::Environment, kEvery, "the audio sample rate actually used"},
    {"timesig_num", K::Environment, kEvery, "beats per measure"},
    {"timesig_den", K::Environment, kEvery, "beat unit"},
}};

constexpr std::array<MouseField, 3> kMouseFields = {{
    {"x", 0.5, "pointer position, 0 = left, 1 = right, clamped to [0, 1]"},
    {"y", 0.5, "pointer position, 0 = top, 1 = bottom, clamped to [0, 1]"},
    {"down", 0, "1 while the primary button is pressed, else 0"},
}};

constexpr ValueRange integer(double lo, double hi) {
  return {lo, hi, false, false, true};
}
constexpr ValueRange real(double lo, double hi) {
  return {lo, hi, false, false, false};
}
constexpr ValueRange above(double lo, double hi) {
  return {lo, hi, true, false, false};
}

constexpr std::array<EnvField, 9> kEnvFields = {{
    {"width", "output width in pixels", integer(1, 16384), 800, "800"},
    {"height", "output height in pixels", integer(1, 16384), 600, "600"},
    {"fps", "frames per second", real(1, 1000), 60, "60"},
    {"loop", "visual frame wrap, in frames; 0 = never", integer(0, 2147483647), 0, "0"},
    {"bpm", "tempo, beats per minute", above(0, 1000), 120, "120"},
    {"cps", "pattern cycles per second", above(0, 100), std::nullopt, "bpm / 240"},
    {"rate", "audio sample rate in Hz", integer(8000, 384000), 48000,
     "48000 offline; the device rate live"},
    {"timesig_num", "beats per measure", integer(1, 64), 4, "4"},
    {"timesig_den", "beat unit", integer(1, 64), 4, "4"},
}};

template <class Table> auto find_by_name(const Table& table, std::string_view name) {
  auto it = std::find_if(table.begin(), table.end(), [&](const auto& f) { return f.name == name; });
  return it == table.end() ? nullptr : &*it;
}

} // namespace

std::span<const MeField> me_fields() {
  return kMeFields;
}

const MeField* find_me_field(std::string_view name) {
  return find_by_name(kMeFields, name);
}

bool domain_provides(Domain d, std::string_view name) {
  const MeField* f = find_me_field(name);
  return f && f->domains.contains(d);
}

std::span<const MouseField> mouse_fields() {
  return kMouseFields;
}

const MouseField* find_mouse_field(std::string_view name) {
  return find_by_name(kMouseFields, name);
}

std::string unknown_field_message(std::string_view object, std::string_view field) {
  return fmt::format("'{}@{}' is not a field of {}", object, field, object);
}

std::span<const EnvField> env_fields() {
  return kEnvFields;
}

const EnvField* find_env_field(std::string_view name) {
  return find_by_name(kEnvFields, name);
}

std::optional<std::string> env_value_error(const EnvField& field, double value) {
  const char* problem = nullptr;
  if (!field.range.contains(value)) {
    problem = "is out of range";
  } else if (!field.range.has_allowed_fraction(value)) {
    problem = "is not an integer";
  } else {
    return std::nullopt;
  }
  return fmt::format("me<{}> = {} {} ({})", field.name, format_number(value), problem,
                     field.range.text(field.name));
}

std::string unknown_env_field_message(std::string_view name) {
  std::array<std::string_view, kEnvFields.size()> names{};
  std::transform(kEnvFields.begin(), kEnvFields.end(), names.begin(),
                 [](const EnvField& f) { return f.name; });
  std::string message = fmt::format("unknown environment field '{}'", name);
  if (auto suggestion = closest_name(name, names)) {
    message += fmt::format(" (did you mean '{}'?)", *suggestion);
  }
  return message;
}

std::string env_set_twice_message(std::string_view name) {
  return fmt::format("me<{}> is set twice", name);
}

std::string env_bpm_and_cps_message() {
  return "me<bpm> and me<cps> cannot both be set (cps = bpm / 240)";
}

} // namespace weft::ir
