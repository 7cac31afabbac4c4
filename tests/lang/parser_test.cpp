// Every grammar construct of LANGUAGE.md §3 parses to the expected AST, and the spec's
// disambiguation and precedence rules (§2.4–§2.7, §3.2, §3.3) hold.
#include "parse_helpers.h"

#include <gtest/gtest.h>

using weft::test::ast_of;
using weft::test::headlines_of;

namespace {

// --- statements --------------------------------------------------------------------------------

TEST(ParserStatements, EnvironmentSetting) {
  EXPECT_EQ(ast_of("me<width> = 640\n"), "Env 1:1 me<width>\n"
                                         "  Number 1:13 640\n");
}

TEST(ParserStatements, EnvironmentSettingWithoutSpacesIsGreaterThenEqual) {
  // §2.7: `me<width>=4` is `>` followed by `=`.
  EXPECT_EQ(ast_of("me<width>=4"), "Env 1:1 me<width>\n"
                                   "  Number 1:11 4\n");
}

TEST(ParserStatements, DirectBindingWithBundle) {
  EXPECT_EQ(ast_of("tint<r, g, b> = <me@x, 0.2, me@y>"), "Binding 1:1 tint<r, g, b>\n"
                                                         "  Bundle 1:17 3 items\n"
                                                         "    Field 1:18 me@x\n"
                                                         "    Number 1:24 0.2\n"
                                                         "    Field 1:29 me@y\n");
}

TEST(ParserStatements, TupleBundleSpelling) {
  EXPECT_EQ(ast_of("c<a, b> = (1, mouse.x)"), "Binding 1:1 c<a, b>\n"
                                              "  Bundle 1:11 2 items\n"
                                              "    Number 1:12 1\n"
                                              "    Field 1:15 mouse@x\n");
}

TEST(ParserStatements, ParenthesisedSingleExpressionIsNotABundle) {
  EXPECT_EQ(ast_of("c<a> = (1)"), "Binding 1:1 c<a>\n"
                                  "  Number 1:9 1\n");
}

TEST(ParserStatements, CallBinding) {
  EXPECT_EQ(ast_of("load(\"cat.png\")::img<r, g, b>"), "CallBinding 1:1 load(…)::img<r, g, b>\n"
                                                       "  String 1:6 \"cat.png\"\n");
}

TEST(ParserStatements, CallBindingWithNamedArgument) {
  EXPECT_EQ(ast_of("rotate(me@x, turn: 0.5)::rot<px, py>"),
            "CallBinding 1:1 rotate(…)::rot<px, py>\n"
            "  Field 1:8 me@x\n"
            "  Named 1:14 turn\n"
            "    Number 1:20 0.5\n");
}

TEST(ParserStatements, MultiCallWithBundleAndNamedArguments) {
  EXPECT_EQ(ast_of("lpf<2>(src, 800, q: <1, 4>)::f<l, r>"), "MultiCall 1:1 lpf<2>(…)::f<l, r>\n"
                                                            "  Name 1:8 src\n"
                                                            "  Number 1:13 800\n"
                                                            "  Named 1:18 q\n"
                                                            "    Bundle 1:21 2 items\n"
                                                            "      Number 1:22 1\n"
                                                            "      Number 1:25 4\n");
}

TEST(ParserStatements, SpindleWithLocalsCompoundAssignmentAndLoop) {
  const char* src = "spindle hblur(cx, pitch) :: <avg> {\n"
                    "  sum = 0\n"
                    "  for k in (-2 to 2) {\n"
                    "    sum += pic@g(me@x ~ cx + k * pitch)\n"
                    "  }\n"
                    "  out avg = sum / 5\n"
                    "  out avg *= 2\n"
                    "}\n";
  EXPECT_EQ(ast_of(src), "Spindle 1:1 hblur(cx, pitch) :: <avg>\n"
                         "  Assign 2:3 sum =\n"
                         "    Number 2:9 0\n"
                         "  For 3:3 k\n"
                         "    Unary 3:13 -\n"
                         "      Number 3:14 2\n"
                         "    Number 3:19 2\n"
                         "    Assign 4:5 sum +=\n"
                         "      Remap 4:12 pic@g\n"
                         "        Keyed 4:18 me@x\n"
                         "          Chain 4:25 +\n"
                         "            Name 4:25 cx\n"
                         "            Chain 4:30 *\n"
                         "              Name 4:30 k\n"
                         "              Name 4:34 pitch\n"
                         "  Out 6:3 avg =\n"
                         "    Chain 6:13 /\n"
                         "      Name 6:13 sum\n"
                         "      Number 6:19 5\n"
                         "  Out 7:3 avg *=\n"
                         "    Number 7:14 2\n");
}

TEST(ParserStatements, SpindleWithoutParametersAndAllCompoundOperators) {
  EXPECT_EQ(ast_of("spindle f() :: <o> { x = 1 x -= 1 x /= 2 out o += x }"),
            "Spindle 1:1 f() :: <o>\n"
            "  Assign 1:22 x =\n"
            "    Number 1:26 1\n"
            "  Assign 1:28 x -=\n"
            "    Number 1:33 1\n"
            "  Assign 1:35 x /=\n"
            "    Number 1:40 2\n"
            "  Out 1:42 o +=\n"
            "    Name 1:51 x\n");
}

TEST(ParserStatements, SpindleWithNoOutputsParses) {
  // `:: <>` is a semantic error (`spindle`), reported after parsing.
  EXPECT_EQ(ast_of("spindle f(x) :: <> { y = x }"), "Spindle 1:1 f(x) :: <>\n"
                                                    "  Assign 1:22 y =\n"
                                                    "    Name 1:26 x\n");
}

TEST(ParserStatements, EverySinkKeyword) {
  EXPECT_EQ(ast_of("display(1) render(r: 1, a: 0.5) play(left: 0, right: 1) compute(x) "
                   "osc(\"/a\", 1, port: 9000) midi(cc: 1, value: 0.5) "
                   "data(\"t.csv\", rows: 4, in: me@row)"),
            "Sink 1:1 display\n"
            "  Number 1:9 1\n"
            "Sink 1:12 render\n"
            "  Named 1:19 r\n"
            "    Number 1:22 1\n"
            "  Named 1:25 a\n"
            "    Number 1:28 0.5\n"
            "Sink 1:33 play\n"
            "  Named 1:38 left\n"
            "    Number 1:44 0\n"
            "  Named 1:47 right\n"
            "    Number 1:54 1\n"
            "Sink 1:57 compute\n"
            "  Name 1:65 x\n"
            "Sink 1:68 osc\n"
            "  String 1:72 \"/a\"\n"
            "  Number 1:78 1\n"
            "  Named 1:81 port\n"
            "    Number 1:87 9000\n"
            "Sink 1:93 midi\n"
            "  Named 1:98 cc\n"
            "    Number 1:102 1\n"
            "  Named 1:105 value\n"
            "    Number 1:112 0.5\n"
            "Sink 1:117 data\n"
            "  String 1:122 \"t.csv\"\n"
            "  Named 1:131 rows\n"
            "    Number 1:137 4\n"
            "  Named 1:140 in\n"
            "    Field 1:144 me@row\n");
}

TEST(ParserStatements, KeywordsAreWordsAfterAtAndInOutputLists) {
  EXPECT_EQ(ast_of("viz<out> = 1\nx<v> = viz@out"), "Binding 1:1 viz<out>\n"
                                                    "  Number 1:12 1\n"
                                                    "Binding 2:1 x<v>\n"
                                                    "  Strand 2:8 viz@out\n");
}

TEST(ParserStatements, KeywordPrefixedIdentifiersAreOrdinaryNames) {
  EXPECT_EQ(ast_of("index<output> = note + format + player + tone + mousex"),
            "Binding 1:1 index<output>\n"
            "  Chain 1:17 + + + +\n"
            "    Name 1:17 note\n"
            "    Name 1:24 format\n"
            "    Name 1:33 player\n"
            "    Name 1:42 tone\n"
            "    Name 1:49 mousex\n");
}

TEST(ParserStatements, StatementsMaySpanLinesAndShareLines) {
  EXPECT_EQ(ast_of("a<v> = 1 +\n  2 b<v> = 3"), "Binding 1:1 a<v>\n"
                                                "  Chain 1:8 +\n"
                                                "    Number 1:8 1\n"
                                                "    Number 2:3 2\n"
                                                "Binding 2:5 b<v>\n"
                                                "  Number 2:12 3\n");
}

// --- expressions -------------------------------------------------------------------------------

TEST(ParserExpressions, BothStrandAccessSpellingsAreTheSame) {
  EXPECT_EQ(ast_of("x<v> = img@r"), ast_of("x<v> = img.r"));
}

TEST(ParserExpressions, BothRemapSpellingsAreTheSame) {
  EXPECT_EQ(ast_of("x<v> = img@r[me@x ~ 1 - me@x]"), ast_of("x<v> = img.r(me.x ~ 1 - me@x)"));
  EXPECT_EQ(ast_of("x<v> = img@r[me@x ~ 1 - me@x]"), "Binding 1:1 x<v>\n"
                                                     "  Remap 1:8 img@r\n"
                                                     "    Keyed 1:14 me@x\n"
                                                     "      Chain 1:21 -\n"
                                                     "        Number 1:21 1\n"
                                                     "        Field 1:25 me@x\n");
}

TEST(ParserExpressions, PositionalRemap) {
  EXPECT_EQ(ast_of("x<v> = cat@r(0.1, 0.2)"), "Binding 1:1 x<v>\n"
                                              "  Remap 1:8 cat@r\n"
                                              "    Number 1:14 0.1\n"
                                              "    Number 1:19 0.2\n");
}

TEST(ParserExpressions, NestedRemapsAndSimultaneousAxes) {
  EXPECT_EQ(ast_of("b<v> = f@v(me@x ~ me@y, me@y ~ g@w[me@x ~ 2])"), "Binding 1:1 b<v>\n"
                                                                     "  Remap 1:8 f@v\n"
                                                                     "    Keyed 1:12 me@x\n"
                                                                     "      Field 1:19 me@y\n"
                                                                     "    Keyed 1:25 me@y\n"
                                                                     "      Remap 1:32 g@w\n"
                                                                     "        Keyed 1:36 me@x\n"
                                                                     "          Number 1:43 2\n");
}

TEST(ParserExpressions, CallsWithAndWithoutArguments) {
  EXPECT_EQ(ast_of("n<v> = white() + fbm(me@x, me@y, octaves: 3)"), "Binding 1:1 n<v>\n"
                                                                    "  Chain 1:8 +\n"
                                                                    "    Call 1:8 white\n"
                                                                    "    Call 1:18 fbm\n"
                                                                    "      Field 1:22 me@x\n"
                                                                    "      Field 1:28 me@y\n"
                                                                    "      Named 1:34 octaves\n"
                                                                    "        Number 1:43 3\n");
}

TEST(ParserExpressions, BareNamesAndConstants) {
  EXPECT_EQ(ast_of("h<r, g> = warm * pi"), "Binding 1:1 h<r, g>\n"
                                           "  Chain 1:11 *\n"
                                           "    Name 1:11 warm\n"
                                           "    Name 1:18 pi\n");
}

TEST(ParserExpressions, NumbersTakeEveryForm) {
  EXPECT_EQ(ast_of("x<v> = <1, 2.5, .5, 1e3, 1.5E-2, 007>"), "Binding 1:1 x<v>\n"
                                                             "  Bundle 1:8 6 items\n"
                                                             "    Number 1:9 1\n"
                                                             "    Number 1:12 2.5\n"
                                                             "    Number 1:17 0.5\n"
                                                             "    Number 1:21 1000\n"
                                                             "    Number 1:26 0.015\n"
                                                             "    Number 1:34 7\n");
}

TEST(ParserExpressions, DotDigitAlwaysBeginsANumber) {
  // §2.5: `me@x*.5` is valid.
  EXPECT_EQ(ast_of("x<v> = me@x*.5"), "Binding 1:1 x<v>\n"
                                      "  Chain 1:8 *\n"
                                      "    Field 1:8 me@x\n"
                                      "    Number 1:13 0.5\n");
}

TEST(ParserExpressions, StringEscapesAreDecoded) {
  EXPECT_EQ(ast_of(R"(osc("/a\"b\\c\n\t", 1, port: 1))"), "Sink 1:1 osc\n"
                                                          "  String 1:5 \"/a\\\"b\\\\c\\n\\t\"\n"
                                                          "  Number 1:21 1\n"
                                                          "  Named 1:24 port\n"
                                                          "    Number 1:30 1\n");
}

