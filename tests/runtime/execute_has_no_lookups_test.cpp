// Execution is pre-wired (LANGUAGE.md §7.6, ARCHITECTURE.md §2): every cross-backend reference is
// resolved while compiling, and `execute` makes no lookup. Counted, and the values checked.
#include "runtime/recording_backends.h"
#include "support/run_weft.h"

#include <gtest/gtest.h>

using namespace weft;

namespace {

TEST(ExecuteHasNoLookups, TheArchitectureExampleRunsTenFramesWithZeroLookups) {
  auto p = test::build_program(
      test::read_file(test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  std::vector<std::string> trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  runtime::Coordinator& program = *compiled.program;
  const std::uint64_t after_compile = program.lookup_count();
  EXPECT_EQ(after_compile, 2u); // visual <- snd, audio <- samp
  for (std::int64_t n = 0; n < 10; ++n) program.execute(test::frame_step(p->module().env, n));
  EXPECT_EQ(program.lookups_during_execute(), 0u);
  EXPECT_EQ(program.lookup_count(), after_compile);
  EXPECT_TRUE(program.errors().empty());
}

TEST(ExecuteHasNoLookups, ThePrewiredReferencesCarryTheRightValues) {
  auto p = test::build_program(
      test::read_file(test::source_path("tests/lang/spec_examples/architecture_batching.weft")));
  std::vector<std::string> trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  runtime::Coordinator& program = *compiled.program;
  for (std::int64_t n = 0; n < 4; ++n) program.execute(test::frame_step(p->module().env, n));
  const auto& audio =
      dynamic_cast<const test::RecordingAudioBackend&>(*program.backend(ir::Domain::Audio));
  const auto& visual =
      dynamic_cast<const test::RecordingVisualBackend&>(*program.backend(ir::Domain::Visual));
  // Audio recomputes samp at x = y = 0.5 per sample, from the microphone at audio rate.
  ASSERT_EQ(audio.played().size(), 4u * 800u);
  for (std::int64_t s : {0, 1, 799, 3199}) {
    const double mic = test::mic_ramp(s);
    EXPECT_DOUBLE_EQ(audio.played()[static_cast<std::size_t>(s)],
                     mic + std::cos(0.5) * (std::sin(0.5) * mic));
  }
  // Visual frame 3 reads the ring at its time: sample floor(3 * 48000 / 60) = 2400.
  EXPECT_EQ(visual.newest_audio_sample(), 2400);
  const double mic = test::mic_ramp(2400);
  const double x = (0 + 0.5) / test::RecordingVisualBackend::kWidth;
  EXPECT_DOUBLE_EQ(visual.picture()[0], std::sin(x) * mic); // img1@r at pixel (0, 0)
}

TEST(ExecuteHasNoLookups, AudioReadsTheLatestCameraFrameThroughItsHandle) {
  auto p = test::build_program("cam<v> = camera()\nplay(cam@v(me@x ~ 0.5, me@y ~ 0.5))\n");
  std::vector<std::string> trace;
  auto compiled = runtime::compile_program(p->graph, p->module(), test::recording_registry(&trace));
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  runtime::Coordinator& program = *compiled.program;
  EXPECT_EQ(program.backends()[0]->domain(), ir::Domain::Visual); // the frame comes first
  for (std::int64_t n = 0; n < 3; ++n) program.execute(test::frame_step(p->module().env, n));
  EXPECT_EQ(program.lookups_during_execute(), 0u);
  const auto& audio =
      dynamic_cast<const test::RecordingAudioBackend&>(*program.backend(ir::Domain::Audio));
  // (0.5, 0.5) on the 4 x 2 test frame lies between texels 1, 2 and rows 0, 1: their mean.
  const double expected = (test::camera_texel(2, 1, 0) + test::camera_texel(2, 2, 0) +
                           test::camera_texel(2, 1, 1) + test::camera_texel(2, 2, 1)) /
                          4.0;
  EXPECT_NEAR(audio.played().back(), expected, 1e-6);
}

/// A backend that breaks the rule: it asks the coordinator while executing.
class LookingUpBackend : public test::RecordingVisualBackend {
public:
  LookingUpBackend(std::vector<std::string>* trace, runtime::Coordinator** coordinator)
      : RecordingVisualBackend(trace), coordinator_(coordinator) {}
  void execute(const runtime::ExecuteContext& context) override {
    (*coordinator_)->lookup("snd", "s");
    RecordingVisualBackend::execute(context);
  }

private:
  runtime::Coordinator** coordinator_;
};

TEST(ExecuteHasNoLookups, TheCounterSeesALookupDuringExecute) {
  auto p = test::build_program("snd<s> = mic()\nimg<r> = snd@s * me@x\ndisplay(img@r)\n");
  std::vector<std::string> trace;
  runtime::Coordinator* coordinator = nullptr;
  runtime::BackendRegistry registry = test::recording_registry(&trace);
  registry.add(ir::Domain::Visual, "looking-up",
               [&] { return std::make_unique<LookingUpBackend>(&trace, &coordinator); });
  auto compiled = runtime::compile_program(p->graph, p->module(), registry);
  ASSERT_TRUE(compiled.ok()) << compiled.error;
  coordinator = compiled.program.get();
  compiled.program->execute(test::frame_step(p->module().env, 0));
  EXPECT_EQ(compiled.program->lookups_during_execute(), 1u);
}

} // namespace
