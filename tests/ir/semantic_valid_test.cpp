// Programs that LANGUAGE.md makes valid must pass every semantic check of §3.5–§9 without an
// error (warnings are allowed): the spec's own examples, and the valid counterparts of the
// error corpus in tests/errors/ (e.g. the remapped sawtooth of §7.5 next to
// tests/errors/unbound-coordinate/audio_reads_me_x.weft).
#include "ir/check.h"

#include <gtest/gtest.h>
#include <ostream>
#include <sstream>
#include <string>

using weft::ir::check_text;

namespace {

struct ValidProgram {
  const char* name;
  const char* source;
};

/// Names the program in test output instead of dumping the struct's bytes.
void PrintTo(const ValidProgram& program, std::ostream* out) {
  *out << program.name;
}

std::string rendered_diagnostics(const weft::ir::CheckedProgram& checked) {
  std::ostringstream out;
  weft::lang::render_diagnostics(checked.parsed.diagnostics, out);
  return out.str();
}

void expect_no_errors(const std::string& source) {
  weft::ir::CheckedProgram checked = check_text("valid.weft", source);
  EXPECT_TRUE(checked.ok()) << "source:\n"
                            << source << "diagnostics:\n"
                            << rendered_diagnostics(checked);
  EXPECT_TRUE(checked.module.has_value());
}

const ValidProgram kPrograms[] = {
    // §7.5: a strand that needs me@x is playable once a remap binds it.
    {"RemappedSawtoothOfSection7_5", "stripe<v> = me@x * 2 - 1\n"
                                     "play(stripe@v(me@x ~ fract(me@time * 110), me@y ~ 0))\n"},
    // Appendix A with load("photo.jpg") replaced by a computed picture (no file is needed).
    {"AppendixAWithoutLoad",
     "// a mirrored picture with a pulsing ring, a pattern-driven bass, and a scope of the bass\n"
     "me<width> = 640\n"
     "me<height> = 360\n"
     "me<bpm> = 120\n"
     "\n"
     "img<r, g, b> = <me@x, me@y, 0.5 + 0.5 * sin(me@x * 20)>\n"
     "mirror<r, g, b> = <img@r(1 - me@x, me@y), img@g(1 - me@x, me@y), img@b(1 - me@x, me@y)>\n"
     "\n"
     "spindle ring(x, y, rad, thick) :: <val> {\n"
     "  d = hypot(x - 0.5, y - 0.5)\n"
     "  out val = if abs(d - rad) << thick then 1 else 0\n"
     "}\n"
     "pulse<v> = 0.2 + 0.05 * sin(me@time * tau)\n"
     "ring(me@x, me@y, pulse@v, 0.01)::shape<v>\n"
     "\n"
     "pat(\"<c2 eb2 g1 bb1>*4\")::bass<note, g>\n"
     "tone<v> = lpf(saw(mtof(bass@note)), 200 + 1800 * mouse@x, 4) * adsr(bass@g, 0.005, 0.2, "
     "0.3, 0.1)\n"
     "play(0.4 * tone@v)\n"
     "\n"
     "scope<v> = tone@v(me@time ~ me@abstime - 0.02 + 0.02 * me@x)\n"
     "trace<v> = 1 - step(0.01, abs(me@y - 0.5 + 0.4 * scope@v))\n"
     "\n"
     "view<r, g, b> = mirror * 0.7 + shape@v + trace@v      // mirror stands for mirror@r, @g, "
     "@b\n"
     "display(view)\n"},
    // §1.2, §2.2 and §4.2: accumulation, multi-line bundles, broadcasting.
    {"InstancesOfSection1_2", "tint<r, g, b> = <me@x, 0.2, me@y>\n"
                              "dim<v> = tint@b * 0.25\n"
                              "display(tint@r, dim@v, 0)\n"},
    {"MultiLineBundleOfSection2_2", "split<r, g, b> = <if me@x << 0.5 then 1 else 0,\n"
                                    "                  me@y,\n"
                                    "                  0>\n"
                                    "display(split)\n"},
    {"BroadcastingOfSection4_2", "warm<r, g, b> = <0.6, 0.3, 0.1>\n"
                                 "flat<r, g, b> = <0.2>\n"
                                 "half<r, g, b> = warm * 0.5\n"
                                 "sum<r, g, b>  = half + flat\n"
                                 "display(sum)\n"},
    {"BroadcastingReachesIntoCalls", "img<v> = me@x\n"
                                     "shade<v> = max(img, 0.2)\n"
                                     "display(shade@v)\n"},
    {"BroadcastingReachesIntoIfAndRemapCoordinates",
     "p<u, v> = <me@x, me@y>\n"
     "t<w> = me@x * 2\n"
     "q<u, v> = if p >> 0.5 then sin(p) else t@w(me@x ~ p)\n"
     "display(q@u, q@v, 0)\n"},
    {"StrandsAccumulateAcrossStatementKinds", "spindle pair(x) :: <a, b> {\n"
                                              "  out a = x\n"
                                              "  out b = 1 - x\n"
                                              "}\n"
                                              "img<r> = me@x\n"
                                              "pair(me@y)::img<g, b>\n"
                                              "display(img)\n"},
    {"UseBeforeDefinition", "display(late@v)\n"
                            "late<v> = early@v * 2\n"
                            "early<v> = me@x\n"},
    // §4.2 rule 4: a direct binding of a multi-output call is a call binding.
    {"DirectFormOfCallBinding", "spindle split(x) :: <u, v> {\n"
                                "  out u = x\n"
                                "  out v = 1 - x\n"
                                "}\n"
                                "parts<a, b> = split(me@x)\n"
                                "cam<r, g, b> = camera()\n"
                                "display(parts@a * cam@r, parts@b, 0)\n"},
    {"TupleBundle", "pair<a, b> = (me@x, me@y)\n"
                    "display(pair@a, pair@b, 0)\n"},
    // §4.3.
    {"RotateOfSection4_3", "spindle rotate(x, y, turn) :: <u, v> {\n"
                           "  c = cos(turn * tau)\n"
                           "  s = sin(turn * tau)\n"
                           "  out u = c * x - s * y\n"
                           "  out v = s * x + c * y\n"
                           "}\n"
                           "rotate(me@x - 0.5, me@y - 0.5, me@time / 8)::rot<px, py>\n"
                           "display(rot@px, rot@py, 0)\n"},
    {"SpindleWithoutParameters", "spindle half() :: <o> { out o = 0.5 }\n"
                                 "grey<v> = half() * me@x\n"
                                 "display(grey@v)\n"},
    {"SpindleCallsAnotherSpindleDefinedLater", "spindle outer(x) :: <o> { out o = inner(x) * 2 }\n"
                                               "spindle inner(x) :: <o> { out o = x * x }\n"
                                               "outer(me@x)::c<v>\n"
                                               "display(c@v)\n"},
    // §4.4.
    {"MultiCallOfSection4_4", "spindle lift(c, k) :: <o> { out o = 1 - (1 - c) ^ k }\n"
                              "src<r, g, b> = <me@x, me@y, 0.4>\n"
                              "lift<3>(src, <1, 2, 4>)::lit<r, g, b>\n"
                              "display(lit)\n"},
    {"MultiCallWithNamedBundleArgument", "src<l, r> = <saw(110), saw(165)>\n"
                                         "lpf<2>(src, 800, q: <1, 4>)::f<l, r>\n"
                                         "play(f)\n"},
    {"MultiCallWithOneItemBundleAndConstant", "noise<2>(<me@x * 4>, me@y * 4, <0, 10>)::n<a, b>\n"
                                              "display(n@a, n@b, 0)\n"},
    // §4.5: locals, compound assignment, loops, outputs read back.
    {"BlurOfSection4_5WithComputedPicture",
     "pic<r, g, b> = <me@x, sin(me@x * 40), me@y>\n"
     "spindle hblur(cx, pitch) :: <avg> {\n"
     "  sum = 0\n"
     "  for k in (-2 to 2) {\n"
     "    sum += pic@g(me@x ~ cx + k * pitch)     // reads a global instance, remapped\n"
     "  }\n"
     "  out avg = sum / 5\n"
     "}\n"
     "hblur(me@x, 2 / me@width)::soft<v>\n"
     "display(soft@v)\n"},
    {"LocalsOutputsAndCompoundAssignment", "spindle shade(x, y) :: <lum, edge> {\n"
                                           "  acc = 0\n"
                                           "  for i in (3 to 0) {\n"
                                           "    acc += x * i\n"
                                           "    acc -= y / 8\n"
                                           "  }\n"
                                           "  acc /= 4\n"
                                           "  acc *= 0.5\n"
                                           "  x = i + acc\n"
                                           "  out lum = x\n"
                                           "  out lum *= 0.5\n"
                                           "  out edge = lum + 0.1\n"
                                           "  out edge -= y\n"
                                           "  out edge += 0.05\n"
                                           "  out edge /= 2\n"
                                           "}\n"
                                           "shade(me@x, me@y)::s<l, e>\n"
                                           "display(s@l, s@e, 0)\n"},
    {"StatefulBuiltinInLoopWithConstantBounds", "spindle chord(base) :: <s> {\n"
                                                "  for k in (1 to 3) {\n"
                                                "    out s += sine(base * k) / 3\n"
                                                "  }\n"
                                                "}\n"
                                                "chord(220)::c<v>\n"
                                                "play(0.3 * c@v)\n"},
    {"LoopBoundsFromEnvironment", "me<width> = 64\n"
                                  "spindle cols(x) :: <s> {\n"
                                  "  for k in (1 to me@width / 8) {\n"
                                  "    out s += x / k\n"
                                  "  }\n"
                                  "}\n"
                                  "cols(me@x)::c<v>\n"
                                  "display(c@v)\n"
                                  "play(c@v(me@x ~ 0.5) * 0.1)\n"},
    {"LoopTripCount4096", "spindle total(x) :: <s> {\n"
                          "  for i in (1 to 4096) {\n"
                          "    out s += x / 4096\n"
                          "  }\n"
                          "}\n"
                          "total(me@x)::t<v>\n"
                          "display(t@v)\n"},
    // §2.4: keyword-named outputs and columns.
    {"KeywordNamedSpindleOutputWrittenWithOut", "spindle pass(x) :: <out, in> {\n"
                                                "  out out = x\n"
                                                "  out in = 1 - x\n"
                                                "  out in *= 0.5\n"
                                                "}\n"
                                                "pass(me@x)::viz<out, in>\n"
                                                "display(viz@out, viz.in, 0)\n"},
    {"KeywordNamedStrandsAndColumn", "viz<out> = me@x\n"
                                     "display(viz@out)\n"
                                     "data(\"t.csv\", rows: 4, in: me@row)\n"},
    // §3.5: a spindle may shadow a builtin (a warning, not an error).
    {"SpindleShadowingABuiltin", "spindle mix(a, b, t) :: <o> {\n"
                                 "  out o = a * (1 - t) + b * t\n"
                                 "}\n"
                                 "blend<v> = mix(0.2, 0.8, me@x)\n"
                                 "display(blend@v)\n"},
    {"InstanceAndSpindleShareAName",
     "spindle gate(x) :: <o> { out o = if x >> 0.5 then 1 else 0 }\n"
     "gate<v> = gate(me@x)\n"
     "display(gate@v)\n"},
    // §5, §6.
    {"RemapsOfSections6_2And6_3", "wave<v>     = sin(me@x * 10)\n"
                                  "loud<v>     = wave@v * 3\n"
                                  "squeezed<v> = loud@v(me@x ~ me@x * 2)\n"
                                  "sq<v>    = me@x * me@x\n"
                                  "moved<v> = sq@v(me@x ~ me@x + 0.1)\n"
                                  "both<v>  = moved@v[me@x ~ 2 * me@x]\n"
                                  "swap<v>  = both@v(me@x ~ me@y, me@y ~ me@x)\n"
                                  "display(squeezed@v, swap@v, 0)\n"},
    {"PureStrandInTwoDomainsOfSection7_3", "bell<v> = 0.8 * sin(me@time * 330 * tau)\n"
                                           "play(bell@v)\n"
                                           "plot<v> = bell@v(me@time ~ me@x * 2 / 330)\n"
                                           "display(0.5 + 0.5 * plot@v)\n"},
    {"AudioHistoryReadsInOtherDomains", "me<loop> = 120\n"
                                        "tone<v> = sine(220 + me@time)\n"
                                        "late<v> = tone@v(me@time ~ me@time - 0.25)\n"
                                        "play(late@v)\n"
                                        "scope<v> = tone@v(me@time ~ me@abstime - 0.01 * me@x)\n"
                                        "display(0.5 + 0.5 * scope@v)\n"
                                        "compute(tone@v, late@v)\n"},
    {"MouseInEveryDomain", "follow<v> = 1 - abs(me@x - mouse@x) + mouse@down\n"
                           "display(follow@v)\n"
                           "play(saw(110 + 220 * mouse@y) * 0.2)\n"
                           "compute(mouse@x)\n"},
    {"FieldsOfEveryDomain",
     "display(me@x + me@y + me@frame + me@absframe + me@time + me@abstime + me@beat + "
     "me@measure)\n"
     "play(sin(me@sample / me@rate * tau * 220) + me@bpm * me@cps * 0)\n"
     "compute(me@frame, me@absframe, me@timesig_num, me@timesig_den)\n"
     "data(\"rows.csv\", rows: 10, rate: 2, i: me@row, t: me@time, b: me@beat)\n"},
    {"PositionalSamplingOfAConstantIsOnlyAWarning", "flat<v> = 0.5\n"
                                                    "dot<v> = flat@v(0.1, 0.2)\n"
                                                    "display(dot@v)\n"},
    // §4.1.
    {"EnvironmentSettings", "me<height> = me@width / 2\n"
                            "me<width> = 640\n"
                            "me<fps> = floor(sqrt(3600)) / 2\n"
                            "me<cps> = 0.5\n"
                            "me<rate> = 44100\n"
                            "me<loop> = if pi >> 3 then 240 else 0\n"
                            "me<timesig_num> = 3\n"
                            "me<timesig_den> = 8\n"
                            "display(me@x)\n"},
    // §8.0: named and default arguments, channels.
    {"NamedBuiltinArguments",
     "tone<v> = square(220, width: 0.3) + lpf(saw(110), cutoff: 800) + bpf(x: white(), "
     "center: 900, q: 4)\n"
     "wet<v> = reverb(tone@v, damp: 0.2) + delay(tone@v, 0.3, feedback: 0.4)\n"
     "play(0.1 * dist(wet@v, drive: 2))\n"
     "cloud<v> = fbm(me@x * 4, me@y * 4, octaves: 3, gain: 0.6)\n"
     "display(cloud@v * clamp(me@x) * clamp(me@y, lo: 0.1, hi: 0.9))\n"},
    {"ConstArgumentsFromEnvironment", "me<fps> = 30\n"
                                      "cloud<v> = fbm(me@x, me@y, 0, me@fps / 10)\n"
                                      "display(cloud@v)\n"},
    {"ChannelsByNameByPositionAndDefault",
     "mic()::stereo<left, right>\n"
     "mic()::swapped<r, l>\n"
     "mic()::level<mono>\n"
     "mic()::anon<a, b>\n"
     "pat(\"c3 e3 g3\")::mel<gate, value>\n"
     "camera()::cam<red, x>\n"
     "play(stereo@left + swapped@l + level@mono + anon@b + mic() * 0.1, mel@value * "
     "mel@gate * 0)\n"
     "display(cam@red, cam@x, camera())\n"},
    {"PatternsOfSection8_10",
     "pat(\"c3 eb3 g3 <bb3 c4>\")::mel<note, g>\n"
     "play(0.3 * saw(mtof(mel@note)) * adsr(mel@g, 0.01, 0.1, 0.6, 0.2))\n"},
    // §9: every sink form.
    {"DisplayForms", "grey<v> = me@x\n"
                     "display(grey)\n"},
    {"DisplayOfWideInstance", "c<r, g, b, a> = <me@x, me@y, 0.5, 0.5>\n"
                              "display(c)\n"},
    {"RenderPositionalForm", "render(me@x, me@y, 0.5, 0.8)\n"},
    {"RenderNamedForm", "render(r: me@x, b: me@y, a: 0.5)\n"},
    {"RenderOfFourStrandInstance", "c<r, g, b, a> = <me@x, me@y, 0.5, 0.5>\n"
                                   "render(c)\n"},
    {"PlayForms", "drone<l, r> = <saw(110), saw(111)>\n"
                  "play(left: drone@l * 0.1, right: drone@r * 0.1)\n"
                  "play(right: sine(440) * 0.1)\n"
                  "play(drone)\n"
                  "play(sine(220) * 0.1, sine(221) * 0.1)\n"
                  "mono<v> = tri(55) * 0.2\n"
                  "play(mono)\n"},
    {"ControlSinks", "level<v> = 0.5 + 0.5 * sin(me@time)\n"
                     "uv<u, v> = <me@time, me@frame>\n"
                     "compute(level@v, uv)\n"
                     "osc(\"/level\", level@v, uv, port: 9000)\n"
                     "osc(\"/slow\", level@v, host: \"10.0.0.2\", port: 57120, rate: 2)\n"
                     "midi(cc: 7, value: level@v, channel: 2, rate: 30)\n"
                     "pat(\"c3 e3 g3\")::m<note, g>\n"
                     "midi(note: m@note, gate: m@g, velocity: 0.8, port: \"IAC\")\n"},
    {"DataOfSection9_4",
     "f<v> = me@x * me@y\n"
     "data(\"curve.csv\", rows: 256, x: me@row / 255, y: f@v(me@x ~ me@row / 255, me@y ~ "
     "0.5))\n"
     "data(\"other.csv\", rows: 4, rate: 1000, t: me@time)\n"},
    {"OneVisualSinkAndManyOthers", "display(me@x)\n"
                                   "play(sine(220) * 0.1)\n"
                                   "play(sine(330) * 0.1)\n"
                                   "compute(me@time)\n"},
    {"CameraReadFromAudioWithBoundCoordinates",
     "cam<r, g, b> = camera()\n"
     "play(cam@r(0.5, 0.5) * saw(110) * 0.2 + white() * 0.01)\n"},
    {"BoundaryValues", "me<width> = 16384\n"
                       "me<height> = 1\n"
                       "me<fps> = 1000\n"
                       "me<bpm> = 1000\n"
                       "me<rate> = 8000\n"
                       "me<loop> = 2147483647\n"
                       "me<timesig_num> = 64\n"
                       "cloud<v> = fbm(me@x, me@y, 0, 16) + fbm(me@x, me@y, 0, 1)\n"
                       "display(cloud@v)\n"
                       "osc(\"/a\", me@time, port: 65535, rate: 1000)\n"
                       "midi(cc: 127, value: me@time, channel: 16)\n"
                       "data(\"big.csv\", rows: 10000000, v: me@row)\n"},
    // §4.6: no sinks is a warning only.
    {"NoSinks", "glow<v> = me@x * 0.5\n"},
    {"EmptyProgram", ""},
};

class SemanticallyValid : public testing::TestWithParam<ValidProgram> {};

TEST_P(SemanticallyValid, CompilesWithoutErrors) {
  expect_no_errors(GetParam().source);
}

INSTANTIATE_TEST_SUITE_P(Spec, SemanticallyValid, testing::ValuesIn(kPrograms),
                         [](const testing::TestParamInfo<ValidProgram>& info) {
                           return std::string(info.param.name);
                         });

// §4.5 rules 4-5: non-constant bounds are valid when they are uniform over the domain's unit of
// work (the trip count is then limited to 4096 at run time with a warning): the loop stays a
// loop in the IR (Op::Loop).
TEST(SemanticallyValidLoops, FrameUniformBoundsInTheVisualDomain) {
  expect_no_errors("spindle steps(x) :: <s> {\n"
                   "  for i in (1 to 1 + me@frame % 4 + floor(mouse@x * 8)) {\n"
                   "    out s += x / 4\n"
                   "  }\n"
                   "}\n"
                   "steps(me@x)::st<v>\n"
                   "display(st@v)\n");
}

TEST(SemanticallyValidLoops, TickUniformBoundsInTheControlDomain) {
  expect_no_errors("spindle count(x) :: <s> {\n"
                   "  for i in (1 to me@time) {\n"
                   "    out s += x\n"
                   "  }\n"
                   "}\n"
                   "count(0.5)::c<v>\n"
                   "compute(c@v)\n");
}

} // namespace
