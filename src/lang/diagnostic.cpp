#include "lang/diagnostic.h"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>

namespace weft::lang {

Diagnostic& Diagnostic::note(Span at, std::string text) {
  notes.push_back({at, std::move(text)});
  return *this;
}

Diagnostic& Diagnostic::hint(std::string text) {
  hints.push_back(std::move(text));
  return *this;
}

Diagnostic& Diagnostics::error(std::string code, Span at, std::string message) {
  return add(Severity::Error, std::move(code), at, std::move(message));
}

Diagnostic& Diagnostics::warning(std::string code, Span at, std::string message) {
  return add(Severity::Warning, std::move(code), at, std::move(message));
}

Diagnostic& Diagnostics::add(Severity severity, std::string code, Span at, std::string message) {
  std::size_t& count = severity == Severity::Error ? error_count_ : warning_count_;
  std::size_t cap = severity == Severity::Error ? kMaxErrors : kMaxWarnings;
  // The same message at the same place again (a definition lowered once per output, call site
  // or loop iteration) says nothing new: keep the first.
  std::string key = fmt::format("{}|{}|{}|{}|{}", static_cast<int>(severity), code,
                                static_cast<const void*>(at.file), at.offset, message);
  if (count >= cap || !seen_.insert(std::move(key)).second) {
    scratch_ = Diagnostic{};
    return scratch_;
  }
  ++count;
  list_.push_back(Diagnostic{severity, std::move(code), at, std::move(message), {}, {}});
  return list_.back();
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.line != b.span.line) return a.span.line < b.span.line;
    return a.span.col < b.span.col;
  });
  return out;
}

namespace {

std::string location(const Span& s) {
  std::string path = s.file ? s.file->path() : std::string("<input>");
  return fmt::format("{}:{}:{}", path, s.line, s.col);
}

bool is_code_point_start(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

/// Byte offset of code point `cp` of `line` (its size past the end). Counts whole blocks first,
/// so a caret far into a huge line costs a fast scan, not a table of every code point.
std::size_t byte_of_code_point(std::string_view line, std::size_t cp) {
  constexpr std::size_t kBlock = 256;
  std::size_t i = 0;
  std::size_t seen = 0; // code points starting before byte i
  while (i + kBlock <= line.size()) {
    std::size_t n = count_code_points(line.substr(i, kBlock));
    if (seen + n > cp) break;
    seen += n;
    i += kBlock;
  }
  for (; i < line.size(); ++i) {
    if (!is_code_point_start(line[i])) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return line.size();
}

/// The echoed source line and the caret line under it, cutting long lines around the caret.
/// Works in time linear in the line and constant memory, whatever its length (§10.2 `limit`).
void append_source_excerpt(const Span& s, std::string& out) {
  std::string_view line = s.file ? s.file->line_text(s.line) : std::string_view{};
  const std::size_t count = count_code_points(line);
  const std::size_t caret = s.col > 0 ? s.col - 1 : 0;
  std::size_t first = 0;
  std::size_t last = count; // one past the last echoed code point
  if (count > kMaxEchoedColumns) {
    if (caret >= kMaxEchoedColumns) first = std::min(caret - kMaxEchoedColumns / 2, count);
    last = std::min(count, first + kMaxEchoedColumns);
  }
  const std::size_t begin = byte_of_code_point(line, first);
  const std::size_t end = begin + byte_of_code_point(line.substr(begin), last - first);
  const bool cut_left = first > 0;
  const bool cut_right = last < count;
  if (cut_left) out += "\u2026";
  out += line.substr(begin, end - begin);
  if (cut_right) out += "\u2026";
  out += '\n';
  if (cut_left) out += ' ';
  std::size_t byte = begin; // start of code point `cp` while cp < count
  for (std::size_t cp = first; cp < caret; ++cp) {
    out += cp < count && line[byte] == '\t' ? '\t' : ' ';
    if (cp >= count) continue;
    for (++byte; byte < line.size() && !is_code_point_start(line[byte]);) ++byte;
  }
  out += "^\n";
}

/// A message as one line (§10.1): messages quote program text (paths, names), which may hold
/// line breaks and other control characters; those are written as escapes (`\n`, `\r`, `\xNN`).
/// Tabs stay as they are.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      out += fmt::format("\\x{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::string render_diagnostic(const Diagnostic& d) {
  std::string out =
      fmt::format("{}: {}[{}]: {}\n", location(d.span),
                  d.severity == Severity::Error ? "error" : "warning", d.code, one_line(d.message));
  append_source_excerpt(d.span, out);
  for (const DiagnosticNote& n : d.notes) {
    out += fmt::format("  note: {}: {}\n", location(n.span), one_line(n.message));
  }
  for (const std::string& h : d.hints) out += fmt::format("  hint: {}\n", one_line(h));
  return out;
}

void render_diagnostics(const Diagnostics& diags, std::ostream& out) {
  for (const Diagnostic& d : diags.sorted()) out << render_diagnostic(d);
}

} // namespace weft::lang
