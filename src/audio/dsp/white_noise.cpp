// `white()` (LANGUAGE.md §8.6): counter-based SplitMix64 noise.
#include "audio/dsp/white_noise.h"

namespace weft::audio::dsp {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

/// The SplitMix64 finaliser (Stafford's Mix13): a bijection of 64-bit words with full avalanche.
std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t seed_of(std::uint64_t key) noexcept {
  return mix64(key + kGolden);
}

double value_at(std::uint64_t seed, std::uint64_t sample) noexcept {
  const std::uint64_t bits = mix64(seed + (sample + 1) * kGolden);
  return static_cast<double>(bits >> 11) * 0x1p-52 - 1.0;
}

} // namespace

double white_value(std::uint64_t key, std::uint64_t sample) noexcept {
  return value_at(seed_of(key), sample);
}

void white_block(WhiteNoiseState& state, double* out, std::size_t n) noexcept {
  const std::uint64_t seed = seed_of(state.key);
  const std::uint64_t first = state.sample;
  for (std::size_t i = 0; i < n; ++i) out[i] = value_at(seed, first + i);
  state.sample = first + n;
}

} // namespace weft::audio::dsp
