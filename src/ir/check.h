/// \file
/// Every compile-time check of a file in one call: parse (src/lang) and lower (src/ir), with all
/// diagnostics in one sink. What `weft check` runs, and what later commands build on.
/// Implements: CLI.md `weft check`. Tests: tests/cli/cli_test.cpp, tests/errors/.
/// Real-time: no.
#pragma once

#include "ir/lower.h"
#include "ir/module.h"
#include "lang/frontend.h"

#include <optional>
#include <string>

namespace weft::ir {

struct CheckedProgram {
  lang::ParsedFile parsed;      ///< the AST and every diagnostic, semantic ones included
  std::optional<Module> module; ///< absent when the file could not be read
  bool ok() const { return parsed.io_error.empty() && !parsed.diagnostics.has_errors(); }
};

/// Reads, parses and lowers `path`.
CheckedProgram check_file(const std::string& path, const EnvironmentOverrides& overrides = {});
/// Parses and lowers source text held in memory; `path` is what diagnostics print.
CheckedProgram check_text(std::string path, std::string text,
                          const EnvironmentOverrides& overrides = {});

} // namespace weft::ir
