/// \file
/// `weft run`'s live loop for the picture (CLI.md): shows frames of a Program in a window,
/// paced at me<fps>, with the live mouse, until Esc, closing the window, Ctrl-C (SIGINT) or
/// `--for SEC` seconds of wall time; `--screenshot FILE --at N` saves what GL drew for frame N.
///
/// Frame index (LANGUAGE.md §5.4, live clock): frame n is shown no earlier than n / fps seconds
/// after the session started (the first frame), and a frame starting at wall time e renders
/// n = floor(e · fps): when rendering falls behind, indices are skipped so that me@time stays
/// real time; an index is never shown twice. One exception for `--at N`: frame N is never
/// skipped (the frame after a late one is N itself when floor(e · fps) would pass it).
/// The title shows, once a second, the frames shown per second and the mean time to render and
/// draw one (`weft — ripple.weft — 59.8 fps, 4.1 ms`).
///
/// Sound (CLI.md): a program with play sinks opens an audio stream (io/audio_device.h) at its
/// rate with blocks of `audio_block` frames; the device's thread calls AudioBackend::process and
/// converts to interleaved float, passing the device's input to `mic` (set_input). No window is
/// opened for a program without a visual sink: it runs headless until `--for` or Ctrl-C. When no
/// device opens by default, the null driver plays instead, with one warning line; an audio
/// device asked for by name that does not exist or does not open is an error (exit 3).
/// Threads: once the stream starts, its thread alone runs the audio engine (AudioBackend is set
/// live, so the picture's frame steps on the main thread leave the engine alone); the two share
/// no other state and the audio thread takes no lock (io/audio_device.h states its contract).
/// Tests: tests/cli/run_test.cpp, tests/live/. Real-time: the sound callback (LiveSound::render)
/// yes; everything else no.
#pragma once

#include "driver/program.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace weft::driver {

struct LiveOptions {
  std::string name;                  ///< the program's name in the title: `weft — NAME`
  std::optional<double> for_seconds; ///< stop after this much wall time (> 0)
  std::string screenshot;            ///< `--screenshot`: .png, .pfm or .ppm; empty for none
  std::int64_t screenshot_frame = 0; ///< `--at`: the frame index to save
  bool no_audio = false;             ///< `--no-audio`: no device; the null driver, no warning
  std::string audio_device;          ///< `--audio-device`: id, API or name; `null`; empty: default
  std::string mic_device;            ///< `--mic-device`: the input for `mic`; empty: default
  unsigned audio_block = 256;        ///< frames per audio callback asked of the device
};

/// `--list-devices`: prints one line per audio device, `ID NAME (N out, M in[, default …])`,
/// the null driver first. Returns kExitOk.
int print_audio_devices(std::ostream& out);

/// Runs `program` live: its picture in a window and its sound on an audio device (either may be
/// absent). Errors go to `err` as `weft: error: …`. Returns kExitOk when stopped as asked,
/// kExitRuntime when no display can be opened for a picture (`no display: set DISPLAY or use weft
/// render`), the window cannot be opened, the audio device asked for does not exist, does not
/// open or fails while running, the screenshot cannot be written, or the run stopped before the
/// screenshot frame was drawn.
int run_live(Program& program, const LiveOptions& options, std::ostream& err);

} // namespace weft::driver
