// Runs `weft check` on every file of tests/hostile/ (scripts/make-hostile-corpus.py) as a user
// would: the process must exit 0 or 1, never die on a signal, and print every parse error exactly
// as the library renders it. Files that parse also go through `weft parse --ast`. The in-process
// checks are in tests/lang/hostile_input_test.cpp.
#include "lang/ast_printer.h"
#include "lang/frontend.h"
#include "support/run_weft.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using weft::test::run_weft;
using weft::test::source_path;

namespace {

std::vector<std::string> hostile_files() {
  std::vector<std::string> names;
  const std::string dir = source_path("tests/hostile");
  if (!fs::exists(dir)) return names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".weft") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string file_test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 5); // without ".weft"
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class HostileCheck : public testing::TestWithParam<std::string> {};

TEST_P(HostileCheck, ExitsZeroOrOneAndReportsEveryParseError) {
  const std::string& name = GetParam();
  const std::string dir = source_path("tests/hostile");
  auto result = run_weft({"check", name}, dir);
  ASSERT_LT(result.exit_code, 128) << "killed by signal " << result.exit_code - 128 << "\n"
                                   << result.err.substr(0, 2000);
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 1) << "exit " << result.exit_code;
  EXPECT_EQ(result.out, "");
  if (result.exit_code == 1) {
    EXPECT_NE(result.err, "");
  }
  // Sanitizer builds: a report may end the process with status 1 rather than a signal.
  EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << result.err.substr(0, 2000);
  EXPECT_EQ(result.err.find("runtime error:"), std::string::npos) << result.err.substr(0, 2000);

  // The same text parsed in process, under the same path: each of its errors must be on stderr,
  // exactly as the library renders it (later passes may add diagnostics of their own).
  weft::lang::ParsedFile parsed =
      weft::lang::parse_text(name, weft::test::read_file(dir + "/" + name));
  if (!parsed.diagnostics.has_errors()) return;
  EXPECT_EQ(result.exit_code, 1);
  for (const weft::lang::Diagnostic& d : parsed.diagnostics.unsorted()) {
    if (d.severity != weft::lang::Severity::Error) continue;
    const std::string text = weft::lang::render_diagnostic(d);
    EXPECT_NE(result.err.find(text), std::string::npos) << "missing from stderr:\n"
                                                        << text.substr(0, 500);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCheck, testing::ValuesIn(hostile_files()), file_test_name);

// `weft parse --ast` on every file that parses: it prints the library's tree when the file also
// passes the later checks, and otherwise reports them; it never dies.
TEST(HostileParseAst, PrintsTheTreeOfEveryFileThatParses) {
  int printed = 0;
  for (const std::string& name : hostile_files()) {
    const std::string path = source_path("tests/hostile/" + name);
    weft::lang::ParsedFile parsed = weft::lang::parse_file(path);
    if (parsed.diagnostics.has_errors()) continue;
    auto result = run_weft({"parse", "--ast", path});
    ASSERT_LT(result.exit_code, 128) << name << ": killed by signal " << result.exit_code - 128;
    if (result.exit_code != 0) {
      EXPECT_EQ(result.exit_code, 1) << name;
      EXPECT_NE(result.err, "") << name;
      continue;
    }
    ++printed;
    EXPECT_TRUE(result.out == weft::lang::print_ast(*parsed.program)) << name << ": AST differs";
  }
  EXPECT_GE(printed, 5);
}

} // namespace
