/// \file
/// Helpers for the tests that listen to what weft renders: compiling a program for its sound with
/// a given engine block size, rendering it in uneven chunks (the caller's chunking must not
/// matter), and rendering it with `weft render --audio` to a float WAV read back as two channels.
#pragma once

#include "driver/program.h"
#include "io/audio_file.h"
#include "render_helpers.h"

#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace weft::test {

/// The program at `path` compiled for its sound, engine blocks of `block` samples; fails the test
/// (and returns null) when it does not compile.
inline std::unique_ptr<driver::Program> compile_sound(const std::string& path, std::size_t block) {
  driver::ProgramOptions options;
  options.audio.block = block;
  options.needs_sound = true;
  std::ostringstream err;
  int status = 0;
  auto program = driver::Program::compile(path, options, err, status);
  EXPECT_TRUE(program) << err.str();
  return program;
}

/// `samples` samples of the program at `path` with engine blocks of `block`, asked for in chunks of
/// 1000, 1777, 2554, … samples: the left channel, then the right. Empty if it does not compile.
inline std::vector<double> sound_in_uneven_chunks(const std::string& path, std::size_t block,
                                                  std::size_t samples) {
  auto program = compile_sound(path, block);
  if (!program) return {};
  std::vector<double> left(samples), right(samples);
  for (std::size_t done = 0, chunk = 1000; done < samples; done += chunk, chunk += 777) {
    chunk = std::min(chunk, samples - done);
    program->sound()->process(chunk, left.data() + done, right.data() + done);
  }
  left.insert(left.end(), right.begin(), right.end());
  return left;
}

struct StereoSound {
  std::vector<double> left, right;
};

/// Writes `program` as p.weft in `dir`, renders `seconds` of it to a float WAV (with `extra`
/// arguments) and reads both channels back; the render must succeed.
inline StereoSound render_float_sound(const ScratchDir& dir, const std::string& program,
                                      const std::string& seconds,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"render",         dir.write("p.weft", program),
                                   "--audio",        dir.file("out.wav"),
                                   "--audio-format", "float",
                                   "--duration",     seconds,
                                   "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  CommandResult r = run_weft(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  io::AudioFile file = io::read_audio_file(dir.file("out.wav"));
  StereoSound sound;
  for (std::size_t i = 0; i + 1 < file.samples.size(); i += 2) {
    sound.left.push_back(file.samples[i]);
    sound.right.push_back(file.samples[i + 1]);
  }
  return sound;
}

} // namespace weft::test
