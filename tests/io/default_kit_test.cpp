// The default kit (kit/*.weft rendered by the build into <build>/samples; LANGUAGE.md §8.10):
// every sound exists, is found through the sample bank without configuration, has its length,
// sounds, fades to silence and has the spectrum of what it is called.
#include "io/sample_bank.h"

#include "audio_dsp/spectrum.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace weft::io {
namespace {

using weft::audio::dsp::testing::hann_magnitudes;
using weft::audio::dsp::testing::peak_bin;

struct KitSound {
  const char* name;
  std::size_t frames; ///< the render length of kit/CMakeLists.txt at 48 kHz
};

constexpr KitSound kKit[] = {{"bd", 24000},   {"sn", 14400},   {"hh", 7200},   {"cp", 19200},
                             {"bass", 36000}, {"bell", 72000}, {"stab", 24000}};

const SampleBuffer& kit_sound(const std::string& name) {
  static SampleBank bank({default_kit_directory()});
  const SampleLookup found = bank.find(name);
  if (!found.error.empty() || found.set->files.size() != 1) {
    ADD_FAILURE() << name << ": " << found.error;
    static const SampleBuffer empty;
    return empty;
  }
  return *found.set->files[0];
}

double rms(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v * v;
  return x.empty() ? 0 : std::sqrt(sum / static_cast<double>(x.size()));
}

/// Share of the spectral energy (Hann-windowed, whole sound) between `lo` and `hi` Hz.
double energy_share(const std::vector<double>& x, double rate, double lo, double hi) {
  const std::vector<double> m = hann_magnitudes(x);
  const double bin_hz = rate / static_cast<double>(x.size());
  double in = 0, all = 0;
  for (std::size_t k = 1; k < m.size(); ++k) {
    const double e = m[k] * m[k];
    all += e;
    const double hz = static_cast<double>(k) * bin_hz;
    if (hz >= lo && hz < hi) in += e;
  }
  return in / all;
}

double peak_hz(const std::vector<double>& x, double rate) {
  const std::vector<double> m = hann_magnitudes(x);
  return static_cast<double>(peak_bin(m, 1, m.size())) * rate / static_cast<double>(x.size());
}

TEST(DefaultKit, IsFoundWithoutConfiguration) {
  ASSERT_FALSE(default_kit_directory().empty());
  // A program anywhere, no WEFT_SAMPLE_PATH: the kit is the last directory searched.
  SampleBank bank(sample_search_path("/nonexistent/song.weft", "", default_kit_directory()));
  for (const KitSound& sound : kKit) EXPECT_EQ(bank.find(sound.name).error, "") << sound.name;
}

TEST(DefaultKit, EverySoundHasItsLengthSoundsAndEndsInSilence) {
  for (const KitSound& sound : kKit) {
    const SampleBuffer& x = kit_sound(sound.name);
    EXPECT_EQ(x.rate, 48000) << sound.name;
    EXPECT_EQ(x.frames(), sound.frames) << sound.name;
    EXPECT_EQ(x.right_or_left(), x.left) << sound.name; // rendered mono on both channels
    EXPECT_GT(rms(x.left), 0.02) << sound.name;
    double peak = 0;
    for (double v : x.left) peak = std::max(peak, std::fabs(v));
    EXPECT_LT(peak, 0.99) << sound.name; // not clipped by the safety stage
    double tail = 0;
    for (std::size_t i = x.frames() - 48; i < x.frames(); ++i)
      tail = std::max(tail, std::fabs(x.left[i]));
    EXPECT_LT(tail, 0.01) << sound.name; // the last millisecond: no click at the cut
  }
}

TEST(DefaultKit, TheKickIsLowAndTheHatIsHigh) {
  const SampleBuffer& bd = kit_sound("bd");
  EXPECT_LT(peak_hz(bd.left, bd.rate), 150);
  EXPECT_GT(energy_share(bd.left, bd.rate, 0, 300), 0.9);
  const SampleBuffer& hh = kit_sound("hh");
  EXPECT_GT(energy_share(hh.left, hh.rate, 5000, 24000), 0.9);
}

TEST(DefaultKit, TheSnareHasABodyAndNoiseAndTheClapIsMidrangeNoise) {
  const SampleBuffer& sn = kit_sound("sn");
  EXPECT_GT(energy_share(sn.left, sn.rate, 150, 250), 0.05);
  EXPECT_GT(energy_share(sn.left, sn.rate, 2000, 24000), 0.3);
  const SampleBuffer& cp = kit_sound("cp");
  EXPECT_GT(energy_share(cp.left, cp.rate, 500, 2500), 0.5);
  // Three bursts: the envelope over 0–33 ms rises again after each 11 ms.
  auto window_rms = [&](std::size_t from) {
    return rms(std::vector<double>(cp.left.begin() + static_cast<std::ptrdiff_t>(from),
                                   cp.left.begin() + static_cast<std::ptrdiff_t>(from + 96)));
  };
  EXPECT_GT(window_rms(528), 2 * window_rms(432)); // 11 ms vs the end of the first burst
}

TEST(DefaultKit, TheTonalSoundsHaveTheirPitches) {
  const SampleBuffer& bass = kit_sound("bass");
  EXPECT_LT(peak_hz(bass.left, bass.rate), 400);
  EXPECT_GT(energy_share(bass.left, bass.rate, 0, 1000), 0.8);
  const SampleBuffer& bell = kit_sound("bell");
  EXPECT_NEAR(peak_hz(bell.left, bell.rate), 880, 2);
  const SampleBuffer& stab = kit_sound("stab");
  const double stab_peak = peak_hz(stab.left, stab.rate);
  EXPECT_GT(stab_peak, 250);
  EXPECT_LT(stab_peak, 1200);
}

} // namespace
} // namespace weft::io
