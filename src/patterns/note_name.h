/// \file
/// Note names as `pat` values (LANGUAGE.md §8.10): a letter a–g (either case), any number of
/// accidentals (`#` or `s` +1, `b` or `f` −1), an optional integer octave (default 3);
/// midi = 12 * (octave + 1) + pitch class + accidentals (c4 = 60, a4 = 69, eb3 = 51).
/// Implements: LANGUAGE.md §8.10. Tests: tests/patterns/pat_value_test.cpp.
/// Real-time: yes (no allocation).
#pragma once

#include <optional>
#include <string_view>

namespace weft::patterns {

/// The MIDI number of a note name; empty when `word` is not one.
std::optional<double> note_number(std::string_view word) noexcept;

} // namespace weft::patterns
