// `weft render` as a user runs it (CLI.md, LANGUAGE.md §5.1, §5.5, §9.1, §11): the real binary
// renders programs to PNG, PFM and PPM files, and the tests read the pixels back.
#include "render_helpers.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>

namespace weft::test {
namespace {

/// floor(v · 255 + 0.5) of a float value already in [0, 1].
int byte_of_float(float v) {
  return static_cast<int>(std::floor(static_cast<double>(v) * 255.0 + 0.5));
}

using Render = RenderTest;

constexpr const char* kSmall = "me<width> = 4\nme<height> = 2\n";

double px(std::uint32_t col) {
  return (col + 0.5) / 4;
}
double py(std::uint32_t row) {
  return (row + 0.5) / 2;
}

TEST_F(Render, GradientHasTheExactBytesOfTheFormula) {
  Png png = render_png(std::string(kSmall) + "display(me@x, me@y, 0)\n");
  ASSERT_EQ(png.width, 4U);
  ASSERT_EQ(png.height, 2U);
  ASSERT_EQ(png.channels, 3); // no alpha written: RGB
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t col = 0; col < 4; ++col) {
      EXPECT_EQ(png.at(col, row, 0), byte_of(px(col))) << col << "," << row;
      EXPECT_EQ(png.at(col, row, 1), byte_of(py(row))) << col << "," << row;
      EXPECT_EQ(png.at(col, row, 2), 0);
    }
  }
  // The formula itself: x = 0.125 → 32, 0.375 → 96, 0.625 → 159, 0.875 → 223; y = 0.25 → 64.
  EXPECT_EQ(png.at(0, 0, 0), 32);
  EXPECT_EQ(png.at(1, 0, 0), 96);
  EXPECT_EQ(png.at(2, 0, 0), 159);
  EXPECT_EQ(png.at(3, 1, 0), 223);
  EXPECT_EQ(png.at(0, 0, 1), 64);
  EXPECT_EQ(png.at(0, 1, 1), 191);
}

TEST_F(Render, GreyFormRepeatsTheValueOnEveryChannel) {
  Png png = render_png(std::string(kSmall) + "display(me@x)\n");
  ASSERT_EQ(png.channels, 3);
  for (std::uint32_t col = 0; col < 4; ++col) {
    for (int k = 0; k < 3; ++k) EXPECT_EQ(png.at(col, 1, k), byte_of(px(col)));
  }
}

TEST_F(Render, InstanceFormsTakeGreyOrTheFirstStrands) {
  Png three = render_png(std::string(kSmall) +
                         "c<r, g, b, extra> = <me@x, 1 - me@x, 0.5, 0.25>\ndisplay(c)\n");
  ASSERT_EQ(three.channels, 3);
  EXPECT_EQ(three.at(0, 0, 0), byte_of(0.125));
  EXPECT_EQ(three.at(0, 0, 1), byte_of(0.875));
  EXPECT_EQ(three.at(0, 0, 2), 128);

  Png grey = render_png(std::string(kSmall) + "v<a> = me@y\ndisplay(v)\n");
  EXPECT_EQ(grey.at(2, 1, 0), byte_of(0.75));
  EXPECT_EQ(grey.at(2, 1, 2), byte_of(0.75));

  Png four = render_png(std::string(kSmall) + "c<r, g, b, a> = <me@x, 0, 1, me@y>\nrender(c)\n");
  ASSERT_EQ(four.channels, 4);
  EXPECT_EQ(four.at(3, 0, 0), byte_of(0.875));
  EXPECT_EQ(four.at(3, 0, 2), 255);
  EXPECT_EQ(four.at(3, 0, 3), 64);
  EXPECT_EQ(four.at(3, 1, 3), 191);
}

TEST_F(Render, NamedRenderWithAlphaWritesRgba) {
  Png png = render_png(std::string(kSmall) + "render(r: me@x, a: 0.5)\n");
  ASSERT_EQ(png.channels, 4);
  for (std::uint32_t col = 0; col < 4; ++col) {
    EXPECT_EQ(png.at(col, 0, 0), byte_of(px(col)));
    EXPECT_EQ(png.at(col, 0, 1), 0); // missing colour channels are 0
    EXPECT_EQ(png.at(col, 0, 2), 0);
    EXPECT_EQ(png.at(col, 0, 3), 128);
  }
  Png rgb = render_png(std::string(kSmall) + "render(g: me@y)\n");
  EXPECT_EQ(rgb.channels, 3); // missing alpha is 1: not written
  EXPECT_EQ(rgb.at(0, 1, 1), 191);
  Png four = render_png(std::string(kSmall) + "render(me@x, 0, 0, 1)\n");
  EXPECT_EQ(four.channels, 3); // alpha constant 1: RGB
}

