/// \file
/// Sample banks for `s` (LANGUAGE.md §8.10 *Sample bank*): a sample name -> its audio files,
/// decoded once through libsndfile into immutable, shared buffers.
/// Search path, in order: the `samples` directory beside the program file, each directory of
/// `WEFT_SAMPLE_PATH` (`:`-separated, empty entries skipped), then the default kit (the WAVs that
/// the build renders from kit/*.weft; default_kit_directory). The first of these directories that
/// holds a subdirectory named like the sample provides it, even if a later one also does.
/// A sample's files are the regular files of that subdirectory whose extension (any case) is
/// `.wav`, `.wave`, `.aif`, `.aiff`, `.aifc`, `.flac` or `.ogg` and whose name does not start with
/// `.`, in byte-wise order of their names. Each is decoded in full: libsndfile's normalised
/// binary64 values (an integer sample s of b bits reads as s / 2^(b − 1); floats as stored), the
/// first two channels (a mono file has one; more channels are ignored), at the file's own rate —
/// nothing is resampled: playback reads the frames at `speed · file_rate / rate` (§8.10).
/// Errors: an invalid or unknown name, a sample directory without audio files and an unreadable
/// file give a one-line message (LANGUAGE.md §10 wording) for a `resource` diagnostic.
/// Implements: LANGUAGE.md §8.10 (Sample bank; file index). Tests:
/// tests/io/sample_bank_test.cpp, tests/io/default_kit_test.cpp.
/// Real-time: sample_file_index and SampleSet::file yes (noexcept, no allocation); everything
/// else no (directory listing and file I/O: compile time only).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace weft::io {

/// One decoded audio file. `right` is empty for a mono file (L = R).
struct SampleBuffer {
  std::vector<double> left;
  std::vector<double> right;
  double rate = 0;  ///< the file's own sample rate, Hz
  int channels = 0; ///< in the file (only the first two are kept)
  std::filesystem::path path;

  std::size_t frames() const noexcept { return left.size(); }
  bool is_mono() const noexcept { return right.empty(); }
  /// The right channel as playback reads it: `left` for a mono file.
  const std::vector<double>& right_or_left() const noexcept { return is_mono() ? left : right; }
};

/// `floor(index + n) mod count` as a mathematical modulo (always in [0, count)), evaluated in
/// binary64; `count` when the sum is NaN or infinite or `count` is 0 (no file: start no voice).
std::size_t sample_file_index(double index, double n, std::size_t count) noexcept;

/// A sample name resolved: its files in byte-wise name order (at least one).
struct SampleSet {
  std::string name;
  std::filesystem::path directory;
  std::vector<std::shared_ptr<const SampleBuffer>> files;

  /// The file for `index` (the `:` value, 0 when absent) and `n` (§8.10), or null for a
  /// non-finite `index + n`.
  const SampleBuffer* file(double index, double n) const noexcept;
};

/// The outcome of SampleBank::find: `set` or a one-line `error`.
struct SampleLookup {
  std::shared_ptr<const SampleSet> set;
  std::string error;
};

/// The directory of the default kit: `<executable dir>/../share/weft/samples` when it exists (an
/// installed weft), else the build tree's `samples` directory (WEFT_DEFAULT_KIT_DIR, set by
/// CMake). Empty when neither is known.
std::filesystem::path default_kit_directory();

/// The §8.10 search path for the program at `program_file`: its `samples` directory, the
/// directories of `sample_path` (the value of WEFT_SAMPLE_PATH, `:`-separated; empty entries
/// skipped), then `default_kit` (skipped when empty).
std::vector<std::filesystem::path> sample_search_path(const std::filesystem::path& program_file,
                                                      std::string_view sample_path,
                                                      const std::filesystem::path& default_kit);

/// sample_search_path with the environment's WEFT_SAMPLE_PATH and default_kit_directory().
std::vector<std::filesystem::path> sample_search_path(const std::filesystem::path& program_file);

/// Resolves and decodes sample names over a search path. One bank decodes each file once (by
/// path) and resolves each name once (errors included), so a bank sees the disk as it was at
/// its first lookup of a name: make one per compile to pick up edited sample folders. The
/// buffers it hands out are immutable and shared, so they may outlive the bank. Not thread-safe.
class SampleBank {
public:
  explicit SampleBank(std::vector<std::filesystem::path> search_path);

  /// The sample `name` (a word of the pattern, without its `:index`).
  SampleLookup find(std::string_view name);

  /// Every sample name the search path offers (its subdirectories), sorted byte-wise without
  /// repeats: the candidates for a "did you mean" hint after an unknown name.
  std::vector<std::string> known_names() const;

  const std::vector<std::filesystem::path>& search_path() const { return search_path_; }

private:
  SampleLookup resolve(const std::string& name);
  std::shared_ptr<const SampleBuffer> decode(const std::filesystem::path& file, std::string& error);

  std::vector<std::filesystem::path> search_path_;
  std::map<std::string, SampleLookup, std::less<>> names_;
  std::map<std::filesystem::path, std::shared_ptr<const SampleBuffer>> files_;
};

} // namespace weft::io
