#include "exact/rational.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace weft::exact {

namespace {

constexpr WideInt kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr WideInt kInt64Min = std::numeric_limits<std::int64_t>::min();

bool fits_int64(WideInt v) {
  return v >= kInt64Min && v <= kInt64Max;
}

/// gcd of two 64-bit magnitudes by the binary (Stein) algorithm: shifts and subtractions only.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) noexcept {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

std::uint64_t magnitude(std::int64_t v) noexcept {
  return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

/// Both in int64, den > 0 and num > int64 min (the common case): a 64-bit gcd, much cheaper than
/// the 128-bit one, with the same result.
Rational make_rational_narrow(std::int64_t num, std::int64_t den) noexcept {
  if (num == 0) return Rational{0, 1};
  const auto g = static_cast<std::int64_t>(gcd64(magnitude(num), static_cast<std::uint64_t>(den)));
  return Rational{num / g, den / g};
}

} // namespace

WideInt gcd_wide(WideInt a, WideInt b) noexcept {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const WideInt t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::optional<Rational> make_rational(WideInt num, WideInt den) noexcept {
  if (den > 0 && num > kInt64Min && num <= kInt64Max && den <= kInt64Max) {
    return make_rational_narrow(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
  }
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const WideInt g = gcd_wide(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num == 0) den = 1;
  if (!fits_int64(num) || !fits_int64(den)) return std::nullopt;
  return Rational{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
}

std::optional<Rational> rational_from_double(double d) noexcept {
  if (!std::isfinite(d)) return std::nullopt;
  if (d == 0) return Rational{};
  int exponent = 0;
  const double fraction =
      std::frexp(d, &exponent); // d = fraction * 2^exponent, |fraction| in [0.5, 1)
  auto mantissa = static_cast<std::int64_t>(std::ldexp(fraction, 53)); // exact: 53 bits
  int shift = exponent - 53;                                           // d = mantissa * 2^shift
  while (shift < 0 && mantissa % 2 == 0) {
    mantissa /= 2;
    ++shift;
  }
  if (shift >= 0) {
    if (shift > 62) return std::nullopt;
    return make_rational(static_cast<WideInt>(mantissa) * (WideInt{1} << shift), 1);
  }
  if (shift < -62) return std::nullopt;
  return Rational{mantissa, std::int64_t{1} << -shift};
}

std::optional<Rational> add(Rational a, Rational b) noexcept {
  if (a.den == b.den) return make_rational(static_cast<WideInt>(a.num) + b.num, a.den);
  const auto g = static_cast<std::int64_t>(
      gcd64(static_cast<std::uint64_t>(a.den), static_cast<std::uint64_t>(b.den)));
  const WideInt num =
      static_cast<WideInt>(a.num) * (b.den / g) + static_cast<WideInt>(b.num) * (a.den / g);
  return make_rational(num, static_cast<WideInt>(a.den / g) * b.den);
}

std::optional<Rational> multiply(Rational a, Rational b) noexcept {
  if (a.den == 1 && b.den == 1) return make_rational(static_cast<WideInt>(a.num) * b.num, 1);
  return make_rational(static_cast<WideInt>(a.num) * b.num, static_cast<WideInt>(a.den) * b.den);
}

std::optional<Rational> cycle_at(std::int64_t counter, Rational cps, Rational rate) noexcept {
  WideInt num = 0, den = 0;
  if (__builtin_mul_overflow(static_cast<WideInt>(counter), cps.num, &num) ||
      __builtin_mul_overflow(num, rate.den, &num) ||
      __builtin_mul_overflow(static_cast<WideInt>(cps.den), rate.num, &den)) {
    return std::nullopt;
  }
  return make_rational(num, den);
}

std::optional<std::int64_t> first_counter_at(Rational cycle, Rational cps, Rational rate) noexcept {
  WideInt num = 0, den = 0;
  if (__builtin_mul_overflow(static_cast<WideInt>(cycle.num), cps.den, &num) ||
      __builtin_mul_overflow(num, rate.num, &num) ||
      __builtin_mul_overflow(static_cast<WideInt>(cycle.den), cps.num, &den) ||
      __builtin_mul_overflow(den, rate.den, &den) || den <= 0) {
    return std::nullopt;
  }
  WideInt q = num / den;
  if (num % den != 0 && num > 0) ++q; // ceil (truncation already rounds a negative up)
  if (q > std::numeric_limits<std::int64_t>::max() ||
      q < std::numeric_limits<std::int64_t>::min()) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(q);
}

double to_double(Rational r) noexcept {
  return static_cast<double>(r.num) / static_cast<double>(r.den);
}

} // namespace weft::exact
