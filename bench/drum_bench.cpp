// Drum benchmark (issue 8, item 6): the realtime factor of a 64-voice drum pattern
// (bench/programs/drums_64.weft: four default-kit samples, 240 onsets a second, about 64 voices at
// once, gain and pan from patterns) rendered through the driver (driver::Program, the audio
// backend: an expression node per sample for the `pat` parameters, the pattern queried once per
// block, voices started at their exact samples), beside a hand-written reference: the same voice
// pool (dsp::SampleVoices) fed the same onsets from a precomputed list, with constant parameters —
// the limit, i.e. mixing the voices without patterns, engine or VM. Runs are interleaved (weft,
// reference, weft, …) and the median of 5 is reported, because this machine is noisy. Never fails
// on an absolute time. Run: build-bench/bench/weft_drum_bench.
#include "audio/dsp/sample_voices.h"
#include "driver/program.h"
#include "io/sample_bank.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <sstream>
#include <vector>

namespace {

namespace dsp = weft::audio::dsp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kRate = 48000;
constexpr std::size_t kBlock = 256;
constexpr double kSeconds = 10;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Seconds to render kSeconds of the program through the driver.
double time_weft(const std::string& path) {
  weft::driver::ProgramOptions options;
  options.needs_sound = true;
  options.audio.block = kBlock;
  std::ostringstream err;
  int status = 0;
  auto program = weft::driver::Program::compile(path, options, err, status);
  if (!program) {
    std::cerr << err.str();
    std::exit(1);
  }
  std::vector<double> left(kBlock), right(kBlock);
  double energy = 0;
  const auto begin = Clock::now();
  for (std::size_t done = 0; done < kSeconds * kRate; done += kBlock) {
    program->sound()->process(kBlock, left.data(), right.data());
    energy += left[0] * left[0];
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  if (!(energy > 0)) {
    std::cerr << "weft_drum_bench: the program made no sound\n";
    std::exit(1);
  }
  return seconds;
}

/// The same onsets (per layer: `count` a second, at ceil(k · rate / count)) straight into a
/// voice pool.
double time_reference(const std::vector<std::pair<const weft::io::SampleBuffer*, int>>& layers) {
  dsp::SampleVoices voices(kRate, 1024);
  std::vector<double> left(kBlock), right(kBlock), mono(kBlock);
  std::vector<std::size_t> next(layers.size(), 0);
  double energy = 0;
  const auto begin = Clock::now();
  for (std::size_t done = 0; done < kSeconds * kRate; done += kBlock) {
    for (std::size_t l = 0; l < layers.size(); ++l) {
      const auto [file, count] = layers[l];
      for (;;) {
        const std::size_t n0 = (next[l] * kRate + count - 1) / count;
        if (n0 >= done + kBlock) break;
        voices.start({file->left.data(), file->right_or_left().data(), file->frames(), file->rate},
                     static_cast<std::int64_t>(n0), {0.7, 1, 0.5});
        ++next[l];
      }
    }
    voices.render(static_cast<std::int64_t>(done), kBlock, left.data(), right.data(), mono.data());
    energy += left[0] * left[0];
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  if (!(energy > 0)) std::exit(1);
  return seconds;
}

} // namespace

int main() {
  const std::string path = std::string(WEFT_SOURCE_DIR) + "/bench/programs/drums_64.weft";
  weft::io::SampleBank bank(weft::io::sample_search_path(path));
  std::vector<std::pair<const weft::io::SampleBuffer*, int>> layers;
  std::vector<std::shared_ptr<const weft::io::SampleSet>> keep;
  for (auto [name, count] : {std::pair{"bd", 32}, {"sn", 48}, {"hh", 128}, {"cp", 32}}) {
    weft::io::SampleLookup found = bank.find(name);
    if (!found.set) {
      std::cerr << found.error << "\n";
      return 1;
    }
    keep.push_back(found.set);
    layers.emplace_back(found.set->files.front().get(), count);
  }
  std::vector<double> weft_times, reference_times;
  for (int run = 0; run < 5; ++run) {
    weft_times.push_back(time_weft(path));
    reference_times.push_back(time_reference(layers));
  }
  const double weft = kSeconds / median(weft_times);
  const double reference = kSeconds / median(reference_times);
  fmt::print("64-voice drum pattern, {} s at {} Hz, blocks of {}, one thread (median of 5)\n",
             kSeconds, kRate, kBlock);
  fmt::print("  weft (driver, s + pat):        {:8.1f}x realtime\n", weft);
  fmt::print("  reference (voice pool only):   {:8.1f}x realtime\n", reference);
  fmt::print("  weft / reference:              {:8.2f}\n", weft / reference);
  return 0;
}
