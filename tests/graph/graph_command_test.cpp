// `weft graph FILE [--dot]` (CLI.md) as a user runs it: the text form byte for byte against
// golden files, the DOT form accepted by Graphviz, exit codes.
#include "support/run_weft.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using weft::test::read_file;
using weft::test::run_weft;
using weft::test::source_path;

namespace {

struct Golden {
  const char* program; ///< under the source tree
  const char* text;    ///< the expected `weft graph` output
};

// The examples and the two programs the documents state results for (docs/graph.md shows them).
constexpr Golden kGoldens[] = {
    {"examples/gradient.weft", "tests/graph/golden/gradient.txt"},
    {"tests/lang/spec_examples/architecture_batching.weft",
     "tests/graph/golden/architecture_batching.txt"},
    {"tests/lang/spec_examples/example_15.weft", "tests/graph/golden/spec_appendix_a.txt"},
};

TEST(GraphCommand, TextOutputMatchesTheGoldenFiles) {
  for (const Golden& g : kGoldens) {
    auto r = run_weft({"graph", source_path(g.program)});
    EXPECT_EQ(r.exit_code, 0) << g.program << "\n" << r.err;
    EXPECT_EQ(r.err, "") << g.program;
    EXPECT_EQ(r.out, read_file(source_path(g.text))) << g.program;
  }
}

TEST(GraphCommand, TheDocumentationShowsTheGoldenOutputs) {
  const std::string doc = read_file(source_path("docs/graph.md"));
  for (const Golden& g : kGoldens) {
    EXPECT_NE(doc.find(read_file(source_path(g.text))), std::string::npos)
        << "docs/graph.md does not show the output for " << g.program;
  }
}

TEST(GraphCommand, EveryExampleHasAGraph) {
  for (const auto& entry : std::filesystem::directory_iterator(source_path("examples"))) {
    if (entry.path().extension() != ".weft") continue;
    auto r = run_weft({"graph", entry.path().string()});
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
    EXPECT_NE(r.out.find("batches (compile order)"), std::string::npos) << entry.path();
  }
}

bool has_graphviz() {
  return std::system("dot -V > /dev/null 2>&1") == 0;
}

TEST(GraphCommand, DotOutputIsAcceptedByGraphviz) {
  if (!has_graphviz()) GTEST_SKIP() << "graphviz (dot) is not installed";
  char dir_template[] = "/tmp/weft-graph-XXXXXX";
  const std::string dir = ::mkdtemp(dir_template);
  for (const Golden& g : kGoldens) {
    auto r = run_weft({"graph", "--dot", source_path(g.program)});
    ASSERT_EQ(r.exit_code, 0) << g.program << "\n" << r.err;
    EXPECT_EQ(r.out.rfind("digraph weft {\n", 0), 0u);
    const std::string dot = dir + "/graph.dot";
    std::ofstream(dot, std::ios::binary) << r.out;
    const std::string command =
        "dot -Tsvg '" + dot + "' -o '" + dir + "/graph.svg' 2>'" + dir + "/err'";
    EXPECT_EQ(std::system(command.c_str()), 0) << g.program << "\n" << read_file(dir + "/err");
    EXPECT_GT(std::filesystem::file_size(dir + "/graph.svg"), 0u);
  }
  std::filesystem::remove_all(dir);
}

TEST(GraphCommand, DotClustersNodesByBackendAndLabelsCrossBackendEdges) {
  auto r = run_weft(
      {"graph", "--dot", source_path("tests/lang/spec_examples/architecture_batching.weft")});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("subgraph cluster_audio {"), std::string::npos);
  EXPECT_NE(r.out.find("subgraph cluster_visual {"), std::string::npos);
  EXPECT_NE(r.out.find("n0 -> n1 [tooltip=\"snd@s\", label=\"buffer handle: audio ring, by time\""),
            std::string::npos);
  EXPECT_NE(r.out.find("n3 -> n4 [tooltip=\"samp@x\", label=\"value getter: recomputed in audio\""),
            std::string::npos);
}

TEST(GraphCommand, AProgramWithErrorsPrintsDiagnosticsAndExitsOne) {
  char dir_template[] = "/tmp/weft-graph-XXXXXX";
  const std::string dir = ::mkdtemp(dir_template);
  std::ofstream(dir + "/bad.weft") << "a<v> = b@v\ndisplay(a@v)\n";
  auto r = run_weft({"graph", "bad.weft"}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("bad.weft:1:8: error"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

TEST(GraphCommand, UsageErrorsExitTwoAndHelpWorks) {
  EXPECT_EQ(run_weft({"graph"}).exit_code, 2);
  EXPECT_EQ(run_weft({"graph", "/no/such/file.weft"}).exit_code, 2);
  EXPECT_EQ(run_weft({"graph", "--frobnicate", "x.weft"}).exit_code, 2);
  auto help = run_weft({"graph", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: weft graph"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--dot"), std::string::npos);
}

TEST(GraphCommand, AProgramWithoutSinksHasOnlyUnusedNodes) {
  char dir_template[] = "/tmp/weft-graph-XXXXXX";
  const std::string dir = ::mkdtemp(dir_template);
  std::ofstream(dir + "/nosink.weft") << "a<v> = me@x\n";
  auto r = run_weft({"graph", "nosink.weft"}, dir);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("  a     v        placed, pure  -     unused\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("batches (compile order)\n  (none)\n"), std::string::npos) << r.out;
  std::filesystem::remove_all(dir);
}

} // namespace
