/// \file
/// WAV files through libsndfile: the writer behind `weft render --audio OUT.wav` (CLI.md) and a
/// reader (for `--mic FILE.wav` and for tests reading renders back). The writer streams
/// interleaved binary64 frames to a temporary file beside OUT, as 16-bit PCM (`pcm16_sample`:
/// NaN → 0, clamp to [−1, 1], round(v · 32767) to nearest even) or 32-bit float (rounded to
/// nearest), and renames it over OUT only when
/// `finish` succeeds: a failed render leaves nothing under OUT.
/// Implements: CLI.md `render --audio`, `--audio-format`, `--mic`. Tests:
/// tests/io/audio_file_test.cpp. Real-time: no (file I/O; run it off the audio thread).
#pragma once

#include "io/output_name.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace weft::io {

enum class AudioSampleFormat : std::uint8_t { Pcm16, Float32 };

/// `pcm16` or `float` (CLI.md `--audio-format`).
std::optional<AudioSampleFormat> audio_sample_format(std::string_view name);

/// The 16-bit sample of `v`: 0 for NaN, else lrint(clamp(v, −1, 1) · 32767).
std::int16_t pcm16_sample(double v) noexcept;

class WavWriter {
public:
  WavWriter() = default;
  WavWriter(WavWriter&& other) noexcept;
  WavWriter& operator=(WavWriter&& other) noexcept;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;
  ~WavWriter();

  /// Starts a WAV of `channels` channels at `rate` Hz. Returns why it failed, or empty.
  std::string open(const std::string& path, int channels, int rate, AudioSampleFormat format);
  /// Appends interleaved frames (`samples.size()` a multiple of the channel count).
  std::string write(std::span<const double> samples);
  /// Completes the file and renames it over the path. Returns why it failed, or empty.
  std::string finish();

private:
  void abandon();

  PendingFile output_;
  void* file_ = nullptr; // SNDFILE*
  int channels_ = 0;
  bool pcm16_ = false;
  std::vector<std::int16_t> shorts_;
};

/// A whole audio file read back: interleaved samples as libsndfile normalises them (integer
/// formats divided by 2^(bits − 1): a 16-bit sample s reads as s / 32768).
struct AudioFile {
  int channels = 0;
  int rate = 0;
  int format = 0; ///< libsndfile's SF_FORMAT_* (container | subtype)
  std::vector<double> samples;
  std::string error; ///< empty on success
};

AudioFile read_audio_file(const std::string& path);

/// The input of `weft render --mic FILE` (CLI.md): the file's first two channels (a mono file on
/// both) as interleaved stereo binary32 frames at `rate` Hz, resampled with libsamplerate's best
/// sinc converter when the file's rate differs. `error` is set (and `frames` empty) when the file
/// cannot be read or converted.
struct StereoInput {
  std::vector<float> frames; ///< l0, r0, l1, r1, …
  std::string error;
};
StereoInput load_stereo_input(const std::string& path, double rate);

} // namespace weft::io
