// The README's gallery stays true: every program in examples/ checks cleanly, and rendering the
// frame listed in kGallery gives the committed picture in docs/images/ (within one 8-bit step per
// channel, so libm variants of another x86-64 CPU cannot make the test flaky).
#include "render_helpers.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using weft::test::read_png;
using weft::test::run_weft;
using weft::test::source_path;

namespace {

struct GalleryPicture {
  const char* example;
  const char* frame;
};

constexpr GalleryPicture kGallery[] = {{"gradient", "0"}, {"ripple", "30"},  {"clouds", "30"},
                                       {"rings", "30"},   {"kaleido", "30"}, {"listen", "50"},
                                       {"beat", "45"}};

TEST(Gallery, EveryExampleChecksWithoutDiagnostics) {
  for (const auto& entry : fs::directory_iterator(source_path("examples"))) {
    if (entry.path().extension() != ".weft") continue;
    auto r = run_weft({"check", entry.path().string()});
    EXPECT_EQ(r.exit_code, 0) << entry.path();
    EXPECT_EQ(r.err, "") << entry.path();
  }
}

TEST(Gallery, RenderingEachExampleGivesItsCommittedPicture) {
  const fs::path dir = fs::temp_directory_path() / ("weft-gallery-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const GalleryPicture& g : kGallery) {
    const std::string out = (dir / (std::string(g.example) + ".png")).string();
    auto r = run_weft({"render", source_path(std::string("examples/") + g.example + ".weft"), "-o",
                       out, "--frames", g.frame});
    ASSERT_EQ(r.exit_code, 0) << g.example << ": " << r.err;
    const auto rendered = read_png(out);
    const auto committed = read_png(source_path(std::string("docs/images/") + g.example + ".png"));
    ASSERT_EQ(rendered.width, committed.width) << g.example;
    ASSERT_EQ(rendered.height, committed.height) << g.example;
    ASSERT_EQ(rendered.bytes.size(), committed.bytes.size()) << g.example;
    std::size_t off_by_more = 0;
    for (std::size_t i = 0; i < rendered.bytes.size(); ++i) {
      off_by_more += std::abs(int{rendered.bytes[i]} - int{committed.bytes[i]}) > 1;
    }
    EXPECT_EQ(off_by_more, 0u) << g.example;
  }
  fs::remove_all(dir);
}

} // namespace