TEST(ParserExpressions, CommentsAreIgnored) {
  EXPECT_EQ(ast_of("x<v> = /* a */ 1 // b\n/* c\n d */ y<v> = f(\"#//\") // e"),
            "Binding 1:1 x<v>\n"
            "  Number 1:16 1\n"
            "Binding 3:7 y<v>\n"
            "  Call 3:14 f\n"
            "    String 3:16 \"#//\"\n");
}

// --- precedence (§3.3) ------------------------------------------------------------------------

TEST(ParserPrecedence, UnaryMinusBindsTighterThanPower) {
  EXPECT_EQ(ast_of("x<v> = -2^2"), "Binding 1:1 x<v>\n"
                                   "  Binary 1:8 ^\n"
                                   "    Unary 1:8 -\n"
                                   "      Number 1:9 2\n"
                                   "    Number 1:11 2\n");
  EXPECT_EQ(ast_of("x<v> = 2^-1"), "Binding 1:1 x<v>\n"
                                   "  Binary 1:8 ^\n"
                                   "    Number 1:8 2\n"
                                   "    Unary 1:10 -\n"
                                   "      Number 1:11 1\n");
}

TEST(ParserPrecedence, PowerIsRightAssociative) {
  EXPECT_EQ(ast_of("x<v> = 2^3^2"), "Binding 1:1 x<v>\n"
                                    "  Binary 1:8 ^\n"
                                    "    Number 1:8 2\n"
                                    "    Binary 1:10 ^\n"
                                    "      Number 1:10 3\n"
                                    "      Number 1:12 2\n");
}

