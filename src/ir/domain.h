/// \file
/// The four evaluation domains of LANGUAGE.md §1.4 (visual, audio, control, data) and a small
/// set type over them. Shared by the lowering, the field tables (fields.h) and the render graph.
/// Implements: LANGUAGE.md §1.4. Tests: tests/ir/fields_test.cpp.
/// Real-time: yes (everything here is constexpr and allocation-free).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace weft::ir {

/// An iteration space with its own coordinates; every sink belongs to exactly one (§1.4).
enum class Domain : std::uint8_t { Visual, Audio, Control, Data };

/// Every domain, in the order of the §1.4 table.
inline constexpr std::array<Domain, 4> kAllDomains = {Domain::Visual, Domain::Audio,
                                                      Domain::Control, Domain::Data};

/// The lower-case name used in diagnostics and `weft graph`: "visual", "audio", "control", "data".
constexpr std::string_view domain_name(Domain d) noexcept {
  switch (d) {
  case Domain::Visual:
    return "visual";
  case Domain::Audio:
    return "audio";
  case Domain::Control:
    return "control";
  case Domain::Data:
    return "data";
  }
  return "?";
}

/// A set of domains (a bit per domain), e.g. the domains that provide a `me` field (§5.3).
class DomainSet {
public:
  constexpr DomainSet() noexcept = default;
  constexpr DomainSet(std::initializer_list<Domain> domains) noexcept {
    for (Domain d : domains) bits_ |= bit(d);
  }
  /// All four domains.
  static constexpr DomainSet all() noexcept {
    return {Domain::Visual, Domain::Audio, Domain::Control, Domain::Data};
  }

  constexpr bool contains(Domain d) const noexcept { return (bits_ & bit(d)) != 0; }
  constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr DomainSet with(Domain d) const noexcept { return from_bits(bits_ | bit(d)); }
  constexpr DomainSet united(DomainSet o) const noexcept { return from_bits(bits_ | o.bits_); }
  constexpr std::uint8_t bits() const noexcept { return bits_; }
  friend constexpr bool operator==(DomainSet, DomainSet) noexcept = default;

private:
  static constexpr std::uint8_t bit(Domain d) noexcept {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(d));
  }
  static constexpr DomainSet from_bits(std::uint8_t b) noexcept {
    DomainSet s;
    s.bits_ = b;
    return s;
  }
  std::uint8_t bits_ = 0;
};

} // namespace weft::ir
