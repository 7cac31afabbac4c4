// Audio benchmark (issue 6, item 7): the anchor patch of ../shared/bench/anchors/README.md written
// in WEFT (bench/programs/audio_anchor_16.weft and audio_anchor_64.weft: N band-limited saws
// through the spec's state-variable low-pass, each cutoff swept by its own per-sample sine LFO),
// rendered through the driver (driver::Program, the audio backend's serial executor, one thread)
// beside a hand-written C++ reference of the same patch that calls the same DSP kernels of
// src/audio/dsp (saw_block, lpf_block, make_safe) on plain arrays, block by block, with the LFO
// written out as `900 + 500 * std::sin(w * t)`: the "limit" for this patch, i.e. the kernels
// without the engine (schedule, buffers) and the VM expression nodes. Before timing, the first
// two seconds of each N are compared bit for bit (a mismatch prints the sample and exits 1).
//   BM_Weft/N/block:B       - 1 s of audio per iteration through AudioBackend::process (block B)
//   BM_Reference/N          - 1 s of audio per iteration, the hand-written reference
//   BM_BlockTimes/64        - 60 s of audio in 128-sample blocks, each timed (steady_clock, and
//                             the thread's CPU time): p50 / p99 / max in µs against the block's
//                             real-time budget (128 / 48000 s = 2667 µs)
// Ends with a table of realtime factors (seconds of audio per second), weft / reference, and the
// block times. Never fails on an absolute time. Run: build-abench/bench/weft_audio_bench;
// the anchors themselves run beside `weft render --audio` in bench/audio_anchors.sh.
#include "audio/dsp/filters.h"
#include "audio/dsp/oscillators.h"
#include "audio/dsp/safety.h"
#include "driver/program.h"
#include "summary_reporter.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <numbers>
#include <sstream>
#include <string>
#include <time.h>
#include <utility>
#include <vector>

namespace {

namespace dsp = weft::audio::dsp;

constexpr double kRate = 48000;
constexpr std::size_t kSecond = 48000;
constexpr int kVoiceCounts[] = {16, 64};
constexpr std::size_t kBlocks[] = {128, 256, 1024};
constexpr std::size_t kDefaultBlock = 256; ///< backends::audio::Options::block
constexpr std::size_t kLatencyBlock = 128;
constexpr int kLatencyVoices = 64;
constexpr double kLatencySeconds = 60;

std::string program_path(int voices) {
  return fmt::format("{}/bench/programs/audio_anchor_{}.weft", WEFT_SOURCE_DIR, voices);
}

std::unique_ptr<weft::driver::Program> compile(int voices, std::size_t block) {
  weft::driver::ProgramOptions options;
  options.needs_sound = true;
  options.audio.block = block;
  std::ostringstream err;
  int status = 0;
  auto program = weft::driver::Program::compile(program_path(voices), options, err, status);
  if (!program || program->sound()->rate() != kRate) {
    std::cerr << "audio_bench: " << program_path(voices) << " does not compile:\n" << err.str();
    std::exit(1);
  }
  return program;
}

/// The patch by hand: per block, per voice, the LFO into an array, then the kernels of the
/// builtins `saw` and `lpf` (the same functions the engine's nodes call), the voices summed in
/// order, scaled by 0.005 and passed through the safety stage. Compiled with -ffp-contract=off,
/// like the VM and the kernels, so the arithmetic rounds as WEFT's does.
class Reference {
public:
  Reference(int voices, std::size_t block)
      : block_(block), time_(block), cutoff_(block), q_(block, 2.0), saw_(block), low_(block),
        mix_(block) {
    for (int i = 0; i < voices; ++i) {
      // As the program's constants fold: `55 * (1 + 0.25 * i)`, `tau * (0.3 + 0.05 * i)`.
      Voice v;
      v.freq.assign(block, 55 * (1 + 0.25 * i));
      v.omega = 2 * std::numbers::pi * (0.3 + 0.05 * i);
      v.saw.rate = kRate;
      v.filter.rate = kRate;
      voices_.push_back(std::move(v));
    }
  }

