// The `weft` command (CLI.md): parses flags and calls the library. Exit codes: 0 success,
// 1 compile errors, 2 usage error, 3 runtime or I/O error.
#include "graph/build.h"
#include "graph/print_graph.h"
#include "ir/check.h"
#include "lang/ast_printer.h"
#include "lang/frontend.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitCompileError = 1;
constexpr int kExitUsage = 2;

/// Checks one file and prints its diagnostics to stderr. Returns the exit status for the file.
int compile_and_report(const std::string& path, weft::ir::CheckedProgram& checked) {
  checked = weft::ir::check_file(path);
  const weft::lang::ParsedFile& parsed = checked.parsed;
  if (!parsed.io_error.empty()) {
    fmt::print(stderr, "weft: error: cannot read '{}': {}\n", path, parsed.io_error);
    return kExitUsage;
  }
  weft::lang::render_diagnostics(parsed.diagnostics, std::cerr);
  return parsed.diagnostics.has_errors() ? kExitCompileError : kExitOk;
}

int run_check(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& path : files) {
    weft::ir::CheckedProgram checked;
    int s = compile_and_report(path, checked);
    if (s == kExitUsage || (s == kExitCompileError && status == kExitOk)) status = s;
  }
  return status;
}

/// Parses only: the AST of a program with semantic errors is still worth seeing.
int run_parse(const std::string& path) {
  weft::lang::ParsedFile parsed = weft::lang::parse_file(path);
  if (!parsed.io_error.empty()) {
    fmt::print(stderr, "weft: error: cannot read '{}': {}\n", path, parsed.io_error);
    return kExitUsage;
  }
  weft::lang::render_diagnostics(parsed.diagnostics, std::cerr);
  if (parsed.diagnostics.has_errors()) return kExitCompileError;
  std::cout << weft::lang::print_ast(*parsed.program);
  return kExitOk;
}

/// Compiles, then prints the render graph: for people, or as Graphviz DOT.
int run_graph(const std::string& path, bool dot) {
  weft::ir::CheckedProgram checked;
  int status = compile_and_report(path, checked);
  if (status != kExitOk) return status;
  const weft::graph::RenderGraph graph = weft::graph::build_render_graph(*checked.module);
  std::cout << (dot ? weft::graph::graph_dot(graph) : weft::graph::graph_text(graph));
  return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"weft: images, video, audio and data as functions over coordinates", "weft"};
  app.set_version_flag("--version", "weft " WEFT_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand(
      "check", "Compile each FILE through every compile-time check and write nothing");
  check->add_option("FILE", check_files, "WEFT source files")->required();

  std::string parse_path;
  bool parse_ast = false;
  CLI::App* parse =
      app.add_subcommand("parse", "Print the syntax tree of FILE (syntax checks only)");
  parse->add_flag("--ast", parse_ast, "Print the AST, one node per line with line:col")->required();
  parse->add_option("FILE", parse_path, "a WEFT source file")->required();

  std::string graph_path;
  bool graph_dot = false;
  CLI::App* graph = app.add_subcommand(
      "graph", "Print the render graph of FILE: nodes, context tags, backends, batches and "
               "cross-backend reads");
  graph->add_flag("--dot", graph_dot, "Print Graphviz DOT instead of text");
  graph->add_option("FILE", graph_path, "a WEFT source file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
    fmt::print(stderr, "weft: error: {} (see 'weft --help')\n", e.what());
    return kExitUsage;
  }
  if (*check) return run_check(check_files);
  if (*parse) return run_parse(parse_path);
  if (*graph) return run_graph(graph_path, graph_dot);
  return kExitUsage;
}
