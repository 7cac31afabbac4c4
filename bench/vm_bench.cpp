// Expression-VM benchmark (issue 4, item 5): each kernel is written in WEFT, lowered with
// weft::ir::check_text, compiled with vm::compile and run with vm::run, beside a hand-written C++
// loop computing the same thing in the same numeric semantics as the VM (execute.h: operators in
// the lane type, builtins through the binary64 reference rounded to the lane type). Before timing
// every kernel's output is compared with the reference bit for bit; a mismatch aborts the run.
//   ripple - 1920x1080 float lanes: d = hypot(x - 0.5, y - 0.5), three channels
//            0.5 + 0.5 * sin(d * 40 - time * 3 + k), k = 0, 2, 4;
//   fbm    - 1920x1080 float lanes: fbm(x * 8, y * 8, time, octaves: 4);
//   audio  - one second at 48 kHz, double lanes, block 256: the sum of 32 sine oscillators
//            sin(time * f_k * tau) from the VM, then a one-pole lowpass applied by the harness
//            (stateful, not a VM node), identically in the reference;
//   compile - vm::compile of a generated program whose sink cone has about 3,000 IR nodes.
// Single-threaded. Ends with a table of VM time, reference time, reference/VM (higher is better,
// 1.0 = as fast as hand-written C++) and the targets. Never fails on an absolute time.
// Run: build-h8/bench/weft_vm_bench (results and the machine: bench/README.md).
#include "ir/builtins/math.h"
#include "ir/builtins/noise.h"
#include "ir/check.h"
#include "lang/diagnostic.h"
#include "summary_reporter.h"
#include "vm/compile.h"
#include "vm/execute.h"

#include <array>
#include <benchmark/benchmark.h>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <numbers>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

using weft::ir::Coord;
namespace vm = weft::vm;

constexpr std::size_t kWidth = 1920;
constexpr std::size_t kHeight = 1080;
constexpr std::size_t kPixels = kWidth * kHeight;
constexpr float kFrameTime = 1.25f;
constexpr std::size_t kSampleRate = 48'000;
constexpr std::uint32_t kAudioBlock = 256;
constexpr int kOscillators = 32;

constexpr int index_of(Coord c) {
  return static_cast<int>(c);
}

/// Lowers `source`; exits with its diagnostics if it has errors.
weft::ir::CheckedProgram check_or_exit(const std::string& source) {
  weft::ir::CheckedProgram checked = weft::ir::check_text("bench.weft", source);
  if (!checked.ok()) {
    std::cerr << "vm_bench: program has errors:\n";
    weft::lang::render_diagnostics(checked.parsed.diagnostics, std::cerr);
    std::exit(1);
  }
  return checked;
}

/// The first `count` values of the module's first sink, in order (a `display` also has `a`).
std::vector<weft::ir::NodeId> sink_values(const weft::ir::Module& m, std::size_t count) {
  std::vector<weft::ir::NodeId> out;
  for (const auto& v : m.sinks.at(0).values) {
    if (out.size() < count) out.push_back(v.value);
  }
  return out;
}

template <class T> bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  using Bits = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<Bits>(a[i]) != std::bit_cast<Bits>(b[i])) {
      std::fprintf(stderr, "vm_bench: lane %zu differs: vm %.9g, reference %.9g\n", i,
                   static_cast<double>(a[i]), static_cast<double>(b[i]));
      return false;
    }
  }
  return true;
}

void expect_or_exit(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "vm_bench: %s: VM output differs from the reference\n", what);
  std::exit(1);
}

// ---------------------------------------------------------------------------------------------
// Visual kernels: float lanes over a 1920x1080 frame, x and y varying, time uniform.

struct Frame {
  std::vector<float> x, y;
  Frame() : x(kPixels), y(kPixels) {
    for (std::size_t i = 0; i < kPixels; ++i) {
      x[i] = (static_cast<float>(i % kWidth) + 0.5f) / static_cast<float>(kWidth);
      y[i] = (static_cast<float>(i / kWidth) + 0.5f) / static_cast<float>(kHeight);
    }
  }
};

const Frame& frame() {
  static const Frame f;
  return f;
}

/// A compiled visual program with its output planes.
struct VisualKernel {
  weft::ir::CheckedProgram checked;
  vm::Program program;
  std::vector<std::vector<float>> planes;
  std::vector<float*> plane_ptrs;
  vm::Workspace<float> workspace;