TEST_F(Render, FrameAndTimeFollowFpsAndLoop) {
  const std::string program = std::string(kSmall) +
                              "me<fps> = 10\nme<loop> = 4\n"
                              "display(me@frame / 8, me@time, me@absframe / 16)\n";
  CommandResult r = render(program, "f%02d.png", {"--frames", "0..5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"f00.png", "f01.png", "f02.png", "f03.png",
                                                   "f04.png", "f05.png", "p.weft"}));
  for (int n = 0; n <= 5; ++n) {
    Png png = read_png(dir.file("f0" + std::to_string(n) + ".png"));
    const int frame = n % 4;
    EXPECT_EQ(png.at(1, 1, 0), byte_of_float(static_cast<float>(frame) / 8)) << n;
    EXPECT_EQ(png.at(1, 1, 1), byte_of_float(static_cast<float>(frame / 10.0))) << n;
    EXPECT_EQ(png.at(1, 1, 2), byte_of_float(static_cast<float>(n) / 16)) << n;
  }
  // A list of frames, and a single frame written through a pattern.
  r = render(program, "g%d.png", {"--frames", "7,9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_png(dir.file("g9.png")).at(0, 0, 2), byte_of_float(9.0F / 16));
  EXPECT_EQ(read_png(dir.file("g7.png")).at(0, 0, 0), byte_of_float(3.0F / 8));
}

TEST_F(Render, BeatAndMeasureFollowAbstime) {
  // 120 bpm, 10 fps: frame 25 is at 2.5 s, beat 5: me@beat = 5 mod 4 = 1, me@measure = 1.
  Png png = render_png(std::string(kSmall) + "me<fps> = 10\ndisplay(me@beat / 4, me@measure / 4, "
                                             "me@abstime / 4)\n",
                       {"--frames", "25"});
  EXPECT_EQ(png.at(0, 0, 0), 64);
  EXPECT_EQ(png.at(0, 0, 1), 64);
  EXPECT_EQ(png.at(0, 0, 2), byte_of(0.625));
}

TEST_F(Render, MouseIsCentredUnlessGiven) {
  const std::string program = std::string(kSmall) + "display(mouse@x, mouse@y, mouse@down)\n";
  Png centred = render_png(program);
  EXPECT_EQ(centred.at(0, 0, 0), 128);
  EXPECT_EQ(centred.at(0, 0, 1), 128);
  EXPECT_EQ(centred.at(0, 0, 2), 0);
  Png moved = render_png(program, {"--mouse", "0.25,1"});
  EXPECT_EQ(moved.at(3, 1, 0), 64);
  EXPECT_EQ(moved.at(3, 1, 1), 255);
}

TEST_F(Render, SpindlesMultiCallsAndLoops) {
  Png png =
      render_png(std::string(kSmall) + "spindle lift(c, k) :: <o> { out o = 1 - (1 - c) ^ k }\n"
                                       "src<r, g, b> = <me@x, me@y, 0.5>\n"
                                       "lift<3>(src, <1, 2, 1>)::lit<r, g, b>\n"
                                       "display(lit)\n");
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t col = 0; col < 4; ++col) {
      EXPECT_EQ(png.at(col, row, 0), byte_of(px(col)));
      EXPECT_EQ(png.at(col, row, 1), byte_of(1 - (1 - py(row)) * (1 - py(row))));
      EXPECT_EQ(png.at(col, row, 2), 128);
    }
  }
  Png loop = render_png(std::string(kSmall) +
                            "spindle weigh(v) :: <s> {\n  acc = 0\n  for k in (1 to 4) {\n"
                            "    acc += v * k\n  }\n  out s = acc / 10\n}\n"
                            "spindle count(n) :: <c> {\n  acc = 0\n  for k in (1 to n) {\n"
                            "    acc += 1\n  }\n  out c = acc / 8\n}\n"
                            "display(weigh(me@x), count(me@frame), count(3))\n",
                        {"--frames", "5"});
  for (std::uint32_t col = 0; col < 4; ++col) EXPECT_EQ(loop.at(col, 0, 0), byte_of(px(col)));
  EXPECT_EQ(loop.at(0, 0, 1), byte_of(5.0 / 8)); // a run-time bound: 1 to me@frame
  EXPECT_EQ(loop.at(0, 0, 2), byte_of(3.0 / 8));
}

TEST_F(Render, RemapsOfComputedStrands) {
  Png png = render_png(std::string(kSmall) + "wave<v> = me@x\n"
                                             "flip<v> = wave@v(me@x ~ 1 - me@x)\n"
                                             "corner<v> = wave@v(0.25, 0.5)\n"
                                             "display(flip@v, corner@v, wave@v(me@x ~ me@y))\n");
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t col = 0; col < 4; ++col) {
      EXPECT_EQ(png.at(col, row, 0), byte_of(1 - px(col)));
      EXPECT_EQ(png.at(col, row, 1), 64);
      EXPECT_EQ(png.at(col, row, 2), byte_of(py(row)));
    }
  }
}

