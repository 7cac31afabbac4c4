#include "audio/engine/parallel_executor.h"
#include "audio/engine/serial_executor.h"

#include "test_nodes.h"

#include <algorithm>
#include <cstring>
#include <gtest/gtest.h>

namespace {

using namespace weft::audio;
using namespace weft::audio::test;

constexpr std::int64_t kRate = 48000;
constexpr Rational kCps{47, 3}; // a cycle every 3063.83 samples: 9 ticks in kTotal
constexpr std::size_t kTotal = 4096 * 6;

/// Stateful per-sample nodes: noise and a sample-index ramp through one-pole filters, a split
/// with its per-sample difference, a product, and the cycle ticks. Outputs: the mix, the ticks.
std::unique_ptr<Schedule> stateful_schedule() {
  DependencyGraph graph;
  const NodeId noise = graph.add_node("noise", std::make_unique<NoiseNode>(42));
  const NodeId ramp = graph.add_node("ramp", std::make_unique<SampleIndexNode>());
  const NodeId lp1 = graph.add_node("lp1", std::make_unique<OnePoleNode>(0.02));
  const NodeId lp2 = graph.add_node("lp2", std::make_unique<OnePoleNode>(0.3));
  const NodeId split = graph.add_node("split", std::make_unique<SplitNode>());
  const NodeId product = graph.add_node("product", std::make_unique<MultiplyNode>());
  const NodeId ticks = graph.add_node("ticks", std::make_unique<CycleTickNode>());
  const NodeId mix = graph.add_node("mix", std::make_unique<MixNode>(std::vector{0.5, 0.25, 0.25}));
  graph.connect({noise, 0}, {lp1, 0});
  graph.connect({ramp, 0}, {lp2, 0});
  graph.connect({lp1, 0}, {split, 0});
  graph.connect({split, 1}, {product, 0});
  graph.connect({lp2, 0}, {product, 1});
  graph.connect({split, 0}, {mix, 0});
  graph.connect({product, 0}, {mix, 1});
  graph.connect({ticks, 0}, {mix, 2});
  graph.add_output({mix, 0});
  graph.add_output({ticks, 0});
  ScheduleResult result = compile_schedule(std::move(graph), 4096);
  EXPECT_TRUE(result.ok()) << result.error;
  return std::move(result.schedule);
}

/// Renders kTotal samples of both outputs in blocks of `block`.
template <typename Executor, typename... Extra>
std::vector<std::vector<double>> render(std::int64_t block, Extra... extra) {
  std::unique_ptr<Schedule> schedule = stateful_schedule();
  Executor executor(*schedule, extra...);
  std::vector<std::vector<double>> out(2);
  ProcessContext ctx;
  EXPECT_EQ(make_process_context(0, block, kRate, kCps, ctx), ContextStatus::kOk);
  for (std::size_t done = 0; done < kTotal; done += static_cast<std::size_t>(block)) {
    EXPECT_EQ(executor.process(ctx), ProcessStatus::kOk);
    for (std::size_t c = 0; c < 2; ++c)
      out[c].insert(out[c].end(), executor.output(c).begin(), executor.output(c).end());
    EXPECT_EQ(advance_block(ctx), ContextStatus::kOk);
  }
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(BlockSizeInvariance, Blocks64And256And4096GiveIdenticalOutput) {
  const auto reference = render<SerialExecutor>(64);
  ASSERT_EQ(reference[0].size(), kTotal);
  EXPECT_TRUE(same_bits(render<SerialExecutor>(256)[0], reference[0]));
  EXPECT_TRUE(same_bits(render<SerialExecutor>(4096)[0], reference[0]));
  EXPECT_TRUE(same_bits(render<ParallelExecutor>(256, 2U)[0], reference[0]));
  EXPECT_TRUE(same_bits(render<SerialExecutor>(4096)[1], reference[1]));
  EXPECT_EQ(std::count(reference[1].begin(), reference[1].end(), 1.0), 9);
}

TEST(BlockSizeInvariance, CycleTicksFallOnTheExactStartSamples) {
  // At 7/3 cycles per second and 1000 Hz, cycle k starts at sample ceil(k * 3000 / 7).
  CycleTickNode node;
  std::vector<double> samples(1000);
  const std::span<double> out_span(samples);
  const std::span<const std::span<double>> outputs(&out_span, 1);
  ProcessContext ctx;
  std::vector<std::int64_t> starts;
  ASSERT_EQ(make_process_context(0, 1000, 1000, {7, 3}, ctx), ContextStatus::kOk);
  for (int block = 0; block < 5; ++block) {
    node.prepare_block(ctx);
    node.process_block(ctx, {}, outputs);
    for (std::size_t i = 0; i < samples.size(); ++i)
      if (samples[i] == 1.0) starts.push_back(ctx.sample_offset + static_cast<std::int64_t>(i));
    ASSERT_EQ(advance_block(ctx), ContextStatus::kOk);
  }
  std::vector<std::int64_t> expected;
  for (std::int64_t k = 0; k * 3000 < 5000 * 7; ++k) expected.push_back((k * 3000 + 6) / 7);
  EXPECT_EQ(starts, expected);
  EXPECT_EQ(node.prepared(), 5U);
}

} // namespace
