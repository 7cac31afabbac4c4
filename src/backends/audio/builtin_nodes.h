/// \file
/// The stateful audio builtins as engine nodes (LANGUAGE.md §8.4, §8.6–§8.9): one node per call
/// site, its inputs the builtin's arguments in parameter order (defaults filled by the front end),
/// its outputs the builtin's channels. Each wraps a block kernel of src/audio/dsp, so the
/// per-sample arithmetic is the spec's and lives in one place. `mic` reads the live input when
/// the runner gives one, else silence (LANGUAGE.md §8.4 headless value).
/// Implements: ARCHITECTURE.md §5 (node library). Tests: tests/backends/audio_render_test.cpp;
/// the kernels themselves: tests/audio_dsp/. Real-time: process_block yes; construction no.
#pragma once

#include "audio/engine/audio_node.h"
#include "ir/builtins/builtin.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace weft::backends::audio {

/// The live input `mic` reads (LANGUAGE.md §8.4), owned by the audio backend: interleaved
/// stereo floats from the device for the samples being processed, set for one process() call
/// (AudioBackend::set_input); `data` null (offline) reads silence, as does the null driver's input.
struct LiveInput {
  const float* data = nullptr; ///< interleaved stereo, `frames` frames
  std::size_t frames = 0;
  std::size_t offset = 0; ///< the frame of `data` that the current block's first sample reads
};

/// The node for one call of `builtin` at `rate` Hz, or null when the builtin has no node yet.
/// `stream_key` seeds `white()` (LANGUAGE.md §8.6: stable under edits elsewhere). `mic` reads
/// `input` (silence when null).
std::unique_ptr<weft::audio::AudioNode> make_builtin_node(const ir::Builtin& builtin, double rate,
                                                          std::uint64_t stream_key,
                                                          const LiveInput* input = nullptr);

} // namespace weft::backends::audio
