/// \file
/// Exact fractions for musical time: a reduced `num/den` of two int64 with `den > 0`, built and
/// combined through 128-bit intermediates, and reported (an empty optional) when the exact result
/// does not fit in int64 — never rounded. Used by the audio engine's ProcessContext for the cycle
/// position of a block and by the pattern engine (src/patterns) for event times; a library of its
/// own so that both use it without depending on each other.
/// Implements: ARCHITECTURE.md §5 ("exact cycle position"), LANGUAGE.md §8.10 (exact tempo values),
/// §8.11 (exact event times). Tests: tests/audio/process_context_test.cpp,
/// tests/patterns/time_math_test.cpp. Real-time: yes (every function; no allocation).
#pragma once

#include <cstdint>
#include <optional>

namespace weft::exact {

/// 128-bit integer of the intermediates (GCC and Clang).
using WideInt = __int128;

/// A reduced fraction: gcd(|num|, den) == 1 and den > 0; zero is 0/1.
struct Rational {
  std::int64_t num = 0;
  std::int64_t den = 1;
  friend bool operator==(const Rational&, const Rational&) = default;
};

/// num/den reduced; empty when den == 0 or the reduced fraction does not fit in int64.
std::optional<Rational> make_rational(WideInt num, WideInt den) noexcept;

/// The exact value of a finite binary64 (every one is m * 2^e); empty for NaN, infinities and
/// values whose exact fraction does not fit (|d| >= 2^63, or a denominator above 2^62).
std::optional<Rational> rational_from_double(double d) noexcept;

/// a + b and a * b, exact; empty on overflow.
std::optional<Rational> add(Rational a, Rational b) noexcept;
std::optional<Rational> multiply(Rational a, Rational b) noexcept;

/// Pattern time of a clock (LANGUAGE.md §8.10): a counter of ticks at `rate` per second (frames,
/// samples) is at cycle position counter · cps / rate. Exact, or empty when it does not fit.
std::optional<Rational> cycle_at(std::int64_t counter, Rational cps, Rational rate) noexcept;
/// The first counter whose cycle position reaches `cycle`: ceil(cycle · rate / cps) (an onset's
/// sample n0 for `s`). Empty when the products do not fit in 128 bits or the result in int64.
std::optional<std::int64_t> first_counter_at(Rational cycle, Rational cps, Rational rate) noexcept;

/// The nearest binary64 (for display and for nodes that want a double).
double to_double(Rational r) noexcept;

/// The greatest common divisor of |a| and |b| (gcd(0, 0) == 0).
WideInt gcd_wide(WideInt a, WideInt b) noexcept;

} // namespace weft::exact
