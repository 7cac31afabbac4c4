/// \file
/// The `s` onset helper (LANGUAGE.md §8.10 "Triggering"): the events whose whole begins inside a
/// query span — each exactly once however the time line is cut into spans, so that block-wise
/// queries trigger every event once, at its onset.
/// Implements: LANGUAGE.md §8.10 (`s`). Tests: tests/patterns/onsets_test.cpp.
/// Real-time: yes (noexcept, no allocation; `out` needs Pattern::max_events(span length)).
#pragma once

#include "patterns/pattern.h"

namespace weft::patterns {

/// Appends to `out` the onset fragments (part.begin == whole.begin) of the events of `span`.
QueryStatus query_onsets(const Pattern& pattern, const TimeSpan& span, EventBuffer& out) noexcept;

} // namespace weft::patterns
