// The `weft` command as a user runs it (CLI.md): exit codes, help, version, check and parse.
#include "support/run_weft.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using weft::test::run_weft;
using weft::test::source_path;

namespace {

/// A temporary directory holding `name` with `content`; removed at the end of the test.
class TempProgram {
public:
  TempProgram(const std::string& name, const std::string& content) {
    char tmpl[] = "/tmp/weft-cli-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    std::ofstream(dir_ + "/" + name, std::ios::binary) << content;
  }
  ~TempProgram() { std::filesystem::remove_all(dir_); }
  const std::string& dir() const { return dir_; }

private:
  std::string dir_;
};

TEST(Cli, VersionPrintsTheVersion) {
  auto r = run_weft({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "weft 0.1.0\n");
}

TEST(Cli, EverySubcommandHasHelp) {
  for (std::string cmd : {"check", "parse"}) {
    auto r = run_weft({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage: weft " + cmd), std::string::npos) << r.out;
  }
  auto top = run_weft({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("check"), std::string::npos);
  EXPECT_NE(top.out.find("parse"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoWithOneLine) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {"check"},
                                             {"parse", "x.weft"},
                                             {"frobnicate"},
                                             {"check", "--no-such-flag", "x.weft"}}) {
    auto r = run_weft(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("weft: error: ", 0), 0u) << r.err;
  }
}

TEST(Cli, MissingInputFileIsAUsageError) {
  auto r = run_weft({"check", "/nonexistent/prog.weft"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "weft: error: cannot read '/nonexistent/prog.weft': No such file or directory\n");
}

TEST(Cli, CheckAcceptsTheBundledExample) {
  auto r = run_weft({"check", "examples/gradient.weft"}, source_path(""));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST(Cli, CheckReportsErrorsOfEveryFileAndExitsOne) {
  TempProgram p("a.weft", "x<v> = 1 +\n");
  std::ofstream(p.dir() + "/b.weft") << "display(me@x)\n";
  std::ofstream(p.dir() + "/c.weft") << "y<v> = )\n";
  auto r = run_weft({"check", "a.weft", "b.weft", "c.weft"}, p.dir());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "a.weft:1:11: error[syntax]: expected an expression, found end of file\n"
                   "x<v> = 1 +\n"
                   "          ^\n"
                   "c.weft:1:8: error[syntax]: expected an expression, found ')'\n"
                   "y<v> = )\n"
                   "       ^\n");
}

TEST(Cli, WarningsDoNotChangeTheExitStatus) {
  TempProgram p("w.weft", "# a directive\nx<v> = -2^2\n");
  auto r = run_weft({"check", "w.weft"}, p.dir());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("w.weft:1:1: warning[directive]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("w.weft:2:8: warning[unary-minus-pow]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("w.weft:1:1: warning[no-sink]"), std::string::npos) << r.err;
}

TEST(Cli, ParsePrintsTheAst) {
  auto r = run_weft({"parse", "--ast", "examples/gradient.weft"}, source_path(""));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "Program examples/gradient.weft (4 statements)");
  EXPECT_NE(r.out.find("Sink 6:1 display\n"), std::string::npos) << r.out;
}

TEST(Cli, ParseOfABrokenFilePrintsNoAst) {
  TempProgram p("bad.weft", "x<v> = (\n");
  auto r = run_weft({"parse", "--ast", "bad.weft"}, p.dir());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("bad.weft:1:9: error[syntax]"), std::string::npos) << r.err;
}

} // namespace
