// Context tagging (LANGUAGE.md §7.1): who needs each node, with the earliest sink of each tag.
#include "graph/graph_helpers.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

using weft::test::build_program;
using weft::test::tags_of;

namespace {

TEST(TagContexts, TheSeedExampleTrace) {
  // coordinator-and-backends.md "Example Trace": audio={Visual}, img={Visual}.
  auto p = build_program("audio<samples> = mic()\n"
                         "img<r> = audio@samples(me@time ~ me@x * 10)\n"
                         "display(img@r)\n");
  EXPECT_EQ(tags_of(*p, "audio"), "visual (display#1)");
  EXPECT_EQ(tags_of(*p, "img"), "visual (display#1)");
}

TEST(TagContexts, TagsMeanWhoNeedsTheDataNotWhoProducesIt) {
  // The seed's "Context Tagging" example: the microphone is tagged visual.
  auto p = build_program("sound<intensity> = mic()\n"
                         "viz<out> = me@x * sound@intensity\n"
                         "display(viz@out)\n");
  EXPECT_EQ(tags_of(*p, "viz"), "visual (display#1)");
  EXPECT_EQ(tags_of(*p, "sound"), "visual (display#1)");
}

TEST(TagContexts, PlayBeforeDisplayTagsImgAudioFirst) {
  // The seed's "Node Assignment" example (remap written with parentheses, §6.1).
  auto p = build_program("img<r> = sin(me@x) + 0.5 * me@y\n"
                         "samp<x> = img@r(me@x ~ mouse@x, me@y ~ mouse@y)\n"
                         "play(sin(me@time * 880 * samp@x))\n"
                         "display(img@r)\n");
  EXPECT_EQ(tags_of(*p, "img"), "audio (play#1), visual (display#1)");
  EXPECT_EQ(tags_of(*p, "samp"), "audio (play#1)");
}

TEST(TagContexts, AnOwnedNodesArgumentsAreTaggedWithTheOwnersDomain) {
  // §7.1: in display(sine(f@v)), f@v is tagged audio.
  auto p = build_program("f<v> = 200 + 100 * sin(me@time)\ndisplay(sine(f@v))\n");
  EXPECT_EQ(tags_of(*p, "sine@display#1"), "visual (display#1)");
  EXPECT_EQ(tags_of(*p, "f"), "audio (display#1)");
}

TEST(TagContexts, ANodeCarriesOneTagPerDomainWithTheEarliestSink) {
  auto p = build_program("base<v> = sin(me@time * 440 * tau)\n"
                         "play(base@v)\n"
                         "compute(base@v * 2)\n"
                         "display(0.5 + 0.5 * base@v)\n"
                         "play(base@v * 0.1)\n");
  EXPECT_EQ(tags_of(*p, "base"), "audio (play#1), control (compute#1), visual (display#1)");
}

TEST(TagContexts, AWalkMayGiveANodeTwoTags) {
  // Read directly by the picture and, through the oscillator's argument, by audio.
  auto p = build_program("f<v> = 300 + 100 * sin(me@time)\ndisplay(f@v / 400 + sine(f@v))\n");
  EXPECT_EQ(tags_of(*p, "f"), "visual (display#1), audio (display#1)");
}

TEST(TagContexts, NodesNoSinkNeedsAreUntagged) {
  auto p = build_program("used<v> = me@x\nspare<v> = me@y\ndisplay(used@v)\n");
  EXPECT_EQ(tags_of(*p, "spare"), "-");
  EXPECT_TRUE(p->node("spare").tags.empty());
}

TEST(TagContexts, ALongChainIsWalkedWithoutRecursion) {
  constexpr int kLength = 20000;
  std::string text = "a0<v> = me@x\n";
  for (int i = 1; i <= kLength; ++i) text += fmt::format("a{}<v> = a{}@v * 0.5 + 0.1\n", i, i - 1);
  text += fmt::format("display(a{}@v)\n", kLength);
  auto p = build_program(text);
  for (const auto& n : p->graph.nodes) ASSERT_TRUE(n.tags.has(weft::ir::Domain::Visual)) << n.name;
  EXPECT_EQ(p->graph.order.size(), static_cast<std::size_t>(kLength + 1));
}

} // namespace
