/// \file
/// A Google Benchmark reporter that prints the usual console table and keeps the mean time per
/// iteration of every run, so a benchmark can end with its own summary table (ratios, growth).
/// Shared by the benchmarks in bench/.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace weft::bench {

class SummaryReporter : public benchmark::ConsoleReporter {
public:
  /// Colours only on a terminal: a custom reporter does not see --benchmark_color.
  SummaryReporter() : ConsoleReporter(::isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.iterations == 0) continue;
      auto& [seconds, count] = totals_[r.benchmark_name()];
      seconds += r.real_accumulated_time / static_cast<double>(r.iterations);
      ++count;
    }
    ConsoleReporter::ReportRuns(runs);
  }

  /// Mean seconds per iteration of `name` (e.g. "BM_Parse/1000"), or 0 if it did not run.
  double seconds(const std::string& name) const {
    auto it = totals_.find(name);
    return it == totals_.end() ? 0 : it->second.first / it->second.second;
  }

private:
  std::map<std::string, std::pair<double, int>> totals_;
};

/// A bench's main(): check the outputs first (`verify`), run the benchmarks named on the command
/// line with a SummaryReporter, then print the bench's own summary from it.
template <class Verify, class Summary>
int run_benchmarks(int argc, char** argv, Verify verify, Summary summary) {
  verify();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  summary(reporter);
  benchmark::Shutdown();
  return 0;
}

} // namespace weft::bench
