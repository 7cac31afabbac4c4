#include "io/audio_file.h"

#include "io/output_name.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <samplerate.h>
#include <sndfile.h>
#include <utility>

namespace weft::io {

std::optional<AudioSampleFormat> audio_sample_format(std::string_view name) {
  if (name == "pcm16") return AudioSampleFormat::Pcm16;
  if (name == "float") return AudioSampleFormat::Float32;
  return std::nullopt;
}

std::int16_t pcm16_sample(double v) noexcept {
  if (!(v == v)) return 0;
  const double clamped = v < -1 ? -1 : (v > 1 ? 1 : v);
  return static_cast<std::int16_t>(std::lrint(clamped * 32767));
}

WavWriter::WavWriter(WavWriter&& other) noexcept {
  *this = std::move(other);
}

WavWriter& WavWriter::operator=(WavWriter&& other) noexcept {
  if (this != &other) {
    abandon();
    output_ = std::move(other.output_);
    file_ = std::exchange(other.file_, nullptr);
    channels_ = other.channels_;
    pcm16_ = other.pcm16_;
  }
  return *this;
}

WavWriter::~WavWriter() {
  abandon();
}

void WavWriter::abandon() {
  if (file_ != nullptr) sf_close(static_cast<SNDFILE*>(file_));
  file_ = nullptr;
  output_.discard();
}

std::string WavWriter::open(const std::string& path, int channels, int rate,
                            AudioSampleFormat format) {
  abandon();
  output_ = PendingFile(path);
  channels_ = channels;
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format =
      SF_FORMAT_WAV | (format == AudioSampleFormat::Pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
  SNDFILE* file = sf_open(output_.temporary().c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    const std::string reason = sf_strerror(nullptr);
    output_.discard();
    return fmt::format("cannot write '{}': {}", path, reason);
  }
  // No PEAK chunk: libsndfile stamps it with the wall-clock time, and a render must be the same
  // bytes every time (LANGUAGE.md §11).
  sf_command(file, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
  file_ = file;
  pcm16_ = format == AudioSampleFormat::Pcm16;
  return {};
}

std::string WavWriter::write(std::span<const double> samples) {
  if (file_ == nullptr)
    return fmt::format("cannot write '{}': the file is not open", output_.path());
  const auto frames = static_cast<sf_count_t>(samples.size() / static_cast<std::size_t>(channels_));
  auto* file = static_cast<SNDFILE*>(file_);
  sf_count_t written = 0;
  if (pcm16_) {
    // Our own conversion, so the bytes are defined here rather than by libsndfile's version.
    shorts_.resize(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) shorts_[i] = pcm16_sample(samples[i]);
    written = sf_writef_short(file, shorts_.data(), frames);
  } else {
    written = sf_writef_double(file, samples.data(), frames);
  }
  if (written != frames) {
    const std::string reason = sf_strerror(file);
    abandon();
    return fmt::format("cannot write '{}': {}", output_.path(), reason);
  }
  return {};
}

std::string WavWriter::finish() {
  if (file_ == nullptr)
    return fmt::format("cannot write '{}': the file is not open", output_.path());
  const int closed = sf_close(static_cast<SNDFILE*>(file_));
  file_ = nullptr;
  std::string error;
  if (closed != 0) {
    error = fmt::format("cannot write '{}': {}", output_.path(), sf_error_number(closed));
  } else if (std::string reason = output_.commit(); !reason.empty()) {
    error = fmt::format("cannot write '{}': {}", output_.path(), reason);
  }
  abandon();
  return error;
}

AudioFile read_audio_file(const std::string& path) {
  AudioFile out;
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) {
    out.error = sf_strerror(nullptr);
    return out;
  }
  out.channels = info.channels;
  out.rate = info.samplerate;
  out.format = info.format;
  out.samples.resize(static_cast<std::size_t>(info.frames) *
                     static_cast<std::size_t>(info.channels));
  const sf_count_t got = sf_readf_double(file, out.samples.data(), info.frames);
  out.samples.resize(static_cast<std::size_t>(got) * static_cast<std::size_t>(info.channels));
  sf_close(file);
  return out;
}

StereoInput load_stereo_input(const std::string& path, double rate) {
  StereoInput out;
  AudioFile file = read_audio_file(path);
  if (!file.error.empty()) {
    out.error = fmt::format("cannot read '{}': {}", path, file.error);
    return out;
  }
  const auto channels = static_cast<std::size_t>(file.channels);
  const std::size_t count = channels == 0 ? 0 : file.samples.size() / channels;
  std::vector<float> stereo(2 * count);
  for (std::size_t i = 0; i < count; ++i) {
    stereo[2 * i] = static_cast<float>(file.samples[i * channels]);
    stereo[2 * i + 1] = static_cast<float>(file.samples[i * channels + (channels > 1 ? 1 : 0)]);
  }
  if (file.rate == rate || count == 0) {
    out.frames = std::move(stereo);
    return out;
  }
  const double ratio = rate / file.rate;
  out.frames.resize(2 * (static_cast<std::size_t>(static_cast<double>(count) * ratio) + 1));
  SRC_DATA data{};
  data.data_in = stereo.data();
  data.input_frames = static_cast<long>(count);
  data.data_out = out.frames.data();
  data.output_frames = static_cast<long>(out.frames.size() / 2);
  data.src_ratio = ratio;
  if (const int status = src_simple(&data, SRC_SINC_BEST_QUALITY, 2); status != 0) {
    out.frames.clear();
    out.error = fmt::format("cannot resample '{}' to {} Hz: {}", path, rate, src_strerror(status));
    return out;
  }
  out.frames.resize(2 * static_cast<std::size_t>(data.output_frames_gen));
  return out;
}

} // namespace weft::io
