// The structure of the render graph: which nodes exist, what they are called, what they read.
#include "graph/graph_helpers.h"

#include <gtest/gtest.h>

using weft::test::build_program;
using weft::test::inputs_of;
using weft::test::node_names;
using Strings = std::vector<std::string>;

namespace {

TEST(RenderGraph, OneNodePerInstanceWithItsStrandsAsOutputsInSourceOrder) {
  auto p = build_program("tint<r, g> = <me@x, 0.2>\n"
                         "tint<b> = me@y\n"
                         "display(tint)\n");
  ASSERT_EQ(node_names(*p), Strings{"tint"});
  const auto& tint = p->node("tint");
  ASSERT_EQ(tint.outputs.size(), 3u);
  EXPECT_EQ(tint.outputs[0].name, "r");
  EXPECT_EQ(tint.outputs[1].name, "g");
  EXPECT_EQ(tint.outputs[2].name, "b");
  EXPECT_FALSE(tint.is_owned());
  EXPECT_EQ(tint.purity, weft::ir::Purity::Pure);
}

TEST(RenderGraph, AnInstanceBoundToAnOwnedCallIsThatCall) {
  auto p = build_program("snd<s> = mic()\nplay(snd@s)\n");
  ASSERT_EQ(node_names(*p), Strings{"snd"});
  const auto& snd = p->node("snd");
  EXPECT_EQ(snd.kind, weft::graph::RenderNodeKind::Instance);
  ASSERT_TRUE(snd.is_owned());
  EXPECT_EQ(*snd.owner, weft::ir::Domain::Audio);
  EXPECT_EQ(snd.builtin->name, "mic");
  EXPECT_TRUE(snd.has_buffer_output());
}

TEST(RenderGraph, ACallBindingOfSeveralChannelsIsOneNode) {
  auto p = build_program("mic()::snd<l, r>\nplay(snd@l, snd@r)\n");
  ASSERT_EQ(node_names(*p), Strings{"snd"});
  const auto& snd = p->node("snd");
  ASSERT_EQ(snd.outputs.size(), 2u);
  EXPECT_EQ(snd.outputs[0].name, "l");
  EXPECT_EQ(snd.outputs[1].name, "r");
  EXPECT_EQ(snd.owned_values.size(), 2u);
}

TEST(RenderGraph, AStillImageIsAVisualResourceReadLikeAPureFunction) {
  auto p = build_program("load(\"fixtures/a.png\")::img<r, g, b>\n"
                         "m<r> = img@r(1 - me@x, me@y)\n"
                         "display(m@r, img@g, img@b)\n");
  ASSERT_EQ(node_names(*p), (Strings{"img", "m"}));
  const auto& img = p->node("img");
  ASSERT_TRUE(img.is_owned());
  EXPECT_EQ(*img.owner, weft::ir::Domain::Visual);
  EXPECT_FALSE(img.has_buffer_output()); // §7.3: every domain samples the decoded pixels
  EXPECT_EQ(inputs_of(*p, "m"), Strings{"img@r"});
}

TEST(RenderGraph, ACameraIsAVisualHardwareNodeWithAFrameBuffer) {
  auto p = build_program("cam<v> = camera()\ndisplay(cam@v)\n");
  const auto& cam = p->node("cam");
  ASSERT_TRUE(cam.is_owned());
  EXPECT_EQ(*cam.owner, weft::ir::Domain::Visual);
  EXPECT_TRUE(cam.has_buffer_output());
}

TEST(RenderGraph, OwnedCallsInsideADefinitionAreNodesNamedAfterIt) {
  auto p = build_program("bass<note> = 40 + 12 * step(0.5, fract(me@beat))\n"
                         "tone<v> = lpf(saw(mtof(bass@note)), 800) * 0.5\n"
                         "play(tone@v)\n");
  EXPECT_EQ(node_names(*p), (Strings{"bass", "tone", "lpf@tone", "saw@tone"}));
  EXPECT_EQ(inputs_of(*p, "tone"), Strings{"lpf@tone"});
  EXPECT_EQ(inputs_of(*p, "lpf@tone"), Strings{"saw@tone"});
  EXPECT_EQ(inputs_of(*p, "saw@tone"), Strings{"bass@note"});
  EXPECT_EQ(p->node("lpf@tone").kind, weft::graph::RenderNodeKind::OwnedCall);
  EXPECT_EQ(p->node("lpf@tone").outputs[0].name, "out");
}

TEST(RenderGraph, SeveralCallsOfOneBuiltinInOneDefinitionAreNumberedInSourceOrder) {
  auto p = build_program("y<v> = saw(110) + saw(220) * 0.5\nplay(y@v)\n");
  EXPECT_EQ(node_names(*p), (Strings{"y", "saw#1@y", "saw#2@y"}));
  EXPECT_EQ(inputs_of(*p, "y"), (Strings{"saw#1@y", "saw#2@y"}));
}

TEST(RenderGraph, ACallWrittenInASinkIsNamedAfterTheSink) {
  auto p = build_program("f<v> = 200 + 100 * sin(me@time)\ndisplay(sine(f@v))\n");
  EXPECT_EQ(node_names(*p), (Strings{"f", "sine@display#1"}));
  EXPECT_EQ(inputs_of(*p, "sine@display#1"), Strings{"f@v"});
  ASSERT_EQ(p->graph.sinks.size(), 1u);
  EXPECT_EQ(p->graph.sinks[0].label, "display#1");
  EXPECT_EQ(p->graph.output_label(p->graph.sinks[0].inputs.at(0)), "sine@display#1");
}

TEST(RenderGraph, AReadOfAnotherStrandOfTheSameInstanceIsNoEdge) {
  auto p = build_program("a<x> = me@x\na<y> = a@x * 2\ndisplay(a@y)\n");
  EXPECT_TRUE(inputs_of(*p, "a").empty());
}

TEST(RenderGraph, InstancesWhoseReadsFormACycleAreSplitIntoStrands) {
  // Strands: b@y <- a@x <- b@z, acyclic; instances: a <-> b.
  auto p = build_program("a<x> = b@y + 1\n"
                         "b<y> = me@x\n"
                         "b<z> = a@x * 2\n"
                         "display(b@z)\n");
  EXPECT_EQ(node_names(*p), (Strings{"a", "b@y", "b@z"}));
  EXPECT_EQ(p->node("b@y").kind, weft::graph::RenderNodeKind::Strand);
  EXPECT_EQ(inputs_of(*p, "a"), Strings{"b@y"});
  EXPECT_EQ(inputs_of(*p, "b@z"), Strings{"a@x"});
  EXPECT_EQ(weft::test::order_of(*p), (Strings{"b@y", "a", "b@z"}));
  // The pair expose/lookup use for a split strand is still (instance, strand).
  auto out = p->graph.find_output("b", "z");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(p->graph.output_label(*out), "b@z");
}

TEST(RenderGraph, ACallMadeOnlyUnderARemapOfItsHolderIsReadByTheHolder) {
  // `o@v(me@beat ~ 2)` makes a second oscillator (its argument differs), held by `o`.
  auto p = build_program("o<v> = saw(110 + 10 * me@beat)\n"
                         "p<v> = o@v(me@beat ~ 2)\n"
                         "play(p@v)\n");
  EXPECT_EQ(node_names(*p), (Strings{"o", "saw@o", "p"}));
  EXPECT_EQ(inputs_of(*p, "o"), Strings{"saw@o"});
  EXPECT_EQ(weft::test::backend_of(*p, "saw@o"), "audio");
}

TEST(RenderGraph, EveryStrandAndOwnedNodeMapsToItsOutput) {
  auto p = build_program("snd<s> = mic()\nlevel<v> = abs(snd@s) * 2\nplay(level@v)\n");
  const auto& g = p->graph;
  ASSERT_EQ(g.strand_outputs.size(), 2u);
  EXPECT_EQ(g.output_label(g.strand_outputs[0]), "snd@s");
  EXPECT_EQ(g.output_label(g.strand_outputs[1]), "level@v");
  const weft::ir::NodeId mic = p->module().strands[0].root;
  ASSERT_TRUE(g.owned_outputs.count(mic));
  EXPECT_EQ(g.output_label(g.owned_outputs.at(mic)), "snd@s");
  EXPECT_EQ(g.output_key(g.strand_outputs[1]),
            (std::pair<std::string_view, std::string_view>{"level", "v"}));
}

} // namespace
