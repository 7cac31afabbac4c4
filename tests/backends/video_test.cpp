// `weft render -o OUT.mp4|.webm|.gif` (CLI.md): frames piped to ffmpeg at me<fps>. The tests read
// the files back with ffprobe/ffmpeg as a user's player would: codec, size, frame count, rate and
// decoded pixel values (within the loss of the codec), and check that failures leave no file.
#include "render_helpers.h"

#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <sstream>

namespace weft::test {
namespace {

/// The output of a shell command (ffprobe, ffmpeg).
std::string capture(const std::string& command) {
  std::string out;
  std::FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

bool have_ffmpeg() {
  return std::system("command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1") ==
         0;
}

/// `codec,width,height,rate,frames` of the first video stream.
std::string probe(const std::string& path) {
  std::string s = capture("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                          "stream=codec_name,width,height,r_frame_rate,nb_read_frames -of "
                          "csv=p=0 '" +
                          path + "'");
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ',')) s.pop_back();
  return s;
}

/// Frame `index` of a video decoded to 8-bit RGB, rows top to bottom.
std::string decode_frame(const std::string& path, int index) {
  return capture("ffmpeg -v error -i '" + path + "' -vf 'select=eq(n\\," + std::to_string(index) +
                 ")' -frames:v 1 -f rawvideo -pix_fmt rgb24 -");
}

class Video : public RenderTest {
protected:
  void SetUp() override {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed (scripts/install-deps.sh)";
  }
  /// A 32 × 16 program at 24 fps whose red rises with the frame: frame n has red n / 11.
  static constexpr const char* kRamp = "me<width> = 32\nme<height> = 16\nme<fps> = 24\n"
                                       "display(me@frame / 11, 0.5, 0.25)\n";
};

/// The colour at the centre of a decoded rgb24 frame of `width` × `height`.
int centre(const std::string& rgb, int width, int height, int channel) {
  const std::size_t i = (static_cast<std::size_t>(height / 2) * width + width / 2) * 3 + channel;
  return i < rgb.size() ? static_cast<unsigned char>(rgb[i]) : -1;
}

TEST_F(Video, Mp4IsH264AtTheProgramsRateWithEveryFrame) {
  CommandResult r = render(kRamp, "clip.mp4", {"--frames", "0..11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(probe(dir.file("clip.mp4")), "h264,32,16,24/1,12");
  for (int n : {0, 5, 11}) {
    const std::string rgb = decode_frame(dir.file("clip.mp4"), n);
    ASSERT_EQ(rgb.size(), 32U * 16 * 3) << n;
    EXPECT_NEAR(centre(rgb, 32, 16, 0), byte_of(n / 11.0), 6) << n;
    EXPECT_NEAR(centre(rgb, 32, 16, 1), 128, 6) << n;
    EXPECT_NEAR(centre(rgb, 32, 16, 2), 64, 6) << n;
  }
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"clip.mp4", "p.weft"}));
}

