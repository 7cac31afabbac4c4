// Sample banks for `s` (LANGUAGE.md §8.10 Sample bank): WAV files written at test time with
// libsndfile in several sample formats, read back through the bank; search order, byte-wise file
// order, index wrapping and the error messages.
#include "io/sample_bank.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <type_traits>
#include <limits>
#include <sndfile.h>
#include <unistd.h>
#include <vector>

namespace weft::io {
namespace {

namespace fs = std::filesystem;

class SampleBankTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("weft-samples-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Writes `frames` (interleaved, `channels` per frame) as a WAV of `subtype` at `rate`: ints
  /// through sf_writef_int, doubles through sf_writef_double stored as given (no normalisation).
  template <class Sample>
  fs::path write_frames(const fs::path& relative, int subtype, int channels, int rate,
                        const std::vector<Sample>& frames) {
    const fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | subtype;
    SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
    EXPECT_NE(file, nullptr) << sf_strerror(nullptr);
    if (file == nullptr) return path;
    const auto count = static_cast<sf_count_t>(frames.size() / static_cast<std::size_t>(channels));
    if constexpr (std::is_same_v<Sample, int>) {
      EXPECT_EQ(sf_writef_int(file, frames.data(), count), count);
    } else {
      sf_command(file, SFC_SET_NORM_DOUBLE, nullptr, SF_FALSE);
      EXPECT_EQ(sf_writef_double(file, frames.data(), count), count);
    }
    sf_close(file);
    return path;
  }
  fs::path write_ints(const fs::path& relative, int subtype, int channels, int rate,
                      const std::vector<int>& frames) {
    return write_frames(relative, subtype, channels, rate, frames);
  }
  fs::path write_doubles(const fs::path& relative, int subtype, int channels, int rate,
                         const std::vector<double>& frames) {
    return write_frames(relative, subtype, channels, rate, frames);
  }

  /// A mono 16-bit file whose single frame is `value` (to tell files apart).
  fs::path write_marker(const fs::path& relative, int value) {
    return write_ints(relative, SF_FORMAT_PCM_16, 1, 48000, {value << 16});
  }

  void write_text(const fs::path& relative, const std::string& text) {
    const fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

  SampleBank bank(std::vector<std::string> roots) const {
    std::vector<fs::path> path;
    for (const std::string& root : roots) path.push_back(dir_ / root);
    return SampleBank(path);
  }

  fs::path dir_;
};

/// The value of the single frame of each file, times 32768 (the marker written above).
std::vector<int> markers(const SampleSet& set) {
  std::vector<int> out;
  for (const auto& file : set.files) out.push_back(static_cast<int>(file->left.at(0) * 32768));
  return out;
}

TEST_F(SampleBankTest, Reads16BitStereoAsNormalisedFrames) {
  // sf_writef_int takes 32-bit values; a 16-bit file keeps their top 16 bits.
  write_ints("a/bd/x.wav", SF_FORMAT_PCM_16, 2, 44100,
             {1000 << 16, -2000 << 16, 32767 << 16, -32768 * 65536, 0, 1 << 16});
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("bd");
  ASSERT_EQ(found.error, "");
  ASSERT_EQ(found.set->files.size(), 1U);
  const SampleBuffer& f = *found.set->files[0];
  EXPECT_EQ(f.channels, 2);
  EXPECT_EQ(f.rate, 44100);
  EXPECT_FALSE(f.is_mono());
  EXPECT_EQ(f.left, (std::vector<double>{1000 / 32768.0, 32767 / 32768.0, 0.0}));
  EXPECT_EQ(f.right, (std::vector<double>{-2000 / 32768.0, -1.0, 1 / 32768.0}));
  EXPECT_EQ(found.set->directory, dir_ / "a" / "bd");
}

TEST_F(SampleBankTest, Reads24BitAnd32BitIntegersExactly) {
  write_ints("a/hi/a24.wav", SF_FORMAT_PCM_24, 1, 96000,
             {8388607 << 8, -8388608 * 256, 12345 << 8});
  write_ints("a/hi/b32.wav", SF_FORMAT_PCM_32, 1, 22050, {2147483647, -2147483647 - 1, 7});
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("hi");
  ASSERT_EQ(found.error, "");
  ASSERT_EQ(found.set->files.size(), 2U);
  const SampleBuffer& a = *found.set->files[0];
  EXPECT_TRUE(a.is_mono());
  EXPECT_EQ(a.rate, 96000);
  EXPECT_EQ(a.left, (std::vector<double>{8388607 / 8388608.0, -1.0, 12345 / 8388608.0}));
  EXPECT_EQ(&a.right_or_left(), &a.left);
  const SampleBuffer& c = *found.set->files[1];
  EXPECT_EQ(c.rate, 22050);
  EXPECT_EQ(c.left, (std::vector<double>{2147483647 / 2147483648.0, -1.0, 7 / 2147483648.0}));
}

TEST_F(SampleBankTest, ReadsFloatAndDoubleFilesAsStored) {
  const std::vector<double> values = {0.1, -0.7, 1.5, -1e-3};
  write_doubles("a/f/1.wav", SF_FORMAT_FLOAT, 1, 48000, values);
  write_doubles("a/f/2.wav", SF_FORMAT_DOUBLE, 1, 48000, values);
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("f");
  ASSERT_EQ(found.error, "");
  ASSERT_EQ(found.set->files.size(), 2U);
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(found.set->files[0]->left[i], static_cast<double>(static_cast<float>(values[i])));
    EXPECT_EQ(found.set->files[1]->left[i], values[i]);
  }
}

TEST_F(SampleBankTest, ReadsAiffBesideWav) {
  const fs::path path = dir_ / "a/mix/b.aiff";
  fs::create_directories(path.parent_path());
  SF_INFO info{};
  info.samplerate = 32000;
  info.channels = 1;
  info.format = SF_FORMAT_AIFF | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr) << sf_strerror(nullptr);
  const short frames[] = {-16384, 8192};
  ASSERT_EQ(sf_writef_short(file, frames, 2), 2);
  sf_close(file);
  write_marker("a/mix/a.wav", 3);
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("mix");
  ASSERT_EQ(found.error, "");
  ASSERT_EQ(found.set->files.size(), 2U);
  EXPECT_EQ(found.set->files[1]->rate, 32000);
  EXPECT_EQ(found.set->files[1]->left, (std::vector<double>{-0.5, 0.25}));
}

TEST_F(SampleBankTest, KeepsTheFirstTwoOfMoreChannels) {
  write_ints("a/m/x.wav", SF_FORMAT_PCM_16, 3, 48000, {1 << 16, 2 << 16, 3 << 16});
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("m");
  ASSERT_EQ(found.error, "");
  const SampleBuffer& f = *found.set->files[0];
  EXPECT_EQ(f.channels, 3);
  EXPECT_EQ(f.left, std::vector<double>{1 / 32768.0});
  EXPECT_EQ(f.right, std::vector<double>{2 / 32768.0});
}

TEST_F(SampleBankTest, OrdersFilesByteWiseAndSkipsOtherFiles) {
  write_marker("a/x/b.wav", 1);
  write_marker("a/x/B.wav", 2); // 'B' (0x42) before 'b' (0x62)
  write_marker("a/x/a10.wav", 3);
  write_marker("a/x/a2.WAV", 4);       // "a10" before "a2"; the extension in any case
  write_marker("a/x/\xc3\xa9.wav", 5); // UTF-8 (0xc3) after every ASCII name
  write_marker("a/x/.hidden.wav", 6);
  write_text("a/x/notes.txt", "not audio");
  fs::create_directories(dir_ / "a/x/sub.wav");
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("x");
  ASSERT_EQ(found.error, "");
  EXPECT_EQ(markers(*found.set), (std::vector<int>{2, 3, 4, 1, 5}));
}

TEST_F(SampleBankTest, IndexWrapsAsAMathematicalModulo) {
  write_marker("a/x/0.wav", 10);
  write_marker("a/x/1.wav", 11);
  write_marker("a/x/2.wav", 12);
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("x");
  ASSERT_EQ(found.error, "");
  const SampleSet& set = *found.set;
  auto marker = [&](double index, double n) {
    const SampleBuffer* f = set.file(index, n);
    return f == nullptr ? -1 : static_cast<int>(f->left[0] * 32768);
  };
  EXPECT_EQ(marker(0, 0), 10);
  EXPECT_EQ(marker(2, 0), 12);
  EXPECT_EQ(marker(3, 0), 10);
  EXPECT_EQ(marker(1, 3), 11);  // floor(1 + 3) mod 3
  EXPECT_EQ(marker(0, -1), 12); // −1 mod 3 = 2
  EXPECT_EQ(marker(0, -3), 10);
  EXPECT_EQ(marker(0, -4), 12);
  EXPECT_EQ(marker(0.5, 0.7), 11); // floor(1.2)
  EXPECT_EQ(marker(0, -0.5), 12);  // floor(−0.5) = −1
  EXPECT_EQ(marker(0, 1e17), 11);  // 10^17 = 1 (mod 3), exact in binary64
  EXPECT_EQ(marker(0, std::nan("")), -1);
  EXPECT_EQ(marker(0, INFINITY), -1);
  EXPECT_EQ(sample_file_index(5, 0, 0), 0U); // no files: count
  EXPECT_EQ(sample_file_index(-7, 0, 3), 2U);
  EXPECT_EQ(sample_file_index(-6.5, 0, 4), 1U); // floor −7 mod 4
}

TEST_F(SampleBankTest, UnknownNameSaysWhereItLooked) {
  write_marker("a/bd/x.wav", 1);
  SampleBank b = bank({"a"});
  const SampleLookup found = b.find("bdd");
  EXPECT_EQ(found.set, nullptr);
  EXPECT_EQ(found.error, "unknown sample 'bdd': no folder 'bdd' in the program's samples "
                         "folder, WEFT_SAMPLE_PATH or the default kit");
}

TEST_F(SampleBankTest, InvalidNamesAreRejectedWithoutTouchingTheDisk) {
  write_marker("a/x/y.wav", 1);
  SampleBank b = bank({"a"});
  for (const char* name : {"", ".", "..", "x/..", "../a/x"}) {
    const SampleLookup found = b.find(name);
    EXPECT_EQ(found.set, nullptr) << name;
    EXPECT_EQ(found.error, std::string("invalid sample name '") + name +
                               "': a sample name is the name of a folder");
  }
}

TEST_F(SampleBankTest, AFolderWithoutAudioAndAnUnreadableFileAreErrors) {
  write_text("a/empty/readme.txt", "nothing here");
  write_marker("a/bad/0.wav", 1);
  write_text("a/bad/1.wav", "RIFF but not really a wave file");
  SampleBank b = bank({"a"});
  EXPECT_EQ(b.find("empty").error,
            "sample 'empty' has no audio files in '" + (dir_ / "a/empty").string() + "'");
  const SampleLookup bad = b.find("bad");
  EXPECT_EQ(bad.set, nullptr);
  const std::string prefix = "cannot read sample file '" + (dir_ / "a/bad/1.wav").string() + "': ";
  EXPECT_EQ(bad.error.substr(0, prefix.size()), prefix) << bad.error;
  EXPECT_GT(bad.error.size(), prefix.size());
}

TEST_F(SampleBankTest, TheFirstRootHoldingTheNameWins) {
  write_marker("one/bd/a.wav", 1);
  write_marker("one/bd/b.wav", 2);
  write_marker("two/bd/a.wav", 3);
  write_marker("two/sn/a.wav", 4);
  SampleBank b = bank({"missing", "one", "two"});
  EXPECT_EQ(markers(*b.find("bd").set), (std::vector<int>{1, 2}));
  EXPECT_EQ(markers(*b.find("sn").set), std::vector<int>{4});
  SampleBank reversed = bank({"two", "one"});
  EXPECT_EQ(markers(*reversed.find("bd").set), std::vector<int>{3});
}

TEST_F(SampleBankTest, KnownNamesListEveryFolderOnceInOrder) {
  write_marker("one/sn/a.wav", 1);
  write_marker("one/bd/a.wav", 1);
  write_marker("two/bd/a.wav", 1);
  write_marker("two/Cp/a.wav", 1);
  write_text("two/file.wav", "a file, not a sample folder");
  SampleBank b = bank({"one", "missing", "two"});
  EXPECT_EQ(b.known_names(), (std::vector<std::string>{"Cp", "bd", "sn"}));
}

TEST_F(SampleBankTest, SearchPathIsProgramSamplesThenWeftSamplePathThenTheKit) {
  const auto path = sample_search_path("/songs/beat.weft", "/x::rel/y:", "/kit");
  EXPECT_EQ(path, (std::vector<fs::path>{"/songs/samples", "/x", "rel/y", "/kit"}));
  EXPECT_EQ(sample_search_path("beat.weft", "", ""), std::vector<fs::path>{"samples"});
}

TEST_F(SampleBankTest, TheEnvironmentsSamplePathIsSearchedInOrder) {
  write_marker("song/samples/bd/a.wav", 1);
  write_marker("env1/bd/a.wav", 2);
  write_marker("env1/sn/a.wav", 3);
  write_marker("env2/sn/a.wav", 4);
  write_marker("env2/cp/a.wav", 5);
  const std::string env = (dir_ / "env1").string() + ":" + (dir_ / "env2").string();
  ASSERT_EQ(::setenv("WEFT_SAMPLE_PATH", env.c_str(), 1), 0);
  SampleBank b(sample_search_path(dir_ / "song" / "beat.weft"));
  ::unsetenv("WEFT_SAMPLE_PATH");
  EXPECT_EQ(markers(*b.find("bd").set), std::vector<int>{1});
  EXPECT_EQ(markers(*b.find("sn").set), std::vector<int>{3});
  EXPECT_EQ(markers(*b.find("cp").set), std::vector<int>{5});
  // The kit is last: names only it has are found too.
  const SampleLookup hh = b.find("hh");
  ASSERT_EQ(hh.error, "");
  EXPECT_EQ(hh.set->directory, default_kit_directory() / "hh");
}

TEST_F(SampleBankTest, ABankDecodesEachFileOnceAndSharesIt) {
  write_marker("a/bd/x.wav", 1);
  SampleBank b = bank({"a"});
  const SampleLookup first = b.find("bd");
  ASSERT_EQ(first.error, "");
  fs::remove_all(dir_ / "a"); // a second lookup does not read the disk again
  const SampleLookup second = b.find("bd");
  ASSERT_EQ(second.error, "");
  EXPECT_EQ(first.set->files[0].get(), second.set->files[0].get());
  SampleBank fresh = bank({"a"});
  EXPECT_NE(fresh.find("bd").error, "");
}

} // namespace
} // namespace weft::io
