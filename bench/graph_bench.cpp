// Render-graph benchmark (issue 3, item 6): lowering plus render-graph building of generated
// programs with 1k, 10k and 100k instances, and whether both stay linear. The generator writes
// blocks of realistic definitions: a pure leaf, a chain step, a remap (mirror) of the chain, a
// spindle call, a fan-in inside the block, a two-strand bundle, an audio oscillator driven by the
// leaf at a remapped point, and two long chains across blocks (one visual, one audio); every
// tenth block adds a hub that sums the visual chains of ten blocks (fan-in of ten) and reads an
// oscillator's ring. It ends with a
// display and a play sink, so the graph has both backends, owned nodes, cross-backend reads and
// many batches. Times, on the same text:
//   lower - weft::ir::check_text: parse, lowering, every semantic check (src/lang + src/ir);
//   build - weft::graph::build_render_graph on the lowered module: structure, tags, placement,
//           topological order, batches, cross-backend reads (src/graph).
// Before timing, every program is checked to compile without errors into the expected number of
// instances, and its graph to compile every used node exactly once.
// Run: build-h4/bench/weft_graph_bench (results and the machine: bench/README.md).
#include "graph/build.h"
#include "ir/check.h"

#include "summary_reporter.h"
#include <array>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <string>
#include <unistd.h>

