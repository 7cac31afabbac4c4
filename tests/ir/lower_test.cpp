// Lowering AST -> IR follows LANGUAGE.md: accumulation, broadcasting, spindle inlining with
// positional outputs, locals and loops, multi-calls, remaps as deep substitution, folding,
// hash-consing, stateful instances, purity and coordinate dependence.
#include "ir/check.h"
#include "ir/print.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace weft::ir;

namespace {

struct Lowered {
  CheckedProgram checked;
  const Module& module() const { return *checked.module; }
  std::string diagnostics() const {
    std::ostringstream out;
    weft::lang::render_diagnostics(checked.parsed.diagnostics, out);
    return out.str();
  }
  /// The text of strand `inst@s`.
  std::string strand(const std::string& inst, const std::string& s) const {
    std::int32_t i = module().find_strand(inst, s);
    if (i < 0) return "<no strand>";
    return expression_text(module().graph, module().strands[static_cast<std::size_t>(i)].root);
  }
  NodeId root(const std::string& inst, const std::string& s) const {
    return module().strands[static_cast<std::size_t>(module().find_strand(inst, s))].root;
  }
};

Lowered lower(const std::string& source) {
  Lowered l{check_text("t.weft", source)};
  return l;
}

/// Lowers a program that must have no errors.
Lowered lower_ok(const std::string& source) {
  Lowered l = lower(source);
  EXPECT_FALSE(l.checked.parsed.diagnostics.has_errors()) << l.diagnostics();
  return l;
}

TEST(Lowering, ConstantsFold) {
  auto l = lower_ok("a<v> = 1 + 2 * 3 ^ 2\nb<v> = sin(0) + floor(-2.5) + (7 % 3) + (-7 % 3)\n"
                    "c<v> = if 1 << 2 then 10 else 20\nd<v> = me@width / 2\nme<width> = 640\n"
                    "display(a@v + b@v + c@v + d@v)\n");
  EXPECT_EQ(l.strand("a", "v"), "19");
  EXPECT_EQ(l.strand("b", "v"), "0"); // 0 - 3 + 1 + 2
  EXPECT_EQ(l.strand("c", "v"), "10");
  EXPECT_EQ(l.strand("d", "v"), "320");
}

TEST(Lowering, OperatorSemanticsOfSection3_4) {
  auto m = lower_ok("x<a, b, c, d, e, f, g, h> = <1 / 0, 0 ^ 0, (-2) ^ 3, 5 % -3, 1 == 1, 0 and 1, "
                    "not 0, 2 != 2>\ndisplay(x@a)\n");
  EXPECT_EQ(m.strand("x", "a"), "inf");
  EXPECT_EQ(m.strand("x", "b"), "1");
  EXPECT_EQ(m.strand("x", "c"), "-8");
  EXPECT_EQ(m.strand("x", "d"), "-1");
  EXPECT_EQ(m.strand("x", "e"), "1");
  EXPECT_EQ(m.strand("x", "f"), "0");
  EXPECT_EQ(m.strand("x", "g"), "1");
  EXPECT_EQ(m.strand("x", "h"), "0");
}

TEST(Lowering, InstancesAccumulateStrandsAcrossStatements) {
  auto l = lower_ok("img<r> = me@x\nimg<g, b> = <me@y, 0.5>\ndisplay(img)\n");
  EXPECT_EQ(l.strand("img", "r"), "me@x");
  EXPECT_EQ(l.strand("img", "g"), "me@y");
  EXPECT_EQ(l.strand("img", "b"), "0.5");
  ASSERT_EQ(l.module().sinks.size(), 1u);
  EXPECT_EQ(expression_text(l.module().graph, l.module().sinks[0].values[2].value), "0.5");
}

TEST(Lowering, BroadcastingRewritesBareInstanceNames) {
  // §4.2's example: sum = 0.5 0.35 0.25.
  auto l = lower_ok("warm<r, g, b> = <0.6, 0.3, 0.1>\nflat<r, g, b> = <0.2>\n"
                    "half<r, g, b> = warm * 0.5\nsum<r, g, b>  = half + flat\ndisplay(sum)\n");
  EXPECT_EQ(l.strand("sum", "r"), "0.5");
  EXPECT_EQ(l.strand("sum", "g"), "0.35");
  EXPECT_EQ(l.strand("sum", "b"), "0.25");
}

TEST(Lowering, BroadcastingReachesIntoCallsIfsAndRemapCoordinates) {
  auto l = lower_ok("p<u, v> = <me@x, me@y>\nt<w> = me@x * 2\n"
                    "q<u, v> = if p then sin(p) else t@w(me@x ~ p)\ndisplay(q@u)\n");
  EXPECT_EQ(l.strand("q", "v"), "select(me@y, sin(me@y), mul(me@y, 2))");
}

TEST(Lowering, SpindleOutputsBindByPosition) {
  // §4.3: rot@px = u, rot@py = v, whatever the names.
  auto l = lower_ok("spindle swap(a, b) :: <u, v> {\n  out v = a\n  out u = b\n}\n"
                    "swap(me@x, me@y)::s<first, second>\ndisplay(s@first, s@second, 0)\n");
  EXPECT_EQ(l.strand("s", "first"), "me@y");
  EXPECT_EQ(l.strand("s", "second"), "me@x");
}

TEST(Lowering, SpindleLocalsCompoundAssignmentAndLastAssignmentWins) {
  auto l = lower_ok("spindle f(x) :: <o> {\n  t = x\n  t += 1\n  t *= 2\n  out o = 5\n  out o = t\n"
                    "  x = 0\n}\nr<v> = f(me@x)\ndisplay(r@v)\n");
  EXPECT_EQ(l.strand("r", "v"), "mul(add(me@x, 1), 2)");
}

TEST(Lowering, LoopsAreInclusiveInBothDirections) {
  auto l = lower_ok("spindle up() :: <o> { for i in (1 to 4) { out o += i } }\n"
                    "spindle down() :: <o> { for i in (3 to -1.5) { out o = out_last(o, i) } }\n"
                    "spindle out_last(a, b) :: <o> { out o = a * 10 + b }\n"
                    "spindle after() :: <o> { for i in (0 to 2) { } out o = i }\n"
                    "r<a, b, c> = <up(), down(), after()>\ndisplay(r)\n");
  EXPECT_EQ(l.strand("r", "a"), "10");
  EXPECT_EQ(l.strand("r", "b"), "320988"); // 3, 2, 1, 0, -1, -2: floor(-1.5) = -2
  EXPECT_EQ(l.strand("r", "c"), "2");
}

TEST(Lowering, MultiCallMakesOneCallPerOutput) {
  // §4.4's example.
  auto l = lower_ok("spindle lift(c, k) :: <o> { out o = 1 - (1 - c) ^ k }\n"
                    "src<r, g, b> = <me@x, me@y, 0.4>\nlift<3>(src, <1, 2, 4>)::lit<r, g, b>\n"
                    "display(lit)\n");
  EXPECT_EQ(l.strand("lit", "r"), "sub(1, pow(sub(1, me@x), 1))");
  EXPECT_EQ(l.strand("lit", "g"), "sub(1, pow(sub(1, me@y), 2))");
  EXPECT_EQ(l.strand("lit", "b"), "0.8704000000000001"); // 1 - 0.6^4 in binary64
}

TEST(Lowering, RemapIsDeepSubstitution) {
  // §6.2: the substitution reaches wave.
  auto l = lower_ok("wave<v> = sin(me@x * 10)\nloud<v> = wave@v * 3\n"
                    "squeezed<v> = loud@v(me@x ~ me@x * 2)\ndisplay(squeezed@v)\n");
  EXPECT_EQ(l.strand("squeezed", "v"), "mul(sin(mul(mul(me@x, 2), 10)), 3)");
}

TEST(Lowering, NestedRemapsCompose) {
  // §6.3: both = (2 * me@x + 0.1)^2.
  auto l = lower_ok("sq<v> = me@x * me@x\nmoved<v> = sq@v(me@x ~ me@x + 0.1)\n"
                    "both<v> = moved@v(me@x ~ 2 * me@x)\ndisplay(both@v)\n");
  EXPECT_EQ(l.strand("both", "v"), "mul(add(mul(2, me@x), 0.1), add(mul(2, me@x), 0.1))");
}

TEST(Lowering, RemapReplacementsAreSimultaneous) {
  auto l = lower_ok("f<v> = me@x - me@y\nt<v> = f@v(me@x ~ me@y, me@y ~ me@x)\ndisplay(t@v)\n");
  EXPECT_EQ(l.strand("t", "v"), "sub(me@y, me@x)");
}

TEST(Lowering, PositionalSamplingIsXThenY) {
  auto l = lower_ok("g<v> = me@x * 10 + me@y\nc<v> = g@v(0.1, 0.2)\nd<v> = g@v[0.3, 0.4]\n"
                    "display(c@v + d@v)\n");
  EXPECT_EQ(l.strand("c", "v"), "1.2");
  EXPECT_EQ(l.strand("d", "v"), "3.4");
}

TEST(Lowering, RemapOfUnreadFieldIsANoOp) {
  auto l = lower_ok("c<v> = 0.5 + me@x\nd<v> = c@v(me@time ~ 3)\ndisplay(d@v)\n");
  EXPECT_EQ(l.root("d", "v"), l.root("c", "v"));
}

TEST(Lowering, IdenticalPureSubexpressionsExistOnce) {
  auto l = lower_ok("a<v> = sin(me@x * 3) + 1\nb<v> = sin(me@x * 3) + 1\ndisplay(a@v, b@v, 0)\n");
  EXPECT_EQ(l.root("a", "v"), l.root("b", "v"));
}

TEST(Lowering, EachStatefulCallSiteIsItsOwnInstance) {
  // §8.0: white() twice gives two streams; a strand read twice is one oscillator.
  auto l = lower_ok("n<a, b> = <white(), white()>\no<v> = saw(110)\n"
                    "play(n@a + n@b + o@v + o@v)\n");
  EXPECT_NE(l.root("n", "a"), l.root("n", "b"));
  const Module& m = l.module();
  EXPECT_EQ(m.graph.node(l.root("o", "v")).op, Op::Owned);
  EXPECT_EQ(m.owned.size(), 3u);
}

TEST(Lowering, DirectBindingGivesEachOutputItsOwnStatefulCopy) {
  // §4.2: st<l, r> = lpf(src, 800) is two filters.
  auto l = lower_ok("src<l, r> = <saw(100), saw(150)>\nst<l, r> = lpf(src, 800)\nplay(st)\n");
  EXPECT_NE(l.root("st", "l"), l.root("st", "r"));
  EXPECT_EQ(l.module().owned.size(), 4u);
}

TEST(Lowering, TimeRemapOfAnOwnedNodeReadsItsHistory) {
  // §6.7: tone delayed by 250 ms; the oscillator's argument is not remapped.
  auto l = lower_ok("tone<v> = sine(220 + me@time)\nlate<v> = tone@v(me@time ~ me@time - 0.25)\n"
                    "play(late@v)\n");
  const Module& m = l.module();
  const Node& late = m.graph.node(l.root("late", "v"));
  ASSERT_EQ(late.op, Op::History);
  EXPECT_EQ(m.graph.args(late)[0], l.root("tone", "v"));
  EXPECT_EQ(expression_text(m.graph, m.graph.args(late)[1]), "sub(me@time, 0.25)");
}

TEST(Lowering, OtherRemapsPassIntoStatefulArgumentsAsSeparateInstances) {
  auto l = lower_ok("f<v> = sine(110 * me@abstime)\ng<v> = f@v(me@abstime ~ 2)\nplay(f@v + g@v)\n");
  EXPECT_NE(l.root("f", "v"), l.root("g", "v"));
  EXPECT_EQ(l.module().owned.size(), 2u);
}

TEST(Lowering, PurityAndCoordinatesAreTracked) {
  auto l = lower_ok("a<v> = me@x + me@time\nb<v> = saw(110) * me@y\nplay(a@v(me@x ~ 0))\n"
                    "display(b@v)\n");
  const Graph& g = l.module().graph;
  const Node& a = g.node(l.root("a", "v"));
  EXPECT_EQ(a.purity, Purity::Pure);
  EXPECT_EQ(a.coords, coord_bit(Coord::X) | coord_bit(Coord::Time));
  const Node& b = g.node(l.root("b", "v"));
  EXPECT_EQ(b.purity, Purity::Derived);
  EXPECT_EQ(b.coords, coord_bit(Coord::Y) | coord_bit(Coord::Time));
}

TEST(Lowering, BuiltinDefaultsAndNamedArgumentsFillParameters) {
  auto l = lower_ok("a<v> = clamp(2)\nb<v> = smoothstep(0, 1, x: 0.5)\ndisplay(a@v + b@v)\n");
  EXPECT_EQ(l.strand("a", "v"), "1");
  EXPECT_EQ(l.strand("b", "v"), "0.5");
}

TEST(Lowering, ChannelsOfCallBindings) {
  auto l = lower_ok("load(\"fixtures/a.png\")::img<red, x>\nmic()::m<right>\nk<v> = mic()\n"
                    "display(img@red + img@x)\nplay(m@right + k@v)\n");
  EXPECT_EQ(l.strand("img", "red"), "load[\"fixtures/a.png\"].r(me@x, me@y)");
  EXPECT_EQ(l.strand("img", "x"), "load[\"fixtures/a.png\"].g(me@x, me@y)");
  EXPECT_NE(l.strand("m", "right").find(".right()"), std::string::npos) << l.strand("m", "right");
  EXPECT_NE(l.strand("k", "v").find(".mono()"), std::string::npos) << l.strand("k", "v");
}

TEST(Lowering, EnvironmentAppliesTheTempoRule) {
  auto l = lower_ok("me<bpm> = 150\nme<fps> = 24 * 2\nme<height> = me@width / 2\n"
                    "display(me@cps + me@height + me@fps)\n");
  EXPECT_DOUBLE_EQ(l.module().env.cps, 150.0 / 240.0);
  EXPECT_EQ(l.module().env.height, 400);
  EXPECT_EQ(l.module().env.fps, 48);
  auto c = lower_ok("me<cps> = 1\ndisplay(me@bpm)\n");
  EXPECT_EQ(c.module().env.bpm, 240);
}

TEST(Lowering, SinksTakeTheirFormsValues) {
  auto l = lower_ok("render(g: 0.5)\nplay(left: 0.25)\n");
  const auto& v = l.module().sinks[0].values;
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(expression_text(l.module().graph, v[0].value), "0");
  EXPECT_EQ(expression_text(l.module().graph, v[1].value), "0.5");
  EXPECT_EQ(expression_text(l.module().graph, v[3].value), "1");
  const auto& p = l.module().sinks[1].values;
  EXPECT_EQ(expression_text(l.module().graph, p[0].value), "0.25");
  EXPECT_EQ(expression_text(l.module().graph, p[1].value), "0");
}

TEST(Lowering, FailedDefinitionsSuppressFollowOnErrors) {
  auto l = lower("bad<v> = )\nx<v> = bad@v + bad@q\ndisplay(x@v)\n");
  EXPECT_EQ(l.checked.parsed.diagnostics.error_count(), 1u) << l.diagnostics();
}

TEST(Lowering, LongChainsDoNotRecurseDeeply) {
  const int n = 20000;
  // Defined last-first, so a naive lowering would recurse n levels deep.
  std::ostringstream src;
  src << "a0<v> = me@x\n";
  for (int i = n; i >= 1; --i) src << 'a' << i << "<v> = a" << (i - 1) << "@v + 1\n";
  src << "display(a" << n << "@v)\n";
  auto l = lower_ok(src.str());
  EXPECT_EQ(l.module().strands.size(), static_cast<std::size_t>(n + 1));
}

} // namespace

