/// \file
/// Lowering: AST -> IR module (LANGUAGE.md §4–§9). Reads like a list of steps: environment,
/// declarations (instances accumulate strands, spindles), dependency checks (cycles, recursion),
/// then each strand and sink is lowered with spindles inlined, bare instance names broadcast,
/// loops unrolled, remaps substituted through the whole dependency cone, constants folded and
/// identical pure subexpressions shared. Reports every semantic error of §10.2 that does not
/// need a resource on disk, and keeps going (§10.3).
/// Implements: LANGUAGE.md §3.5–§9. Tests: tests/ir/lower_test.cpp, tests/errors/.
/// Real-time: no.
#pragma once

#include "ir/module.h"
#include "lang/diagnostic.h"

#include <optional>

namespace weft::ir {

/// Environment values a runner sets from outside (CLI.md `--size`, `--rate`): they replace the
/// program's settings before anything reads `me@width` & co. The caller validates the ranges.
struct EnvironmentOverrides {
  std::optional<double> width;
  std::optional<double> height;
  std::optional<double> rate;
};

/// Lowers a parsed program. Always returns a module; on errors it is incomplete and must not be
/// executed (check `diags.has_errors()`).
Module lower_program(const lang::Program& program, lang::Diagnostics& diags,
                     const EnvironmentOverrides& overrides = {});

/// Longest chain of strand references under remaps that lowering follows (a `limit` error past it).
inline constexpr int kMaxLoweringDepth = 1000;
/// Largest loop trip count (§4.5).
inline constexpr double kMaxLoopTrips = 4096;

} // namespace weft::ir
