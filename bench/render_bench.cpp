// End-to-end frame rate of `weft render`'s picture path (driver::Program: the compiled
// program, the VM over rows, the worker pool), without file writing, for three programs written
// in WEFT: ripple and fbm (examples/ripple.weft, examples/clouds.weft) at 1920 × 1080 and the
// Hydra-style anchor patch (bench/programs/hydra.weft) at 1280 × 720, on 1 thread and on every
// core. The Hydra patch is also run as hand-written C++ (binary32 <cmath>, the same rows on the
// same pool): the limit for a CPU interpreter of this formula. The anchors themselves (Mesa
// llvmpipe GLSL, Halide) run beside this bench in bench/visual_anchors.sh.
#include "driver/program.h"
#include "io/image_write.h"
#include "runtime/worker_pool.h"
#include "summary_reporter.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

namespace {

struct Case {
  const char* name;
  const char* path; ///< under WEFT_SOURCE_DIR
  std::uint32_t width, height;
};

constexpr Case kCases[] = {
    {"ripple", "examples/ripple.weft", 1920, 1080},
    {"fbm", "examples/clouds.weft", 1920, 1080},
    {"hydra", "bench/programs/hydra.weft", 1280, 720},
};

std::unique_ptr<weft::driver::Program> compile(const Case& c, unsigned threads) {
  weft::driver::ProgramOptions options;
  options.needs_picture = true;
  options.visual.threads = threads;
  options.visual.width = c.width;
  options.visual.height = c.height;
  std::ostringstream err;
  int status = 0;
  auto program = weft::driver::Program::compile(std::string(WEFT_SOURCE_DIR) + "/" + c.path,
                                                options, err, status);
  if (!program) {
    std::cerr << "render_bench: " << c.path << " does not compile:\n" << err.str();
    std::exit(1);
  }
  return program;
}

unsigned all_cores() {
  return std::max(1U, std::thread::hardware_concurrency());
}

/// The Hydra patch by hand in binary32, rows shared out like the visual backend does.
class HydraReference {
public:
  explicit HydraReference(unsigned threads) : pool_(threads), rgb_(1280 * 720 * 3) {}

