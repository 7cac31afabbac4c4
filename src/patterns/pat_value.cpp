#include "patterns/pat_value.h"

#include "patterns/note_name.h"
#include "patterns/time_math.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace weft::patterns {

namespace {

using exact::WideInt;

int sign(WideInt v) {
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

/// The event `pat` plays among those active at `c` (is_active(part) says which), or nullptr.
template <class IsActive>
const Event* chosen_event(std::span<const Event> events, IsActive&& is_active) noexcept {
  const Event* best = nullptr;
  for (const Event& e : events) {
    if (!is_active(e.part)) continue;
    if (!best || e.value < best->value) best = &e;
  }
  return best;
}

/// whole.begin + legato * (whole.end - whole.begin), exactly.
Rational gate_end(const Event& e, Rational legato, TimeMath& math) noexcept {
  return math.add(e.whole.begin, math.mul(legato, math.sub(e.whole.end, e.whole.begin)));
}

} // namespace

int compare_exact(double x, Rational r) noexcept {
  int exponent = 0;
  const double fraction = std::frexp(x, &exponent);
  const auto mantissa = static_cast<std::int64_t>(std::ldexp(fraction, 53)); // |m| in [2^52, 2^53)
  if (mantissa == 0) return -sign(r.num);
  const int e = exponent - 53;               // x = mantissa * 2^e
  if (e >= 11) return mantissa > 0 ? 1 : -1; // |x| >= 2^63 > |r|
  if (e >= 0) return sign(static_cast<WideInt>(mantissa) * r.den * (WideInt{1} << e) - r.num);
  const int s = -e;
  const WideInt lhs = static_cast<WideInt>(mantissa) * r.den; // compare lhs with num * 2^s
  if (s <= 62) return sign(lhs - static_cast<WideInt>(r.num) * (WideInt{1} << s));
  if (s >= 126) {
    if (lhs >= 0) return r.num != 0 ? -sign(r.num) : sign(lhs);
    return r.num != -1 ? sign(-1 - static_cast<WideInt>(r.num)) : 1;
  }
  const WideInt q = lhs >> s; // floor
  const WideInt rem = lhs - q * (WideInt{1} << s);
  if (q != r.num) return sign(q - r.num);
  return rem > 0 ? 1 : 0;
}

std::optional<PatternError> check_pat_values(const Pattern& pattern) {
  for (const Value& v : pattern.values()) {
    if (!v.is_event || v.kind == ValueKind::kNumber || note_number(v.text)) continue;
    return PatternError{v.offset, fmt::format("'{}' is not a number or a note name (pat plays "
                                              "numbers and notes)",
                                              v.text)};
  }
  if (pattern.has_pairs()) {
    return PatternError{pattern.first_pair_offset(), "pat plays single values, not ':' pairs"};
  }
  return std::nullopt;
}

double pat_number(const Value& v) noexcept {
  if (v.kind == ValueKind::kNumber) return v.number;
  return note_number(v.text).value_or(0);
}

QueryStatus query_cycle(const Pattern& pattern, std::int64_t cycle, EventBuffer& out) noexcept {
  out.clear();
  if (cycle >= std::numeric_limits<std::int64_t>::max()) return QueryStatus::kTimeOverflow;
  return pattern.query(TimeSpan{Rational{cycle, 1}, Rational{cycle + 1, 1}}, out);
}

std::optional<std::int64_t> cycle_of(double c) noexcept {
  constexpr double kLimit = 4611686018427387904.0; // 2^62
  if (!(std::fabs(c) < kLimit)) return std::nullopt;
  return static_cast<std::int64_t>(std::floor(c));
}

namespace {

/// pat_in_cycle for a position given by `before(b)`, which says whether it lies before boundary b.
template <class Before>
QueryStatus select(const Pattern& pattern, std::span<const Event> cycle_events, Rational legato,
                   Before&& before, PatSample& out) noexcept {
  out = PatSample{};
  TimeMath math;
  const Event* e = chosen_event(
      cycle_events, [&](const TimeSpan& part) { return !before(part.begin) && before(part.end); });
  if (!e) return QueryStatus::kOk;
  const Rational end = gate_end(*e, legato, math);
  if (math.overflowed()) return QueryStatus::kTimeOverflow;
  out = PatSample{pat_number(pattern.value(e->value)), before(end) ? 1.0 : 0.0};
  return QueryStatus::kOk;
}

} // namespace

QueryStatus pat_in_cycle(const Pattern& pattern, std::span<const Event> cycle_events, Rational c,
                         Rational legato, PatSample& out) noexcept {
  return select(
      pattern, cycle_events, legato, [&](const Rational& b) { return less(c, b); }, out);
}

QueryStatus pat_in_cycle(const Pattern& pattern, std::span<const Event> cycle_events, double c,
                         Rational legato, PatSample& out) noexcept {
  return select(
      pattern, cycle_events, legato, [&](const Rational& b) { return compare_exact(c, b) < 0; },
      out);
}

std::optional<Rational> pat_next_change(std::span<const Event> cycle_events, Rational c,
                                        Rational legato) noexcept {
  TimeMath math;
  Rational next = math.add(TimeMath::floor(c), Rational{1, 1}); // the cycle's end
  auto consider = [&](const Rational& b) {
    if (less(c, b) && less(b, next)) next = b;
  };
  for (const Event& e : cycle_events) {
    consider(e.part.begin);
    consider(e.part.end);
  }
  const Event* chosen = chosen_event(cycle_events, [&](const TimeSpan& part) {
    return !less(c, part.begin) && less(c, part.end);
  });
  if (chosen) consider(gate_end(*chosen, legato, math));
  if (math.overflowed()) return std::nullopt;
  return next;
}

QueryStatus pat_at(const Pattern& pattern, Rational c, Rational legato, EventBuffer& scratch,
                   PatSample& out) noexcept {
  out = PatSample{};
  const QueryStatus status = query_cycle(pattern, TimeMath::floor(c).num, scratch);
  if (status != QueryStatus::kOk) return status;
  return pat_in_cycle(pattern, scratch.events(), c, legato, out);
}

QueryStatus pat_at(const Pattern& pattern, double c, Rational legato, EventBuffer& scratch,
                   PatSample& out) noexcept {
  out = PatSample{};
  scratch.clear();
  const std::optional<std::int64_t> cycle = cycle_of(c);
  if (!cycle) return QueryStatus::kTimeOverflow;
  const QueryStatus status = query_cycle(pattern, *cycle, scratch);
  if (status != QueryStatus::kOk) return status;
  return pat_in_cycle(pattern, scratch.events(), c, legato, out);
}

} // namespace weft::patterns
