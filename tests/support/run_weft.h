/// \file
/// Test helpers: run the real `weft` binary as a user would (a subprocess with its exit status,
/// stdout and stderr), and read files relative to the source tree.
#pragma once

#include <string>
#include <vector>

namespace weft::test {

struct CommandResult {
  int exit_code = -1; ///< the process's exit status; 128 + signal number if it was killed
  std::string out;
  std::string err;
};

/// Runs `weft` with `args` in directory `cwd` (the current directory when empty), without a shell.
CommandResult run_weft(const std::vector<std::string>& args, const std::string& cwd = {});

/// The whole content of a file; fails the current test if it cannot be read.
std::string read_file(const std::string& path);

/// `path` under the source tree (WEFT_SOURCE_DIR).
std::string source_path(const std::string& relative);

/// Whether `name` is an executable file in a folder of PATH (e.g. Xvfb, jackd).
bool is_on_path(const std::string& name);

} // namespace weft::test
