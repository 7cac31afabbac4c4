#!/usr/bin/env python3
"""Writes the hostile-input corpus, tests/hostile/*.weft (LANGUAGE.md §2, §10.2 `limit`).

Each file is one kind of input a compiler must survive without crashing, hanging or blowing its
stack: nesting far past the 256-level limit, megabyte lines, NUL bytes, invalid UTF-8,
unterminated strings and comments, 10,000-digit numbers, odd line endings, a byte-order mark,
floods of errors, empty and comment-only files. tests/lang/hostile_input_test.cpp parses every
file in process, tests/cli/hostile_check_test.cpp runs `weft check` on it, and scripts/fuzz.sh
replays them through the fuzz target and uses them as seeds.

The output is deterministic. Run it again after changing it; it replaces every `.weft` file in
tests/hostile/ and keeps the whole corpus under about 5 MB:

    python3 scripts/make-hostile-corpus.py

Constructs whose opener takes one or two bytes are nested 100,000 deep. To stay in budget the
wordier ones (`not`, `[` remaps, tuples, `if … else if …` chains, `for` blocks) are nested 15,000
to 25,000 deep: about a hundred times the limit, and far deeper than an unguarded recursive
parser survives.
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "hostile"

DEEP = 100_000  # levels for openers of one or two bytes
DEEP_WORDY = 25_000  # three or four bytes
DEEP_WORDIEST = 15_000  # longer openers
MEGABYTE_LINE = 1_000_000
LONG_TOKEN = 64 * 1024  # long identifiers and strings
SINK = b"\ndisplay(a@v, a@v, a@v)\n"

files: dict[str, bytes] = {}


def add(name: str, data: bytes | str) -> None:
    assert name not in files, name
    files[name] = data.encode() if isinstance(data, str) else data


def repeat_to(unit: str, size: int) -> str:
    """`unit` repeated until the result has at least `size` bytes."""
    return unit * (size // len(unit) + 1)


# --- Nesting far past the limit. Each file is one binding (or spindle) and a sink after it; the
# parser must report exactly one `limit` error and skip the rest of the statement. Closers are
# written only for the parentheses: the parser never reaches the others.


def levels_for(opener: str) -> int:
    """100,000 levels for one- and two-byte openers, fewer for wordier ones (see the header)."""
    if len(opener) <= 2:
        return DEEP
    return DEEP_WORDY if len(opener) <= 4 else DEEP_WORDIEST


def deep(name: str, opener: str, core: str = "1", closer: str = "", n: int = 0) -> None:
    n = n or levels_for(opener)
    add(f"deep_{name}.weft", ("a<v> = " + opener * n + core + closer * n).encode() + SINK)


deep("parens", "(", closer=")")
deep("calls", "f(")
deep("unary_minus", "-")
deep("caret_chain", "1^")
deep("bundles", "< ")
deep("not", "not ")
deep("brackets_remap", "a@b[", "0")
deep("remap_positional", "a@b(", "0")
deep("tuples", "(1, ")
deep("if_in_condition", "if ")
deep("remap_keyed", "a@b(me@x~")
deep("if_else_if", "if a then b else ")
deep("mixed_unclosed", "f((-not a@b[< 1^", n=DEEP_WORDY // 4)  # seven levels each
add(
    "deep_for_blocks.weft",
    "spindle s(x) :: <o> {\n" + "for i in(0to 1){\n" * DEEP_WORDIEST + "out o = 1\n",
)
add("many_unclosed_braces.weft", "spindle s(x) :: <o> {" + "{" * DEEP)
# Many statements each just over the limit: one `limit` error per line, until the cap of 100.
add("deep_parens_many_lines.weft", ("a<v> = " + "(" * 260 + "1" + ")" * 260 + "\n") * 120)
# Exactly at the limit, and one level over it.
add("nesting_256_parens.weft", ("a<v> = " + "(" * 256 + "1" + ")" * 256).encode() + SINK)
add("nesting_257_parens.weft", ("a<v> = " + "(" * 257 + "1" + ")" * 257).encode() + SINK)

# --- Shallow unclosed brackets, ended by the end of the file.
add("unclosed_paren.weft", "a<v> = (1 + (2 * 3")
add("unclosed_call.weft", "display(a@v, sin(me@x")
add("unclosed_bracket.weft", "a<v> = b@c[me@x, ")
add("unclosed_bundle.weft", "a<r, g> = <1, 2")
add("unclosed_brace.weft", "spindle s(x) :: <o> {\n  out o = x\n")
add("unclosed_output_list.weft", "a<v, w")

# --- One-megabyte lines: valid, and with errors that force the echo to be cut.
long_sum = "a<v> = " + repeat_to("1 + ", MEGABYTE_LINE - 10) + "1"
add("long_line_sum.weft", long_sum.encode() + SINK)
half = repeat_to("me@x + ", MEGABYTE_LINE // 2)
add("long_line_error_middle.weft", ("a<v> = " + half + ") + " + half + "1").encode() + SINK)
edge = repeat_to("1 * ", 20_000)
add(
    "long_lines_errors_at_edges.weft",
    ";a<v> = " + edge + "1\n" + "b<v> = " + edge + ")\n" + "c<v> = é" + edge + "1\n",
)
add("long_identifier.weft", "x<v> = " + "a" * LONG_TOKEN + "@v\ndisplay(x@v)\n")
add("long_identifier_error.weft", "a" * LONG_TOKEN + "\n")
add("long_string.weft", 'data("' + repeat_to("abc ", LONG_TOKEN) + '", x: 1)\n')
add("long_string_unterminated.weft", 'data("' + repeat_to("abc ", LONG_TOKEN))
# Two-byte characters: the echo must be cut on a code-point boundary.
add("long_comment_multibyte.weft", "a<v> = 1 /* " + "é" * 5_000 + " */ ; // " + "ü" * 5_000 + "\n")
add("long_line_tabs.weft", "a<v> =" + "\t" * 5_000 + "1 +\t\t)\n")

# --- NUL bytes.
add(
    "nul_bytes.weft",
    b"a<v> = 1 \x00+ 2\n// comment \x00 with a NUL\n/* \x00 */\ndata(\"a\x00b\")\n\x00\x00\x00\n"
    + b"display(a@v\x00)\n",
)
add("nul_only.weft", b"\x00" * 4096)
add("nul_after_number.weft", b"a<v> = 12\x0034\x00")

# --- Invalid UTF-8, in code, comments and strings.
bad_sequences = [
    b"\xff",
    b"\xfe",
    b"\x80",  # lone continuation byte
    b"\xc3(",  # lead byte without its continuation
    b"\xc0\xaf",  # overlong '/'
    b"\xe0\x80\xaf",  # overlong, three bytes
    b"\xed\xa0\x80",  # UTF-16 surrogate
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xf8\x88\x80\x80\x80",  # five-byte form
]
add("invalid_utf8_code.weft", b"".join(b"a<v> = 1 " + s + b" + 2\n" for s in bad_sequences))
add(
    "invalid_utf8_comment.weft",
    b"".join(b"// line " + s + b" comment\n/* block " + s + b" comment */\n" for s in bad_sequences)
    + b"a<v> = 1" + SINK,
)
add(
    "invalid_utf8_string.weft",
    b"".join(b'data("x' + s + b'y")\n' for s in bad_sequences) + b'data("\\' + b"\xff" + b'")\n',
)
add("invalid_utf8_at_eof.weft", b"a<v> = 1 // \xf0\x9f")
add("invalid_utf8_truncated_in_string.weft", b'data("\xe2\x82')
add("non_ascii_in_code.weft", "a<v> = é + π\ndisplay(a@v, ∞, 0)\nb<v> = 1 // ✓ fine in a comment\n")
add("valid_non_ascii.weft", 'a<v> = 1 // 日本語 🎵\ndata("🎵 ünïcödé.csv", x: a@v) /* ✓ */\n')

# --- Unterminated strings and comments.
add("unterminated_string.weft", 'data("abc\ndisplay(1, 2, 3)\n')
add("unterminated_string_eof.weft", 'data("abc')
add("unterminated_string_backslash_eof.weft", 'data("abc\\')
add("unterminated_string_crlf.weft", 'data("abc\r\ndisplay(1, 2, 3)\r\n')
add("string_escapes.weft", 'data("\\q \\x41 \\u00e9 \\\t \\\\ \\" \\n")\n')
add("unterminated_block_comment.weft", "a<v> = 1 /* never closed\n" + "more text\n" * 1000)
add("unterminated_block_comment_star.weft", "/*/")
add("comment_markers_only.weft", "/**/ /*/ */ //\n/*\n*/\n/")

# --- Numbers with 10,000 digits.
digits = "1234567890" * 1000
add("number_10000_digit_integer.weft", ("a<v> = " + digits).encode() + SINK)  # overflows
add("number_10000_zeros.weft", ("a<v> = " + "0" * 10_000).encode() + SINK)
add("number_10000_digit_fraction.weft", ("a<v> = 0." + digits).encode() + SINK)
add("number_10000_digit_exponent.weft", ("a<v> = 1e" + "9" * 10_000).encode() + SINK)
add("number_10000_digit_negative_exponent.weft", ("a<v> = 1e-" + "9" * 10_000).encode() + SINK)
add("number_10000_digits_scaled.weft", ("a<v> = " + digits + "e-9990").encode() + SINK)
add("number_overflow_just.weft", b"a<v> = 1.8e308 + 1.7976931348623157e308" + SINK)
add(
    "numbers_malformed.weft",
    "a<v> = 1.\nb<v> = 1e\nc<v> = 2else\nd<v> = 1.e3\ne<v> = ..5\nf<v> = 1..2\ng<v> = .5.5\n"
    "h<v> = 1e+\ni<v> = 0x1F\nj<v> = 1_000\nk<v> = img.0\n",
)
add("multi_call_huge_count.weft", "f<99999999999999999999999>(1)::g<v>\nf<1.5>(1)::h<v>\nf<0>()::k<>\n")

# --- Line endings and the byte-order mark.
cr_program = "me<width> = 64\ra<v> = me@x\rb<v> = 1 +\r2\rdisplay(a@v, b@v, 0)\r"
add("cr_only.weft", cr_program)
add("cr_only_long_error.weft", "a<v> = 1\r" * 2_000 + "b<v> = )\r" + "a<v> = 1\r" * 100)
add("crlf.weft", cr_program.replace("\r", "\r\n"))
add("crlf_error.weft", "a<v> = 1\r\nb<v> = )\r\n\r\n")
add("mixed_line_endings.weft", "a<v> = 1\r\r\nb<v> = 2\n\rc<v> = ;\r\n\n\r")
add("bom.weft", b"\xef\xbb\xbf" + cr_program.replace("\r", "\n").encode())
add("bom_only.weft", b"\xef\xbb\xbf")
add("bom_twice.weft", b"\xef\xbb\xbf\xef\xbb\xbfa<v> = 1" + SINK)
add("bom_then_error.weft", b"\xef\xbb\xbf;")

# --- Floods: more errors and warnings than the caps keep.
add("errors_100k_lines.weft", "".join([";\n", "x\n", "?\n", "1\n"][i % 4] for i in range(100_000)))
add("warnings_10k_directives.weft", "#\n" * 10_000)
add("errors_one_line.weft", "; " * 5_000 + "\n")

# --- Nearly nothing.
add("empty.weft", b"")
add("only_comments.weft", "// a comment\n/* a block\n   comment */\n// another\n")
add("only_whitespace.weft", " \t\n\r\n \t \n" * 1000)
add("only_newlines.weft", "\n" * 10_000)
add("only_directives.weft", "# one\n  # two\n\t#three\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.weft"):
        old.unlink()
    total = 0
    for name, data in sorted(files.items()):
        (OUT / name).write_bytes(data)
        total += len(data)
    print(f"make-hostile-corpus: wrote {len(files)} files, {total / 1e6:.2f} MB, to {OUT}")
    if total > 5_100_000:
        print("make-hostile-corpus: the corpus is over budget (about 5 MB)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
