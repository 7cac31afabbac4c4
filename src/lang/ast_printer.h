/// \file
/// Prints a `Program` as the stable indented text of `weft parse --ast` (CLI.md): one node per
/// line, `Kind line:col detail`, children indented by two spaces. Golden tests depend on this
/// format; change it only together with them. Recursion is bounded by the parser's nesting limit.
/// Tests: tests/lang/parser_test.cpp.
/// Real-time: no.
#pragma once

#include "lang/ast.h"

#include <string>

namespace weft::lang {

std::string print_ast(const Program& program);
/// One expression subtree, indented by `indent` levels (for tests).
std::string print_expr(const Expr& expr, int indent = 0);

/// The shortest decimal text that reads back as `value` ("0.5", "1e+300", "inf", "nan").
std::string format_number(double value);

} // namespace weft::lang