  VisualKernel(const std::string& source, std::size_t channels) : checked(check_or_exit(source)) {
    const auto outs = sink_values(*checked.module, channels);
    vm::CompileOptions options; // x and y varying, block 1024
    program = vm::compile(checked.module->graph, outs, options);
    planes.assign(outs.size(), std::vector<float>(kPixels));
    for (auto& p : planes) plane_ptrs.push_back(p.data());
  }
  void run() {
    vm::Inputs<float> in;
    in.coord_lanes[index_of(Coord::X)] = frame().x.data();
    in.coord_lanes[index_of(Coord::Y)] = frame().y.data();
    in.coords[index_of(Coord::Time)] = kFrameTime;
    vm::Outputs<float> out;
    out.lanes = plane_ptrs;
    vm::run<float>(program, in, out, kPixels, workspace);
  }
};

const char* const kRippleSource = "d<v> = hypot(me@x - 0.5, me@y - 0.5)\n"
                                  "display(0.5 + 0.5 * sin(d@v * 40 - me@time * 3 + 0),\n"
                                  "        0.5 + 0.5 * sin(d@v * 40 - me@time * 3 + 2),\n"
                                  "        0.5 + 0.5 * sin(d@v * 40 - me@time * 3 + 4))\n";

/// The ripple by hand: float operators, hypot and sin through binary64 rounded to float.
void ripple_reference(const Frame& f, float time, float* r, float* g, float* b) {
  const float phase = time * 3.0f;
  for (std::size_t i = 0; i < kPixels; ++i) {
    const std::array<double, 2> offset = {f.x[i] - 0.5f, f.y[i] - 0.5f};
    const float d = static_cast<float>(weft::ir::math::hypot(offset));
    const float a = d * 40.0f - phase;
    r[i] = 0.5f + 0.5f * static_cast<float>(std::sin(static_cast<double>(a + 0.0f)));
    g[i] = 0.5f + 0.5f * static_cast<float>(std::sin(static_cast<double>(a + 2.0f)));
    b[i] = 0.5f + 0.5f * static_cast<float>(std::sin(static_cast<double>(a + 4.0f)));
  }
}

const char* const kFbmSource = "display(fbm(me@x * 8, me@y * 8, me@time, octaves: 4))\n";

/// fbm by hand: the float products widened, the spec's binary64 fbm, rounded to float.
void fbm_reference(const Frame& f, float time, float* out) {
  for (std::size_t i = 0; i < kPixels; ++i) {
    out[i] =
        static_cast<float>(weft::ir::noise::fbm(f.x[i] * 8.0f, f.y[i] * 8.0f, time, 4, 2, 0.5));
  }
}

VisualKernel& ripple_kernel() {
  static VisualKernel k(kRippleSource, 3);
  return k;
}

VisualKernel& fbm_kernel() {
  static VisualKernel k(kFbmSource, 1);
  return k;
}

void verify_visual() {
  VisualKernel& ripple = ripple_kernel();
  ripple.run();
  std::vector<float> r(kPixels), g(kPixels), b(kPixels);
  ripple_reference(frame(), kFrameTime, r.data(), g.data(), b.data());
  expect_or_exit(ripple.planes.size() == 3 && same_bits(ripple.planes[0], r) &&
                     same_bits(ripple.planes[1], g) && same_bits(ripple.planes[2], b),
                 "ripple");
  VisualKernel& fbm = fbm_kernel();
  fbm.run();
  std::vector<float> n(kPixels);
  fbm_reference(frame(), kFrameTime, n.data());
  expect_or_exit(fbm.planes.size() == 1 && same_bits(fbm.planes[0], n), "fbm");
}

void BM_RippleVM(benchmark::State& state) {
  VisualKernel& k = ripple_kernel();
  for (auto _ : state) {
    k.run();
    benchmark::DoNotOptimize(k.planes[0].data());
    benchmark::ClobberMemory();
  }
}

void BM_RippleReference(benchmark::State& state) {
  std::vector<float> r(kPixels), g(kPixels), b(kPixels);
  for (auto _ : state) {
    ripple_reference(frame(), kFrameTime, r.data(), g.data(), b.data());
    benchmark::DoNotOptimize(r.data());
    benchmark::ClobberMemory();
  }
}

