/// \file
/// Staging (issue 3, rule 7): the features whose backends have not landed yet — the sinks
/// `compute`, `osc`, `midi` and `data`, and builtins without an evaluator — are parsed and checked
/// like all others, but `weft render` and `weft run` reject a program using them with a
/// compile-time error "… is not supported yet" naming the feature at its line (never silence or
/// zeros). Preconditions: the program parsed (its AST is present). Implements: issue 3 §7 staging
/// rule. Tests: tests/backends/render_test.cpp. Real-time: no.
#pragma once

#include "lang/ast.h"
#include "lang/diagnostic.h"

namespace weft::driver {

/// Adds one `unsupported` error per use of a not-yet-supported feature to `diagnostics`.
/// Returns the number of errors added.
std::size_t report_unsupported_features(const lang::Program& program,
                                        lang::Diagnostics& diagnostics);

} // namespace weft::driver