TEST(ParserPrecedence, MultiplicativeBeforeAdditiveBeforeComparison) {
  EXPECT_EQ(ast_of("x<v> = 1 + 2 * 3 % 4 - 5 >>= 6 / 7"), "Binding 1:1 x<v>\n"
                                                          "  Binary 1:8 >>=\n"
                                                          "    Chain 1:8 + -\n"
                                                          "      Number 1:8 1\n"
                                                          "      Chain 1:12 * %\n"
                                                          "        Number 1:12 2\n"
                                                          "        Number 1:16 3\n"
                                                          "        Number 1:20 4\n"
                                                          "      Number 1:24 5\n"
                                                          "    Chain 1:30 /\n"
                                                          "      Number 1:30 6\n"
                                                          "      Number 1:34 7\n");
}

TEST(ParserPrecedence, AndBindsTighterThanOr) {
  EXPECT_EQ(ast_of("x<v> = a or b and c"), "Binding 1:1 x<v>\n"
                                           "  Chain 1:8 or\n"
                                           "    Name 1:8 a\n"
                                           "    Chain 1:13 and\n"
                                           "      Name 1:13 b\n"
                                           "      Name 1:19 c\n");
}

TEST(ParserPrecedence, NotBindsTighterThanComparison) {
  EXPECT_EQ(ast_of("x<v> = not a == b"), "Binding 1:1 x<v>\n"
                                         "  Binary 1:8 ==\n"
                                         "    Unary 1:8 not\n"
                                         "      Name 1:12 a\n"
                                         "    Name 1:17 b\n");
}

