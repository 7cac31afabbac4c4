// LANGUAGE.md §11.1: every stateful kernel gives bit-identical output whatever the block size
// (1, 37, 64, 256, 4096 compared with one block of the whole signal), with every argument
// modulated per sample.
#include "audio/dsp/adsr.h"
#include "audio/dsp/delay.h"
#include "audio/dsp/filters.h"
#include "audio/dsp/oscillators.h"
#include "audio/dsp/reverb.h"
#include "audio/dsp/white_noise.h"

#include "signals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

namespace weft::audio::dsp {
namespace {

constexpr double kRate = 48000;
constexpr std::size_t kSamples = 72000; // 1.5 s: several 4096-blocks and a partial one

/// A slow sinusoid `centre + depth · sin(2π f t)` per sample.
std::vector<double> lfo(double centre, double depth, double freq) {
  std::vector<double> v(kSamples);
  for (std::size_t s = 0; s < kSamples; ++s) {
    v[s] = centre + depth * std::sin(2 * std::numbers::pi * freq * static_cast<double>(s) / kRate);
  }
  return v;
}

/// A fresh kernel instance: `process(offset, count, out)` computes samples [offset, offset+count).
using Kernel = std::function<void(std::size_t, std::size_t, double*)>;
using KernelFactory = std::function<Kernel()>;

std::vector<double> render(const KernelFactory& make, std::size_t block) {
  Kernel kernel = make();
  std::vector<double> out(kSamples);
  testing::run_in_blocks(kSamples, block, [&](std::size_t offset, std::size_t count) {
    kernel(offset, count, out.data() + offset);
  });
  return out;
}

void expect_block_size_invariant(const std::string& name, const KernelFactory& make) {
  const std::vector<double> whole = render(make, kSamples);
  for (std::size_t block : {1, 37, 64, 256, 4096}) {
    EXPECT_TRUE(testing::bit_identical(render(make, block), whole))
        << name << " with blocks of " << block;
  }
}

const std::vector<double> kFreq = lfo(440, 300, 3);
const std::vector<double> kWidth = lfo(0.5, 0.6, 2);
const std::vector<double> kInput = testing::test_noise(kSamples, 11);
const std::vector<double> kCutoff = lfo(2000, 1900, 5);
const std::vector<double> kQ = lfo(2, 1.5, 7);

TEST(BlockSize, OscillatorsAreInvariant) {
  auto oscillator = [](auto block_fn) {
    return [block_fn] {
      auto state = std::make_shared<OscillatorState>(OscillatorState{kRate});
      return Kernel([state, block_fn](std::size_t o, std::size_t n, double* out) {
        block_fn(*state, o, n, out);
      });
    };
  };
  expect_block_size_invariant(
      "sine", oscillator([](OscillatorState& st, std::size_t o, std::size_t n, double* out) {
        sine_block(st, kFreq.data() + o, out, n);
      }));
  expect_block_size_invariant(
      "saw", oscillator([](OscillatorState& st, std::size_t o, std::size_t n, double* out) {
        saw_block(st, kFreq.data() + o, out, n);
      }));
  expect_block_size_invariant(
      "square", oscillator([](OscillatorState& st, std::size_t o, std::size_t n, double* out) {
        square_block(st, kFreq.data() + o, kWidth.data() + o, out, n);
      }));
  expect_block_size_invariant(
      "tri", oscillator([](OscillatorState& st, std::size_t o, std::size_t n, double* out) {
        tri_block(st, kFreq.data() + o, out, n);
      }));
}

TEST(BlockSize, WhiteNoiseIsInvariant) {
  expect_block_size_invariant("white", [] {
    auto state = std::make_shared<WhiteNoiseState>(WhiteNoiseState{0xC0FFEE});
    return Kernel(
        [state](std::size_t, std::size_t n, double* out) { white_block(*state, out, n); });
  });
}

TEST(BlockSize, FiltersAreInvariant) {
  using BlockFn = void (*)(SvfState&, const double*, const double*, const double*, double*,
                           std::size_t) noexcept;
  for (auto [name, fn] : {std::pair<const char*, BlockFn>{"lpf", &lpf_block},
                          std::pair<const char*, BlockFn>{"hpf", &hpf_block},
                          std::pair<const char*, BlockFn>{"bpf", &bpf_block}}) {
    expect_block_size_invariant(name, [fn] {
      auto state = std::make_shared<SvfState>(SvfState{kRate});
      return Kernel([state, fn](std::size_t o, std::size_t n, double* out) {
        fn(*state, kInput.data() + o, kCutoff.data() + o, kQ.data() + o, out, n);
      });
    });
  }
  // A block-constant cutoff takes the computed-once path in some blocks only.
  std::vector<double> stepped(kSamples, 800.0);
  for (std::size_t s = 30000; s < 31000; ++s) stepped[s] = 800 + static_cast<double>(s % 7);
  expect_block_size_invariant("lpf stepped", [&stepped] {
    auto state = std::make_shared<SvfState>(SvfState{kRate});
    return Kernel([state, &stepped](std::size_t o, std::size_t n, double* out) {
      lpf_block(*state, kInput.data() + o, stepped.data() + o, kQ.data() + o, out, n);
    });
  });
}

TEST(BlockSize, DelayIsInvariant) {
  const std::vector<double> seconds = lfo(0.2, 0.15, 0.5);
  const std::vector<double> feedback = lfo(0.3, 0.6, 1);
  expect_block_size_invariant("delay", [&] {
    auto state = std::make_shared<DelayState>(kRate);
    return Kernel([state, &seconds, &feedback](std::size_t o, std::size_t n, double* out) {
      delay_block(*state, kInput.data() + o, seconds.data() + o, feedback.data() + o, out, n);
    });
  });
}

TEST(BlockSize, ReverbIsInvariant) {
  const std::vector<double> room = lfo(0.5, 0.4, 0.7);
  const std::vector<double> damp = lfo(0.5, 0.4, 1.3);
  const std::vector<double> mix = lfo(0.5, 0.4, 0.9);
  expect_block_size_invariant("reverb", [&] {
    auto state = std::make_shared<ReverbState>(kRate);
    return Kernel([state, &room, &damp, &mix](std::size_t o, std::size_t n, double* out) {
      reverb_block(*state, kInput.data() + o, room.data() + o, damp.data() + o, mix.data() + o, out,
                   n);
    });
  });
}

TEST(BlockSize, AdsrIsInvariant) {
  const std::vector<double> gate = lfo(0, 1, 4.3); // several rising and falling edges
  const std::vector<double> attack = lfo(0.02, 0.015, 0.3);
  const std::vector<double> decay = lfo(0.05, 0.04, 0.4);
  const std::vector<double> sustain = lfo(0.6, 0.3, 0.5);
  const std::vector<double> release = lfo(0.03, 0.02, 0.6);
  expect_block_size_invariant("adsr", [&] {
    auto state = std::make_shared<AdsrState>(AdsrState{kRate});
    return Kernel([state, &gate, &attack, &decay, &sustain, &release](std::size_t o, std::size_t n,
                                                                      double* out) {
      adsr_block(*state, gate.data() + o, attack.data() + o, decay.data() + o, sustain.data() + o,
                 release.data() + o, out, n);
    });
  });
}

} // namespace
} // namespace weft::audio::dsp
