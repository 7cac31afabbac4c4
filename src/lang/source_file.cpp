#include "lang/source_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace weft::lang {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) text_.erase(0, 3);
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_count()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_count() ? line_starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r' && end < text_.size() && text_[end] == '\n') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::uint32_t count_code_points(std::string_view bytes) {
  std::uint32_t n = 0;
  for (unsigned char c : bytes) n += (c & 0xC0) != 0x80;
  return n;
}

LoadResult load_source_file(const std::string& path) {
  LoadResult result;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (S_ISDIR(st.st_mode)) {
    result.error = "is a directory";
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = std::strerror(errno);
    return result;
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxSourceBytes) {
    // Keep only the first line, so the `limit` diagnostic can still echo it.
    std::string first(64 * 1024, '\0');
    in.read(first.data(), static_cast<std::streamsize>(first.size()));
    first.resize(static_cast<std::size_t>(in.gcount()));
    if (auto nl = first.find('\n'); nl != std::string::npos) first.resize(nl);
    result.too_large = true;
    result.text = std::move(first);
    return result;
  }
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  result.text = std::move(text);
  return result;
}

} // namespace weft::lang
