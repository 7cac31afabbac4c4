#include "audio/engine/schedule.h"

#include "audio/engine/serial_executor.h"
#include "test_nodes.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace {

using namespace weft::audio;
using namespace weft::audio::test;

/// The largest number of values live at one level, computed from the graph alone: a value is
/// live from its producer's level to its last reader's (its own when unread; to the end for a
/// graph output).
std::size_t max_live_set(const DependencyGraph& graph) {
  const GraphOrder order = order_graph(graph);
  const auto levels = static_cast<std::uint32_t>(order.batches.size());
  std::map<std::pair<NodeId, std::uint32_t>, std::pair<std::uint32_t, std::uint32_t>> live;
  for (NodeId n = 0; n < graph.node_count(); ++n)
    for (std::uint32_t c = 0; c < graph.output_count(n); ++c)
      live[{n, c}] = {order.level[n], order.level[n]};
  for (const Edge& e : graph.edges()) {
    auto& end = live[{e.from.node, e.from.port}].second;
    end = std::max(end, order.level[e.to.node]);
  }
  for (PortRef o : graph.outputs()) live[{o.node, o.port}].second = levels;
  std::size_t best = 0;
  for (std::uint32_t l = 0; l < levels; ++l) {
    std::size_t count = 0;
    for (const auto& [value, span] : live) count += span.first <= l && l <= span.second;
    best = std::max(best, count);
  }
  return best;
}

/// Replays the schedule's buffer use level by level and checks that every input reads the
/// value of its source, that no buffer is written twice in a level or written where the level
/// reads it, and that the graph outputs hold the right values at the end.
void expect_buffers_are_safe(const DependencyGraph& graph, const Schedule& schedule) {
  using Value = std::pair<NodeId, std::uint32_t>;
  std::vector<Value> holds(schedule.buffer_count(), Value{UINT32_MAX, 0});
  for (std::size_t l = 0; l < schedule.level_count(); ++l) {
    std::set<BufferIndex> read, written;
    for (const ScheduleStep& step : schedule.level(l)) {
      const std::span<const BufferIndex> in = schedule.inputs_of(step);
      for (std::uint32_t port = 0; port < in.size(); ++port) {
        const PortRef from = *graph.source({step.node, port});
        ASSERT_LT(in[port], holds.size());
        EXPECT_EQ(holds[in[port]], (Value{from.node, from.port}))
            << graph.name(step.node) << " input " << port;
        read.insert(in[port]);
      }
      for (BufferIndex b : schedule.outputs_of(step)) {
        ASSERT_LT(b, holds.size());
        EXPECT_TRUE(written.insert(b).second) << "buffer " << b << " written twice at level " << l;
      }
    }
    for (BufferIndex b : written) EXPECT_FALSE(read.count(b)) << "buffer " << b << " level " << l;
    for (const ScheduleStep& step : schedule.level(l)) {
      const std::span<const BufferIndex> out = schedule.outputs_of(step);
      for (std::uint32_t c = 0; c < out.size(); ++c) holds[out[c]] = Value{step.node, c};
    }
  }
  for (std::size_t k = 0; k < graph.outputs().size(); ++k) {
    const PortRef o = graph.outputs()[k];
    EXPECT_EQ(holds[schedule.graph_outputs()[k]], (Value{o.node, o.port}));
  }
}

/// a, e sources; b, c read a; d mixes b and c; f mixes d and e (the graph output).
/// Live per level: {a, e}, {a, e, b, c}, {e, b, c, d}, {e, d, f}: 4 buffers.
void build_known_graph(DependencyGraph& graph) {
  const NodeId a = graph.add_node("a", std::make_unique<NoiseNode>(1));
  const NodeId e = graph.add_node("e", std::make_unique<NoiseNode>(2));
  const NodeId b = graph.add_node("b", std::make_unique<OnePoleNode>(0.5));
  const NodeId c = graph.add_node("c", std::make_unique<OnePoleNode>(0.25));
  const NodeId d = graph.add_node("d", std::make_unique<MixNode>(std::vector<double>{0.5, 0.5}));
  const NodeId f = graph.add_node("f", std::make_unique<MixNode>(std::vector<double>{0.5, 0.5}));
  graph.connect({a, 0}, {b, 0});
  graph.connect({a, 0}, {c, 0});
  graph.connect({b, 0}, {d, 0});
  graph.connect({c, 0}, {d, 1});
  graph.connect({d, 0}, {f, 0});
  graph.connect({e, 0}, {f, 1});
  graph.add_output({f, 0});
}

TEST(Schedule, TheBufferCountIsTheLargestLiveSetOfAKnownGraph) {
  DependencyGraph structure, graph;
  build_known_graph(structure);
  build_known_graph(graph);
  EXPECT_EQ(max_live_set(structure), 4U);
  const ScheduleResult result = compile_schedule(std::move(graph), 64);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.schedule->buffer_count(), 4U);
  EXPECT_EQ(result.schedule->level_count(), 4U);
  expect_buffers_are_safe(structure, *result.schedule);
}