TEST_F(Render, Conditionals) {
  Png png = render_png(std::string(kSmall) + "display(if me@x << 0.5 then 1 else 0, "
                                             "if me@y >> 0.5 then me@x else 1 - me@x, 0)\n");
  for (std::uint32_t col = 0; col < 4; ++col) {
    EXPECT_EQ(png.at(col, 0, 0), col < 2 ? 255 : 0);
    EXPECT_EQ(png.at(col, 0, 1), byte_of(1 - px(col)));
    EXPECT_EQ(png.at(col, 1, 1), byte_of(px(col)));
  }
}

TEST_F(Render, NanBecomesZeroAndValuesAreClamped) {
  Png png = render_png(std::string(kSmall) +
                       "display(sqrt(me@x - 2), (me@x - 0.5) * 1000, 1 / (me@x - me@x))\n");
  for (std::uint32_t col = 0; col < 4; ++col) {
    EXPECT_EQ(png.at(col, 0, 0), 0);                 // NaN
    EXPECT_EQ(png.at(col, 0, 1), col < 2 ? 0 : 255); // clamped both ways
    EXPECT_EQ(png.at(col, 0, 2), 255);               // +inf
  }
}

void expect_float_le(const std::string& bytes, std::size_t at, float v) {
  ASSERT_LE(at + 4, bytes.size());
  std::uint32_t bits = 0;
  std::memcpy(&bits, &v, 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[at + i]), (bits >> (8 * i)) & 0xFFU)
        << "float " << v << " at byte " << at;
  }
}

TEST_F(Render, PfmIsFloatRgbBottomToTop) {
  CommandResult r =
      render("me<width> = 2\nme<height> = 2\nrender(r: me@x, g: me@y, b: 2, a: 0.5)\n", "out.pfm");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = read_file(dir.file("out.pfm"));
  const std::string header = "PF\n2 2\n-1.0\n";
  ASSERT_EQ(bytes.size(), header.size() + 2 * 2 * 3 * 4);
  EXPECT_EQ(bytes.substr(0, header.size()), header);
  const float expected[] = {0.25F, 0.75F, 1, 0.75F, 0.75F, 1,  // bottom row (y = 0.75) first
                            0.25F, 0.25F, 1, 0.75F, 0.25F, 1}; // then the top row
  for (std::size_t i = 0; i < 12; ++i) expect_float_le(bytes, header.size() + 4 * i, expected[i]);
}

TEST_F(Render, PpmIsBinaryP6) {
  CommandResult r = render(std::string(kSmall) + "display(me@x, me@y, 0)\n", "out.ppm");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = read_file(dir.file("out.ppm"));
  std::string expected = "P6\n4 2\n255\n";
  for (std::uint32_t row = 0; row < 2; ++row) {
    for (std::uint32_t col = 0; col < 4; ++col) {
      expected += static_cast<char>(byte_of(px(col)));
      expected += static_cast<char>(byte_of(py(row)));
      expected += '\0';
    }
  }
  EXPECT_EQ(bytes, expected);
}

TEST_F(Render, SizeOverridesTheProgramDimensions) {
  Png png = render_png(std::string(kSmall) + "display(me@x)\n", {"--size", "3x5"});
  EXPECT_EQ(png.width, 3U);
  EXPECT_EQ(png.height, 5U);
  EXPECT_EQ(png.at(0, 0, 0), byte_of(1.0 / 6));
}

TEST_F(Render, SizeIsWhatMeWidthAndMeHeightRead) {
  // CLI.md: --size overrides me<width> and me<height>, so expressions see the new values.
  Png png = render_png(std::string(kSmall) + "display(me@width / 100, me@height / 100, 0)\n",
                       {"--size", "30x5"});
  EXPECT_EQ(png.at(0, 0, 0), byte_of(30.0 / 100));
  EXPECT_EQ(png.at(0, 0, 1), byte_of(5.0 / 100));
}

constexpr const char* kBusy =
    "me<width> = 67\nme<height> = 45\n"
    "display(fbm(me@x * 4, me@y * 4, me@time), noise(me@x * 9, me@y * 7, 0.5) * 0.5 + 0.5,\n"
    "        sin(me@x * 30 + me@y * 11) * 0.5 + 0.5)\n";

TEST_F(Render, TwoRunsAreBitIdentical) {
  ASSERT_EQ(render(kBusy, "a.pfm", {"--frames", "3"}).exit_code, 0);
  ASSERT_EQ(render(kBusy, "b.pfm", {"--frames", "3"}).exit_code, 0);
  EXPECT_EQ(read_file(dir.file("a.pfm")), read_file(dir.file("b.pfm")));
}

