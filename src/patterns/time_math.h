/// \file
/// Checked exact arithmetic on cycle times for the query engine: sums, products and quotients of
/// exact::Rational that record an overflow in a sticky flag (and return 0) instead of rounding,
/// exact comparisons through 128-bit cross products, floor, and span intersection.
/// Implements: LANGUAGE.md §8.11 ("all times are exact rationals"). Tests:
/// tests/patterns/time_math_test.cpp. Real-time: yes (every function; no allocation).
#pragma once

#include "patterns/event.h"

#include <cstdint>
#include <optional>

namespace weft::patterns {

class TimeMath {
public:
  /// Some operation overflowed since construction.
  bool overflowed() const noexcept { return overflowed_; }

  Rational add(Rational a, Rational b) noexcept {
    if (b.num == 0) return a;
    if (a.num == 0) return b;
    if (a.den == b.den && a.den == 1)
      return checked_int(static_cast<exact::WideInt>(a.num) + b.num);
    return checked(exact::add(a, b));
  }
  Rational sub(Rational a, Rational b) noexcept {
    if (b.num == INT64_MIN) return fail();
    return add(a, Rational{-b.num, b.den});
  }
  Rational mul(Rational a, Rational b) noexcept {
    if (b.den == 1 && b.num == 1) return a;
    return checked(exact::multiply(a, b));
  }
  /// a / b; b must not be 0 (an overflow is recorded if it is).
  Rational div(Rational a, Rational b) noexcept {
    if (b.num == 0) return fail();
    return checked(exact::make_rational(static_cast<exact::WideInt>(a.num) * b.den,
                                        static_cast<exact::WideInt>(a.den) * b.num));
  }
  /// The integer floor(a) as a Rational.
  static Rational floor(Rational a) noexcept {
    std::int64_t q = a.num / a.den;
    if (a.num % a.den != 0 && a.num < 0) --q;
    return Rational{q, 1};
  }
  /// Records an overflow; returns 0.
  Rational fail() noexcept {
    overflowed_ = true;
    return Rational{};
  }

private:
  Rational checked(std::optional<Rational> r) noexcept { return r ? *r : fail(); }
  Rational checked_int(exact::WideInt v) noexcept {
    if (v > INT64_MAX || v < INT64_MIN) return fail();
    return Rational{static_cast<std::int64_t>(v), 1};
  }
  bool overflowed_ = false;
};

/// Exact three-way comparison.
inline int compare(Rational a, Rational b) noexcept {
  const exact::WideInt l = static_cast<exact::WideInt>(a.num) * b.den;
  const exact::WideInt r = static_cast<exact::WideInt>(b.num) * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
inline bool less(Rational a, Rational b) noexcept {
  return compare(a, b) < 0;
}
inline Rational min(Rational a, Rational b) noexcept {
  return less(b, a) ? b : a;
}
inline Rational max(Rational a, Rational b) noexcept {
  return less(a, b) ? b : a;
}

/// The intersection of two half-open spans; `ok` is false when it is empty.
inline TimeSpan intersect(const TimeSpan& a, const TimeSpan& b, bool& ok) noexcept {
  TimeSpan r{max(a.begin, b.begin), min(a.end, b.end)};
  ok = less(r.begin, r.end);
  return r;
}

} // namespace weft::patterns
