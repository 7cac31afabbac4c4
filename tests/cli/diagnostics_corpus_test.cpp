// Replays the diagnostic corpus: tests/errors/<code>/<case>.weft must make `weft check` fail
// with exactly <case>.stderr, and tests/warnings/<code>/<case>.weft must pass with exactly
// <case>.stderr (STYLE.md §5 "Error tests"). The first diagnostic must carry the folder's code.
#include "support/run_weft.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using weft::test::read_file;
using weft::test::run_weft;
using weft::test::source_path;

namespace {

struct CorpusCase {
  std::string root;     ///< tests/errors or tests/warnings
  std::string relative; ///< <code>/<case>.weft
  bool expect_error;
};

std::vector<CorpusCase> collect(const std::string& root, bool expect_error) {
  std::vector<CorpusCase> cases;
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".weft") continue;
    cases.push_back({root, fs::relative(entry.path(), root).string(), expect_error});
  }
  std::sort(cases.begin(), cases.end(),
            [](const CorpusCase& a, const CorpusCase& b) { return a.relative < b.relative; });
  return cases;
}

std::vector<CorpusCase> all_cases() {
  auto cases = collect(source_path("tests/errors"), true);
  auto warnings = collect(source_path("tests/warnings"), false);
  cases.insert(cases.end(), warnings.begin(), warnings.end());
  return cases;
}

std::string case_name(const testing::TestParamInfo<CorpusCase>& info) {
  std::string name = (info.param.expect_error ? "error_" : "warning_") + info.param.relative;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class DiagnosticCorpus : public testing::TestWithParam<CorpusCase> {};

TEST_P(DiagnosticCorpus, CheckPrintsExactlyTheExpectedDiagnostics) {
  const CorpusCase& c = GetParam();
  fs::path expected_path = fs::path(c.root) / c.relative;
  expected_path.replace_extension(".stderr");
  ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
  const std::string expected = read_file(expected_path.string());

  auto result = run_weft({"check", c.relative}, c.root);
  EXPECT_EQ(result.exit_code, c.expect_error ? 1 : 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, expected);

  const std::string code = fs::path(c.relative).begin()->string();
  const std::string tag = (c.expect_error ? "error[" : "warning[") + code + "]";
  EXPECT_NE(result.err.find(tag), std::string::npos) << "no " << tag << " in:\n" << result.err;
}

INSTANTIATE_TEST_SUITE_P(Corpus, DiagnosticCorpus, testing::ValuesIn(all_cases()), case_name);

// The corpus must not be empty: an empty directory would make the suite pass vacuously.
TEST(DiagnosticCorpusInventory, HasCasesForEveryFrontEndCode) {
  auto cases = all_cases();
  for (std::string code : {"lex", "syntax", "bundle", "remap", "limit", "arity", "sink"}) {
    bool found = std::any_of(cases.begin(), cases.end(), [&](const CorpusCase& c) {
      return c.expect_error && c.relative.rfind(code + "/", 0) == 0;
    });
    EXPECT_TRUE(found) << "no error case for code " << code;
  }
}

// Every semantic code of §10.2 and every compile-time warning of §10.4 has at least one case.
TEST(DiagnosticCorpusInventory, HasCasesForEverySemanticCodeAndWarning) {
  auto cases = all_cases();
  auto has_case = [&](const std::string& code, bool expect_error) {
    return std::any_of(cases.begin(), cases.end(), [&](const CorpusCase& c) {
      return c.expect_error == expect_error && c.relative.rfind(code + "/", 0) == 0;
    });
  };
  for (std::string code :
       {"undefined-instance", "undefined-strand", "undefined-name", "duplicate-strand",
        "output-count", "cycle", "recursion", "unknown-me-field", "unbound-coordinate",
        "loop-bound", "env", "spindle"}) {
    EXPECT_TRUE(has_case(code, true)) << "no error case for code " << code;
  }
  for (std::string code : {"unassigned-output", "unary-minus-pow", "shadow", "positional-sampling",
                           "directive", "no-sink"}) {
    EXPECT_TRUE(has_case(code, false)) << "no warning case for code " << code;
  }
}

} // namespace
