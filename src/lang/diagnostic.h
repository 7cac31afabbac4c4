/// \file
/// Compiler diagnostics: one `Diagnostic` type, a `Diagnostics` sink that passes report into, and
/// the renderer that prints the exact text of LANGUAGE.md §10.1.
/// User errors are never exceptions: passes report here and keep going (§10.3).
/// Implements: LANGUAGE.md §10.1, §10.3. Tests: tests/lang/diagnostic_test.cpp, tests/errors/.
/// Real-time: no.
#pragma once

#include "lang/source_file.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <unordered_set>
#include <vector>

namespace weft::lang {

enum class Severity { Error, Warning };

/// A further location attached to a diagnostic, printed as `  note: file:line:col: message`.
struct DiagnosticNote {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code; ///< the stable code of LANGUAGE.md §10.2 / §10.4, e.g. "syntax"
  Span span;
  std::string message; ///< one line, lower-case, no final period
  std::vector<DiagnosticNote> notes;
  std::vector<std::string> hints;

  Diagnostic& note(Span at, std::string text);
  Diagnostic& hint(std::string text);
};

/// Collects diagnostics from every pass. At most kMaxErrors errors are kept (§10.3).
class Diagnostics {
public:
  static constexpr std::size_t kMaxErrors = 100;
  static constexpr std::size_t kMaxWarnings = 100;

  /// Adds an error. Past the cap, or when the same message was already reported at the same
  /// place, the diagnostic is dropped; the returned reference is then a scratch object, so
  /// callers may always chain `.note()` / `.hint()`.
  Diagnostic& error(std::string code, Span at, std::string message);
  Diagnostic& warning(std::string code, Span at, std::string message);

  bool has_errors() const { return error_count_ > 0; }
  std::size_t error_count() const { return error_count_; }
  /// True once the error cap is reached: passes may stop early.
  bool is_full() const { return error_count_ >= kMaxErrors; }
  /// All kept diagnostics, sorted by location (stable for equal locations).
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& unsorted() const { return list_; }

private:
  Diagnostic& add(Severity severity, std::string code, Span at, std::string message);
  std::vector<Diagnostic> list_;
  std::unordered_set<std::string> seen_; ///< identity of every kept diagnostic
  Diagnostic scratch_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
};

/// Longest echoed source line, in code points, before it is cut with `…` (§10.2 `limit`).
inline constexpr std::size_t kMaxEchoedColumns = 200;

/// Renders one diagnostic as the §10.1 text (message line, source line, caret line, notes, hints).
std::string render_diagnostic(const Diagnostic& d);
/// Renders every diagnostic of `diags`, sorted by location.
void render_diagnostics(const Diagnostics& diags, std::ostream& out);

} // namespace weft::lang