  const std::vector<std::uint8_t>& frame(int n) {
    constexpr int W = 1280, H = 720;
    const float t = static_cast<float>(n / 60.0);
    const float an = 0.8F + 0.1F * t;
    const float ca = std::cos(an), sa = std::sin(an);
    constexpr float tau = 6.28318530717958647692F;
    constexpr float seg = tau / 5;
    std::atomic<int> next{0};
    pool_.run([&](unsigned) {
      for (int y = next++; y < H; y = next++) {
        const float v = 0.5F - static_cast<float>((y + 0.5) / H);
        for (int x = 0; x < W; ++x) {
          const float u = (static_cast<float>((x + 0.5) / W) - 0.5F) * W / H;
          const float ru = u * ca - v * sa, rv = u * sa + v * ca;
          const float r = std::hypot(ru, rv), a = std::atan2(rv, ru);
          const float m = std::fabs(a - seg * std::floor(a / seg) - seg * 0.5F);
          const float k = r * std::cos(m);
          for (int c = 0; c < 3; ++c) {
            const float value = 0.5F + 0.5F * std::sin((k * 20 + t * 0.1F + c * 0.04F) * tau);
            rgb_[(static_cast<std::size_t>(y) * W + x) * 3 + c] = weft::io::output_byte(value);
          }
        }
      }
    });
    return rgb_;
  }

private:
  weft::runtime::WorkerPool pool_;
  std::vector<std::uint8_t> rgb_;
};

void BM_Frame(benchmark::State& state, Case c, unsigned threads) {
  auto program = compile(c, threads);
  std::int64_t n = 0;
  for (auto _ : state) benchmark::DoNotOptimize(program->render(n++).rgba.data());
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Compile(benchmark::State& state, Case c) {
  for (auto _ : state) benchmark::DoNotOptimize(compile(c, 1).get());
  state.SetLabel("check, graph, VM compile");
}

void BM_HydraReference(benchmark::State& state, unsigned threads) {
  HydraReference reference(threads);
  int n = 0;
  for (auto _ : state) benchmark::DoNotOptimize(reference.frame(n++).data());
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// The WEFT Hydra patch must draw what the C++ formula draws (±1 per 8-bit channel).
void verify() {
  auto program = compile(kCases[2], 0);
  HydraReference reference(all_cores());
  for (int n : {0, 59}) {
    const auto& image = program->render(n);
    const auto& want = reference.frame(n);
    int worst = 0;
    for (std::size_t p = 0; p < want.size() / 3; ++p) {
      for (std::size_t c = 0; c < 3; ++c) {
        const int got = weft::io::output_byte(image.rgba[p * 4 + c]);
        worst = std::max(worst, std::abs(got - int{want[p * 3 + c]}));
      }
    }
    if (worst > 1) {
      std::cerr << "render_bench: hydra frame " << n << " differs from the reference by " << worst
                << "\n";
      std::exit(1);
    }
  }
}

/// Frames take tens of milliseconds: time each case for a few seconds of wall-clock time.
constexpr double kMinTime = 2.0;

/// The name Google Benchmark reports for a timed case registered as `name`.
std::string timed(const std::string& name) {
  return fmt::format("{}/min_time:{:.3f}/real_time", name, kMinTime);
}

void register_all() {
  const unsigned cores = all_cores();
  for (const Case& c : kCases) {
    for (unsigned threads : {1U, cores}) {
      benchmark::RegisterBenchmark(fmt::format("BM_Frame/{}/threads:{}", c.name, threads).c_str(),
                                   BM_Frame, c, threads)
          ->Unit(benchmark::kMillisecond)
          ->MinTime(kMinTime)
          ->UseRealTime();
      if (cores == 1) break;
    }
    benchmark::RegisterBenchmark(fmt::format("BM_Compile/{}", c.name).c_str(), BM_Compile, c)
        ->Unit(benchmark::kMillisecond);
  }
  for (unsigned threads : {1U, cores}) {
    benchmark::RegisterBenchmark(fmt::format("BM_HydraReference/threads:{}", threads).c_str(),
                                 BM_HydraReference, threads)
        ->Unit(benchmark::kMillisecond)
        ->MinTime(kMinTime)
        ->UseRealTime();
    if (cores == 1) break;
  }
}

} // namespace

int main(int argc, char** argv) {
  register_all();
  return weft::bench::run_benchmarks(argc, argv, verify, [](const weft::bench::SummaryReporter& r) {
    const unsigned cores = all_cores();
    std::printf("\n%-8s %12s %10s %12s %10s %12s\n", "program", "size", "fps 1 thr",
                fmt::format("fps {} thr", cores).c_str(), "compile ms", "vs C++");
    for (const Case& c : kCases) {
      const double one = r.seconds(timed(fmt::format("BM_Frame/{}/threads:1", c.name)));
      const double all = r.seconds(timed(fmt::format("BM_Frame/{}/threads:{}", c.name, cores)));
      const double compile = r.seconds(fmt::format("BM_Compile/{}", c.name));
      std::string ratio = "-";
      if (std::string_view(c.name) == "hydra") {
        const double ref = r.seconds(timed(fmt::format("BM_HydraReference/threads:{}", cores)));
        if (ref > 0 && all > 0) ratio = fmt::format("{:.2f}x", all / ref);
      }
      if (one == 0 && all == 0) continue;
      std::printf("%-8s %12s %10.1f %12.1f %10.2f %12s\n", c.name,
                  fmt::format("{}x{}", c.width, c.height).c_str(), one > 0 ? 1 / one : 0.0,
                  all > 0 ? 1 / all : 0.0, compile * 1000, ratio.c_str());
    }
    const double ref = r.seconds(timed(fmt::format("BM_HydraReference/threads:{}", cores)));
    if (ref > 0) std::printf("hand-written C++ hydra, %u threads: %.1f fps\n", cores, 1 / ref);
    std::printf("(vs C++ = weft frame time / hand-written C++ frame time, same threads; 1.00 is "
                "the limit)\n");
  });
}
