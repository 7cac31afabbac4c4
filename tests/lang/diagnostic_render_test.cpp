// The exact text of a diagnostic (LANGUAGE.md §10.1): message line, the source line verbatim, a
// caret under the first character of the construct (tabs kept, columns in code points), long
// lines cut with `…` (§10.2 `limit`), then notes and hints. Also the order and the cap of
// `Diagnostics` (§10.3). Each test builds its SourceFile and spans by hand.
#include "lang/diagnostic.h"
#include "lang/frontend.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace weft::lang;

namespace {

constexpr std::string_view kEllipsis = "\u2026";

/// A span of `length` bytes at `line`:`col` (1-based, columns in code points).
Span at(const SourceFile& file, std::uint32_t line, std::uint32_t col, std::uint32_t length = 1) {
  return Span{&file, file.line_start(line), length, line, col};
}

Diagnostic error_at(Span span, std::string code, std::string message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = std::move(code);
  d.span = span;
  d.message = std::move(message);
  return d;
}

/// What `weft check` prints for `text`: every diagnostic of the front end, sorted.
std::string check(const std::string& path, const std::string& text) {
  ParsedFile parsed = parse_text(path, text);
  std::ostringstream out;
  render_diagnostics(parsed.diagnostics, out);
  return out.str();
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::uint32_t code_points(std::string_view s) {
  return count_code_points(s);
}

// ---------------------------------------------------------------------------------------------
// The three lines of §10.1

TEST(RenderDiagnostic, MessageLineSourceLineAndCaret) {
  SourceFile file("prog.weft", "x<v> = 1\ndisplay(halo@v, phantom@v, 0)\n");
  Diagnostic d = error_at(at(file, 2, 17, 7), "undefined-instance", "unknown instance 'phantom'");
  EXPECT_EQ(render_diagnostic(d), "prog.weft:2:17: error[undefined-instance]: unknown instance "
                                  "'phantom'\n"
                                  "display(halo@v, phantom@v, 0)\n"
                                  "                ^\n");
}

// §10.1: the message is one line, whatever program text it quotes (found by the fuzzer: a
// `load` path holding a line break).
TEST(RenderDiagnostic, MessagesStayOnOneLine) {
  SourceFile file("prog.weft", "x<v> = 1\n");
  Diagnostic d = error_at(at(file, 1, 1), "resource", "cannot open image 'a\nb\r\x01\tc'");
  d.hints.push_back("line\nbreak");
  EXPECT_EQ(render_diagnostic(d), "prog.weft:1:1: error[resource]: cannot open image "
                                  "'a\\nb\\r\\x01\tc'\n"
                                  "x<v> = 1\n"
                                  "^\n"
                                  "  hint: line\\nbreak\n");
}

TEST(RenderDiagnostic, PathIsPrintedAsGiven) {
  SourceFile file("../sketches/./a b.weft", "x<v> = $\n");
  Diagnostic d = error_at(at(file, 1, 8), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "../sketches/./a b.weft:1:8: error[lex]: unexpected character "
                                  "'$'\n"
                                  "x<v> = $\n"
                                  "       ^\n");
}

TEST(RenderDiagnostic, WarningSeverity) {
  SourceFile file("t.weft", "x<v> = -2^2\n");
  Diagnostic d = error_at(at(file, 1, 8), "unary-minus-pow", "unary minus applies before '^'");
  d.severity = Severity::Warning;
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:8: warning[unary-minus-pow]: unary minus applies "
                                  "before '^'\n"
                                  "x<v> = -2^2\n"
                                  "       ^\n");
}

TEST(RenderDiagnostic, CaretAtColumnOne) {
  SourceFile file("t.weft", "let x = 1\n");
  Diagnostic d = error_at(at(file, 1, 1, 3), "syntax", "expected a statement, found 'let'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:1: error[syntax]: expected a statement, found 'let'\n"
                                  "let x = 1\n"
                                  "^\n");
}

TEST(RenderDiagnostic, TabsBeforeTheCaretStayTabs) {
  SourceFile file("t.weft", "spindle f(x) :: <o> {\n\t\tout o = x;\n}\n");
  // two tabs count as two columns: ';' is at column 2 + 9 + 1
  Diagnostic d = error_at(at(file, 2, 12), "lex", "unexpected ';'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:2:12: error[lex]: unexpected ';'\n"
                                  "\t\tout o = x;\n"
                                  "\t\t         ^\n");
}

TEST(RenderDiagnostic, TabInsideTheLineStaysATab) {
  SourceFile file("t.weft", "a<v> =\t1 $\n");
  Diagnostic d = error_at(at(file, 1, 10), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:10: error[lex]: unexpected character '$'\n"
                                  "a<v> =\t1 $\n"
                                  "      \t  ^\n");
}

TEST(RenderDiagnostic, MultiByteCharactersBeforeTheCaretAreOneColumnEach) {
  // é is 2 bytes, 🎵 is 4 and ☃ is 3: one column each, so '$' is at column 19, not 25.
  const std::string line = "s = \"h\u00e9llo \U0001F3B5\" + \u2603 $";
  ASSERT_EQ(code_points(line), 19u);
  SourceFile file("t.weft", line + "\n");
  Diagnostic d = error_at(at(file, 1, 19), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:19: error[lex]: unexpected character '$'\n" + line +
                                      "\n" + std::string(18, ' ') + "^\n");
}

TEST(RenderDiagnostic, LexerColumnsMatchTheRenderedCaret) {
  // End to end: the lexer counts the comment's é and 🎵 as one column each.
  EXPECT_EQ(check("t.weft", "/* \u00e9\U0001F3B5 */ x<v> = me@x $\ndisplay(x@v)\n"),
            "t.weft:1:22: error[lex]: unexpected character '$'\n"
            "/* \u00e9\U0001F3B5 */ x<v> = me@x $\n" +
                std::string(21, ' ') + "^\n");
}

// ---------------------------------------------------------------------------------------------
// Lines over 200 code points (§10.2 `limit`)

TEST(RenderDiagnostic, LongLineWithCaretNearTheStartIsCutAtTheEnd) {
  const std::string line = std::string(10, 'a') + "$" + std::string(300, 'b');
  SourceFile file("t.weft", line + "\n");
  Diagnostic d = error_at(at(file, 1, 11), "lex", "unexpected character '$'");
  const std::string expected = "t.weft:1:11: error[lex]: unexpected character '$'\n" +
                               line.substr(0, 200) + std::string(kEllipsis) + "\n" +
                               std::string(10, ' ') + "^\n";
  EXPECT_EQ(render_diagnostic(d), expected);
}

TEST(RenderDiagnostic, LineOfExactly200CodePointsIsNotCut) {
  const std::string line = std::string(199, 'a') + "$";
  SourceFile file("t.weft", line + "\n");
  Diagnostic d = error_at(at(file, 1, 200), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:200: error[lex]: unexpected character '$'\n" + line +
                                      "\n" + std::string(199, ' ') + "^\n");
}

TEST(RenderDiagnostic, LongLineWithCaretPastColumn200IsCutOnBothSides) {
  const std::string line = std::string(250, 'a') + "$" + std::string(300, 'b');
  SourceFile file("t.weft", line + "\n");
  Diagnostic d = error_at(at(file, 1, 251), "lex", "unexpected character '$'");
  std::string rendered = render_diagnostic(d);
  // 100 code points before the caret are kept, 200 in all.
  const std::string expected = "t.weft:1:251: error[lex]: unexpected character '$'\n" +
                               std::string(kEllipsis) + line.substr(150, 200) +
                               std::string(kEllipsis) + "\n" + " " + std::string(100, ' ') + "^\n";
  EXPECT_EQ(rendered, expected);
}

TEST(RenderDiagnostic, LongLineWithCaretNearItsEndIsCutOnlyAtTheStart) {
  const std::string line = std::string(240, 'a') + "$";
  SourceFile file("t.weft", line + "\n");
  Diagnostic d = error_at(at(file, 1, 241), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:1:241: error[lex]: unexpected character '$'\n" +
                                      std::string(kEllipsis) + line.substr(140) + "\n" + " " +
                                      std::string(100, ' ') + "^\n");
}

TEST(RenderDiagnostic, LongLineIsCutBetweenCodePointsNotBytes) {
  // 300 two-byte characters in a comment, then the error: the cut keeps whole characters.
  const std::string line = "// " + repeat("\u00e9", 300) + " $";
  SourceFile file("t.weft", line + "\n");
  const std::uint32_t col = code_points(line); // the '$'
  Diagnostic d = error_at(at(file, 1, col), "lex", "unexpected character '$'");
  // The caret is at index 304 and the echo starts 100 code points before it: 99 é, ' ', '$'.
  const std::string expected = "t.weft:1:" + std::to_string(col) +
                               ": error[lex]: unexpected character '$'\n" + std::string(kEllipsis) +
                               repeat("\u00e9", 99) + " $\n" + " " + std::string(100, ' ') + "^\n";
  EXPECT_EQ(render_diagnostic(d), expected);
}

// ---------------------------------------------------------------------------------------------
// Notes and hints

TEST(RenderDiagnostic, NotesComeBeforeHintsEachInTheOrderAdded) {
  SourceFile file("t.weft", "a<v> = 1\nb<v> = 2\nc<v> = 3\n");
  Diagnostic d = error_at(at(file, 3, 1), "duplicate-strand", "strand 'c@v' is already defined");
  d.hint("first hint");
  d.note(at(file, 1, 3), "first note");
  d.hint("second hint");
  d.note(at(file, 2, 5), "second note");
  EXPECT_EQ(render_diagnostic(d),
            "t.weft:3:1: error[duplicate-strand]: strand 'c@v' is already defined\n"
            "c<v> = 3\n"
            "^\n"
            "  note: t.weft:1:3: first note\n"
            "  note: t.weft:2:5: second note\n"
            "  hint: first hint\n"
            "  hint: second hint\n");
}

TEST(RenderDiagnostic, NoteInAnotherFileNamesThatFile) {
  SourceFile main("main.weft", "x<v> = 1\n");
  SourceFile other("lib/other.weft", "\n\ny<v> = 2\n");
  Diagnostic d = error_at(at(main, 1, 1), "duplicate-strand", "strand 'x@v' is already defined");
  d.note(at(other, 3, 1), "first defined here");
  EXPECT_EQ(render_diagnostic(d),
            "main.weft:1:1: error[duplicate-strand]: strand 'x@v' is already defined\n"
            "x<v> = 1\n"
            "^\n"
            "  note: lib/other.weft:3:1: first defined here\n");
}

// ---------------------------------------------------------------------------------------------
// Special files: empty, CR LF, byte-order mark

TEST(RenderDiagnostic, EmptyFileHasAnEmptySourceLineAndALoneCaret) {
  SourceFile file("empty.weft", "");
  Diagnostic d = error_at(at(file, 1, 1, 0), "no-sink", "program has no sinks");
  d.severity = Severity::Warning;
  EXPECT_EQ(render_diagnostic(d), "empty.weft:1:1: warning[no-sink]: program has no sinks\n"
                                  "\n"
                                  "^\n");
}

TEST(RenderDiagnostic, EmptyFileEndToEnd) {
  const std::string out = check("empty.weft", "");
  EXPECT_EQ(out.substr(0, out.find('\n') + 1),
            "empty.weft:1:1: warning[no-sink]: program has no sinks, so it produces no output\n");
  EXPECT_EQ(out.substr(out.find('\n') + 1, 3), "\n^\n");
}

TEST(RenderDiagnostic, CarriageReturnOfCrLfIsNotEchoed) {
  SourceFile file("t.weft", "a<v> = 1\r\nb<v> = $\r\nc<v> = 2");
  EXPECT_EQ(file.line_text(2), "b<v> = $");
  Diagnostic d = error_at(at(file, 2, 8), "lex", "unexpected character '$'");
  EXPECT_EQ(render_diagnostic(d), "t.weft:2:8: error[lex]: unexpected character '$'\n"
                                  "b<v> = $\n"
                                  "       ^\n");
}

TEST(RenderDiagnostic, CrLfFileEndToEnd) {
  EXPECT_EQ(check("t.weft", "a<v> = me@x\r\nb<v> = if a@v > 0.5 then 1 else 0\r\ndisplay(b@v)\r\n"),
            "t.weft:2:15: error[syntax]: expected 'then', found '>'\n"
            "b<v> = if a@v > 0.5 then 1 else 0\n"
            "              ^\n"
            "  hint: '>' is not a comparison; use '>>' (greater) or '>>=' (greater or equal)\n");
}

TEST(RenderDiagnostic, ByteOrderMarkIsNeitherEchoedNorAColumn) {
  SourceFile file("t.weft", "\xEF\xBB\xBFx<v> = $\n");
  EXPECT_EQ(file.line_text(1), "x<v> = $");
  EXPECT_EQ(check("t.weft", "\xEF\xBB\xBFx<v> = me@x $\ndisplay(x@v)\n"),
            "t.weft:1:13: error[lex]: unexpected character '$'\n"
            "x<v> = me@x $\n"
            "            ^\n");
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: order and cap (§10.3)

TEST(Diagnostics, SortedByLineThenColumnStableForEqualLocations) {
  SourceFile file("t.weft", "aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc\n");
  Diagnostics diags;
  diags.error("syntax", at(file, 3, 1), "third line");
  diags.error("syntax", at(file, 1, 5), "first line, column 5");
  diags.error("lex", at(file, 1, 2), "first line, column 2 (first reported)");
  diags.error("syntax", at(file, 2, 7), "second line");
  diags.warning("directive", at(file, 1, 1), "a warning comes first by location");
  diags.error("syntax", at(file, 1, 2), "first line, column 2 (second reported)");
  std::vector<std::string> messages;
  for (const Diagnostic& d : diags.sorted()) messages.push_back(d.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "a warning comes first by location",
                          "first line, column 2 (first reported)",
                          "first line, column 2 (second reported)",
                          "first line, column 5",
                          "second line",
                          "third line",
                      }));
  // the insertion order is still available
  EXPECT_EQ(diags.unsorted().front().message, "third line");
}

