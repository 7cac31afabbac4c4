#include "lang/frontend.h"

#include "lang/parser.h"

#include <fmt/format.h>

namespace weft::lang {

namespace {

void report_too_large(std::shared_ptr<const SourceFile> file, ParsedFile& result) {
  result.diagnostics.error(
      "limit", Span{file.get(), 0, 0, 1, 1},
      fmt::format("source file is larger than {} MiB", kMaxSourceBytes / (1024 * 1024)));
  result.program.emplace(std::move(file));
}

/// §4.6: a program without sinks compiles, with a warning, and produces no output.
void warn_if_no_sink(const Program& program, Diagnostics& diags) {
  if (diags.has_errors()) return;
  for (const Stmt* s : program.statements) {
    if (s->kind == StmtKind::Sink) return;
  }
  diags
      .warning("no-sink", Span{&program.file(), 0, 0, 1, 1},
               "program has no sinks, so it produces no output")
      .hint("add display(…), render(…) or play(…) to see or hear it");
}

} // namespace

ParsedFile parse_text(std::string path, std::string text) {
  ParsedFile result;
  auto file = std::make_shared<const SourceFile>(std::move(path), std::move(text));
  if (file->text().size() > kMaxSourceBytes) {
    report_too_large(file, result);
    return result;
  }
  result.program.emplace(parse_program(file, result.diagnostics));
  warn_if_no_sink(*result.program, result.diagnostics);
  return result;
}

ParsedFile parse_file(const std::string& path) {
  LoadResult loaded = load_source_file(path);
  if (!loaded.text) {
    ParsedFile result;
    result.io_error = loaded.error;
    return result;
  }
  if (loaded.too_large) {
    ParsedFile result;
    report_too_large(std::make_shared<const SourceFile>(path, std::move(*loaded.text)), result);
    return result;
  }
  return parse_text(path, std::move(*loaded.text));
}

} // namespace weft::lang
