/// \file
/// `pat` (LANGUAGE.md §8.10) over a compiled pattern: the value and gate at a cycle position C.
/// The active events are those whose part, in the query of the cycle containing C, contains C;
/// the value is that of the active event whose step is leftmost in the pattern string (lowest
/// value index: values are numbered in string order), numbers as numbers, note names as MIDI
/// numbers; no active event gives value 0. The gate is 1 while C < whole.begin + legato * (whole
/// length) of that event. C is exact (a Rational) or a binary64 compared exactly with the
/// rational boundaries. check_pat_values rejects, at compile time, patterns `pat` cannot play.
/// Implements: LANGUAGE.md §8.10 (`pat`). Tests: tests/patterns/pat_value_test.cpp.
/// Real-time: pat_at yes (noexcept, no allocation; `scratch` needs Pattern::max_events(1)
/// events); check_pat_values no.
#pragma once

#include "patterns/parse.h"

#include <cstdint>
#include <optional>
#include <span>

namespace weft::patterns {

struct PatSample {
  double value = 0;
  double gate = 0;
  friend bool operator==(const PatSample&, const PatSample&) = default;
};

/// An error at the first event value that is neither a number nor a note name, or at the first
/// `:`; empty when `pat` can play the pattern.
std::optional<PatternError> check_pat_values(const Pattern& pattern);

/// The value of an event value for `pat` (a number, or a note name's MIDI number; else 0).
double pat_number(const Value& v) noexcept;

/// The events of cycle `cycle` ([cycle, cycle + 1)), the query `pat` selects from: a caller
/// that evaluates many positions of one cycle queries once and calls pat_in_cycle for each.
QueryStatus query_cycle(const Pattern& pattern, std::int64_t cycle, EventBuffer& out) noexcept;
/// floor(c) for a binary64 position, or none for NaN, infinities and |c| >= 2^62.
std::optional<std::int64_t> cycle_of(double c) noexcept;
/// Value and gate at `c` from `cycle_events`, the events of the cycle containing `c` (as
/// query_cycle gives them).
QueryStatus pat_in_cycle(const Pattern& pattern, std::span<const Event> cycle_events, Rational c,
                         Rational legato, PatSample& out) noexcept;
QueryStatus pat_in_cycle(const Pattern& pattern, std::span<const Event> cycle_events, double c,
                         Rational legato, PatSample& out) noexcept;

/// The first position after `c` at which pat's value or gate may change: the nearest part
/// boundary of the cycle's events, the gate's end of the event playing at `c`, or the cycle's
/// end; none when an exact time does not fit. Until then pat_in_cycle gives the same result, so a
/// caller evaluating consecutive positions can skip to it.
std::optional<Rational> pat_next_change(std::span<const Event> cycle_events, Rational c,
                                        Rational legato) noexcept;

/// Value and gate at the exact position `c`. On a status other than kOk, `out` is {0, 0}.
QueryStatus pat_at(const Pattern& pattern, Rational c, Rational legato, EventBuffer& scratch,
                   PatSample& out) noexcept;
/// The same at a binary64 position (NaN, infinities and |c| >= 2^62 give kTimeOverflow).
QueryStatus pat_at(const Pattern& pattern, double c, Rational legato, EventBuffer& scratch,
                   PatSample& out) noexcept;

/// Exact three-way comparison of a finite binary64 with a rational.
int compare_exact(double x, Rational r) noexcept;

} // namespace weft::patterns
