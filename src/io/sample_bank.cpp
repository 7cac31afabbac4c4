// Sample banks: name -> directory -> sorted audio files, decoded once with read_audio_file.
#include "io/sample_bank.h"

#include "io/audio_file.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <system_error>
#include <utility>

namespace weft::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAudioExtensions[] = {".wav",  ".wave", ".aif", ".aiff",
                                                 ".aifc", ".flac", ".ogg"};

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool is_audio_file_name(const fs::path& file) {
  const std::string name = file.filename().string();
  if (name.empty() || name.front() == '.') return false;
  const std::string extension = lower_ascii(file.extension().string());
  return std::find(std::begin(kAudioExtensions), std::end(kAudioExtensions), extension) !=
         std::end(kAudioExtensions);
}

/// A name that is one plain directory entry: no separator, NUL, "." or "..".
bool is_valid_sample_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  return name.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

/// The audio files of `directory` in byte-wise order of their names (std::string compares chars
/// as unsigned, like memcmp).
std::vector<fs::path> list_audio_files(const fs::path& directory) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code kind_ec;
    if (!it->is_regular_file(kind_ec) || !is_audio_file_name(it->path())) continue;
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<fs::path> files;
  files.reserve(names.size());
  for (const std::string& name : names) files.push_back(directory / name);
  return files;
}

bool is_existing_directory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

/// The directory holding the running executable, or empty.
fs::path executable_directory() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

} // namespace

std::size_t sample_file_index(double index, double n, std::size_t count) noexcept {
  const double sum = index + n;
  if (count == 0 || !std::isfinite(sum)) return count;
  // fmod is exact; a negative remainder moves up by one period (mathematical modulo).
  double r = std::fmod(std::floor(sum), static_cast<double>(count));
  if (r < 0) r += static_cast<double>(count);
  const auto at = static_cast<std::size_t>(r);
  return at < count ? at : 0;
}

const SampleBuffer* SampleSet::file(double index, double n) const noexcept {
  const std::size_t at = sample_file_index(index, n, files.size());
  return at < files.size() ? files[at].get() : nullptr;
}

fs::path default_kit_directory() {
  if (const fs::path exe = executable_directory(); !exe.empty()) {
    const fs::path installed = exe.parent_path() / "share" / "weft" / "samples";
    if (is_existing_directory(installed)) return installed;
  }
#ifdef WEFT_DEFAULT_KIT_DIR
  return fs::path(WEFT_DEFAULT_KIT_DIR);
#else
  return {};
#endif
}

std::vector<fs::path> sample_search_path(const fs::path& program_file, std::string_view sample_path,
                                         const fs::path& default_kit) {
  std::vector<fs::path> path;
  path.push_back(program_file.parent_path() / "samples");
  while (!sample_path.empty()) {
    const std::size_t colon = sample_path.find(':');
    const std::string_view entry = sample_path.substr(0, colon);
    if (!entry.empty()) path.emplace_back(entry);
    if (colon == std::string_view::npos) break;
    sample_path.remove_prefix(colon + 1);
  }
  if (!default_kit.empty()) path.push_back(default_kit);
  return path;
}

std::vector<fs::path> sample_search_path(const fs::path& program_file) {
  const char* env = std::getenv("WEFT_SAMPLE_PATH");
  return sample_search_path(program_file, env == nullptr ? "" : env, default_kit_directory());
}

SampleBank::SampleBank(std::vector<fs::path> search_path) : search_path_(std::move(search_path)) {}

SampleLookup SampleBank::find(std::string_view name) {
  if (const auto it = names_.find(name); it != names_.end()) return it->second;
  std::string key(name);
  SampleLookup lookup = resolve(key);
  names_.emplace(std::move(key), lookup);
  return lookup;
}

std::vector<std::string> SampleBank::known_names() const {
  std::vector<std::string> names;
  for (const fs::path& root : search_path_) {
    std::error_code ec;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code kind_ec;
      if (it->is_directory(kind_ec)) names.push_back(it->path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

SampleLookup SampleBank::resolve(const std::string& name) {
  SampleLookup out;
  if (!is_valid_sample_name(name)) {
    out.error =
        fmt::format("invalid sample name '{}': a sample name is the name of a folder", name);
    return out;
  }
  const auto dir =
      std::find_if(search_path_.begin(), search_path_.end(),
                   [&](const fs::path& root) { return is_existing_directory(root / name); });
  if (dir == search_path_.end()) {
    out.error = fmt::format("unknown sample '{}': no folder '{}' in the program's samples folder, "
                            "WEFT_SAMPLE_PATH or the default kit",
                            name, name);
    return out;
  }
  auto set = std::make_shared<SampleSet>();
  set->name = name;
  set->directory = *dir / name;
  const std::vector<fs::path> files = list_audio_files(set->directory);
  if (files.empty()) {
    out.error =
        fmt::format("sample '{}' has no audio files in '{}'", name, set->directory.string());
    return out;
  }
  for (const fs::path& file : files) {
    std::shared_ptr<const SampleBuffer> buffer = decode(file, out.error);
    if (!buffer) return out;
    set->files.push_back(std::move(buffer));
  }
  out.set = std::move(set);
  return out;
}

std::shared_ptr<const SampleBuffer> SampleBank::decode(const fs::path& file, std::string& error) {
  if (const auto it = files_.find(file); it != files_.end()) return it->second;
  AudioFile read = read_audio_file(file.string());
  if (!read.error.empty() || read.channels < 1 || !(read.rate > 0)) {
    error = fmt::format("cannot read sample file '{}': {}", file.string(),
                        read.error.empty() ? "no audio channels" : read.error);
    return nullptr;
  }
  auto buffer = std::make_shared<SampleBuffer>();
  const auto channels = static_cast<std::size_t>(read.channels);
  const std::size_t frames = read.samples.size() / channels;
  buffer->left.resize(frames);
  if (channels > 1) buffer->right.resize(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    buffer->left[i] = read.samples[i * channels];
    if (channels > 1) buffer->right[i] = read.samples[i * channels + 1];
  }
  buffer->rate = read.rate;
  buffer->channels = read.channels;
  buffer->path = file;
  files_.emplace(file, buffer);
  return buffer;
}

} // namespace weft::io
