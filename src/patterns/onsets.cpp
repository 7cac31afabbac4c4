#include "patterns/onsets.h"

namespace weft::patterns {

QueryStatus query_onsets(const Pattern& pattern, const TimeSpan& span, EventBuffer& out) noexcept {
  const std::size_t mark = out.size();
  const QueryStatus status = pattern.query(span, out);
  std::size_t kept = mark;
  for (std::size_t i = mark; i < out.size(); ++i) {
    if (out[i].has_onset()) out[kept++] = out[i];
  }
  out.truncate(kept);
  return status;
}

} // namespace weft::patterns
