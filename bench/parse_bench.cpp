// Parse benchmark: how fast the front end reads WEFT, and whether it stays linear. Generates
// realistic programs of 1k, 10k and 100k lines in memory (bindings with arithmetic and remaps,
// bundles, spindles with loops, call bindings, sinks, comments), then times, on the same text:
//   scan  - a hand-written loop that classifies every byte and counts token starts: the floor
//           for any lexer that looks at each byte (the reference "limit");
//   lines - counting newlines only: memory bandwidth;
//   lex   - the lexer alone (weft::lang::Lexer until end of file);
//   parse - weft::lang::parse_text: copy, line table, lexer, parser, AST, diagnostics.
// Each run reports time per line and bytes/s; a table at the end gives the ratios to the scan and
// the time per line at each size (constant time per line = linear growth). Before timing, every
// program is checked to parse without errors into the expected number of statements.
// Run: build-h1/bench/weft_parse_bench (results and the machine they came from: bench/README.md).
#include "lang/frontend.h"
#include "lang/lexer.h"

#include "summary_reporter.h"
#include <algorithm>
#include <array>

#include <benchmark/benchmark.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using weft::lang::Diagnostics;
using weft::lang::Lexer;
using weft::lang::SourceFile;
using weft::lang::TokenKind;

constexpr std::array<int, 3> kSizes = {1'000, 10'000, 100'000};

/// A generated program and what parsing it must give.
struct Program {
  std::string text;
  int lines = 0;
  int statements = 0;
};

/// Small deterministic generator (no dependence on the standard library's distributions).
class Lcg {
public:
  std::uint32_t next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  std::string number() { return fmt::format("{}.{}", below(10), below(1000)); }

private:
  std::uint64_t state_ = 42;
};

/// Appends statements to `p` until it has `lines` lines; the last three lines are sinks.
Program make_program(int lines) {
  Program p;
  Lcg rng;
  int bindings = 0; // x0 … x{bindings-1} each have a strand v
  auto line = [&](const std::string& s) {
    p.text += s;
    p.text += '\n';
    ++p.lines;
  };
  auto ref = [&] { return fmt::format("x{}@v", rng.below(bindings)); };
  line("// generated for bench/parse_bench.cpp");
  line("me<width> = 640");
  line("me<height> = 360");
  line("x0<v> = me@x * me@y");
  p.statements += 3;
  bindings = 1;
  const int body_end = lines - 3;
  while (p.lines < body_end) {
    const int room = body_end - p.lines;
    const int kind = rng.below(10);
    const std::string name = fmt::format("x{}", bindings);
    if (kind <= 3 || room < 8) {
      line(fmt::format("{}<v> = ({} * {} + {}) * sin(me@t * {}) - {} ^ 2", name, ref(),
                       rng.number(), ref(), rng.number(), rng.number()));
    } else if (kind == 4) {
      line(fmt::format("{}<v> = {}(me@x ~ me@x * {} - 1, me@y ~ {})", name, ref(), rng.number(),
                       rng.number()));
    } else if (kind == 5) {
      line(fmt::format("{}<v> = if {} << {} then {} else clamp({}, 0, 1) // a threshold", name,
                       ref(), rng.number(), ref(), ref()));
    } else if (kind == 6) {
      line(fmt::format("{}<v> = {}[me@y, me@x] + noise(me@x * {}, me@y, me@t)", name, ref(),
                       rng.number()));
    } else if (kind == 7) {
      line(fmt::format("c{}<r, g, b> = <{}, {} * 0.5, 1 - {}>", bindings, ref(), ref(), ref()));
      line(fmt::format("{}<v> = c{}@r + c{}@g", name, bindings, bindings));
      p.statements += 1;
    } else {
      line(fmt::format("spindle s{}(a, b) :: <o> {{", bindings));
      line("  acc = 0");
      line(fmt::format("  for k in (0 to {}) {{", 2 + rng.below(6)));
      line(fmt::format("    acc += a * k - b / (k + {})", rng.number()));
      line("  }");
      line("  out o = if acc >> 1 then acc else -acc");
      line("}");
      line(fmt::format("s{}({}, me@x)::{}<v>", bindings, ref(), name));
      p.statements += 1;
    }
    ++bindings;
    ++p.statements;
  }
  line(fmt::format("display({}, {}, {})", ref(), ref(), ref()));
  line(fmt::format("play(0.2 * sin(440 * tau * me@t) * {})", ref()));
  line(fmt::format("data(\"out.csv\", rows: 16, x: {})", ref()));
  p.statements += 3;
  return p;
}

const Program& program(int lines) {
  static std::map<int, Program> cache;
  auto it = cache.find(lines);
  if (it == cache.end()) it = cache.emplace(lines, make_program(lines)).first;
  return it->second;
}

// --- Baselines: hand-written loops over the same bytes

/// Byte classes: 0 blank, 1 word character, 2 anything else (each such byte starts a token).
constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> c{};
  for (int b = 0; b < 256; ++b) {
    const bool word = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                      b == '_' || b == '.';
    const bool blank = b == ' ' || b == '\t' || b == '\n' || b == '\r';
    c[static_cast<std::size_t>(b)] = blank ? 0 : word ? 1 : 2;
  }
  return c;
}
constexpr std::array<std::uint8_t, 256> kClasses = make_classes();

