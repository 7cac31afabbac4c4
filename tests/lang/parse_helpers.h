/// \file
/// Helpers for front-end tests: parse text in memory and look at the AST dump or diagnostics.
#pragma once

#include "lang/ast_printer.h"
#include "lang/frontend.h"

#include <sstream>
#include <string>

namespace weft::test {

/// The `weft parse --ast` dump of `source` without its first (Program) line.
inline std::string ast_of(const std::string& source) {
  lang::ParsedFile parsed = lang::parse_text("t.weft", source);
  std::string dump = lang::print_ast(*parsed.program);
  return dump.substr(dump.find('\n') + 1);
}

/// Every diagnostic of `source`, rendered as `weft check` prints them.
inline std::string diagnostics_of(const std::string& source) {
  lang::ParsedFile parsed = lang::parse_text("t.weft", source);
  std::ostringstream out;
  lang::render_diagnostics(parsed.diagnostics, out);
  return out.str();
}

/// Only the first lines (`file:line:col: severity[code]: message`) of the diagnostics.
inline std::string headlines_of(const std::string& source) {
  lang::ParsedFile parsed = lang::parse_text("t.weft", source);
  std::string out;
  for (const lang::Diagnostic& d : parsed.diagnostics.sorted()) {
    std::string rendered = lang::render_diagnostic(d);
    out += rendered.substr(0, rendered.find('\n') + 1);
  }
  return out;
}

} // namespace weft::test