void BM_FbmVM(benchmark::State& state) {
  VisualKernel& k = fbm_kernel();
  for (auto _ : state) {
    k.run();
    benchmark::DoNotOptimize(k.planes[0].data());
    benchmark::ClobberMemory();
  }
}

void BM_FbmReference(benchmark::State& state) {
  std::vector<float> n(kPixels);
  for (auto _ : state) {
    fbm_reference(frame(), kFrameTime, n.data());
    benchmark::DoNotOptimize(n.data());
    benchmark::ClobberMemory();
  }
}

// ---------------------------------------------------------------------------------------------
// Audio: double lanes, sample and time varying, blocks of 256, one second at 48 kHz.

double oscillator_frequency(int k) {
  return 55.0 + 27.5 * k; // exact in binary64 and in the program text
}

std::string audio_source() {
  std::string sum;
  for (int k = 0; k < kOscillators; ++k) {
    if (k > 0) sum += " + ";
    char term[64];
    std::snprintf(term, sizeof term, "sin(me@time * %.1f * tau)", oscillator_frequency(k));
    sum += term;
  }
  return "voices<v> = " + sum + "\nplay(voices@v)\n";
}

/// The one-pole lowpass both sides apply after the oscillator sum: y += c * (x - y).
struct OnePole {
  double c = 1.0 - std::exp(-2.0 * std::numbers::pi * 1000.0 / kSampleRate);
  double y = 0;
  void process(double* samples, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) samples[i] = y += c * (samples[i] - y);
  }
};

struct Audio {
  weft::ir::CheckedProgram checked;
  vm::Program program;
  std::vector<double> sample, time, out;
  vm::Workspace<double> workspace;

  Audio() : checked(check_or_exit(audio_source())), sample(kSampleRate), time(kSampleRate) {
    vm::CompileOptions options;
    options.varying = weft::ir::coord_bit(Coord::Sample) | weft::ir::coord_bit(Coord::Time);
    options.block = kAudioBlock;
    program = vm::compile(checked.module->graph, sink_values(*checked.module, 1), options);
    for (std::size_t i = 0; i < kSampleRate; ++i) {
      sample[i] = static_cast<double>(i);
      time[i] = static_cast<double>(i) / kSampleRate;
    }
    out.resize(kSampleRate);
  }

  /// One second, block by block: the VM computes the sum, the harness filters it.
  void run() {
    OnePole lowpass;
    for (std::size_t offset = 0; offset < kSampleRate; offset += kAudioBlock) {
      const std::size_t n = std::min<std::size_t>(kAudioBlock, kSampleRate - offset);
      vm::Inputs<double> in;
      in.coord_lanes[index_of(Coord::Sample)] = sample.data() + offset;
      in.coord_lanes[index_of(Coord::Time)] = time.data() + offset;
      double* block_out = out.data() + offset;
      vm::Outputs<double> outs;
      outs.lanes = std::span<double* const>(&block_out, 1);
      vm::run<double>(program, in, outs, n, workspace);
      lowpass.process(block_out, n);
    }
  }
};

Audio& audio() {
  static Audio a;
  return a;
}

/// The oscillators by hand, in the same blocks, summed in the same order, then the same filter.
void audio_reference(const std::vector<double>& time, double* out) {
  constexpr double kTau = 2 * std::numbers::pi;
  std::array<double, kOscillators> freq;
  for (int k = 0; k < kOscillators; ++k) freq[k] = oscillator_frequency(k);
  OnePole lowpass;
  for (std::size_t offset = 0; offset < kSampleRate; offset += kAudioBlock) {
    const std::size_t n = std::min<std::size_t>(kAudioBlock, kSampleRate - offset);
    double* block = out + offset;
    for (std::size_t i = 0; i < n; ++i) {
      const double t = time[offset + i];
      double sum = std::sin(t * freq[0] * kTau);
      for (int k = 1; k < kOscillators; ++k) sum += std::sin(t * freq[k] * kTau);
      block[i] = sum;
    }
    lowpass.process(block, n);
  }
}

void verify_audio() {
  Audio& a = audio();
  a.run();
  std::vector<double> want(kSampleRate);
  audio_reference(a.time, want.data());
  expect_or_exit(same_bits(a.out, want), "audio");
}

