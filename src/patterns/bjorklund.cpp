#include "patterns/bjorklund.h"

#include <algorithm>
#include <cstdlib>

namespace weft::patterns {

namespace {

using Group = std::vector<std::uint8_t>;

/// Appends each of the first `count` groups of `tails` to the corresponding group of `heads`.
void append_groups(std::vector<Group>& heads, const std::vector<Group>& tails, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    heads[i].insert(heads[i].end(), tails[i].begin(), tails[i].end());
}

} // namespace

std::vector<std::uint8_t> bjorklund(std::int64_t pulses, std::int64_t steps) {
  const std::int64_t ones = std::llabs(pulses);
  std::vector<Group> on(static_cast<std::size_t>(ones), Group{1});
  std::vector<Group> off(static_cast<std::size_t>(steps - ones), Group{0});
  // While both kinds of groups number more than one, pair the smaller count of them with as many
  // of the other kind; the unpaired rest becomes the new remainder.
  while (std::min(on.size(), off.size()) > 1) {
    if (on.size() > off.size()) {
      const std::size_t paired = off.size();
      std::vector<Group> rest(on.begin() + static_cast<std::ptrdiff_t>(paired), on.end());
      on.resize(paired);
      append_groups(on, off, paired);
      off = std::move(rest);
    } else {
      const std::size_t paired = on.size();
      append_groups(on, off, paired);
      off.erase(off.begin(), off.begin() + static_cast<std::ptrdiff_t>(paired));
    }
  }
  std::vector<std::uint8_t> bits;
  for (const Group& g : on) bits.insert(bits.end(), g.begin(), g.end());
  for (const Group& g : off) bits.insert(bits.end(), g.begin(), g.end());
  if (pulses < 0) {
    for (std::uint8_t& b : bits) b = static_cast<std::uint8_t>(1 - b);
  }
  return bits;
}

} // namespace weft::patterns
