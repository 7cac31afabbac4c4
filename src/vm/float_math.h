/// \file
/// Binary32 lane kernels of the transcendental builtins for the VM's float lanes (the visual
/// domain, LANGUAGE.md §1.6, §8.1): each maps `n` lanes to `n` lanes, in plain loops that g++
/// vectorises at -O3, instead of a scalar binary64 library call per lane.
/// Method: the float argument is widened to binary64 (exact), reduced by Cody–Waite with the
/// constant split into parts whose products are exact, and evaluated with a minimax polynomial in
/// binary64; the result is rounded once to binary32. Every inner loop is branch-free (selects);
/// after it a cheap scan hands the rare lanes outside the reduction's range (|x| > 2^28 for sin,
/// cos and tan, non-finite arguments of atan2, pow's non-positive or non-finite operands) to the
/// binary64 reference (src/ir/builtins/math.h), rounded to binary32.
/// Accuracy, against the binary64 reference rounded to binary32: at most 1 ulp, measured over
/// all 2^32 floats for sin, cos, tan, exp and log (the rounded reference itself in all but
/// 14–1407 of them per function), over grids and 8·10^8 (atan2) and 5·10^8 (pow) random pairs
/// (at most 1587 lanes of 2·10^8 differ); `hypot` equals the reference rounded, bit for bit.
/// Special values (NaN, ±inf, ±0, overflow, underflow) are the reference's.
/// tests/vm/float_math_test.cpp checks the bound on dense sweeps.
/// Determinism: built with -ffp-contract=off, no -ffast-math; a lane's result depends only on its
/// arguments, never on `n`, the lane's position, vectorisation or the thread.
/// Aliasing: `out` may be the same array as an input; no other overlap.
/// Implements: LANGUAGE.md §1.6, §8.1. Tests: tests/vm/float_math_test.cpp.
/// Real-time: yes (no allocation, no locks).
#pragma once

#include <cstddef>

namespace weft::vm {

/// `sin`, `cos`, `tan` in radians; NaN for ±inf and NaN.
void sin_lanes(const float* x, float* out, std::size_t n) noexcept;
void cos_lanes(const float* x, float* out, std::size_t n) noexcept;
void tan_lanes(const float* x, float* out, std::size_t n) noexcept;
/// `exp`: +inf above about 88.72, 0 or subnormal below about -87.3.
void exp_lanes(const float* x, float* out, std::size_t n) noexcept;
/// Natural `log`: `log(±0) = -inf`, NaN below 0, `log(inf) = inf`.
void log_lanes(const float* x, float* out, std::size_t n) noexcept;
/// `atan2(y, x)` as ir::math::atan2: in (−π, π], `atan2(±0, ±0) = 0`, `atan2(±0, x < 0) = π`.
void atan2_lanes(const float* y, const float* x, float* out, std::size_t n) noexcept;
/// Two-argument `hypot` as ir::math::hypot (NaN if either is NaN, else +inf if either is
/// infinite): `sqrt(a² + b²)` in binary64, which is exact up to its two roundings.
void hypot_lanes(const float* a, const float* b, float* out, std::size_t n) noexcept;
/// `pow(a, b)` as ir::math::pow: `exp(b · log a)` in binary64 for a > 0 and finite operands,
/// the reference for the rest (negative bases, zeros, infinities, NaN).
void pow_lanes(const float* a, const float* b, float* out, std::size_t n) noexcept;

} // namespace weft::vm
