// Pattern query throughput (issue 8, item 6): the three patterns of Strudel's anchor bench
// (../shared/bench/anchors/node/strudel_bench.mjs) queried like a scheduler, in successive
// windows of 1/4 cycle, into one buffer sized at compile time (Pattern::max_events). Prints
// events/s in the anchor's format so that bench/pattern_anchors.sh can set them side by side.
// The melody is `mini(...).fast(2).rev()` in Strudel; `rev` is not mini-notation, so weft queries
// the closest mini form, `[...]*2` (rev reorders events within a cycle and keeps their number).
// The stack shape is stack(8 x sequence(0..63)).fast(64) written as mini-notation.
// Before timing, each pattern's event count over the whole run is printed: it must equal the
// anchor's (the script compares them).
#include "patterns/parse.h"
#include "patterns/time_math.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace weft::patterns;

struct Run {
  std::size_t events = 0;
  double ms = 0;
};

Run query_windows(const Pattern& p, Rational cycles, Rational window) {
  std::vector<Event> storage(p.max_events(window));
  EventBuffer buffer(storage);
  Run run;
  const auto t0 = std::chrono::steady_clock::now();
  TimeMath m;
  for (Rational c{}; less(c, cycles); c = m.add(c, window)) {
    buffer.clear();
    if (p.query(TimeSpan{c, m.add(c, window)}, buffer) != QueryStatus::kOk) {
      std::fprintf(stderr, "query failed\n");
      std::exit(1);
    }
    run.events += buffer.size();
  }
  run.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return run;
}

Pattern compile(const std::string& text) {
  ParseResult r = parse_pattern(text);
  if (!r.pattern) {
    std::fprintf(stderr, "%s: %s\n", text.c_str(), r.error->message.c_str());
    std::exit(1);
  }
  return std::move(*r.pattern);
}

void report(const char* name, const Pattern& p, std::int64_t cycles) {
  Run best;
  for (int rep = 0; rep < 3; ++rep) {
    const Run r = query_windows(p, Rational{cycles, 1}, Rational{1, 4});
    if (rep == 0 || r.ms < best.ms) best = r;
  }
  std::printf(
      "%s: %lld cycles in windows of 0.25 -> %zu haps in %.1f ms = %.0f haps/s, %.2f us/query\n",
      name, static_cast<long long>(cycles), best.events, best.ms, best.events / best.ms * 1000,
      best.ms / (cycles * 4.0) * 1000);
}

} // namespace

int main() {
  const Pattern drums = compile("bd*4 [sd cp]*2 <hh oh>*8 [~ bd] sd");
  const Pattern melody = compile("[<c3 e3 g3 b3>*4 [e4 g4]*2 [a3|b3|c4]*4]*2");
  std::string seq = "[";
  for (int i = 0; i < 64; ++i) seq += std::to_string(i) + (i < 63 ? " " : "]");
  std::string stacked = "[";
  for (int i = 0; i < 8; ++i) stacked += seq + (i < 7 ? ", " : "]*64");
  const Pattern stack = compile(stacked);

  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) compile("bd*4 [sd cp]*2 <hh oh>*8 [~ bd] sd, hh*16, <c3 e3>*3");
  const double parse_us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() /
      100;
  std::printf("mini-notation parse: %.0f us per parse (3-layer pattern)\n", parse_us);
  report("drums mini", drums, 2000);
  report("melody mini fast", melody, 2000);
  // The anchor times firstCycle() (one query of cycle 0); weft the same, best of 20 calls.
  std::vector<Event> storage(stack.max_events(Rational{1, 1}));
  double best_ms = 0;
  std::size_t events = 0;
  for (int i = 0; i < 20; ++i) {
    EventBuffer buffer(storage);
    const auto s0 = std::chrono::steady_clock::now();
    stack.query(TimeSpan{Rational{}, Rational{1, 1}}, buffer);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count();
    if (i == 0 || ms < best_ms) best_ms = ms;
    events = buffer.size();
  }
  std::printf("stack(8x64).fast(64) first cycle: %.3f ms per call (%zu haps) = %.0f haps/s\n",
              best_ms, events, events / best_ms * 1000);
  report("stack(8x64).fast(64)", stack, 20);
  return 0;
}