TEST(Schedule, BuffersAreReusedAfterTheirLastReaderInALongChain) {
  // A chain of 50 one-pole filters needs 2 buffers, not 50.
  DependencyGraph graph;
  NodeId last = graph.add_node("src", std::make_unique<NoiseNode>(3));
  for (int i = 0; i < 50; ++i) {
    const NodeId next = graph.add_node("lp", std::make_unique<OnePoleNode>(0.3));
    graph.connect({last, 0}, {next, 0});
    last = next;
  }
  graph.add_output({last, 0});
  const ScheduleResult result = compile_schedule(std::move(graph), 128);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.schedule->buffer_count(), 2U);
}

TEST(Schedule, RandomGraphsUseTheLargestLiveSetAndNeverClobberALiveValue) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    DependencyGraph structure, graph;
    build_random_graph(seed, 200, structure);
    build_random_graph(seed, 200, graph);
    const ScheduleResult result = compile_schedule(std::move(graph), 64);
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.schedule->buffer_count(), max_live_set(structure)) << "seed " << seed;
    EXPECT_LT(result.schedule->buffer_count(), 200U);
    expect_buffers_are_safe(structure, *result.schedule);
  }
}

TEST(Schedule, MultiOutputNodesFanOutAndGraphOutputsCarryTheRightValues) {
  DependencyGraph graph;
  const NodeId two = graph.add_node("two", std::make_unique<ConstantNode>(2.0));
  const NodeId split = graph.add_node("split", std::make_unique<SplitNode>());
  const NodeId square = graph.add_node("square", std::make_unique<MultiplyNode>());
  const NodeId sink = graph.add_node("sink", std::make_unique<SinkNode>());
  graph.connect({two, 0}, {split, 0});
  graph.connect({split, 0}, {square, 0}); // one output read twice by one node
  graph.connect({split, 0}, {square, 1});
  graph.connect({split, 1}, {sink, 0});
  graph.add_output({square, 0});
  graph.add_output({split, 1});
  graph.add_output({split, 0});
  graph.add_output({square, 0}); // the same value on two channels
  auto* sink_node = dynamic_cast<SinkNode*>(&graph.node(sink));
  const ScheduleResult result = compile_schedule(std::move(graph), 8);
  ASSERT_TRUE(result.ok()) << result.error;
  SerialExecutor executor(*result.schedule);
  ASSERT_EQ(executor.output_count(), 4U);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 4, 48000, {1, 2}, ctx), ContextStatus::kOk);
  ASSERT_EQ(executor.process(ctx), ProcessStatus::kOk);
  EXPECT_EQ(std::vector<double>(executor.output(0).begin(), executor.output(0).end()),
            (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(std::vector<double>(executor.output(1).begin(), executor.output(1).end()),
            (std::vector<double>{1, 0, 0, 0}));
  EXPECT_EQ(std::vector<double>(executor.output(2).begin(), executor.output(2).end()),
            (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(executor.output(3).data(), executor.output(0).data());
  EXPECT_EQ(sink_node->total(), 0.125); // 1 then three zeros, halved each sample
  EXPECT_TRUE(executor.output(4).empty());
}

TEST(Schedule, AnUnconnectedInputIsReportedByName) {
  DependencyGraph graph;
  graph.add_node("src", std::make_unique<NoiseNode>(1));
  const NodeId mix = graph.add_node("mix", std::make_unique<MixNode>(std::vector<double>{1, 1}));
  graph.connect({0, 0}, {mix, 0});
  const ScheduleResult result = compile_schedule(std::move(graph), 64);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error, "input 1 of node 'mix' is not connected");
}

TEST(Schedule, ACycleIsReportedByName) {
  DependencyGraph graph;
  const NodeId a = graph.add_node("a", std::make_unique<OnePoleNode>(0.5));
  const NodeId b = graph.add_node("b", std::make_unique<OnePoleNode>(0.5));
  graph.connect({a, 0}, {b, 0});
  graph.connect({b, 0}, {a, 0});
  EXPECT_EQ(compile_schedule(std::move(graph), 64).error, "cycle in the audio graph: a -> b -> a");
}

TEST(Schedule, ABlockLargerThanTheLargestOrEmptyIsRefused) {
  DependencyGraph graph;
  graph.add_output({graph.add_node("src", std::make_unique<ConstantNode>(1)), 0});
  const ScheduleResult result = compile_schedule(std::move(graph), 64);
  ASSERT_TRUE(result.ok());
  SerialExecutor executor(*result.schedule);
  ProcessContext ctx;
  ASSERT_EQ(make_process_context(0, 65, 48000, {1, 2}, ctx), ContextStatus::kOk);
  EXPECT_EQ(executor.process(ctx), ProcessStatus::kBadBlockSize);
  EXPECT_TRUE(executor.output(0).empty());
  ctx.block_size = 0;
  EXPECT_EQ(executor.process(ctx), ProcessStatus::kBadBlockSize);
  ctx.block_size = 64;
  EXPECT_EQ(executor.process(ctx), ProcessStatus::kOk);
  EXPECT_EQ(executor.output(0).size(), 64U);
  EXPECT_EQ(compile_schedule(DependencyGraph{}, 0).error,
            "the largest block size must be at least 1");
}

} // namespace
