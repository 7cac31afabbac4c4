// libFuzzer target for every compile-time check: arbitrary bytes -> ir::check_text (lexer, parser,
// lowering with its semantic checks) -> every diagnostic rendered, and the AST printed when there
// are no errors, so the front end, the lowering, the §10.1 renderer and the AST printer are all
// fuzzed. Built by fuzz/CMakeLists.txt (WEFT_FUZZ, clang only) and run
// by scripts/fuzz.sh. Any crash, sanitizer report, leak or timeout is a bug in the front end.
#include "ir/check.h"
#include "lang/ast_printer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace {

/// Checks that must hold for any input; a failure aborts, which libFuzzer reports as a crash.
void check(bool condition) {
  if (!condition) std::abort();
}

/// §10.2 `limit`: the echoed source line (the second line) holds at most 200 code points besides
/// the `…` marks at a cut end.
void check_echo_is_cut(const std::string& text) {
  constexpr std::string_view kMark = "\u2026";
  std::size_t begin = text.find('\n');
  check(begin != std::string::npos);
  std::size_t end = text.find('\n', begin + 1);
  check(end != std::string::npos);
  std::string_view echo = std::string_view(text).substr(begin + 1, end - begin - 1);
  if (echo.starts_with(kMark)) echo.remove_prefix(kMark.size());
  if (echo.ends_with(kMark)) echo.remove_suffix(kMark.size());
  check(weft::lang::count_code_points(echo) <= weft::lang::kMaxEchoedColumns);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weft::lang;
  weft::ir::CheckedProgram checked =
      weft::ir::check_text("fuzz.weft", std::string(reinterpret_cast<const char*>(data), size));
  const ParsedFile& parsed = checked.parsed;
  check(parsed.program.has_value());
  check(parsed.diagnostics.error_count() <= Diagnostics::kMaxErrors);

  std::ostringstream rendered;
  render_diagnostics(parsed.diagnostics, rendered);
  for (const Diagnostic& d : parsed.diagnostics.unsorted()) {
    check_echo_is_cut(render_diagnostic(d));
  }
  if (!parsed.diagnostics.has_errors()) {
    std::string ast = print_ast(*parsed.program);
    check(parsed.program->statements.empty() || !ast.empty());
  }
  return 0;
}