TEST(ParserPrecedence, EveryComparisonOperator) {
  for (std::string op : {"==", "!=", "<<", ">>", "<<=", ">>="}) {
    EXPECT_EQ(ast_of("x<v> = a " + op + " b"),
              "Binding 1:1 x<v>\n  Binary 1:8 " + op +
                  "\n    Name 1:8 a\n    Name 1:" + std::to_string(11 + op.size()) + " b\n");
  }
}

TEST(ParserPrecedence, ElseExtendsAsFarRightAsPossible) {
  EXPECT_EQ(ast_of("x<v> = if c then a else b + 1"), "Binding 1:1 x<v>\n"
                                                     "  If 1:8\n"
                                                     "    Name 1:11 c\n"
                                                     "    Name 1:18 a\n"
                                                     "    Chain 1:25 +\n"
                                                     "      Name 1:25 b\n"
                                                     "      Number 1:29 1\n");
}

TEST(ParserPrecedence, IfInParenthesesInsideAnOperation) {
  EXPECT_EQ(ast_of("x<v> = 2 * (if c then a else b)"), "Binding 1:1 x<v>\n"
                                                       "  Chain 1:8 *\n"
                                                       "    Number 1:8 2\n"
                                                       "    If 1:13\n"
                                                       "      Name 1:16 c\n"
                                                       "      Name 1:23 a\n"
                                                       "      Name 1:30 b\n");
}

TEST(ParserPrecedence, IfWhereverAFullExpressionIs) {
  // statement rhs, argument, bundle item, remap coordinate, loop bound
  EXPECT_EQ(
      headlines_of("a<v> = if 1 then 2 else 3\n"
                   "b<v> = sin(if 1 then 2 else 3)\n"
                   "c<v, w> = <if 1 then 2 else 3, 0>\n"
                   "d<v> = a@v(me@x ~ if 1 then 2 else 3)\n"
                   "spindle f() :: <o> { for i in (if 1 then 2 else 3 to 4) { out o += i } }\n"
                   "display(if a@v then b@v else d@v)\n"),
      "");
}

