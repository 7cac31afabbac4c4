/// \file
/// The exact binary64 semantics of the [lib.math] builtins and of the `%` and `^` operators:
/// the reference that constant folding uses and that every engine must reproduce.
/// Only the functions whose value is not simply the C library's are here; `sin`, `exp`, `floor`
/// and the like are `std::sin`, `std::exp`, `std::floor`.
/// Built with -ffp-contract=off: no expression here is fused into an FMA.
/// Implements: LANGUAGE.md §3.4, §8.1. Tests: tests/ir/builtin_fold_test.cpp.
/// Real-time: yes (every function is noexcept and allocation-free).
#pragma once

#include <span>

namespace weft::ir::math {

/// Floored modulo `a - b * floor(a / b)` (§3.4 `%`, `mod`): the sign of `b`; NaN when `b = 0`.
double mod(double a, double b) noexcept;
/// `a ^ b` and `pow(a, b)`: C `pow` (`(-2)^3 = -8`, `(-2)^0.5` NaN, `0^0 = 1`, `pow(NaN, 0) = 1`).
double pow(double a, double b) noexcept;
/// Nearest integer, halves away from zero (`round(-2.5) = -3`).
double round(double x) noexcept;
/// -1, 0 or 1; `sign(-0) = 0`; NaN for NaN.
double sign(double x) noexcept;
/// `x - floor(x)`, no correction (may be exactly 1 for tiny negative `x`).
double fract(double x) noexcept;
/// 0 if `x < edge`, else 1; NaN if either is NaN.
double step(double edge, double x) noexcept;
/// Hermite step; `step(e0, x)` when `e0 == e1`.
double smoothstep(double e0, double e1, double x) noexcept;
/// `a + (b - a) * t`, `t` not clamped (`mix` and `lerp`).
double mix(double a, double b, double t) noexcept;
/// Smallest argument; NaN if any argument is NaN. `values` must not be empty.
double min(std::span<const double> values) noexcept;
/// Largest argument; NaN if any argument is NaN. `values` must not be empty.
double max(std::span<const double> values) noexcept;
double min(double a, double b) noexcept;
double max(double a, double b) noexcept;
/// `min(max(x, lo), hi)` with the NaN-propagating min and max.
double clamp(double x, double lo, double hi) noexcept;
/// `sqrt(a² + b² + …)` without intermediate overflow or underflow: +inf if any argument is
/// infinite and none is NaN, NaN if any is NaN.
double hypot(std::span<const double> values) noexcept;
/// Angle of (x, y) in (−π, π]: `atan2(±0, ±0) = 0`, `atan2(±0, x < 0) = π`.
double atan2(double y, double x) noexcept;

} // namespace weft::ir::math