TEST_F(Video, WebmIsVp9AndGifHasAPalette) {
  CommandResult r = render(kRamp, "clip.webm", {"--frames", "0..5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(probe(dir.file("clip.webm")), "vp9,32,16,24/1,6");
  EXPECT_NEAR(centre(decode_frame(dir.file("clip.webm"), 3), 32, 16, 0), byte_of(3 / 11.0), 8);

  r = render(kRamp, "clip.gif", {"--frames", "0,11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string gif = probe(dir.file("clip.gif"));
  EXPECT_EQ(gif.substr(0, 10), "gif,32,16,") << gif; // GIF delays are in 1/100 s: 24 fps rounds
  EXPECT_EQ(gif.substr(gif.rfind(',') + 1), "2") << gif;
  const std::string last = decode_frame(dir.file("clip.gif"), 1);
  EXPECT_NEAR(centre(last, 32, 16, 0), 255, 4);
  EXPECT_NEAR(centre(last, 32, 16, 1), 128, 4);
}

TEST_F(Video, WithoutFramesAVideoLastsTheDurationAtTheProgramsRate) {
  ASSERT_EQ(render(kRamp, "four.mp4").exit_code, 0); // default: 4 seconds
  EXPECT_EQ(probe(dir.file("four.mp4")), "h264,32,16,24/1,96");
  ASSERT_EQ(render(kRamp, "half.mp4", {"--duration", "0.5"}).exit_code, 0);
  EXPECT_EQ(probe(dir.file("half.mp4")), "h264,32,16,24/1,12");
  CommandResult r = render(kRamp, "bad.mp4", {"--duration", "-1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = render(kRamp, "long.mp4", {"--duration", "1e9"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--duration 1000000000 at 24 fps is 24000000000 frames"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("bad.mp4")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("long.mp4")));
}

TEST_F(Video, OddSizesArePaddedToEvenForYuv420) {
  CommandResult r =
      render("display(me@x, me@y, 0.5)\n", "odd.mp4", {"--size", "33x17", "--frames", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(probe(dir.file("odd.mp4")), "h264,34,18,60/1,1");
}

TEST_F(Video, TwoRendersAreByteIdentical) {
  ASSERT_EQ(render(kRamp, "a.mp4", {"--frames", "0..5", "--threads", "1"}).exit_code, 0);
  ASSERT_EQ(render(kRamp, "b.mp4", {"--frames", "0..5", "--threads", "2"}).exit_code, 0);
  EXPECT_EQ(read_file(dir.file("a.mp4")), read_file(dir.file("b.mp4")));
}

TEST_F(Video, MissingFfmpegIsExit3WithAHintAndNoFile) {
  const std::string saved = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", dir.path().c_str(), 1); // a folder without ffmpeg
  CommandResult r = render(kRamp, "clip.mp4");
  ::setenv("PATH", saved.c_str(), 1);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("weft: error: cannot write '" + dir.file("clip.mp4") +
                       "': the ffmpeg command was not found on PATH"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

TEST_F(Video, UnwritableFolderIsExit3AndLeavesNothing) {
  CommandResult r = render(kRamp, "missing/clip.mp4", {"--frames", "0..3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("weft: error: cannot write '" + dir.file("missing/clip.mp4") +
                       "': No such file or directory"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"p.weft"});
}

// Issue 7: a picture that follows its sound, and that sound, in one video from one command. The
// sound is rendered alongside the frames (one clock) and muxed in when both are complete.
TEST_F(Video, APictureThatListensAndItsSoundAreOneVideo) {
  CommandResult r = render("me<width> = 32\nme<height> = 16\nme<fps> = 24\n"
                           "level<v> = lpf(if me@time >>= 0.5 then 1 else 0, 30)\n"
                           "play(0.3 * sine(440) * level@v)\n"
                           "display(level@v, 0.5, 0.25)\n",
                           "clip.mp4", {"--audio", dir.file("clip.wav"), "--duration", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(probe(dir.file("clip.mp4")), "h264,32,16,24/1,24");
  const std::string streams = capture("ffprobe -v error -show_entries stream=codec_type,codec_name "
                                      "-of csv=p=0 '" +
                                      dir.file("clip.mp4") + "'");
  EXPECT_NE(streams.find("aac,audio"), std::string::npos) << streams;
  // Silent and dark before 0.5 s; loud and red once the level has risen.
  EXPECT_LE(centre(decode_frame(dir.file("clip.mp4"), 6), 32, 16, 0), 8);
  EXPECT_GE(centre(decode_frame(dir.file("clip.mp4"), 22), 32, 16, 0), 240);
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"clip.mp4", "clip.wav", "p.weft"}));
}

TEST_F(Video, BrokenEncoderIsExit3AndLeavesNothing) {
  // A fake `ffmpeg` on PATH that reads a little and fails, as a crashing encoder would.
  dir.write("ffmpeg", "#!/bin/sh\nhead -c 100 >/dev/null\necho 'encoder exploded' >&2\nexit 1\n");
  std::filesystem::permissions(dir.file("ffmpeg"), std::filesystem::perms::owner_all);
  const std::string saved = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  ::setenv("PATH", (dir.path().string() + ":" + saved).c_str(), 1);
  CommandResult r = render(kRamp, "clip.mp4", {"--frames", "0..30"});
  ::setenv("PATH", saved.c_str(), 1);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("ffmpeg failed: encoder exploded"), std::string::npos) << r.err;
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"ffmpeg", "p.weft"}));
}

} // namespace
} // namespace weft::test