  void process(std::size_t n, double* left, double* right) noexcept {
    for (std::size_t done = 0; done < n;) {
      const std::size_t m = std::min(block_, n - done);
      for (std::size_t j = 0; j < m; ++j) {
        time_[j] = static_cast<double>(sample_ + static_cast<std::int64_t>(j)) / kRate;
      }
      std::fill_n(mix_.data(), m, 0.0);
      for (Voice& v : voices_) {
        for (std::size_t j = 0; j < m; ++j) cutoff_[j] = 900 + 500 * std::sin(v.omega * time_[j]);
        dsp::saw_block(v.saw, v.freq.data(), saw_.data(), m);
        dsp::lpf_block(v.filter, saw_.data(), cutoff_.data(), q_.data(), low_.data(), m);
        for (std::size_t j = 0; j < m; ++j) mix_[j] += low_[j];
      }
      for (std::size_t j = 0; j < m; ++j) {
        left[done + j] = right[done + j] = dsp::make_safe(mix_[j] * 0.005);
      }
      sample_ += static_cast<std::int64_t>(m);
      done += m;
    }
  }

private:
  struct Voice {
    std::vector<double> freq;
    double omega = 0;
    dsp::OscillatorState saw;
    dsp::SvfState filter;
  };
  std::size_t block_;
  std::int64_t sample_ = 0;
  std::vector<Voice> voices_;
  std::vector<double> time_, cutoff_, q_, saw_, low_, mix_;
};

/// Two seconds of each patch from weft and from the reference must agree bit for bit.
void verify() {
  constexpr std::size_t n = 2 * kSecond;
  for (int voices : kVoiceCounts) {
    auto program = compile(voices, kDefaultBlock);
    Reference reference(voices, kDefaultBlock);
    std::vector<double> l(n), r(n), want_l(n), want_r(n);
    program->sound()->process(n, l.data(), r.data());
    reference.process(n, want_l.data(), want_r.data());
    double peak = 0;
    for (std::size_t i = 0; i < n; ++i) {
      peak = std::max(peak, std::fabs(want_l[i]));
      if (std::bit_cast<std::uint64_t>(l[i]) != std::bit_cast<std::uint64_t>(want_l[i]) ||
          std::bit_cast<std::uint64_t>(r[i]) != std::bit_cast<std::uint64_t>(want_r[i])) {
        std::fprintf(stderr,
                     "audio_bench: N=%d sample %zu: weft (%.17g, %.17g), reference (%.17g, "
                     "%.17g)\n",
                     voices, i, l[i], r[i], want_l[i], want_r[i]);
        std::exit(1);
      }
    }
    if (!(peak > 0.01)) {
      std::fprintf(stderr, "audio_bench: N=%d is silent (peak %g)\n", voices, peak);
      std::exit(1);
    }
    std::printf("N=%d: weft equals the reference bit for bit over %zu samples (peak %.4f)\n",
                voices, n, peak);
  }
}

void realtime_counter(benchmark::State& state) {
  // One iteration is one second of audio: iterations per CPU second = the realtime factor (the
  // summary table divides by wall time instead).
  state.counters["x_realtime"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Weft(benchmark::State& state, int voices, std::size_t block) {
  auto program = compile(voices, block);
  std::vector<double> l(kSecond), r(kSecond);
  for (auto _ : state) {
    program->sound()->process(kSecond, l.data(), r.data());
    benchmark::DoNotOptimize(l.data());
    benchmark::DoNotOptimize(r.data());
  }
  realtime_counter(state);
}

void BM_Reference(benchmark::State& state, int voices) {
  Reference reference(voices, kDefaultBlock);
  std::vector<double> l(kSecond), r(kSecond);
  for (auto _ : state) {
    reference.process(kSecond, l.data(), r.data());
    benchmark::DoNotOptimize(l.data());
    benchmark::DoNotOptimize(r.data());
  }
  realtime_counter(state);
}

struct BlockTimes {
  double p50 = 0, p99 = 0, max = 0; ///< µs
};
struct BlockStats {
  BlockTimes wall, cpu;
  double budget = 0; ///< µs
  std::size_t blocks = 0;
};
BlockStats g_block_stats;

BlockTimes percentiles(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double p) {
    return us[std::min(us.size() - 1,
                       static_cast<std::size_t>(p * static_cast<double>(us.size())))];
  };
  return {at(0.50), at(0.99), us.back()};
}

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) * 1e-3;
}