/// Counts token starts: a word begins after a non-word byte; every punctuation byte is one.
std::size_t scan_token_starts(std::string_view text) {
  std::size_t starts = 0;
  std::uint8_t previous = 0;
  for (char ch : text) {
    const std::uint8_t c = kClasses[static_cast<unsigned char>(ch)];
    starts += c == 2 || (c == 1 && previous != 1);
    previous = c;
  }
  return starts;
}

std::size_t count_newlines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::size_t lex_all(const SourceFile& file) {
  Diagnostics diags;
  Lexer lexer(file, diags);
  std::size_t tokens = 0;
  while (lexer.next().kind != TokenKind::Eof) ++tokens;
  return tokens;
}

/// Fails loudly before any timing if a program is not what the benchmark claims to parse.
void verify_programs() {
  for (int lines : kSizes) {
    const Program& p = program(lines);
    auto parsed = weft::lang::parse_text("bench.weft", p.text);
    const bool ok = !parsed.diagnostics.has_errors() && parsed.program &&
                    static_cast<int>(parsed.program->statements.size()) == p.statements &&
                    static_cast<int>(count_newlines(p.text)) == lines && p.lines == lines;
    if (!ok) {
      std::fprintf(stderr, "parse_bench: the %d-line program does not parse as expected\n", lines);
      std::exit(1);
    }
  }
}

void set_counters(benchmark::State& state, const Program& p) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(p.text.size()));
  state.counters["per_line"] = benchmark::Counter(
      p.lines, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_ScanBytes(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(scan_token_starts(p.text));
  set_counters(state, p);
}

void BM_CountNewlines(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(count_newlines(p.text));
  set_counters(state, p);
}

void BM_Lex(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  const SourceFile file("bench.weft", p.text);
  for (auto _ : state) benchmark::DoNotOptimize(lex_all(file));
  set_counters(state, p);
}

void BM_Parse(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto parsed = weft::lang::parse_text("bench.weft", p.text);
    benchmark::DoNotOptimize(parsed.program->statements.data());
  }
  set_counters(state, p);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int lines : kSizes) b->Arg(lines);
  b->Unit(benchmark::kMicrosecond);
}

BENCHMARK(BM_CountNewlines)->Apply(sizes);
BENCHMARK(BM_ScanBytes)->Apply(sizes);
BENCHMARK(BM_Lex)->Apply(sizes);
BENCHMARK(BM_Parse)->Apply(sizes);

using weft::bench::SummaryReporter;

void print_summary(const SummaryReporter& r) {
  std::printf("\n%8s %10s %12s %12s %12s %12s %10s %10s\n", "lines", "bytes", "scan ns/ln",
              "lex ns/ln", "parse ns/ln", "parse MB/s", "lex/scan", "parse/scan");
  for (int lines : kSizes) {
    const Program& p = program(lines);
    const std::string n = std::to_string(lines);
    const double scan = r.seconds("BM_ScanBytes/" + n);
    const double lex = r.seconds("BM_Lex/" + n);
    const double parse = r.seconds("BM_Parse/" + n);
    if (scan == 0 || lex == 0 || parse == 0) continue; // filtered out
    const double per_line = 1e9 / lines;
    std::printf("%8d %10zu %12.1f %12.1f %12.1f %12.1f %10.1f %10.1f\n", lines, p.text.size(),
                scan * per_line, lex * per_line, parse * per_line,
                static_cast<double>(p.text.size()) / parse / 1e6, lex / scan, parse / scan);
  }
  const double small = r.seconds("BM_Parse/1000") / 1'000;
  const double large = r.seconds("BM_Parse/100000") / 100'000;
  if (small > 0 && large > 0) {
    std::printf("parse time per line, 100k lines / 1k lines: %.2f (1.00 = linear)\n",
                large / small);
  }
}

} // namespace

int main(int argc, char** argv) {
  return weft::bench::run_benchmarks(
      argc, argv, [] { verify_programs(); }, [](const SummaryReporter& r) { print_summary(r); });
}
