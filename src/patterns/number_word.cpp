#include "patterns/number_word.h"

#include <charconv>

namespace weft::patterns {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

} // namespace

std::size_t number_length(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

std::optional<exact::Rational> exact_decimal(std::string_view s) {
  exact::WideInt mantissa = 0;
  int scale = 0; // value = mantissa * 10^scale
  std::size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative) ++i;
  bool fraction = false;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      fraction = true;
      continue;
    }
    if (mantissa > (exact::WideInt{1} << 100)) return std::nullopt;
    mantissa = mantissa * 10 + (s[i] - '0');
    if (fraction) --scale;
  }
  if (i < s.size()) {
    int e = 0;
    const char* begin = s.data() + i + 1 + (s[i + 1] == '+' ? 1 : 0);
    if (std::from_chars(begin, s.data() + s.size(), e).ec != std::errc{}) return std::nullopt;
    scale += e;
  }
  if (scale < -36 || scale > 36) return std::nullopt;
  exact::WideInt den = 1;
  for (; scale < 0; ++scale) den *= 10;
  for (; scale > 0; --scale) {
    if (mantissa > (exact::WideInt{1} << 100)) return std::nullopt;
    mantissa *= 10;
  }
  return exact::make_rational(negative ? -mantissa : mantissa, den);
}

} // namespace weft::patterns
