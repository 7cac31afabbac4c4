// Topological order and batching (ARCHITECTURE.md §2): the architecture's example exactly, and
// the rules behind it.
#include "graph/graph_helpers.h"
#include "graph/topological_order.h"
#include "support/run_weft.h"

#include <gtest/gtest.h>

using weft::test::batches_of;
using weft::test::build_program;
using weft::test::order_of;
using Strings = std::vector<std::string>;

namespace {

TEST(Batching, TheArchitectureExampleComesOutExactly) {
  auto p = build_program(weft::test::read_file(
      weft::test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  EXPECT_EQ(order_of(*p), (Strings{"snd", "img1", "img2", "samp", "processed"}));
  EXPECT_EQ(batches_of(*p),
            (Strings{"audio[snd]", "visual[img1, img2, samp]", "audio[processed]"}));
}

TEST(Batching, TheSeedExampleTraceHasOneBatchPerBackend) {
  auto p = build_program("audio<samples> = mic()\n"
                         "img<r> = audio@samples(me@time ~ me@x * 10)\n"
                         "display(img@r)\n");
  EXPECT_EQ(order_of(*p), (Strings{"audio", "img"}));
  EXPECT_EQ(batches_of(*p), (Strings{"audio[audio]", "visual[img]"}));
}

TEST(Batching, ReadyNodesOfTheCurrentBackendStayTogether) {
  // Source order alternates backends; the order keeps each backend's ready nodes together.
  auto p = build_program("a<v> = me@x\n"
                         "b<v> = sin(me@time * 440)\n"
                         "c<v> = a@v * 2\n"
                         "d<v> = b@v * 0.5\n"
                         "display(c@v)\n"
                         "play(d@v)\n");
  EXPECT_EQ(order_of(*p), (Strings{"a", "c", "b", "d"}));
  EXPECT_EQ(batches_of(*p), (Strings{"visual[a, c]", "audio[b, d]"}));
}

TEST(Batching, TiesFollowSourceOrder) {
  auto p = build_program("z<v> = me@x\ny<v> = me@y\nx<v> = me@x * me@y\ndisplay(x@v, y@v, z@v)\n");
  EXPECT_EQ(order_of(*p), (Strings{"z", "y", "x"}));
}

TEST(Batching, DependenciesComeFirstEvenAgainstSourceOrder) {
  auto p = build_program("late<v> = early@v * 2\nearly<v> = me@x\ndisplay(late@v)\n");
  EXPECT_EQ(order_of(*p), (Strings{"early", "late"}));
}

TEST(Batching, EveryUsedNodeIsInExactlyOneBatch) {
  auto p = build_program(
      weft::test::read_file(weft::test::source_path("tests/lang/spec_examples/example_15.weft")),
      weft::test::source_path("tests/lang/spec_examples/example_15.weft"));
  std::size_t total = 0;
  for (const auto& b : p->graph.batches) {
    total += b.nodes.size();
    for (auto n : b.nodes) EXPECT_EQ(p->graph.nodes[n].backend, b.backend);
  }
  EXPECT_EQ(total, p->graph.order.size());
  for (std::size_t i = 1; i < p->graph.batches.size(); ++i) {
    EXPECT_NE(p->graph.batches[i].backend, p->graph.batches[i - 1].backend);
  }
}

TEST(Batching, ACycleIsNamedNotOrdered) {
  // Strand cycles never reach the render graph (the lowering reports them); a cycle here is a
  // compiler bug, and the order names it.
  weft::graph::RenderGraph g;
  for (const char* name : {"a", "b", "c"}) {
    weft::graph::RenderNode n;
    n.name = name;
    n.outputs.push_back({"v", -1, weft::ir::kNoNode, 0});
    n.backend = weft::ir::Domain::Visual;
    g.nodes.push_back(std::move(n));
  }
  g.nodes[1].inputs = {{0, 0}, {2, 0}}; // b reads a and c
  g.nodes[2].inputs = {{1, 0}};         // c reads b
  weft::graph::TopologicalOrder order = weft::graph::topological_order(g);
  EXPECT_FALSE(order.ok());
  EXPECT_EQ(order.order.size(), 1u); // a
  EXPECT_EQ(weft::graph::cycle_text(g, order.cycle), "b -> c -> b");
}

} // namespace
