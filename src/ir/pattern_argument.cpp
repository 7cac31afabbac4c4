#include "ir/pattern_argument.h"

#include "lang/source_file.h"
#include "patterns/parse.h"
#include "patterns/pat_value.h"

namespace weft::ir {

namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

lang::Span pattern_location(const lang::Span& literal, std::uint32_t decoded_offset) {
  lang::Span at = literal;
  at.length = 1;
  if (!literal.file) return at;
  const std::string_view text = literal.file->text();
  std::uint32_t raw = literal.offset + 1;                         // after the opening quote
  const std::uint32_t last = literal.offset + literal.length - 1; // the closing quote
  for (std::uint32_t decoded = 0; decoded < decoded_offset && raw < last; ++decoded) {
    raw += text[raw] == '\\' ? 2 : 1; // §2.6: each escape is two bytes for one
  }
  if (raw > last) raw = last;
  std::uint32_t col = literal.col;
  for (std::uint32_t i = literal.offset; i < raw; ++i) {
    if (!is_continuation_byte(text[i])) ++col; // columns count code points (§2.1)
  }
  at.offset = raw;
  at.col = col;
  return at;
}

std::shared_ptr<const patterns::Pattern> compile_pattern_argument(std::string_view decoded,
                                                                  const lang::Span& literal,
                                                                  bool for_pat,
                                                                  lang::Diagnostics& diags) {
  patterns::ParseResult parsed = patterns::parse_pattern(decoded);
  std::optional<patterns::PatternError> error = parsed.error;
  if (!error && for_pat) error = patterns::check_pat_values(*parsed.pattern);
  if (error) {
    diags.error("pattern", pattern_location(literal, error->offset), error->message);
    return nullptr;
  }
  return std::make_shared<const patterns::Pattern>(std::move(*parsed.pattern));
}

} // namespace weft::ir
