#include "audio/engine/dependency_graph.h"

#include "test_nodes.h"

#include <gtest/gtest.h>

namespace {

using weft::audio::DependencyGraph;
using weft::audio::GraphOrder;
using weft::audio::NodeId;
using weft::audio::order_graph;
using weft::audio::test::ShapeNode;

NodeId add(DependencyGraph& graph, const char* name, std::size_t inputs, std::size_t outputs = 1) {
  return graph.add_node(name, std::make_unique<ShapeNode>(inputs, outputs));
}

std::vector<std::string> names(const DependencyGraph& graph, const std::vector<NodeId>& ids) {
  std::vector<std::string> out;
  for (NodeId id : ids) out.push_back(graph.name(id));
  return out;
}

using Names = std::vector<std::string>;

// The seed design's example: 0 -> 2 -> 4, 1 -> 3 -> 4.
TEST(DependencyGraph, TwoChainsIntoOneNodeGiveThreeBatches) {
  DependencyGraph graph;
  for (const char* n : {"n0", "n1"}) add(graph, n, 0);
  for (const char* n : {"n2", "n3"}) add(graph, n, 1);
  add(graph, "n4", 2);
  ASSERT_TRUE(graph.connect({0, 0}, {2, 0}));
  ASSERT_TRUE(graph.connect({1, 0}, {3, 0}));
  ASSERT_TRUE(graph.connect({2, 0}, {4, 0}));
  ASSERT_TRUE(graph.connect({3, 0}, {4, 1}));
  const GraphOrder order = order_graph(graph);
  ASSERT_TRUE(order.ok()) << order.error;
  EXPECT_EQ(order.order, (std::vector<NodeId>{0, 1, 2, 3, 4}));
  EXPECT_EQ(order.batches, (std::vector<std::vector<NodeId>>{{0, 1}, {2, 3}, {4}}));
  EXPECT_EQ(order.level, (std::vector<std::uint32_t>{0, 0, 1, 1, 2}));
}

TEST(DependencyGraph, ALevelIsTheLongestPathFromASource) {
  // a -> b -> c and a -> c: c waits for b, so it is at level 2, not 1.
  DependencyGraph graph;
  const NodeId c = add(graph, "c", 2);
  const NodeId b = add(graph, "b", 1);
  const NodeId a = add(graph, "a", 0);
  graph.connect({a, 0}, {b, 0});
  graph.connect({b, 0}, {c, 0});
  graph.connect({a, 0}, {c, 1});
  const GraphOrder order = order_graph(graph);
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(names(graph, order.order), (Names{"a", "b", "c"}));
  EXPECT_EQ(order.level[a], 0U);
  EXPECT_EQ(order.level[b], 1U);
  EXPECT_EQ(order.level[c], 2U);
}

TEST(DependencyGraph, AmongReadyNodesTheOneAddedFirstComesFirst) {
  // z (added first) depends on y; x and y are sources; w reads x.
  DependencyGraph graph;
  const NodeId z = add(graph, "z", 1);
  const NodeId w = add(graph, "w", 1);
  const NodeId y = add(graph, "y", 0);
  const NodeId x = add(graph, "x", 0);
  graph.connect({y, 0}, {z, 0});
  graph.connect({x, 0}, {w, 0});
  const GraphOrder order = order_graph(graph);
  ASSERT_TRUE(order.ok());
  // Ready at first: y (2), x (3) -> y; then z (0) is ready and earliest -> z; then x, w.
  EXPECT_EQ(names(graph, order.order), (Names{"y", "z", "x", "w"}));
  EXPECT_EQ(order.batches, (std::vector<std::vector<NodeId>>{{y, x}, {z, w}}));
}

TEST(DependencyGraph, FanOutAndMultiOutputNodesOrderOnce) {
  DependencyGraph graph;
  const NodeId split = add(graph, "split", 1, 2);
  const NodeId src = add(graph, "src", 0);
  const NodeId left = add(graph, "left", 2);
  const NodeId right = add(graph, "right", 1);
  graph.connect({src, 0}, {split, 0});
  graph.connect({split, 0}, {left, 0});
  graph.connect({split, 1}, {left, 1});
  graph.connect({split, 1}, {right, 0});
  const GraphOrder order = order_graph(graph);
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(names(graph, order.order), (Names{"src", "split", "left", "right"}));
  EXPECT_EQ(order.batches.size(), 3U);
}

TEST(DependencyGraph, ConnectRejectsMissingPortsAndASecondSourceForOneInput) {
  DependencyGraph graph;
  const NodeId a = add(graph, "a", 0, 2);
  const NodeId b = add(graph, "b", 1);
  EXPECT_FALSE(graph.connect({a, 2}, {b, 0})); // no output 2
  EXPECT_FALSE(graph.connect({a, 0}, {b, 1})); // no input 1
  EXPECT_FALSE(graph.connect({a, 0}, {9, 0})); // no node 9
  EXPECT_TRUE(graph.connect({a, 1}, {b, 0}));
  EXPECT_FALSE(graph.connect({a, 0}, {b, 0})); // already fed
  EXPECT_EQ(graph.edges().size(), 1U);
  EXPECT_EQ(graph.source({b, 0}), (weft::audio::PortRef{a, 1}));
  EXPECT_FALSE(graph.add_output({b, 1}));
  EXPECT_TRUE(graph.add_output({b, 0}));
}

TEST(DependencyGraph, ACycleIsNamedInDataFlowOrderFromItsEarliestNode) {
  DependencyGraph graph;
  const NodeId src = add(graph, "src", 0);
  const NodeId filter = add(graph, "filter", 2);
  const NodeId gain = add(graph, "gain", 1);
  const NodeId mix = add(graph, "mix", 1);
  const NodeId out = add(graph, "out", 1);
  graph.connect({src, 0}, {filter, 0});
  graph.connect({mix, 0}, {filter, 1}); // mix -> filter -> gain -> mix
  graph.connect({filter, 0}, {gain, 0});
  graph.connect({gain, 0}, {mix, 0});
  graph.connect({mix, 0}, {out, 0});
  const GraphOrder order = order_graph(graph);
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(names(graph, order.cycle), (Names{"filter", "gain", "mix"}));
  EXPECT_EQ(order.error, "cycle in the audio graph: filter -> gain -> mix -> filter");
  EXPECT_TRUE(order.order.empty());
}

TEST(DependencyGraph, ANodeReadingItselfIsACycle) {
  DependencyGraph graph;
  add(graph, "src", 0);
  const NodeId echo = add(graph, "echo", 2);
  graph.connect({0, 0}, {echo, 0});
  graph.connect({echo, 0}, {echo, 1});
  EXPECT_EQ(order_graph(graph).error, "cycle in the audio graph: echo -> echo");
}

TEST(DependencyGraph, AnEmptyGraphHasNoLevels) {
  DependencyGraph graph;
  const GraphOrder order = order_graph(graph);
  EXPECT_TRUE(order.ok());
  EXPECT_TRUE(order.batches.empty());
}

} // namespace
