#include "io/frame_output.h"

#include <cctype>
#include <charconv>
#include <filesystem>

namespace weft::io {

std::optional<std::int64_t> parse_index(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0 || text.empty()) {
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<std::int64_t>> parse_frames(const std::string& spec) {
  std::vector<std::int64_t> frames;
  if (auto dots = spec.find(".."); dots != std::string::npos) {
    auto a = parse_index(std::string_view(spec).substr(0, dots));
    auto b = parse_index(std::string_view(spec).substr(dots + 2));
    if (!a || !b || *a > *b || *b - *a >= kMaxFrames) return std::nullopt;
    for (std::int64_t i = *a; i <= *b; ++i) frames.push_back(i);
    return frames;
  }
  std::size_t start = 0;
  while (true) {
    std::size_t comma = spec.find(',', start);
    auto v = parse_index(std::string_view(spec).substr(start, comma - start));
    if (!v) return std::nullopt;
    frames.push_back(*v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return frames;
}

std::string OutputPattern::format(std::int64_t frame) const {
  if (!has_pattern) return prefix;
  std::string digits = std::to_string(frame);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), zero_pad ? '0' : ' ');
  }
  return prefix + digits + suffix;
}

std::optional<OutputPattern> parse_output_pattern(const std::string& out) {
  OutputPattern p;
  std::string* part = &p.prefix;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '%') {
      part->push_back(out[i]);
      continue;
    }
    if (i + 1 < out.size() && out[i + 1] == '%') {
      part->push_back('%');
      ++i;
      continue;
    }
    if (p.has_pattern) return std::nullopt;
    std::size_t j = i + 1;
    if (j < out.size() && out[j] == '0') {
      p.zero_pad = true;
      ++j;
    }
    std::size_t digits = j;
    while (j < out.size() && out[j] >= '0' && out[j] <= '9') ++j;
    if (j - digits > 2 || j >= out.size() || out[j] != 'd') return std::nullopt;
    if (j > digits) p.width = std::stoi(out.substr(digits, j - digits));
    p.has_pattern = true;
    part = &p.suffix;
    i = j;
  }
  return p;
}

} // namespace weft::io