// --- disambiguation and errors the parser owns (§3.2) ----------------------------------------

TEST(ParserErrors, LessAfterAnOperandIsNotAComparison) {
  EXPECT_EQ(weft::test::diagnostics_of("x<v> = if a <= b then 1 else 0\ndisplay(x@v)\n"),
            "t.weft:1:13: error[syntax]: expected 'then', found '<'\n"
            "x<v> = if a <= b then 1 else 0\n"
            "            ^\n"
            "  hint: '<' is not a comparison; use '<<' (less) or '<<=' (less or equal)\n");
}

TEST(ParserErrors, GreaterAfterAnOperandIsNotAComparison) {
  EXPECT_EQ(weft::test::diagnostics_of("x<v> = a > b\n"),
            "t.weft:1:10: error[syntax]: expected a statement, found '>'\n"
            "x<v> = a > b\n"
            "         ^\n"
            "  hint: '>' is not a comparison; use '>>' (greater) or '>>=' (greater or equal)\n");
}

TEST(ParserErrors, TokenAfterBundleCloseCarriesGreaterHint) {
  std::string d = weft::test::diagnostics_of("x<v> = <a >= b>\n");
  EXPECT_NE(d.find("t.weft:1:12: error[syntax]: expected a statement, found '='"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("hint: '>' is not a comparison"), std::string::npos) << d;
}

TEST(ParserErrors, StatementRightAfterBundleCloseCarriesGreaterHint) {
  EXPECT_EQ(weft::test::diagnostics_of("x<v, w> = <a > b, c>\ndisplay(x@v)\n"),
            "t.weft:1:17: error[syntax]: expected '<' or '(' after 'b', found ','\n"
            "x<v, w> = <a > b, c>\n"
            "                ^\n"
            "  hint: '>' is not a comparison; use '>>' (greater) or '>>=' (greater or equal)\n");
}

TEST(ParserErrors, NestedBundleBracketsLexAsShift) {
  // §2.7: `<a, <b, c>>` cannot be written: `>>` is one token, the comparison `c >> …`.
  EXPECT_EQ(headlines_of("x<p, q> = <a, <b, c>>\n"),
            "t.weft:1:22: error[syntax]: expected an expression, found end of file\n");
}

TEST(ParserErrors, DotZeroAfterANameIsANumber) {
  EXPECT_EQ(headlines_of("x<v> = img.0\ndisplay(x@v)\n"),
            "t.weft:1:11: error[syntax]: expected a statement, found '.0'\n");
}

TEST(ParserErrors, ComparisonsDoNotChain) {
  EXPECT_EQ(headlines_of("x<v> = a << b << c\n"),
            "t.weft:1:15: error[syntax]: comparisons cannot be chained, found '<<'\n");
}

TEST(ParserErrors, IfInsideAnOperationNeedsParentheses) {
  EXPECT_EQ(headlines_of("x<v> = 2 * if c then a else b\n"),
            "t.weft:1:12: error[syntax]: expected an operand, found 'if'\n");
}

TEST(ParserErrors, EmptyRemapIsASyntaxError) {
  EXPECT_EQ(headlines_of("x<v> = img@r()\n"),
            "t.weft:1:14: error[syntax]: expected a coordinate, found ')'\n");
}

TEST(ParserErrors, CallStatementNeedsBindingTarget) {
  EXPECT_EQ(headlines_of("load(\"a.png\")\n"),
            "t.weft:1:14: error[syntax]: expected '::' after the call, found end of file\n");
}

TEST(ParserErrors, BundleOnlyAsWholeRhsOrMultiCallArgument) {
  EXPECT_EQ(headlines_of("a<v> = <1> + 1\n"
                         "b<v> = sin(<1>)\n"
                         "c<v, w> = <1, <2> >\n"
                         "display((1, 2))\n"
                         "f(<1, 2>)::g<v>\n"),
            "t.weft:1:8: error[bundle]: a bundle cannot be used inside an expression\n"
            "t.weft:2:12: error[bundle]: a bundle cannot be used inside an expression\n"
            "t.weft:3:15: error[bundle]: a bundle cannot be used inside an expression\n"
            "t.weft:4:9: error[bundle]: a bundle cannot be used inside an expression\n"
            "t.weft:5:3: error[bundle]: a bundle cannot be used inside an expression\n");
}

TEST(ParserErrors, RemapItemForms) {
  EXPECT_EQ(headlines_of("a<v> = f@v(mouse@x ~ 1)\n"
                         "b<v> = f@v(me@x ~ 1, 2)\n"
                         "c<v> = f@v(me@x ~ 1, me@x ~ 2)\n"
                         "d<v> = f@v(1, 2, 3)\n"
                         "e<v> = f@v[1]\n"),
            "t.weft:1:12: error[remap]: the left side of '~' must be a field of me, e.g. me@x\n"
            "t.weft:2:22: error[remap]: a remap cannot mix keyed items (me@f ~ e) with positional "
            "ones\n"
            "t.weft:3:22: error[remap]: 'me@x' is remapped twice\n"
            "t.weft:4:18: error[remap]: positional sampling takes 2 coordinates (x, y), got 3\n"
            "t.weft:5:11: error[remap]: positional sampling takes 2 coordinates (x, y), got 1\n");
}

TEST(ParserErrors, NamedArgumentsFollowPositionalOnesOnce) {
  EXPECT_EQ(headlines_of("a<v> = square(width: 0.3, 220)\n"
                         "b<v> = lpf(x, 1, q: 1, q: 2)\n"
                         "play(left: 1, 0)\n"),
            "t.weft:1:27: error[arity]: positional argument after a named argument\n"
            "t.weft:2:24: error[arity]: argument 'q' is given twice\n"
            "t.weft:3:15: error[sink]: positional argument after a named argument\n");
}

TEST(ParserErrors, RecoveryReportsEveryIndependentError) {
  EXPECT_EQ(headlines_of("a<v> = 1 +\n"
                         "b<v> = * 2\n"
                         "c<v> = (3\n"
                         "  + 4\n"
                         "d<v> = 5 )\n"
                         "e<v> = 6\n"
                         "f<v> = ]\n"),
            // `1 +` continues onto line 2 (`1 + b`), so the error is at line 2's '<'.
            "t.weft:2:2: error[syntax]: expected a statement, found '<'\n"
            "t.weft:5:1: error[syntax]: expected ')', found 'd'\n"
            "t.weft:7:8: error[syntax]: expected an expression, found ']'\n");
}

TEST(ParserErrors, UnclosedBracketNotesWhereItOpened) {
  EXPECT_EQ(weft::test::diagnostics_of("x<v> = sin(me@x\ndisplay(x@v)\n"),
            "t.weft:2:1: error[syntax]: expected ')' or ',', found 'display'\n"
            "display(x@v)\n"
            "^\n"
            "  note: t.weft:1:11: the '(' opened here is not closed\n");
}

TEST(ParserErrors, FailedDefinitionsAreRecorded) {
  weft::lang::ParsedFile parsed = weft::lang::parse_text(
      "t.weft", "f(1 +)::inst<v>\nbad<v> = )\ng<2>(1, )::two<a, b>\nspindle s(x) :: <o> { o }\n");
  ASSERT_TRUE(parsed.program);
  std::vector<std::string> names;
  for (const auto& w : parsed.program->failed_definitions) names.push_back(w.text);
  EXPECT_EQ(names, (std::vector<std::string>{"inst", "bad", "two"}));
  ASSERT_EQ(parsed.program->failed_spindles.size(), 1u);
  EXPECT_EQ(parsed.program->failed_spindles[0].text, "s");
}

TEST(ParserWarnings, UnaryMinusBeforePowerBase) {
  EXPECT_EQ(headlines_of("x<v> = -2^2\ndisplay(x@v)\n"),
            "t.weft:1:8: warning[unary-minus-pow]: unary minus applies before '^': this is "
            "(-x)^y\n");
  EXPECT_EQ(headlines_of("x<v> = 2^-2\ndisplay(x@v)\n"), "");
  EXPECT_EQ(headlines_of("x<v> = (-2)^2\ndisplay(x@v)\n"), "");
}

TEST(ParserWarnings, ProgramWithoutSinks) {
  EXPECT_EQ(weft::test::diagnostics_of(""),
            "t.weft:1:1: warning[no-sink]: program has no sinks, so it produces no output\n"
            "\n"
            "^\n"
            "  hint: add display(…), render(…) or play(…) to see or hear it\n");
}

} // namespace
