#include "audio/engine/rational.h"

#include <cmath>
#include <limits>

namespace weft::audio {

namespace {

constexpr WideInt kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr WideInt kInt64Min = std::numeric_limits<std::int64_t>::min();

bool fits_int64(WideInt v) {
  return v >= kInt64Min && v <= kInt64Max;
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
  const WideInt g = gcd_wide(a.den, b.den);
  const WideInt num =
      static_cast<WideInt>(a.num) * (b.den / g) + static_cast<WideInt>(b.num) * (a.den / g);
  return make_rational(num, static_cast<WideInt>(a.den / g) * b.den);
}

std::optional<Rational> multiply(Rational a, Rational b) noexcept {
  return make_rational(static_cast<WideInt>(a.num) * b.num, static_cast<WideInt>(a.den) * b.den);
}

double to_double(Rational r) noexcept {
  return static_cast<double>(r.num) / static_cast<double>(r.den);
}

} // namespace weft::audio
