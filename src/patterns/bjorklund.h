/// \file
/// Euclidean rhythms (LANGUAGE.md §8.11 `x(k, n, r)`): the Bjorklund distribution of k onsets over
/// n steps by repeated pairing of the remainder groups ((3,8) = x..x..x., (5,8) = x.xx.xx.);
/// k < 0 gives the inverse of |k|. Preconditions: 0 <= |k| <= n.
/// Implements: LANGUAGE.md §8.11. Tests: tests/patterns/bjorklund_test.cpp.
/// Real-time: no (allocates; rhythms are computed when a pattern is built).
#pragma once

#include <cstdint>
#include <vector>

namespace weft::patterns {

/// n bits, 1 for an onset, unrotated.
std::vector<std::uint8_t> bjorklund(std::int64_t pulses, std::int64_t steps);

} // namespace weft::patterns
