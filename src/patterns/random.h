/// \file
/// The mini-notation's random numbers (LANGUAGE.md §8.11 "Randomness"): R(t), a xorshift of the
/// time folded into 300-cycle periods, in 32-bit two's-complement arithmetic, and the exact time
/// b + 3k/10000 at which construct k samples it.
/// Implements: LANGUAGE.md §8.11. Tests: tests/patterns/random_test.cpp.
/// Real-time: yes (every function; no allocation).
#pragma once

#include "patterns/time_math.h"

#include <cstdint>

namespace weft::patterns {

/// R(t) in [0, 1).
double random_at(double t) noexcept;

/// R(b + 3 seed / 10000), the argument formed exactly and converted once to binary64; records an
/// overflow in `math` (and returns 0) when the exact sum does not fit.
double random_for_seed(Rational b, std::uint32_t seed, TimeMath& math) noexcept;

} // namespace weft::patterns
