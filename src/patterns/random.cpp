#include "patterns/random.h"

#include <cmath>

namespace weft::patterns {

namespace {

constexpr double kPeriod = 536870912.0; // 2^29

std::int32_t shift_left(std::int32_t x, int n) noexcept {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << n);
}

std::int32_t xorshift(std::int32_t x) noexcept {
  x = shift_left(x, 13) ^ x;
  x = (x >> 17) ^ x; // arithmetic shift (C++20)
  return shift_left(x, 5) ^ x;
}

} // namespace

double random_at(double t) noexcept {
  double y = t / 300;
  y = y - std::trunc(y);
  const auto seed = static_cast<std::int32_t>(std::trunc(y * kPeriod)); // |y| < 1: fits
  const std::int32_t x = xorshift(seed);
  return std::fabs(static_cast<double>(x % 536870912) / kPeriod);
}

double random_for_seed(Rational b, std::uint32_t seed, TimeMath& math) noexcept {
  const Rational offset =
      math.div(Rational{3 * static_cast<std::int64_t>(seed), 1}, Rational{10000, 1});
  return random_at(exact::to_double(math.add(b, offset)));
}

} // namespace weft::patterns
