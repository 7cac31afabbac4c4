// Expression-VM benchmark (issue 4, item 5): each kernel is written in WEFT, lowered with
// weft::ir::check_text, compiled with vm::compile and run with vm::run, beside a hand-written C++
// loop computing the same thing in the same numeric semantics as the VM (execute.h: operators in
// the lane type, float sin/cos/… through the binary32 kernels of vm/float_math.h, other builtins
// through the binary64 reference rounded to the lane type). Before timing every kernel's output
// is compared with the reference bit for bit (hydra: within a tolerance); a mismatch aborts.
//   ripple - 1920x1080 float lanes: d = hypot(x - 0.5, y - 0.5), three channels
//            0.5 + 0.5 * sin(d * 40 - time * 3 + k), k = 0, 2, 4;
//   fbm    - 1920x1080 float lanes: fbm(x * 8, y * 8, time, octaves: 4);
//   hydra  - 1280x720 float lanes: a rotated, kaleidoscoped polar pattern (hypot, atan2, floor,
//            cos, three sin per pixel) against a plain loop with the C library's float functions;
//   audio  - one second at 48 kHz, double lanes, block 256: the sum of 32 sine oscillators
//            sin(time * f_k * tau) from the VM, then a one-pole lowpass applied by the harness
//            (stateful, not a VM node), identically in the reference;
//   compile - vm::compile of a generated program whose sink cone has about 3,000 IR nodes.
// Single-threaded. Ends with a table of VM time, reference time, reference/VM (higher is better,
// 1.0 = as fast as hand-written C++) and the targets. Never fails on an absolute time.
// Run: build-h8/bench/weft_vm_bench (results and the machine: bench/README.md).
#include "ir/builtins/noise.h"
#include "ir/check.h"
#include "lang/diagnostic.h"
#include "summary_reporter.h"
#include "vm/compile.h"
#include "vm/execute.h"
#include "vm/float_math.h"

#include <algorithm>
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