namespace {

std::size_t count_code(const CheckedProgram& c, const std::string& code) {
  std::size_t n = 0;
  for (const auto& d : c.parsed.diagnostics.unsorted()) n += d.code == code;
  return n;
}

TEST(LoweringLimits, DeepSpindleCallChainsGetOneLimitError) {
  std::ostringstream src;
  const int n = 3000;
  for (int i = 0; i < n; ++i)
    src << "spindle s" << i << "(x) :: <o> { out o = s" << i + 1 << "(x) + 1 }\n";
  src << "spindle s" << n << "(x) :: <o> { out o = x }\ndisplay(s0(me@x))\n";
  CheckedProgram c = check_text("t.weft", src.str());
  EXPECT_EQ(c.parsed.diagnostics.error_count(), 1u);
  EXPECT_EQ(count_code(c, "limit"), 1u);
}

TEST(LoweringLimits, DeepRemapChainsGetOneLimitError) {
  std::ostringstream src;
  const int n = 1100;
  src << "r0<v> = me@x\n";
  for (int i = 1; i <= n; ++i) src << 'r' << i << "<v> = r" << i - 1 << "@v(me@x ~ me@x + 1)\n";
  src << "display(r" << n << "@v)\n";
  CheckedProgram c = check_text("t.weft", src.str());
  EXPECT_EQ(c.parsed.diagnostics.error_count(), 1u);
  EXPECT_EQ(count_code(c, "limit"), 1u);
}

TEST(LoweringLimits, ShallowerRemapChainsLowerCompletely) {
  std::ostringstream src;
  src << "r0<v> = me@x\n";
  for (int i = 1; i <= 500; ++i) src << 'r' << i << "<v> = r" << i - 1 << "@v(me@x ~ me@x + 1)\n";
  src << "display(r500@v)\n";
  CheckedProgram c = check_text("t.weft", src.str());
  ASSERT_FALSE(c.parsed.diagnostics.has_errors());
  const Module& m = *c.module;
  EXPECT_EQ(expression_text(m.graph, m.strands[500].root, 4), "add(add(add(add(…, …), 1), 1), 1)");
}

} // namespace

