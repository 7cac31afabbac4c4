// Placement (LANGUAGE.md §7.3a): owned nodes to their owner, others to the first domain that
// needs them in source order of the sinks.
#include "graph/graph_helpers.h"

#include <gtest/gtest.h>

using weft::test::backend_of;
using weft::test::build_program;

namespace {

TEST(AssignBackends, TheSeedExampleTrace) {
  // "audio (mic builtin) -> audio backend; img (expression, Visual context) -> visual backend".
  auto p = build_program("audio<samples> = mic()\n"
                         "img<r> = audio@samples(me@time ~ me@x * 10)\n"
                         "display(img@r)\n");
  EXPECT_EQ(backend_of(*p, "audio"), "audio");
  EXPECT_EQ(backend_of(*p, "img"), "visual");
}

TEST(AssignBackends, PlayAppearingBeforeDisplayMakesAudioCompileImg) {
  auto p = build_program("img<r> = sin(me@x) + 0.5 * me@y\n"
                         "samp<x> = img@r(me@x ~ mouse@x, me@y ~ mouse@y)\n"
                         "play(sin(me@time * 880 * samp@x))\n"
                         "display(img@r)\n");
  EXPECT_EQ(backend_of(*p, "img"), "audio");
  EXPECT_EQ(backend_of(*p, "samp"), "audio");
}

TEST(AssignBackends, DisplayAppearingFirstMakesVisualCompileImg) {
  auto p = build_program("img<r> = sin(me@x) + 0.5 * me@y\n"
                         "samp<x> = img@r(me@x ~ mouse@x, me@y ~ mouse@y)\n"
                         "display(img@r)\n"
                         "play(sin(me@time * 880 * samp@x))\n");
  EXPECT_EQ(backend_of(*p, "img"), "visual");
  EXPECT_EQ(backend_of(*p, "samp"), "audio");
}

TEST(AssignBackends, OwnedNodesGoToTheirOwnerEvenInADisplayOnlyProgram) {
  auto p = build_program("f<v> = 200 + 100 * sin(me@time)\ndisplay(sine(f@v))\n");
  EXPECT_EQ(backend_of(*p, "sine@display#1"), "audio");
  EXPECT_EQ(backend_of(*p, "f"), "audio"); // only the oscillator's argument needs it
}

TEST(AssignBackends, TheSinksOwnDomainWinsWhenItsWalkGaveTwoTags) {
  auto p = build_program("f<v> = 300 + 100 * sin(me@time)\ndisplay(f@v / 400 + sine(f@v))\n");
  EXPECT_EQ(backend_of(*p, "f"), "visual");
}

TEST(AssignBackends, AStillImageAndACameraGoToVisualWhoeverReadsThem) {
  auto p = build_program("load(\"fixtures/a.png\")::img<r>\n"
                         "cam<v> = camera()\n"
                         "play(img@r(0.5, 0.5) + cam@v(me@x ~ 0.5, me@y ~ 0.5))\n");
  EXPECT_EQ(backend_of(*p, "img"), "visual");
  EXPECT_EQ(backend_of(*p, "cam"), "visual");
}

TEST(AssignBackends, NodesNoSinkNeedsHaveNoBackend) {
  auto p = build_program("used<v> = me@x\nspare<v> = saw(3)\ndisplay(used@v)\n");
  EXPECT_EQ(backend_of(*p, "spare"), "unused");
  EXPECT_EQ(p->graph.order.size(), 1u);
}

} // namespace