/// The ripple by hand: float operators, hypot and sin through the VM's binary32 kernels
/// (vm/float_math.h) over chunks of lanes.
void ripple_reference(const Frame& f, float time, float* r, float* g, float* b) {
  constexpr std::size_t kChunk = 1024;
  const float phase = time * 3.0f;
  std::array<std::array<float, kChunk>, 3> args;
  std::array<float, kChunk> dx, dy, sines;
  float* const planes[3] = {r, g, b};
  for (std::size_t base = 0; base < kPixels; base += kChunk) {
    const std::size_t n = std::min(kChunk, kPixels - base);
    for (std::size_t i = 0; i < n; ++i) {
      dx[i] = f.x[base + i] - 0.5f;
      dy[i] = f.y[base + i] - 0.5f;
    }
    vm::hypot_lanes(dx.data(), dy.data(), dx.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      const float a = dx[i] * 40.0f - phase;
      args[0][i] = a + 0.0f;
      args[1][i] = a + 2.0f;
      args[2][i] = a + 4.0f;
    }
    for (int c = 0; c < 3; ++c) {
      vm::sin_lanes(args[c].data(), sines.data(), n);
      float* out = planes[c] + base;
      for (std::size_t i = 0; i < n; ++i) out[i] = 0.5f + 0.5f * sines[i];
    }
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
// Hydra-style kernel: a rotated, kaleidoscoped polar pattern on a 1280x720 frame (per pixel
// hypot, atan2, floor, cos and three sin), against a plain loop of the same formula with the
// C library's binary32 functions (std::sin(float) and so on). The two differ by the functions'
// rounding, so the check is a tolerance, not bits.

constexpr std::size_t kHydraWidth = 1280;
constexpr std::size_t kHydraHeight = 720;
constexpr std::size_t kHydraPixels = kHydraWidth * kHydraHeight;
constexpr float kHydraTolerance = 1e-3f;

const char* const kHydraSource =
    "an<v> = 0.8 + 0.1 * me@time\n"
    "p<u, v> = <(me@x - 0.5) * 1280 / 720, 0.5 - me@y>\n"
    "rot<u, v> = <p@u * cos(an@v) - p@v * sin(an@v), p@u * sin(an@v) + p@v * cos(an@v)>\n"
    "polar<r, a> = <hypot(rot@u, rot@v), atan2(rot@v, rot@u)>\n"
    "sg<v> = tau / 5\n"
    "m<v> = abs(polar@a - sg@v * floor(polar@a / sg@v) - sg@v * 0.5)\n"
    "k<v> = polar@r * cos(m@v)\n"
    "display(0.5 + 0.5 * sin((k@v * 20 + me@time * 0.1 + 0) * tau),\n"
    "        0.5 + 0.5 * sin((k@v * 20 + me@time * 0.1 + 0.04) * tau),\n"
    "        0.5 + 0.5 * sin((k@v * 20 + me@time * 0.1 + 0.08) * tau))\n";

struct HydraFrame {
  std::vector<float> x, y;
  HydraFrame() : x(kHydraPixels), y(kHydraPixels) {
    for (std::size_t i = 0; i < kHydraPixels; ++i) {
      x[i] = (static_cast<float>(i % kHydraWidth) + 0.5f) / static_cast<float>(kHydraWidth);
      y[i] = (static_cast<float>(i / kHydraWidth) + 0.5f) / static_cast<float>(kHydraHeight);
    }
  }
};

const HydraFrame& hydra_frame() {
  static const HydraFrame f;
  return f;
}

struct HydraKernel {
  weft::ir::CheckedProgram checked = check_or_exit(kHydraSource);
  vm::Program program;
  std::vector<std::vector<float>> planes;
  std::vector<float*> plane_ptrs;
  vm::Workspace<float> workspace;

  HydraKernel() {
    const auto outs = sink_values(*checked.module, 3);
    program = vm::compile(checked.module->graph, outs, vm::CompileOptions{});
    planes.assign(outs.size(), std::vector<float>(kHydraPixels));
    for (auto& p : planes) plane_ptrs.push_back(p.data());
  }
  void run() {
    vm::Inputs<float> in;
    in.coord_lanes[index_of(Coord::X)] = hydra_frame().x.data();
    in.coord_lanes[index_of(Coord::Y)] = hydra_frame().y.data();
    in.coords[index_of(Coord::Time)] = kFrameTime;
    vm::Outputs<float> out;
    out.lanes = plane_ptrs;
    vm::run<float>(program, in, out, kHydraPixels, workspace);
  }
};

HydraKernel& hydra_kernel() {
  static HydraKernel k;
  return k;
}

/// The same formula by hand, in binary32 with the C library's float functions.
void hydra_reference(const HydraFrame& f, float time, float* r, float* g, float* b) {
  constexpr float kTau = 2 * std::numbers::pi_v<float>;
  const float an = 0.8f + 0.1f * time;
  const float ca = std::cos(an), sa = std::sin(an);
  const float sg = kTau / 5.0f;
  const float phase = time * 0.1f;
  for (std::size_t i = 0; i < kHydraPixels; ++i) {
    const float u = (f.x[i] - 0.5f) * 1280.0f / 720.0f;
    const float v = 0.5f - f.y[i];
    const float ru = u * ca - v * sa;
    const float rv = u * sa + v * ca;
    const float radius = std::hypot(ru, rv);
    const float angle = std::atan2(rv, ru);
    const float m = std::fabs(angle - sg * std::floor(angle / sg) - sg * 0.5f);
    const float k = radius * std::cos(m) * 20.0f + phase;
    r[i] = 0.5f + 0.5f * std::sin((k + 0.0f) * kTau);
    g[i] = 0.5f + 0.5f * std::sin((k + 0.04f) * kTau);
    b[i] = 0.5f + 0.5f * std::sin((k + 0.08f) * kTau);
  }
}

/// The largest difference between two planes (NaN if either has a NaN where the other has not).
float max_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const float d = std::fabs(a[i] - b[i]);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

void verify_hydra() {
  HydraKernel& k = hydra_kernel();
  k.run();
  std::vector<float> r(kHydraPixels), g(kHydraPixels), b(kHydraPixels);
  hydra_reference(hydra_frame(), kFrameTime, r.data(), g.data(), b.data());
  const float worst = std::max({max_difference(k.planes[0], r), max_difference(k.planes[1], g),
                                max_difference(k.planes[2], b)});
  std::printf("hydra: largest |VM - std:: float reference| over the frame: %.3g\n",
              static_cast<double>(worst));
  expect_or_exit(k.planes.size() == 3 && worst <= kHydraTolerance, "hydra");
}

void BM_HydraVM(benchmark::State& state) {
  HydraKernel& k = hydra_kernel();
  for (auto _ : state) {
    k.run();
    benchmark::DoNotOptimize(k.planes[0].data());
    benchmark::ClobberMemory();
  }
}

void BM_HydraReference(benchmark::State& state) {
  std::vector<float> r(kHydraPixels), g(kHydraPixels), b(kHydraPixels);
  for (auto _ : state) {
    hydra_reference(hydra_frame(), kFrameTime, r.data(), g.data(), b.data());
    benchmark::DoNotOptimize(r.data());
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
BENCHMARK(BM_HydraVM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HydraReference)->Unit(benchmark::kMillisecond);
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
  const double hydra_s = r.seconds("BM_HydraVM");
  const double hydra_ref_s = r.seconds("BM_HydraReference");
  if (hydra_s > 0 && hydra_ref_s > 0) {
    // No issue target: the reference uses the C library's binary32 functions, not the VM's.
    std::printf("%-8s %12.2f %12.2f %10.2f   (1280x720; %.0f frames/s on one core)\n", "hydra",
                hydra_s * 1e3, hydra_ref_s * 1e3, hydra_ref_s / hydra_s, 1.0 / hydra_s);
  }
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
        verify_hydra();
        verify_audio();
      },
      [](const SummaryReporter& r) { print_summary(r); });
}
