#include "io/output_name.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace weft::io {

std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path p(path);
  std::filesystem::path tmp =
      p.parent_path() / fmt::format(".{}.weft-tmp-{}-{}", p.filename().string(),
                                    static_cast<long>(::getpid()), counter.fetch_add(1));
  return tmp.string();
}

std::string lowercase_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

} // namespace weft::io
