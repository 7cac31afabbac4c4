// Cross-backend reads and their access paths (LANGUAGE.md §7.3a, §7.4).
#include "graph/graph_helpers.h"
#include "support/run_weft.h"

#include <gtest/gtest.h>

using weft::test::build_program;
using weft::test::cross_reads_of;
using Strings = std::vector<std::string>;

namespace {

TEST(CrossBackendReads, TheArchitectureExample) {
  // visual <- snd (buffer: audio ring); audio <- samp (value getter: recomputed in audio).
  auto p = build_program(weft::test::read_file(
      weft::test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"visual <- snd@s: buffer handle: audio ring, by time (img1, samp)",
                     "audio <- samp@x: value getter: recomputed in audio (processed)"}));
}

TEST(CrossBackendReads, TheSeedExampleTraceReadsTheMicrophoneRing) {
  auto p = build_program("audio<samples> = mic()\n"
                         "img<r> = audio@samples(me@time ~ me@x * 10)\n"
                         "display(img@r)\n");
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"visual <- audio@samples: buffer handle: audio ring, by time (img)"}));
}

TEST(CrossBackendReads, ASinkReadingANodePlacedElsewhereUsesAValueGetter) {
  auto p = build_program("img<r> = sin(me@x) + 0.5 * me@y\n"
                         "samp<x> = img@r(me@x ~ mouse@x, me@y ~ mouse@y)\n"
                         "play(sin(me@time * 880 * samp@x))\n"
                         "display(img@r)\n");
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"visual <- img@r: value getter: recomputed in visual (display#1)"}));
}

TEST(CrossBackendReads, ACameraReadByAudioIsTheLatestFrame) {
  auto p = build_program("cam<v> = camera()\nplay(cam@v(me@x ~ 0.5, me@y ~ 0.5))\n");
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"audio <- cam@v: buffer handle: latest frame, by x, y (play#1)"}));
}

TEST(CrossBackendReads, AStillImageReadByAudioIsSampledDirectly) {
  auto p = build_program("load(\"fixtures/a.png\")::img<r>\nplay(img@r(0.5, 0.5) - 0.5)\n");
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"audio <- img@r: value getter: recomputed in audio (play#1)"}));
}

TEST(CrossBackendReads, ARecomputedNodeReadsTheOwnedNodesOfItsCone) {
  // scope reads tone (placed audio) through a value getter; recomputing tone in visual reads the
  // history rings of lpf and adsr (LANGUAGE.md Appendix A).
  auto p = build_program(
      weft::test::read_file(weft::test::source_path("tests/lang/spec_examples/example_15.weft")),
      weft::test::source_path("tests/lang/spec_examples/example_15.weft"));
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"visual <- tone@v: value getter: recomputed in visual (scope)",
                     "visual <- lpf@tone: buffer handle: audio ring, by time (tone recomputed)",
                     "visual <- adsr@tone: buffer handle: audio ring, by time (tone recomputed)"}));
}

TEST(CrossBackendReads, ReadsWithinOneBackendAreNotListed) {
  auto p = build_program("a<v> = me@x\nb<v> = a@v * 2\ndisplay(b@v)\n");
  EXPECT_TRUE(cross_reads_of(*p).empty());
}

TEST(CrossBackendReads, AnOwnedCallInADisplayIsReadFromItsRing) {
  auto p = build_program("f<v> = 200 + 100 * sin(me@time)\ndisplay(sine(f@v))\n");
  EXPECT_EQ(cross_reads_of(*p),
            (Strings{"visual <- sine@display#1: buffer handle: audio ring, by time (display#1)"}));
}

} // namespace