/// Every block of 60 s of the 64-voice patch at 128 samples, timed on its own (the live path's
/// unit of work: one audio callback of 128 frames): wall time with steady_clock, and this
/// thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which leaves out the time the thread was
/// preempted: on a shared machine the wall p99 measures the scheduler as much as the engine.
void BM_BlockTimes(benchmark::State& state) {
  auto program = compile(kLatencyVoices, kLatencyBlock);
  const auto blocks = static_cast<std::size_t>(kLatencySeconds * kRate) / kLatencyBlock;
  std::vector<double> l(kLatencyBlock), r(kLatencyBlock), wall(blocks), cpu(blocks);
  for (auto _ : state) {
    for (std::size_t b = 0; b < blocks; ++b) {
      const double c0 = thread_cpu_us();
      const auto t0 = std::chrono::steady_clock::now();
      program->sound()->process(kLatencyBlock, l.data(), r.data());
      const auto t1 = std::chrono::steady_clock::now();
      cpu[b] = thread_cpu_us() - c0;
      benchmark::DoNotOptimize(l.data());
      wall[b] = std::chrono::duration<double, std::micro>(t1 - t0).count();
    }
  }
  g_block_stats = {percentiles(wall), percentiles(cpu), 1e6 * kLatencyBlock / kRate, blocks};
  state.counters["p50_us"] = g_block_stats.wall.p50;
  state.counters["p99_us"] = g_block_stats.wall.p99;
  state.counters["max_us"] = g_block_stats.wall.max;
  state.counters["cpu_p99_us"] = g_block_stats.cpu.p99;
  state.counters["budget_us"] = g_block_stats.budget;
}

/// Each iteration is a second of audio (up to a tenth of a second of CPU): time a few seconds.
constexpr double kMinTime = 2.0;

std::string timed(const std::string& name) {
  return fmt::format("{}/min_time:{:.3f}", name, kMinTime);
}

void register_all() {
  for (int voices : kVoiceCounts) {
    for (std::size_t block : kBlocks) {
      benchmark::RegisterBenchmark(fmt::format("BM_Weft/{}/block:{}", voices, block).c_str(),
                                   BM_Weft, voices, block)
          ->Unit(benchmark::kMillisecond)
          ->MinTime(kMinTime);
    }
    benchmark::RegisterBenchmark(fmt::format("BM_Reference/{}", voices).c_str(), BM_Reference,
                                 voices)
        ->Unit(benchmark::kMillisecond)
        ->MinTime(kMinTime);
  }
  benchmark::RegisterBenchmark(fmt::format("BM_BlockTimes/{}", kLatencyVoices).c_str(),
                               BM_BlockTimes)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
}

} // namespace

int main(int argc, char** argv) {
  register_all();
  return weft::bench::run_benchmarks(argc, argv, verify, [](const weft::bench::SummaryReporter& r) {
    auto factor = [](double seconds) { return seconds > 0 ? 1 / seconds : 0.0; };
    std::printf("\nrealtime factor (seconds of audio per second, one thread; 48 kHz stereo)\n");
    std::printf("%6s %12s %12s %12s %12s %14s\n", "voices", "weft b128", "weft b256", "weft b1024",
                "reference", "weft/ref b256");
    for (int voices : kVoiceCounts) {
      double weft[3];
      for (std::size_t k = 0; k < 3; ++k) {
        weft[k] = factor(r.seconds(timed(fmt::format("BM_Weft/{}/block:{}", voices, kBlocks[k]))));
      }
      const double ref = factor(r.seconds(timed(fmt::format("BM_Reference/{}", voices))));
      if (weft[1] == 0 && ref == 0) continue;
      std::printf("%6d %11.1fx %11.1fx %11.1fx %11.1fx %14s\n", voices, weft[0], weft[1], weft[2],
                  ref, ref > 0 && weft[1] > 0 ? fmt::format("{:.2f}", weft[1] / ref).c_str() : "-");
    }
    std::printf("(reference = the same DSP kernels on arrays, no engine, no VM: the limit for "
                "this patch at bit-identical output)\n");
    if (g_block_stats.blocks > 0) {
      const BlockStats& b = g_block_stats;
      std::printf(
          "\n%d voices, %zu-sample blocks, %zu blocks (%.0f s), budget %.1f us per block:\n",
          kLatencyVoices, kLatencyBlock, b.blocks, kLatencySeconds, b.budget);
      for (const auto& [what, t] :
           {std::pair{"wall (steady_clock)", b.wall}, std::pair{"thread CPU time", b.cpu}}) {
        std::printf("  %-20s p50 %7.1f us  p99 %7.1f us (%5.1f%% of budget)  max %8.1f us\n", what,
                    t.p50, t.p99, 100 * t.p99 / b.budget, t.max);
      }
    }
  });
}