namespace {

constexpr std::array<int, 3> kSizes = {1'000, 10'000, 100'000};

/// Instances each block defines (hubs come on top, one per ten blocks).
constexpr int kInstancesPerBlock = 9;

struct Program {
  std::string text;
  int instances = 0;
};

/// Appends one block: instances b{k}_0 … b{k}_6, o{k}, a{k}.
void add_block(Program& p, int k) {
  auto add = [&](const std::string& line) { p.text += line + '\n'; };
  const std::string b = fmt::format("b{}_", k);
  add(fmt::format("{}0<v> = sin(me@x * {} + me@time) * 0.5 + 0.5", b, k % 7 + 1));
  add(fmt::format("{}1<v> = {}0@v * 0.9 + me@y * 0.1", b, b));
  add(fmt::format("{}2<v> = {}1@v(me@x ~ 1 - me@x, me@y ~ me@y * 0.5)", b, b));
  add(fmt::format("{}3<v> = wobble({}2@v, {})", b, b, k % 5 + 2));
  add(fmt::format("{}4<v> = {}3@v + {}1@v * 0.25", b, b, b));
  add(fmt::format("{}5<r, g> = <{}4@v, {}0@v * 0.5>", b, b, b));
  if (k == 0) {
    add(fmt::format("{}6<v> = {}5@r", b, b));
    add(fmt::format("o{}<v> = sine(220 + 20 * {}0@v(me@x ~ 0.5, me@y ~ 0.5))", k, b));
    add(fmt::format("a{}<v> = o{}@v * 0.01", k, k));
  } else {
    add(fmt::format("{}6<v> = b{}_6@v * 0.5 + {}5@r * 0.5", b, k - 1, b));
    add(fmt::format("o{}<v> = sine(220 + 20 * {}0@v(me@x ~ 0.5, me@y ~ 0.5))", k, b));
    add(fmt::format("a{}<v> = a{}@v * 0.9 + o{}@v * 0.01", k, k - 1, k));
  }
  p.instances += kInstancesPerBlock;
}

/// A hub summing the visual chains of the ten blocks up to `k`, plus block k's oscillator (read
/// from its audio ring), so that visual work waits for audio work and batches alternate.
void add_hub(Program& p, int k) {
  std::string sum;
  for (int j = k - 9; j <= k; ++j) sum += fmt::format("{}b{}_6@v", sum.empty() ? "" : " + ", j);
  p.text += fmt::format("hub{}<v> = ({}) * 0.1 + o{}@v * 0.05\n", k / 10, sum, k);
  ++p.instances;
}

Program make_program(int instances) {
  Program p;
  p.text = "// generated for bench/graph_bench.cpp\n"
           "spindle wobble(a, f) :: <v> {\n"
           "  w = a * (1 + 0.1 * sin(f * me@x))\n"
           "  out v = clamp(w, 0, 1)\n"
           "}\n";
  int k = 0;
  int last_hub = -1;
  while (p.instances + kInstancesPerBlock <= instances) {
    add_block(p, k);
    if (k % 10 == 9 && p.instances < instances) {
      add_hub(p, k);
      last_hub = k / 10;
    }
    ++k;
  }
  while (p.instances < instances) { // top up with single leaves read by the picture
    p.text += fmt::format("pad{}<v> = me@x * {}\n", p.instances, p.instances % 13);
    ++p.instances;
  }
  const std::string hub = last_hub >= 0 ? fmt::format(" + hub{}@v", last_hub) : "";
  p.text += fmt::format("display(b{}_6@v{}, b{}_5@g, me@y)\n", k - 1, hub, k - 1);
  p.text += fmt::format("play(a{}@v)\n", k - 1);
  return p;
}

const Program& program(int instances) {
  static std::map<int, Program> cache;
  auto it = cache.find(instances);
  if (it == cache.end()) it = cache.emplace(instances, make_program(instances)).first;
  return it->second;
}

std::size_t count_instances(const weft::ir::Module& m) {
  std::size_t n = 0;
  for (std::size_t s = 0; s < m.strands.size(); ++s) {
    n += s == 0 || m.strands[s].instance != m.strands[s - 1].instance;
  }
  return n;
}

/// Fails loudly before any timing if a program is not what the benchmark claims to build.
void verify_programs() {
  for (int instances : kSizes) {
    const Program& p = program(instances);
    auto checked = weft::ir::check_text("bench.weft", p.text);
    bool ok =
        checked.ok() && count_instances(*checked.module) == static_cast<std::size_t>(instances);
    if (ok) {
      const weft::graph::RenderGraph g = weft::graph::build_render_graph(*checked.module);
      std::size_t batched = 0;
      for (const auto& b : g.batches) batched += b.nodes.size();
      ok = batched == g.order.size() && g.batches.size() >= 3 && !g.cross_backend_reads.empty();
    }
    if (!ok) {
      std::fprintf(stderr, "graph_bench: the %d-instance program does not build as expected\n",
                   instances);
      std::exit(1);
    }
  }
}

void set_counters(benchmark::State& state, int instances) {
  state.counters["per_instance"] = benchmark::Counter(
      instances, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_Lower(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Program& p = program(n);
  for (auto _ : state) {
    auto checked = weft::ir::check_text("bench.weft", p.text);
    benchmark::DoNotOptimize(checked.module->graph.size());
  }
  set_counters(state, n);
}

void BM_BuildRenderGraph(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto checked = weft::ir::check_text("bench.weft", program(n).text);
  for (auto _ : state) {
    weft::graph::RenderGraph g = weft::graph::build_render_graph(*checked.module);
    benchmark::DoNotOptimize(g.batches.data());
  }
  set_counters(state, n);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : kSizes) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Lower)->Apply(sizes);
BENCHMARK(BM_BuildRenderGraph)->Apply(sizes);

using weft::bench::SummaryReporter;

void print_summary(const SummaryReporter& r) {
  std::printf("\n%10s %10s %12s %12s %12s %14s %14s\n", "instances", "bytes", "lower ms",
              "build ms", "total ms", "lower us/inst", "build us/inst");
  for (int n : kSizes) {
    const std::string arg = std::to_string(n);
    const double lower = r.seconds("BM_Lower/" + arg);
    const double build = r.seconds("BM_BuildRenderGraph/" + arg);
    if (lower == 0 || build == 0) continue; // filtered out
    std::printf("%10d %10zu %12.1f %12.1f %12.1f %14.2f %14.2f\n", n, program(n).text.size(),
                lower * 1e3, build * 1e3, (lower + build) * 1e3, lower * 1e6 / n, build * 1e6 / n);
  }
  for (const char* name : {"BM_Lower", "BM_BuildRenderGraph"}) {
    const double small = r.seconds(std::string(name) + "/1000") / 1'000;
    const double large = r.seconds(std::string(name) + "/100000") / 100'000;
    if (small > 0 && large > 0) {
      std::printf("%s time per instance, 100k / 1k: %.2f (1.00 = linear)\n", name, large / small);
    }
  }
}

} // namespace

int main(int argc, char** argv) {
  return weft::bench::run_benchmarks(
      argc, argv, [] { verify_programs(); }, [](const SummaryReporter& r) { print_summary(r); });
}
