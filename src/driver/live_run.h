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
/// Tests: tests/cli/run_test.cpp. Real-time: no (the audio thread will never call this).
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
};

/// Runs `program` live. Errors go to `err` as `weft: error: …`. Returns kExitOk when stopped
/// as asked, kExitRuntime when no display can be opened (`no display: set DISPLAY or use weft
/// render`), the window cannot be opened, the screenshot cannot be written, or the run stopped
/// before the screenshot frame was drawn.
int run_live(Program& program, const LiveOptions& options, std::ostream& err);

} // namespace weft::driver