namespace {

TEST(LoweringRuntimeLoops, UniformBoundsKeepTheLoopWithCarriedValues) {
  auto l = lower_ok("spindle f(n) :: <o> {\n  acc = 1\n  for i in (1 to n) { acc *= 2 }\n"
                    "  out o = acc + i\n}\nr<v> = f(me@frame % 4)\ndisplay(r@v)\n");
  const Graph& g = l.module().graph;
  const Node& root = g.node(l.root("r", "v"));
  ASSERT_EQ(root.op, Op::Add);
  // acc after the loop, plus i after the loop: both results of one loop node.
  const Node& acc = g.node(g.args(root)[0]);
  const Node& i = g.node(g.args(root)[1]);
  ASSERT_EQ(acc.op, Op::LoopResult);
  ASSERT_EQ(i.op, Op::LoopResult);
  EXPECT_EQ(g.args(acc)[0], g.args(i)[0]);
  const Node& loop = g.node(g.args(acc)[0]);
  ASSERT_EQ(loop.op, Op::Loop);
  EXPECT_EQ(loop.value, 2); // carried: i and acc
  EXPECT_EQ(expression_text(g, g.args(loop)[1]), "mod(me@frame, 4)");
  EXPECT_EQ(loop.coords, coord_bit(Coord::Frame));
}

TEST(LoweringRuntimeLoops, BoundsMustBeUniformInTheDomainThatEvaluatesThem) {
  const std::string spindle = "spindle f(n) :: <o> { for i in (1 to n) { out o += i } }\n";
  EXPECT_FALSE(
      lower(spindle + "display(f(me@time * 2))\n").checked.parsed.diagnostics.has_errors());
  EXPECT_FALSE(
      lower(spindle + "display(f(mouse@x * 8))\n").checked.parsed.diagnostics.has_errors());
  EXPECT_FALSE(lower(spindle + "compute(f(me@time))\n").checked.parsed.diagnostics.has_errors());
  EXPECT_FALSE(
      lower(spindle + "play(f(me@rate / 1000))\n").checked.parsed.diagnostics.has_errors());
  auto audio = lower(spindle + "play(f(me@time))\n");
  EXPECT_EQ(audio.diagnostics().substr(0, audio.diagnostics().find('\n')),
            "t.weft:1:23: error[loop-bound]: loop bounds must be uniform in the audio domain, but "
            "they depend on me@time");
  auto data = lower(spindle + "data(\"a.csv\", rows: 4, v: f(mouse@x))\n");
  EXPECT_NE(data.diagnostics().find("uniform in the data domain, but they depend on mouse"),
            std::string::npos)
      << data.diagnostics();
  auto pixel = lower(spindle + "display(f(me@x * 8))\n");
  EXPECT_NE(pixel.diagnostics().find("loop bounds must be uniform, but they depend on me@x"),
            std::string::npos)
      << pixel.diagnostics();
}

TEST(LoweringRuntimeLoops, StatefulBuiltinsNeedConstantBounds) {
  auto l = lower("spindle f(n) :: <o> { for i in (1 to n) { out o += saw(110 * i) } }\n"
                 "display(f(mouse@x * 8))\n");
  EXPECT_NE(l.diagnostics().find("error[loop-bound]: a loop with a stateful builtin needs "
                                 "compile-time constant bounds"),
            std::string::npos)
      << l.diagnostics();
}

} // namespace