void BM_AudioVM(benchmark::State& state) {
  Audio& a = audio();
  for (auto _ : state) {
    a.run();
    benchmark::DoNotOptimize(a.out.data());
    benchmark::ClobberMemory();
  }
}

void BM_AudioReference(benchmark::State& state) {
  std::vector<double> out(kSampleRate);
  for (auto _ : state) {
    audio_reference(audio().time, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
}

// ---------------------------------------------------------------------------------------------
// Compile time: a generated chain of strands, each reading its predecessor and one further back,
// so the sink's cone is a DAG with sharing (about 7 IR nodes per strand).

constexpr int kCompileStrands = 430;

std::string compile_source() {
  std::string text = "s0<v> = me@x + me@y\n";
  for (int i = 1; i < kCompileStrands; ++i) {
    char line[160];
    std::snprintf(line, sizeof line, "s%d<v> = s%d@v * %d.25 + sin(s%d@v - me@y * %d.5)\n", i,
                  i - 1, i, i / 2, i + 1);
    text += line;
  }
  text += "display(s" + std::to_string(kCompileStrands - 1) + "@v)\n";
  return text;
}

struct CompileCase {
  weft::ir::CheckedProgram checked = check_or_exit(compile_source());
  std::vector<weft::ir::NodeId> outputs = sink_values(*checked.module, 1);
};

const CompileCase& compile_case() {
  static const CompileCase c;
  return c;
}

/// The number of distinct IR nodes in the cone of `outputs`.
std::size_t cone_size(const weft::ir::Graph& g, const std::vector<weft::ir::NodeId>& outputs) {
  std::unordered_set<weft::ir::NodeId> seen;
  std::vector<weft::ir::NodeId> stack(outputs.begin(), outputs.end());
  while (!stack.empty()) {
    const weft::ir::NodeId id = stack.back();
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    for (weft::ir::NodeId a : g.args(id)) stack.push_back(a);
  }
  return seen.size();
}

void BM_Compile(benchmark::State& state) {
  const CompileCase& c = compile_case();
  for (auto _ : state) {
    vm::Program p = vm::compile(c.checked.module->graph, c.outputs);
    benchmark::DoNotOptimize(p.code.data());
  }
  state.counters["nodes"] = static_cast<double>(cone_size(c.checked.module->graph, c.outputs));
}

BENCHMARK(BM_RippleVM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RippleReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FbmVM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FbmReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AudioVM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AudioReference)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Compile)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------

using weft::bench::SummaryReporter;

void print_ratio(const SummaryReporter& r, const char* kernel, const char* vm_name,
                 const char* ref_name, double target) {
  const double vm_s = r.seconds(vm_name);
  const double ref_s = r.seconds(ref_name);
  if (vm_s == 0 || ref_s == 0) return; // filtered out
  const double ratio = ref_s / vm_s;
  std::printf("%-8s %12.2f %12.2f %10.2f   >= %.2f  %s\n", kernel, vm_s * 1e3, ref_s * 1e3, ratio,
              target, ratio >= target ? "MET" : "MISSED");
}

void print_summary(const SummaryReporter& r) {
  std::printf("\n%-8s %12s %12s %10s   %-7s\n", "kernel", "VM ms", "ref ms", "ref/VM", "target");
  print_ratio(r, "ripple", "BM_RippleVM", "BM_RippleReference", 0.55);
  print_ratio(r, "fbm", "BM_FbmVM", "BM_FbmReference", 0.45);
  print_ratio(r, "audio", "BM_AudioVM", "BM_AudioReference", 0.85);
  std::printf("(ripple, fbm: one 1920x1080 frame; audio: one second at 48 kHz)\n");
  const double compile_s = r.seconds("BM_Compile");
  if (compile_s > 0) {
    const CompileCase& c = compile_case();
    std::printf("compile  %zu-node cone: %.1f us   <= 2000 us  %s\n",
                cone_size(c.checked.module->graph, c.outputs), compile_s * 1e6,
                compile_s <= 2e-3 ? "MET" : "MISSED");
  }
}

} // namespace

int main(int argc, char** argv) {
  return weft::bench::run_benchmarks(
      argc, argv,
      [] {
        verify_visual();
        verify_audio();
      },
      [](const SummaryReporter& r) { print_summary(r); });
}