TEST(Diagnostics, RenderDiagnosticsPrintsInSortedOrder) {
  SourceFile file("t.weft", "a $\nb $\n");
  Diagnostics diags;
  diags.error("lex", at(file, 2, 3), "second");
  diags.error("lex", at(file, 1, 3), "first");
  std::ostringstream out;
  render_diagnostics(diags, out);
  EXPECT_EQ(out.str(), "t.weft:1:3: error[lex]: first\n"
                       "a $\n"
                       "  ^\n"
                       "t.weft:2:3: error[lex]: second\n"
                       "b $\n"
                       "  ^\n");
}

TEST(Diagnostics, AtMostOneHundredErrorsAreKept) {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "x $\n";
  SourceFile file("t.weft", text);
  Diagnostics diags;
  for (std::uint32_t line = 150; line >= 1; --line) {
    // Past the cap the returned scratch diagnostic still accepts notes and hints.
    diags.error("lex", at(file, line, 3), "line " + std::to_string(line))
        .note(at(file, 1, 1), "note")
        .hint("hint");
    EXPECT_EQ(diags.is_full(), 150 - line + 1 >= Diagnostics::kMaxErrors);
  }
  EXPECT_EQ(diags.error_count(), Diagnostics::kMaxErrors);
  ASSERT_EQ(diags.sorted().size(), Diagnostics::kMaxErrors);
  // the first 100 reported are kept (lines 150 down to 51), then sorted
  EXPECT_EQ(diags.sorted().front().message, "line 51");
  EXPECT_EQ(diags.sorted().back().message, "line 150");
  for (const Diagnostic& d : diags.sorted()) {
    EXPECT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.hints.size(), 1u);
  }
  // warnings have their own cap: they are still kept once errors are full
  diags.warning("directive", at(file, 1, 1), "still kept");
  EXPECT_EQ(diags.sorted().front().message, "still kept");
  EXPECT_EQ(diags.error_count(), Diagnostics::kMaxErrors);
}

TEST(Diagnostics, FrontEndStopsAtOneHundredErrors) {
  std::string text = "display(me@x)\n";
  for (int i = 1; i <= 120; ++i) {
    text += 'v';
    text += std::to_string(i);
    text += "<x> = me@x $\n";
  }
  ParsedFile parsed = parse_text("t.weft", text);
  EXPECT_EQ(parsed.diagnostics.error_count(), Diagnostics::kMaxErrors);
  auto sorted = parsed.diagnostics.sorted();
  ASSERT_EQ(sorted.size(), Diagnostics::kMaxErrors);
  EXPECT_EQ(sorted.front().span.line, 2u);
  EXPECT_EQ(sorted.back().span.line, 101u);
}

} // namespace
