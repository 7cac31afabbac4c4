// Test helpers for tests/audio_dsp: a mixed-radix DFT (any length whose prime factors are small,
// e.g. one second at 48 kHz = 2^7 · 3 · 5^3), Hann-windowed magnitude spectra, and the amplitude
// of one tone by projection. Plain and slow enough for tests only.
#pragma once

#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <vector>

namespace weft::audio::dsp::testing {

using Complex = std::complex<double>;

/// e^{-2πi·k/n} with k reduced modulo n first (exact index, accurate twiddle).
inline Complex twiddle(std::size_t k, std::size_t n) {
  const double angle = -2 * std::numbers::pi * static_cast<double>(k % n) / static_cast<double>(n);
  return {std::cos(angle), std::sin(angle)};
}

inline std::size_t smallest_factor(std::size_t n) {
  for (std::size_t p = 2; p * p <= n; ++p) {
    if (n % p == 0) return p;
  }
  return n;
}

/// X[k] = Σ_j x[j] e^{-2πi jk/n}: decimation in time by the smallest prime factor, recursively;
/// a prime length is summed directly.
inline std::vector<Complex> dft(const std::vector<Complex>& x) {
  const std::size_t n = x.size();
  if (n <= 1) return x;
  const std::size_t p = smallest_factor(n);
  std::vector<Complex> out(n);
  if (p == n) {
    for (std::size_t k = 0; k < n; ++k) {
      Complex sum = 0;
      for (std::size_t j = 0; j < n; ++j) sum += x[j] * twiddle(j * k, n);
      out[k] = sum;
    }
    return out;
  }
  const std::size_t m = n / p;
  std::vector<std::vector<Complex>> parts(p);
  for (std::size_t r = 0; r < p; ++r) {
    std::vector<Complex> sub(m);
    for (std::size_t j = 0; j < m; ++j) sub[j] = x[j * p + r];
    parts[r] = dft(sub);
  }
  for (std::size_t k = 0; k < n; ++k) {
    Complex sum = 0;
    for (std::size_t r = 0; r < p; ++r) sum += parts[r][k % m] * twiddle(r * k, n);
    out[k] = sum;
  }
  return out;
}

/// |DFT(x · w)| for bins 0 … n/2, w the periodic Hann window 0.5 − 0.5 cos(2π j / n). A tone at
/// an integer bin k of an n-sample window appears in bins k − 1, k, k + 1 only.
inline std::vector<double> hann_magnitudes(const std::vector<double>& x) {
  const std::size_t n = x.size();
  std::vector<Complex> windowed(n);
  for (std::size_t j = 0; j < n; ++j) {
    const double w = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(j) /
                                          static_cast<double>(n));
    windowed[j] = x[j] * w;
  }
  const std::vector<Complex> spectrum = dft(windowed);
  std::vector<double> magnitudes(n / 2 + 1);
  for (std::size_t k = 0; k < magnitudes.size(); ++k) magnitudes[k] = std::abs(spectrum[k]);
  return magnitudes;
}

/// The bin of the largest magnitude in [from, to).
inline std::size_t peak_bin(const std::vector<double>& magnitudes, std::size_t from,
                            std::size_t to) {
  std::size_t best = from;
  for (std::size_t k = from; k < to && k < magnitudes.size(); ++k) {
    if (magnitudes[k] > magnitudes[best]) best = k;
  }
  return best;
}

/// The amplitude of the component at `freq` Hz in x[0..n), by projection onto e^{-iωj}; exact for
/// a sinusoid when the n samples hold a whole number of its periods.
inline double tone_amplitude(const double* x, std::size_t n, double freq, double rate) {
  Complex sum = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double angle = -2 * std::numbers::pi * freq * static_cast<double>(j) / rate;
    sum += x[j] * Complex(std::cos(angle), std::sin(angle));
  }
  return 2 * std::abs(sum) / static_cast<double>(n);
}

inline double to_db(double ratio) {
  return 20 * std::log10(ratio);
}

} // namespace weft::audio::dsp::testing
