#include "audio/engine/parallel_executor.h"
#include "audio/engine/serial_executor.h"

#include "test_nodes.h"

#include <cstring>
#include <gtest/gtest.h>

namespace {

using namespace weft::audio;
using namespace weft::audio::test;

std::unique_ptr<Schedule> random_schedule(std::uint64_t seed, std::size_t nodes,
                                          std::size_t max_block) {
  DependencyGraph graph;
  build_random_graph(seed, nodes, graph);
  ScheduleResult result = compile_schedule(std::move(graph), max_block);
  EXPECT_TRUE(result.ok()) << result.error;
  return std::move(result.schedule);
}

bool same_bits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Runs two copies of one random graph, serially and on `threads` threads, for `blocks` blocks
/// of varying size, comparing every graph output bit for bit after every block.
/// Returns the number of steps the workers ran.
std::uint64_t expect_parallel_equals_serial(std::uint64_t seed, std::size_t nodes, unsigned threads,
                                            int blocks) {
  constexpr std::size_t kMaxBlock = 512;
  std::unique_ptr<Schedule> serial_schedule = random_schedule(seed, nodes, kMaxBlock);
  std::unique_ptr<Schedule> parallel_schedule = random_schedule(seed, nodes, kMaxBlock);
  EXPECT_GT(serial_schedule->level_count(), 3U);
  SerialExecutor serial(*serial_schedule);
  ParallelExecutor parallel(*parallel_schedule, threads);
  EXPECT_EQ(parallel.threads(), threads);
  ProcessContext ctx;
  EXPECT_EQ(make_process_context(0, 256, 48000, {9, 16}, ctx), ContextStatus::kOk);
  for (int block = 0; block < blocks; ++block) {
    ctx.block_size = block % 7 == 6 ? 1 + block % kMaxBlock : 256;
    EXPECT_EQ(serial.process(ctx), ProcessStatus::kOk);
    EXPECT_EQ(parallel.process(ctx), ProcessStatus::kOk);
    for (std::size_t c = 0; c < serial.output_count(); ++c)
      if (!same_bits(serial.output(c), parallel.output(c))) {
        ADD_FAILURE() << "seed " << seed << " block " << block << " channel " << c;
        return parallel.steps_run_by_workers();
      }
    EXPECT_EQ(advance_block(ctx), ContextStatus::kOk);
  }
  return parallel.steps_run_by_workers();
}

TEST(ParallelExecutor, EqualsSerialBitForBitOnRandomGraphsOfThreeHundredNodes) {
  std::uint64_t by_workers = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed)
    by_workers += expect_parallel_equals_serial(seed, 300, 2, 300);
  EXPECT_GT(by_workers, 0U); // the workers did take part
}

TEST(ParallelExecutor, EqualsSerialWithMoreThreadsThanCores) {
  expect_parallel_equals_serial(11, 300, 4, 200);
  expect_parallel_equals_serial(12, 400, 8, 60);
}

TEST(ParallelExecutor, OneThreadRunsEverythingOnTheCaller) {
  EXPECT_EQ(expect_parallel_equals_serial(21, 100, 1, 100), 0U);
}

TEST(ParallelExecutor, AWideGraphWithOneBigLevelEqualsSerial) {
  // 256 independent sources and filters, summed pairwise: few levels, many nodes per level.
  auto build = [] {
    DependencyGraph graph;
    std::vector<PortRef> layer;
    for (std::uint64_t i = 0; i < 256; ++i) {
      const NodeId src = graph.add_node("src", std::make_unique<NoiseNode>(i));
      const NodeId lp = graph.add_node("lp", std::make_unique<OnePoleNode>(0.01 * (i % 50 + 1)));
      graph.connect({src, 0}, {lp, 0});
      layer.push_back({lp, 0});
    }
    while (layer.size() > 1) {
      std::vector<PortRef> next;
      for (std::size_t i = 0; i + 1 < layer.size(); i += 2) {
        const NodeId mix = graph.add_node("mix", std::make_unique<MixNode>(std::vector{0.5, 0.5}));
        graph.connect(layer[i], {mix, 0});
        graph.connect(layer[i + 1], {mix, 1});
        next.push_back({mix, 0});
      }
      layer = next;
    }
    graph.add_output(layer[0]);
    return compile_schedule(std::move(graph), 128);
  };
  ScheduleResult a = build(), b = build();
  ASSERT_TRUE(a.ok() && b.ok());
  SerialExecutor serial(*a.schedule);
  ParallelExecutor parallel(*b.schedule, 3);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 128, 48000, {1, 2}, ctx), ContextStatus::kOk);
  for (int block = 0; block < 500; ++block) {
    ASSERT_EQ(serial.process(ctx), ProcessStatus::kOk);
    ASSERT_EQ(parallel.process(ctx), ProcessStatus::kOk);
    ASSERT_TRUE(same_bits(serial.output(0), parallel.output(0))) << "block " << block;
    ASSERT_EQ(advance_block(ctx), ContextStatus::kOk);
  }
}

TEST(ParallelExecutor, RefusesABadBlockSizeLikeSerial) {
  std::unique_ptr<Schedule> schedule = random_schedule(5, 50, 64);
  ParallelExecutor parallel(*schedule, 2);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 65, 48000, {1, 2}, ctx), ContextStatus::kOk);
  EXPECT_EQ(parallel.process(ctx), ProcessStatus::kBadBlockSize);
  EXPECT_TRUE(parallel.output(0).empty());
  ctx.block_size = 64;
  EXPECT_EQ(parallel.process(ctx), ProcessStatus::kOk);
  EXPECT_EQ(parallel.output(0).size(), 64U);
}

} // namespace