namespace {

TEST(Lowering, ChannelsOfOneCallShareOneStatefulInstance) {
  auto l = lower_ok(
      "mic()::snd<l, r>\ns(\"bd\")::drums<left, right>\nplay(snd@l + drums@left, snd@r)\n");
  const Graph& g = l.module().graph;
  const Node& left = g.node(l.root("snd", "l"));
  const Node& right = g.node(l.root("snd", "r"));
  ASSERT_EQ(left.op, Op::Owned);
  ASSERT_EQ(right.op, Op::Owned);
  EXPECT_EQ(left.aux, right.aux); // one site: one microphone
  EXPECT_NE(left.channel, right.channel);
  EXPECT_NE(g.node(l.root("drums", "left")).aux, left.aux);
}

} // namespace

namespace {

TEST(Lowering, LoadedImagesAreReadAtCompileTimeWithConstantSizeChannels) {
  auto l = lower_ok(
      "load(\"fixtures/a.png\")::img<r, width, height>\ndisplay(img@r * img@width / img@height)\n");
  EXPECT_EQ(l.strand("img", "width"), "4"); // tests/fixtures/a.png is 4 x 2
  EXPECT_EQ(l.strand("img", "height"), "2");
  ASSERT_EQ(l.module().images.size(), 1u);
  EXPECT_EQ(l.module().images.begin()->second->width, 4);
}

} // namespace
