// Every ```weft block of LANGUAGE.md (and the batching example of ARCHITECTURE.md §2) is
// committed under tests/lang/spec_examples/ and must parse without any error. When the shared
// spec is beside the checkout, the committed copies must still match it.
#include "support/run_weft.h"

#include "lang/frontend.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> example_files() {
  std::vector<std::string> files;
  for (const auto& e :
       fs::directory_iterator(weft::test::source_path("tests/lang/spec_examples"))) {
    if (e.path().extension() == ".weft") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SpecExamples, EveryExampleParsesWithoutErrors) {
  auto files = example_files();
  ASSERT_GE(files.size(), 16u);
  for (const std::string& path : files) {
    weft::lang::ParsedFile parsed = weft::lang::parse_file(path);
    std::ostringstream diags;
    weft::lang::render_diagnostics(parsed.diagnostics, diags);
    EXPECT_FALSE(parsed.diagnostics.has_errors()) << path << ":\n" << diags.str();
    ASSERT_TRUE(parsed.program);
    EXPECT_FALSE(parsed.program->statements.empty()) << path;
  }
}

TEST(SpecExamples, CommittedCopiesMatchTheSpec) {
  const std::string spec_path = std::string(WEFT_SHARED_DIR) + "/spec/LANGUAGE.md";
  if (!fs::exists(spec_path)) GTEST_SKIP() << "no shared spec beside the checkout";
  const std::string spec = weft::test::read_file(spec_path);
  std::regex block("```weft\n([\\s\\S]*?)```");
  int index = 0;
  for (auto it = std::sregex_iterator(spec.begin(), spec.end(), block);
       it != std::sregex_iterator(); ++it) {
    ++index;
    char name[64];
    std::snprintf(name, sizeof name, "tests/lang/spec_examples/example_%02d.weft", index);
    EXPECT_EQ(weft::test::read_file(weft::test::source_path(name)), (*it)[1].str()) << name;
  }
  EXPECT_EQ(index, 15) << "the spec's examples changed: regenerate tests/lang/spec_examples";
}

TEST(SpecExamples, AppendixProgramHasItsStatements) {
  weft::lang::ParsedFile parsed =
      weft::lang::parse_file(weft::test::source_path("tests/lang/spec_examples/example_15.weft"));
  ASSERT_TRUE(parsed.program);
  EXPECT_EQ(parsed.program->statements.size(), 15u);
}

} // namespace
