/// \file
/// The exact binary64 semantics of `dist`, the one pure builtin of [lib.fx]. `delay` and
/// `reverb` are audio-owned and stateful; their front-end entries are in effects.cpp and their
/// processing belongs to the audio engine.
/// Implements: LANGUAGE.md §8.8. Tests: tests/ir/builtin_fold_test.cpp.
/// Real-time: yes (noexcept, allocation-free).
#pragma once

namespace weft::ir::fx {

/// Soft clipping: `d = clamp(drive, 0, 100)`; `x` if `d < 1e-6`, else `tanh(d * x) / tanh(d)`.
double dist(double x, double drive) noexcept;

} // namespace weft::ir::fx
