// The coordinator (ARCHITECTURE.md §2–§3): batches compiled in order through registered
// backends, expose/lookup with the access path chosen by the coordinator, the seed's trace.
#include "runtime/recording_backends.h"
#include "support/run_weft.h"

#include <gtest/gtest.h>

using namespace weft;
using Strings = std::vector<std::string>;

namespace {

TEST(Coordinator, TheSeedExampleTrace) {
  // coordinator-and-backends.md "Example Trace": audio compiles [audio] and exposes the
  // microphone buffer; visual compiles [img], looks the buffer up (a buffer handle: the audio
  // ring) and exposes img; each frame both execute with no query.
  auto p = test::build_program("audio<samples> = mic()\n"
                               "img<r> = audio@samples(me@time ~ me@x * 10)\n"
                               "display(img@r)\n");
  Strings trace;
  runtime::CompileResult compiled =
      runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  runtime::Coordinator& program = *compiled.program;
  ASSERT_EQ(program.backends().size(), 2u);
  EXPECT_EQ(program.backends()[0]->domain(), ir::Domain::Audio); // index 0, as in the seed
  EXPECT_EQ(program.backends()[1]->domain(), ir::Domain::Visual);
  program.execute(test::frame_step(p->module().env, 0));
  EXPECT_EQ(trace, (Strings{
                       "audio: compile_nodes [audio]",
                       "audio: expose audio@samples (buffer handle (audio ring))",
                       "visual: compile_nodes [img]",
                       "visual: lookup audio@samples -> buffer handle (audio ring)",
                       "visual: expose img@r (value getter)",
                       "audio: compile_sinks []",
                       "visual: compile_sinks [display#1]",
                       "audio: execute frame 0",
                       "visual: execute frame 0",
                   }));
  EXPECT_EQ(program.lookup_count(), 1u);
  EXPECT_EQ(program.lookups_during_execute(), 0u);
  EXPECT_TRUE(program.errors().empty());
}

TEST(Coordinator, TheArchitectureExampleCompilesItsThreeBatchesInOrder) {
  auto p = test::build_program(
      test::read_file(test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  Strings trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  EXPECT_EQ(trace, (Strings{
                       "audio: compile_nodes [snd]",
                       "audio: expose snd@s (buffer handle (audio ring))",
                       "visual: compile_nodes [img1, img2, samp]",
                       "visual: lookup snd@s -> buffer handle (audio ring)",
                       "visual: expose img1@r (value getter)",
                       "visual: expose img2@g (value getter)",
                       "visual: expose samp@x (value getter)",
                       "audio: compile_nodes [processed]",
                       "audio: lookup samp@x -> value getter",
                       "audio: expose processed@p (value getter)",
                       "audio: compile_sinks [play#1]",
                       "visual: compile_sinks [display#1]",
                   }));
}

TEST(Coordinator, LookupChoosesTheAccessPathFromTheKindOfNodeRead) {
  auto p = test::build_program(
      test::read_file(test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  runtime::Coordinator c(p->graph, p->module());
  auto ring = std::make_shared<runtime::SampleRing>(48000);
  // The producer of a placed node exposes a rendered buffer: readers still get a value getter,
  // because values must not depend on placement (§7.3a).
  auto frame = std::make_shared<runtime::FrameBuffer>(4, 4);
  c.expose("snd", "s", runtime::DataReference::ring(ring));
  c.expose("samp", "x", runtime::DataReference::frame(frame));
  runtime::DataReference snd = c.lookup("snd", "s");
  ASSERT_TRUE(snd.valid());
  EXPECT_EQ(snd.path(), graph::AccessPathKind::BufferHandle);
  EXPECT_EQ(snd.ring(), ring.get()); // the same memory, no copy
  runtime::DataReference samp = c.lookup("samp", "x");
  ASSERT_TRUE(samp.valid());
  EXPECT_EQ(samp.path(), graph::AccessPathKind::ValueGetter);
  EXPECT_EQ(samp.getter()->node(), p->module().strands[3].root);
  EXPECT_EQ(samp.getter()->graph(), &p->module().graph);
  EXPECT_FALSE(samp.getter()->can_evaluate());
  // Never exposed: a placed node can still be recomputed from the IR.
  EXPECT_EQ(c.lookup("img2", "g").path(), graph::AccessPathKind::ValueGetter);
  EXPECT_EQ(c.lookup_count(), 3u);
  EXPECT_TRUE(c.errors().empty());
}

TEST(Coordinator, LookupOfAnUnknownNameOrAnUnexposedBufferIsInvalid) {
  auto p = test::build_program("snd<s> = mic()\ndisplay(snd@s)\n");
  runtime::Coordinator c(p->graph, p->module());
  EXPECT_FALSE(c.lookup("nosuch", "s").valid());
  EXPECT_FALSE(c.lookup("snd", "s").valid()); // its backend has not exposed the ring
  c.expose("nosuch", "v", runtime::DataReference::ring(std::make_shared<runtime::SampleRing>(8)));
  EXPECT_EQ(c.errors(), (Strings{"lookup of unknown output 'nosuch', 's'",
                                 "'snd@s' is read before its backend exposed its buffer",
                                 "expose of unknown output 'nosuch', 'v'"}));
}

TEST(Coordinator, AValueGetterCarriesTheProducersEvaluator) {
  auto p = test::build_program(
      test::read_file(test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  Strings trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  auto& program = *compiled.program;
  for (std::int64_t n = 0; n < 3; ++n) program.execute(test::frame_step(p->module().env, n));
  runtime::DataReference samp = program.lookup("samp", "x");
  ASSERT_TRUE(samp.getter() && samp.getter()->can_evaluate());
  runtime::Point at;
  at[ir::Coord::X] = 0.5;
  at[ir::Coord::Y] = 0.5;
  at[ir::Coord::Time] = 2.0 / 60; // frame 2: the visual backend sees audio up to sample 1600
  const double mic = test::mic_ramp(1600);
  EXPECT_DOUBLE_EQ(samp.getter()->value_at(at), mic + std::cos(0.5) * (std::sin(0.5) * mic));
}

TEST(Coordinator, ADomainWithoutARegisteredBackendIsNotSupportedYet) {
  auto p = test::build_program("a<v> = sin(me@time)\ndisplay(a@v)\ncompute(a@v)\n");
  Strings trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  EXPECT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error, "the control domain is not supported yet (no backend is registered for "
                            "it; needed by compute#1 at line 3)");
  EXPECT_TRUE(trace.empty()); // nothing was compiled
}

TEST(Coordinator, BackendsAreRegisteredByDomain) {
  runtime::BackendRegistry registry;
  Strings trace;
  EXPECT_FALSE(registry.has(ir::Domain::Audio));
  registry.add(ir::Domain::Audio, "first",
               [&] { return std::make_unique<test::RecordingAudioBackend>(&trace); });
  registry.add(ir::Domain::Audio, "second",
               [&] { return std::make_unique<test::RecordingAudioBackend>(&trace); });
  EXPECT_TRUE(registry.has(ir::Domain::Audio));
  EXPECT_EQ(registry.name(ir::Domain::Audio), "second");
  EXPECT_EQ(registry.create(ir::Domain::Audio)->domain(), ir::Domain::Audio);
  EXPECT_EQ(registry.create(ir::Domain::Data), nullptr);
}

} // namespace
