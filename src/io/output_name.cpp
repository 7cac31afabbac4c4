#include "io/output_name.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>
#include <utility>

namespace weft::io {

std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path p(path);
  std::filesystem::path tmp =
      p.parent_path() / fmt::format(".{}.weft-tmp-{}-{}", p.filename().string(),
                                    static_cast<long>(::getpid()), counter.fetch_add(1));
  return tmp.string();
}

PendingFile::PendingFile(std::string path)
    : path_(std::move(path)), temporary_(temporary_name(path_)) {}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : path_(std::move(other.path_)), temporary_(std::exchange(other.temporary_, {})) {}

PendingFile& PendingFile::operator=(PendingFile&& other) noexcept {
  if (this != &other) {
    discard();
    path_ = std::move(other.path_);
    temporary_ = std::exchange(other.temporary_, {});
  }
  return *this;
}

std::string PendingFile::commit() {
  std::string error;
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    error = std::strerror(errno);
    discard();
  }
  temporary_.clear();
  return error;
}

void PendingFile::discard() noexcept {
  if (!temporary_.empty()) std::remove(temporary_.c_str());
  temporary_.clear();
}

std::string lowercase_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

} // namespace weft::io