TEST_F(Render, ThreadCountDoesNotChangeTheImage) {
  ASSERT_EQ(render(kBusy, "t1.pfm", {"--threads", "1"}).exit_code, 0);
  ASSERT_EQ(render(kBusy, "t2.pfm", {"--threads", "2"}).exit_code, 0);
  ASSERT_EQ(render(kBusy, "t7.pfm", {"--threads", "7"}).exit_code, 0);
  ASSERT_EQ(render(kBusy, "t1.png", {"--threads", "1"}).exit_code, 0);
  ASSERT_EQ(render(kBusy, "t2.png", {"--threads", "2"}).exit_code, 0);
  const std::string one = read_file(dir.file("t1.pfm"));
  EXPECT_EQ(one, read_file(dir.file("t2.pfm")));
  EXPECT_EQ(one, read_file(dir.file("t7.pfm")));
  EXPECT_EQ(read_file(dir.file("t1.png")), read_file(dir.file("t2.png")));
}

TEST_F(Render, RendersTheBundledExample) {
  CommandResult r =
      run_weft({"render", source_path("examples/gradient.weft"), "-o", dir.file("gradient.png")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Png png = read_png(dir.file("gradient.png"));
  EXPECT_EQ(png.width, 640U);
  EXPECT_EQ(png.height, 360U);
}

// ---- error paths ----

TEST_F(Render, MissingOutputIsAUsageError) {
  CommandResult r = run_weft({"render", dir.write("p.weft", "display(me@x)\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("-o"), std::string::npos) << r.err;
}

TEST_F(Render, BadFlagValuesAreUsageErrors) {
  const std::string program = "display(me@x)\n";
  for (const char* spec : {"x", "3..1", "1..", "..2", "1,,2", "-1", ""}) {
    CommandResult r = render(program, "out.png", {"--frames", spec});
    EXPECT_EQ(r.exit_code, 2) << spec;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  for (const char* size : {"0x4", "4", "16385x2", "ax2"}) {
    EXPECT_EQ(render(program, "out.png", {"--size", size}).exit_code, 2) << size;
  }
  EXPECT_EQ(render(program, "out.png", {"--threads", "0"}).exit_code, 2);
  EXPECT_EQ(render(program, "out.png", {"--mouse", "0.5"}).exit_code, 2);
  EXPECT_EQ(render(program, "out.tiff").exit_code, 2);
  EXPECT_EQ(render(program, "out%d%d.png", {"--frames", "0,1"}).exit_code, 2);
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

TEST_F(Render, SeveralFramesNeedAPattern) {
  CommandResult r = render("display(me@x)\n", "out.png", {"--frames", "0..2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pattern"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

TEST_F(Render, UnwritableOutputIsExit3AndLeavesNothing) {
  CommandResult r = render("display(me@x)\n", "missing/out.png");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("missing/out.png"), std::string::npos) << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});

  // A later frame fails: the frames already written are removed too.
  std::filesystem::create_directory(dir.path() / "d0");
  r = render("display(me@x)\n", "d%d/out.png", {"--frames", "0,1"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "d0" / "out.png"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "d0"));

  if (::geteuid() != 0) { // root ignores permissions
    std::filesystem::create_directory(dir.path() / "ro");
    std::filesystem::permissions(dir.path() / "ro", std::filesystem::perms::owner_read |
                                                        std::filesystem::perms::owner_exec);
    r = render("display(me@x)\n", "ro/out.png");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "ro"));
  }
}

TEST_F(Render, CompileErrorIsExit1AndWritesNothing) {
  CommandResult r = render("display(me@x, 1)\n", "out.png");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error[sink]"), std::string::npos) << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

TEST_F(Render, UnsupportedFeaturesAreCompileErrorsNamingTheLine) {
  struct Case {
    std::string program;
    std::string feature;
    int line;
  };
  const std::vector<Case> cases = {
      {"display(me@x)\nosc(\"/x\", me@time, port: 9000)\n", "'osc'", 2},
      {"display(me@x)\nmidi(note: 60, gate: 1)\n", "'midi'", 2},
      {"display(me@x)\ndata(\"out.csv\", rows: 4, t: me@time)\n", "'data'", 2},
      {"display(me@x)\ncompute(me@time)\n", "'compute'", 2},
  };
  for (const Case& c : cases) {
    CommandResult r = render(c.program, "out.png");
    if (r.err.find("not supported yet") == std::string::npos) {
      // The program must at least be valid WEFT: a plain compile error is not what we test.
      ADD_FAILURE() << c.feature << ": " << r.err;
      continue;
    }
    EXPECT_EQ(r.exit_code, 1) << c.feature;
    EXPECT_NE(r.err.find(c.feature + " is not supported yet"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("p.weft:" + std::to_string(c.line) + ":"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.png"))) << c.feature;
  }
}

} // namespace
} // namespace weft::test
