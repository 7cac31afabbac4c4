// [lib.osc] (LANGUAGE.md §8.6): phase accumulation, sine, and the PolyBLEP / PolyBLAMP
// band-limited saw, square and tri.
#include "audio/dsp/oscillators.h"

#include "audio/dsp/dsp_internal.h"

#include <cmath>
#include <numbers>

namespace weft::audio::dsp {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

/// 2-sample PolyBLEP residual of a unit downward jump of 2 at phase 0 (the saw's), for a sample
/// at phase `t` in [0, 1) when the phase moves `dt` = |increment| per sample: the band-limited
/// waveform is the naive one minus this. Odd around the jump, so it serves both directions.
double poly_blep(double t, double dt) noexcept {
  if (t < dt) {
    const double x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const double x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/// 2-sample PolyBLAMP residual (the integral of the PolyBLEP residual) of a slope change of 1 per
/// sample at phase 0, for a sample at phase `t` in [0, 1): (1 − |τ|)³ / 6 where τ is the distance
/// to the corner in samples. Even around the corner, so it serves both directions.
double poly_blamp(double t, double dt) noexcept {
  double distance = 0;
  if (t < dt) {
    distance = t;
  } else if (t > 1 - dt) {
    distance = 1 - t;
  } else {
    return 0;
  }
  const double x = 1 - distance / dt;
  return x * x * x * (1.0 / 6.0);
}

/// `x − 1` for x in [1, 2), else x: the fract of a shifted phase in [0, 2), exact.
double wrap_once(double x) noexcept {
  return x >= 1 ? x - 1 : x;
}

double saw_sample(double phase, double dt) noexcept {
  return 2 * phase - 1 - poly_blep(phase, dt);
}

double square_sample(double phase, double width, double dt) noexcept {
  const double naive = phase < width ? 1.0 : -1.0;
  // The phase measured from the falling edge, fract(φ − width); exactly φ for width 0 and 1, so
  // the two corrections then cancel exactly and the output is the constant ±1.
  const double falling = phase >= width ? phase - width : phase + (1 - width);
  return naive + (poly_blep(phase, dt) - poly_blep(falling, dt));
}

double tri_sample(double phase, double dt) noexcept {
  const double naive = 1 - 4 * std::fabs(wrap_once(phase + 0.25) - 0.5);
  // Corners: the peak at φ = 0.25 (slope change −8 dt per sample), the trough at φ = 0.75 (+8 dt).
  const double peak = poly_blamp(wrap_once(phase + 0.75), dt);
  const double trough = poly_blamp(wrap_once(phase + 0.25), dt);
  return naive + 8 * dt * (trough - peak);
}

} // namespace

double advance_phase(double phase, double increment) noexcept {
  const double x = phase + increment;
  const double f = x - std::floor(x);
  return f >= 1 ? 0.0 : f;
}

namespace {

/// The §8.6 phase recurrence over a block: out[i] = wave(φ_i, increment_i), then φ advances.
template <class Wave>
void run_phase(OscillatorState& state, const double* freq, double* out, std::size_t n,
               Wave wave) noexcept {
  const double rate = state.rate;
  double phase = state.phase;
  for (std::size_t i = 0; i < n; ++i) {
    const double increment = freq[i] / rate;
    out[i] = wave(phase, increment, i);
    phase = advance_phase(phase, increment);
  }
  state.phase = phase;
}

} // namespace

void sine_block(OscillatorState& state, const double* freq, double* out, std::size_t n) noexcept {
  run_phase(state, freq, out, n,
            [](double phase, double, std::size_t) { return std::sin(kTwoPi * phase); });
}

void saw_block(OscillatorState& state, const double* freq, double* out, std::size_t n) noexcept {
  run_phase(state, freq, out, n, [](double phase, double increment, std::size_t) {
    return saw_sample(phase, std::fabs(increment));
  });
}

void square_block(OscillatorState& state, const double* freq, const double* width, double* out,
                  std::size_t n) noexcept {
  run_phase(state, freq, out, n, [width](double phase, double increment, std::size_t i) {
    return square_sample(phase, detail::clamp(width[i], 0, 1), std::fabs(increment));
  });
}

void tri_block(OscillatorState& state, const double* freq, double* out, std::size_t n) noexcept {
  run_phase(state, freq, out, n, [](double phase, double increment, std::size_t) {
    return tri_sample(phase, std::fabs(increment));
  });
}

} // namespace weft::audio::dsp
