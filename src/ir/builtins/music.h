/// \file
/// The exact binary64 semantics of the [lib.music] pitch builtins `mtof` and `ftom`.
/// Implements: LANGUAGE.md §8.2. Tests: tests/ir/builtin_fold_test.cpp.
/// Real-time: yes (noexcept, allocation-free).
#pragma once

namespace weft::ir::music {

/// MIDI note to Hz: `440 * 2^((m - 69) / 12)`; `mtof(69) = 440`.
double mtof(double m) noexcept;
/// Hz to MIDI note: `69 + 12 * log2(f / 440)`; `ftom(440) = 69`.
double ftom(double f) noexcept;

} // namespace weft::ir::music
