#include "ir/check.h"

#include "ir/lower.h"

namespace weft::ir {

namespace {

CheckedProgram lower_parsed(lang::ParsedFile parsed, const EnvironmentOverrides& overrides) {
  CheckedProgram out;
  out.parsed = std::move(parsed);
  if (out.parsed.program) {
    // The semantic checks run on what parsed, so one run reports as many independent errors as
    // practical (§10.3); failed definitions count as defined.
    out.module = lower_program(*out.parsed.program, out.parsed.diagnostics, overrides);
  }
  return out;
}

} // namespace

CheckedProgram check_file(const std::string& path, const EnvironmentOverrides& overrides) {
  return lower_parsed(lang::parse_file(path), overrides);
}

CheckedProgram check_text(std::string path, std::string text,
                          const EnvironmentOverrides& overrides) {
  return lower_parsed(lang::parse_text(std::move(path), std::move(text)), overrides);
}

} // namespace weft::ir
