// [lib.filter] (LANGUAGE.md §8.7): the topology-preserving state-variable filter.
#include "audio/dsp/filters.h"

#include "audio/dsp/dsp_internal.h"

#include <cmath>
#include <numbers>

namespace weft::audio::dsp {

namespace {

enum class ResponseKind { LowPass, HighPass, BandPass };

/// The per-sample coefficients of §8.7.
struct SvfCoefficients {
  double k;
  double a1;
  double a2;
  double a3;
};

SvfCoefficients coefficients(double cutoff, double q, double rate) noexcept {
  const double fc = detail::clamp(cutoff, 1, 0.49 * rate);
  const double qc = detail::clamp(q, 0.1, 100);
  const double g = std::tan(std::numbers::pi * fc / rate);
  SvfCoefficients c;
  c.k = 1 / qc;
  c.a1 = 1 / (1 + g * (g + c.k));
  c.a2 = g * c.a1;
  c.a3 = g * c.a2;
  return c;
}

/// One sample of §8.7: updates ic1, ic2 and returns the response of `Kind`.
template <ResponseKind Kind>
double tick(const SvfCoefficients& c, double x, double& ic1, double& ic2) noexcept {
  const double v3 = x - ic2;
  const double v1 = c.a1 * ic1 + c.a2 * v3;
  const double v2 = ic2 + c.a2 * ic1 + c.a3 * v3;
  ic1 = detail::flush_subnormal(2 * v1 - ic1);
  ic2 = detail::flush_subnormal(2 * v2 - ic2);
  if constexpr (Kind == ResponseKind::LowPass) {
    return v2;
  } else if constexpr (Kind == ResponseKind::HighPass) {
    return x - c.k * v1 - v2;
  } else {
    return c.k * v1;
  }
}

template <ResponseKind Kind>
void svf_block(SvfState& state, const double* x, const double* cutoff, const double* q, double* out,
               std::size_t n) noexcept {
  if (n == 0) return;
  const double rate = state.rate;
  double ic1 = state.ic1;
  double ic2 = state.ic2;
  if (detail::is_block_constant(cutoff, n) && detail::is_block_constant(q, n)) {
    const SvfCoefficients c = coefficients(cutoff[0], q[0], rate);
    for (std::size_t i = 0; i < n; ++i) out[i] = tick<Kind>(c, x[i], ic1, ic2);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const SvfCoefficients c = coefficients(cutoff[i], q[i], rate);
      out[i] = tick<Kind>(c, x[i], ic1, ic2);
    }
  }
  state.ic1 = ic1;
  state.ic2 = ic2;
}

} // namespace

void lpf_block(SvfState& state, const double* x, const double* cutoff, const double* q, double* out,
               std::size_t n) noexcept {
  svf_block<ResponseKind::LowPass>(state, x, cutoff, q, out, n);
}

void hpf_block(SvfState& state, const double* x, const double* cutoff, const double* q, double* out,
               std::size_t n) noexcept {
  svf_block<ResponseKind::HighPass>(state, x, cutoff, q, out, n);
}

void bpf_block(SvfState& state, const double* x, const double* center, const double* q, double* out,
               std::size_t n) noexcept {
  svf_block<ResponseKind::BandPass>(state, x, center, q, out, n);
}

} // namespace weft::audio::dsp
