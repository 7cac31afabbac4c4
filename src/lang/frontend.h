/// \file
/// The front end as one call: read a file (or take text), lex and parse it, collecting every
/// diagnostic. Used by `weft check`, `weft parse` and the tests.
/// Implements: LANGUAGE.md §2–3, §10. Tests: tests/lang/, tests/errors/.
/// Real-time: no.
#pragma once

#include "lang/ast.h"
#include "lang/diagnostic.h"

#include <optional>
#include <string>

namespace weft::lang {

struct ParsedFile {
  std::optional<Program> program; ///< absent only when the file could not be read
  Diagnostics diagnostics;
  std::string io_error; ///< set when the file could not be read at all
};

/// Parses source text held in memory; `path` is what diagnostics print.
ParsedFile parse_text(std::string path, std::string text);
/// Reads and parses a file; a file over 64 MiB gets the `limit` error.
ParsedFile parse_file(const std::string& path);

} // namespace weft::lang
