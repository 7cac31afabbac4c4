/// \file
/// The recursive-descent parser: tokens -> `Program` (LANGUAGE.md §3). Reports syntax errors
/// with what was expected and, for unclosed brackets, where the bracket was opened; recovers at
/// the next statement as §10.3 says, so one run reports every independent syntax error. Also
/// reports the errors that depend only on the shape of the text: bundles in scalar positions
/// (`bundle`), the form of remap items (`remap`), the order and uniqueness of named arguments
/// (`arity` / `sink`), and nesting deeper than 256 levels (`limit`). Recursion depth is bounded
/// by that limit, whatever the input.
/// Implements: LANGUAGE.md §2.7, §3, §10.3. Tests: tests/lang/parser_test.cpp, tests/errors/.
/// Real-time: no.
#pragma once

#include "lang/ast.h"
#include "lang/diagnostic.h"

#include <memory>

namespace weft::lang {

/// Deepest nesting of brackets, prefix operators, exponents, `if`s and blocks (§10.2 `limit`).
inline constexpr int kMaxNesting = 256;

/// Parses `file` into a program. Always returns a program; statements that failed to parse are
/// left out (and their names recorded in `Program::failed_definitions`).
Program parse_program(std::shared_ptr<const SourceFile> file, Diagnostics& diags);

} // namespace weft::lang
