// Output names (src/io/output_name.h): a pending file appears under its name only on commit; a
// discarded, destroyed or failed one leaves nothing behind.
#include "io/output_name.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace weft::io {
namespace {

class PendingFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("weft-pending-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir_),
                                                  std::filesystem::directory_iterator()));
  }
  std::filesystem::path dir_;
};

TEST_F(PendingFileTest, CommitRenamesTheTemporaryFileOverThePath) {
  const std::string path = (dir_ / "out.txt").string();
  PendingFile file(path);
  EXPECT_EQ(std::filesystem::path(file.temporary()).parent_path(), dir_);
  std::ofstream(file.temporary()) << "hello";
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(file.commit(), "");
  EXPECT_EQ(file.temporary(), "");
  std::ifstream in(path);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "hello");
  EXPECT_EQ(entries(), 1U);
}

TEST_F(PendingFileTest, DestroyedMovedOrFailedFilesLeaveNothing) {
  {
    PendingFile file((dir_ / "a.txt").string());
    std::ofstream(file.temporary()) << "x";
    PendingFile moved = std::move(file); // the move owns it now
    EXPECT_EQ(file.temporary(), "");
    EXPECT_EQ(entries(), 1U);
  }
  EXPECT_EQ(entries(), 0U);
  PendingFile missing((dir_ / "b.txt").string()); // never written: the rename fails
  EXPECT_NE(missing.commit(), "");
  EXPECT_EQ(entries(), 0U);
}

} // namespace
} // namespace weft::io
