#include "io/audio_device.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>

#if WEFT_HAVE_RTAUDIO
#include <RtAudio.h>
#endif
#if WEFT_HAVE_ALSA
#include <alsa/asoundlib.h>
#endif
#if WEFT_HAVE_JACK
#include <jack/jack.h>
#endif

namespace weft::io {

static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free);

std::string AudioStream::failure() const {
  return failed() ? std::string(failure_) : std::string();
}

void AudioStream::fail(const char* message) noexcept {
  if (failing_.exchange(true, std::memory_order_acq_rel)) return;
  std::size_t n = 0;
  while (n + 1 < sizeof failure_ && message[n] != '\0') ++n;
  std::memcpy(failure_, message, n);
  failure_[n] = '\0';
  failed_.store(true, std::memory_order_release);
}

namespace {

using Clock = std::chrono::steady_clock;

// ---- the null driver ----

/// A thread that calls the callback every `block` frames of the steady clock: block k is due
/// k · block / rate seconds after start() (computed exactly in nanoseconds), with a silent input
/// and an output that is thrown away.
class NullStream final : public AudioStream {
public:
  NullStream(unsigned rate, unsigned block, AudioCallback& callback)
      : AudioStream(rate, block, true, true, "null"), callback_(callback),
        input_(2 * std::size_t{block}, 0.0F), output_(2 * std::size_t{block}, 0.0F) {}
  ~NullStream() override { stop(); }

  bool start(std::string& error) override {
    if (thread_.joinable()) return true;
    stopping_.store(false);
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error& e) {
      error = fmt::format("the null audio driver does not start: {}", e.what());
      return false;
    }
    return true;
  }

  void stop() noexcept override {
    if (!thread_.joinable()) return;
    stopping_.store(true);
    thread_.join();
  }

private:
  /// The time from the clock's start to the start of frame `frames`.
  Clock::duration at(std::uint64_t frames) const {
    const std::uint64_t seconds = frames / rate_;
    const std::uint64_t rest = frames % rate_;
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::seconds(seconds) + std::chrono::nanoseconds(rest * 1'000'000'000ULL / rate_));
  }

  void run() noexcept {
    Clock::time_point start = Clock::now();
    std::uint64_t frames = 0; // since `start`
    const Clock::duration period = at(block_);
    while (!stopping_.load(std::memory_order_acquire)) {
      callback_.render(input_.data(), output_.data(), block_);
      callbacks_.fetch_add(1, std::memory_order_relaxed);
      frames += block_;
      const Clock::time_point deadline = start + at(frames);
      const Clock::time_point now = Clock::now();
      if (now > deadline + period) { // behind by more than a block: drop the lost time
        underflows_.fetch_add(1, std::memory_order_relaxed);
        start = now;
        frames = 0;
        continue;
      }
      std::this_thread::sleep_until(deadline);
    }
  }

  AudioCallback& callback_;
  std::vector<float> input_;
  std::vector<float> output_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

#if WEFT_HAVE_RTAUDIO

// ---- what the client libraries print ----

#if WEFT_HAVE_ALSA
extern "C" void silent_alsa(const char* /*file*/, int /*line*/, const char* /*function*/,
                            int /*err*/, const char* /*fmt*/, ...) {}
#endif
#if WEFT_HAVE_JACK
extern "C" void silent_jack(const char* /*message*/) {}
#endif

/// ALSA's and JACK's client libraries print every failed probe on stderr ("ALSA lib
/// confmisc.c:855: cannot find card '0'", "Cannot connect to server socket"); `weft run` states
/// the outcome in one line instead. Installed once, before RtAudio is first used.
void silence_client_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
#if WEFT_HAVE_ALSA
    snd_lib_error_set_handler(silent_alsa);
#endif
#if WEFT_HAVE_JACK
    jack_set_error_function(silent_jack);
    jack_set_info_function(silent_jack);
#endif
  });
}

// ---- RtAudio ----

/// The APIs RtAudio was built with, in its order of preference (JACK first).
std::vector<RtAudio::Api> compiled_apis() {
  std::vector<RtAudio::Api> apis;
  RtAudio::getCompiledApi(apis);
  apis.erase(std::remove(apis.begin(), apis.end(), RtAudio::RTAUDIO_DUMMY), apis.end());
  return apis;
}

struct Device {
  RtAudio::Api api;
  unsigned index;
  RtAudio::DeviceInfo info;
  std::string id() const { return fmt::format("{}:{}", RtAudio::getApiName(api), index); }
};

/// The probed devices of `audio` (those that cannot be probed are left out).
std::vector<Device> devices_of(RtAudio& audio, RtAudio::Api api) {
  std::vector<Device> devices;
  try {
    const unsigned count = audio.getDeviceCount();
    for (unsigned i = 0; i < count; ++i) {
      RtAudio::DeviceInfo info = audio.getDeviceInfo(i);
      if (info.probed) devices.push_back({api, i, std::move(info)});
    }
  } catch (const RtAudioError&) {
  }
  return devices;
}

/// An RtAudio controller for `api`, quiet; null when it cannot be made.
std::unique_ptr<RtAudio> controller(RtAudio::Api api) {
  silence_client_libraries();
  try {
    auto audio = std::make_unique<RtAudio>(api);
    audio->showWarnings(false);
    return audio;
  } catch (const RtAudioError&) {
    return nullptr;
  }
}

class RtStream;

/// The open RtAudio stream, for the error callback (which has no user pointer).
std::atomic<RtStream*> current_stream{nullptr};

class RtStream final : public AudioStream {
public:
  RtStream(std::unique_ptr<RtAudio> audio, AudioCallback& callback)
      : AudioStream(0, 0, false, false, {}), audio_(std::move(audio)), callback_(callback) {}
  ~RtStream() override {
    stop();
    try {
      if (audio_->isStreamOpen()) audio_->closeStream();
    } catch (const RtAudioError&) {
    }
    RtStream* self = this;
    current_stream.compare_exchange_strong(self, nullptr);
  }

  RtAudio& audio() { return *audio_; }

  /// Opens output `out` (and input `in` when not null: one or two channels) with this object as
  /// the callback's user pointer. Throws RtAudioError when the device refuses.
  void open(RtAudio::StreamParameters out, RtAudio::StreamParameters* in,
            const AudioStreamOptions& options, const std::string& description) {
    RtAudio::StreamOptions stream_options;
    stream_options.streamName = options.client;
    unsigned frames = options.block;
    audio_->openStream(&out, in, RTAUDIO_FLOAT32, options.rate, &frames, &RtStream::on_block, this,
                       &stream_options, &RtStream::on_error);
    rate_ = options.rate;
    block_ = frames;
    has_input_ = in != nullptr;
    mono_input_ = in != nullptr && in->nChannels == 1;
    // A mono input is spread to both channels here (a JACK or ALSA block never exceeds the
    // period it was opened with; a longer one would read silence).
    if (mono_input_) stereo_input_.assign(2 * std::size_t{std::max(frames, 8192U)}, 0.0F);
    description_ = description;
    current_stream.store(this);
  }

  bool start(std::string& error) override {
    try {
      audio_->startStream();
      running_ = true;
      return true;
    } catch (const RtAudioError& e) {
      error = fmt::format("the audio device {} does not start: {}", description_, e.what());
      return false;
    }
  }

  void stop() noexcept override {
    if (!running_) return;
    running_ = false;
    try {
      if (audio_->isStreamRunning()) audio_->stopStream();
    } catch (const RtAudioError&) {
    }
  }

private:
  /// RtAudio's callback, on the device's thread: only the render call and atomic counters.
  static int on_block(void* output, void* input, unsigned frames, double /*time*/,
                      RtAudioStreamStatus status, void* user) {
    auto* self = static_cast<RtStream*>(user);
    if ((status & RTAUDIO_OUTPUT_UNDERFLOW) != 0) {
      self->underflows_.fetch_add(1, std::memory_order_relaxed);
    }
    const auto* in = self->has_input_ ? static_cast<const float*>(input) : nullptr;
    if (in != nullptr && self->mono_input_) {
      std::vector<float>& stereo = self->stereo_input_;
      if (2 * std::size_t{frames} <= stereo.size()) {
        for (std::size_t i = 0; i < frames; ++i) stereo[2 * i] = stereo[2 * i + 1] = in[i];
        in = stereo.data();
      } else {
        in = nullptr;
      }
    }
    self->callback_.render(in, static_cast<float*>(output), frames);
    self->callbacks_.fetch_add(1, std::memory_order_relaxed);
    return 0;
  }

  /// RtAudio's error callback, on whichever thread met the error (RtAudio calls it outside the
  /// audio callback): keeps the first error for the main thread.
  static void on_error(RtAudioError::Type type, const std::string& text) {
    if (type == RtAudioError::WARNING || type == RtAudioError::DEBUG_WARNING) return;
    if (RtStream* self = current_stream.load()) self->fail(text.c_str());
  }

  std::unique_ptr<RtAudio> audio_;
  AudioCallback& callback_;
  bool running_ = false;
  bool mono_input_ = false;
  std::vector<float> stereo_input_; ///< a mono input spread to stereo (allocated by open)
};

/// RtAudio's message in one line, without its class prefix (`RtApiJack::probeDeviceOpen: `).
std::string message_of(const RtAudioError& e) {
  std::string text = e.what();
  const auto colon = text.find(": ");
  if (colon != std::string::npos && text.compare(0, 5, "RtApi") == 0) text.erase(0, colon + 2);
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
  return text;
}

/// A device of `devices` named by `spec` (`API:N`, `API` for its default, or a name), among
/// those with two outputs (`output`) or an input; empty when there is none.
struct Choice {
  RtAudio::Api api = RtAudio::UNSPECIFIED;
  std::optional<unsigned> index; ///< empty: the API's default device
};

std::optional<Choice> resolve(const std::string& spec, const std::vector<Device>& devices,
                              bool output) {
  const auto fits = [output](const Device& d) {
    return output ? d.info.outputChannels >= 2 : d.info.inputChannels >= 1;
  };
  for (RtAudio::Api api : compiled_apis()) {
    if (spec != RtAudio::getApiName(api)) continue;
    const bool any = std::any_of(devices.begin(), devices.end(),
                                 [&](const Device& d) { return d.api == api && fits(d); });
    if (!any) return std::nullopt;
    return Choice{api, std::nullopt};
  }
  for (const Device& d : devices) {
    if (d.id() == spec && fits(d)) return Choice{d.api, d.index};
  }
  for (const Device& d : devices) {
    if (d.info.name == spec && fits(d)) return Choice{d.api, d.index};
  }
  return std::nullopt;
}

/// Every probed device of every API, in RtAudio's order; none under WEFT_AUDIO_NO_DEVICES.
std::vector<Device> all_devices() {
  std::vector<Device> devices;
  if (const char* none = std::getenv("WEFT_AUDIO_NO_DEVICES");
      none != nullptr && *none != '\0' && std::string_view(none) != "0") {
    return devices;
  }
  for (RtAudio::Api api : compiled_apis()) {
    if (std::unique_ptr<RtAudio> audio = controller(api)) {
      std::vector<Device> more = devices_of(*audio, api);
      devices.insert(devices.end(), more.begin(), more.end());
    }
  }
  return devices;
}

/// The default device of `api` among the probed `devices`: the one marked default with the
/// channels needed, else the first with them; empty when none has them.
std::optional<unsigned> default_device(const std::vector<Device>& devices, RtAudio::Api api,
                                       bool output) {
  std::optional<unsigned> first;
  for (const Device& d : devices) {
    if (d.api != api || (output ? d.info.outputChannels < 2 : d.info.inputChannels < 1)) continue;
    if (output ? d.info.isDefaultOutput : d.info.isDefaultInput) return d.index;
    if (!first) first = d.index;
  }
  return first;
}

/// Opens `output` (or `api`'s default output) with, when `options.input`, `input` (or the API's
/// default input), falling back to output only with `input_error` set. Names and channels come
/// from the probed `devices` (probing again would open yet another JACK client). Throws
/// RtAudioError when the output does not open.
std::unique_ptr<AudioStream> open_on(RtAudio::Api api, std::optional<unsigned> output,
                                     std::optional<unsigned> input,
                                     const std::vector<Device>& devices,
                                     const AudioStreamOptions& options, AudioCallback& callback,
                                     std::string& input_error) {
  const auto fresh = [&] {
    std::unique_ptr<RtAudio> audio = controller(api);
    if (!audio) throw RtAudioError("the audio API cannot be used", RtAudioError::SYSTEM_ERROR);
    return std::make_unique<RtStream>(std::move(audio), callback);
  };
  const auto find = [&](unsigned index) {
    return std::find_if(devices.begin(), devices.end(),
                        [&](const Device& d) { return d.api == api && d.index == index; });
  };
  if (!output) output = default_device(devices, api, true);
  if (!output) throw RtAudioError("no output device", RtAudioError::INVALID_DEVICE);
  RtAudio::StreamParameters out;
  out.deviceId = *output;
  out.nChannels = 2;
  const std::string description =
      fmt::format("{}:{} ({})", RtAudio::getApiName(api), out.deviceId, find(*output)->info.name);
  auto stream = fresh();
  if (options.input) {
    if (!input) input = default_device(devices, api, false);
    try {
      if (!input) throw RtAudioError("no input device", RtAudioError::INVALID_DEVICE);
      RtAudio::StreamParameters in;
      in.deviceId = *input;
      in.nChannels = std::min(find(*input)->info.inputChannels, 2U);
      stream->open(out, &in, options, description);
      return stream;
    } catch (const RtAudioError& e) {
      input_error = message_of(e);
    }
    stream = fresh(); // a controller whose open failed is not reused
  }
  stream->open(out, nullptr, options, description);
  return stream;
}

#endif // WEFT_HAVE_RTAUDIO

} // namespace

std::unique_ptr<AudioStream> AudioStream::open_null(unsigned rate, unsigned block,
                                                    AudioCallback& callback) {
  return std::make_unique<NullStream>(std::max(rate, 1U), std::max(block, 1U), callback);
}

std::vector<AudioDeviceInfo> list_audio_devices() {
  std::vector<AudioDeviceInfo> list;
  list.push_back({kNullAudioDevice, "null driver: silent, paced by the clock", 2, 2, false, false});
#if WEFT_HAVE_RTAUDIO
  for (const Device& d : all_devices()) {
    list.push_back({d.id(), d.info.name, d.info.outputChannels, d.info.inputChannels,
                    d.info.isDefaultOutput, d.info.isDefaultInput});
  }
#endif
  return list;
}

AudioOpenResult AudioStream::open(const AudioStreamOptions& options, AudioCallback& callback) {
  AudioOpenResult result;
  if (options.device == kNullAudioDevice) {
    result.stream = open_null(options.rate, options.block, callback);
    return result;
  }
#if WEFT_HAVE_RTAUDIO
  const std::vector<Device> devices = all_devices();
  std::optional<Choice> input;
  if (options.input && !options.input_device.empty()) {
    input = resolve(options.input_device, devices, false);
    if (!input) {
      result.unknown_device = true;
      result.error = fmt::format("no audio input device '{}' (weft run --list-devices lists them)",
                                 options.input_device);
      return result;
    }
  }
  std::vector<Choice> outputs; // to try in turn
  if (!options.device.empty()) {
    std::optional<Choice> output = resolve(options.device, devices, true);
    if (!output) {
      result.unknown_device = true;
      result.error = fmt::format("no audio output device '{}' (weft run --list-devices lists them)",
                                 options.device);
      return result;
    }
    outputs.push_back(*output);
  } else {
    for (RtAudio::Api api : compiled_apis()) {
      const bool any = std::any_of(devices.begin(), devices.end(), [&](const Device& d) {
        return d.api == api && d.info.outputChannels >= 2;
      });
      if (any && (!input || input->api == api)) outputs.push_back({api, std::nullopt});
    }
    if (outputs.empty()) {
      result.no_device = true;
      return result;
    }
  }
  for (const Choice& output : outputs) {
    if (input && input->api != output.api) {
      result.error = fmt::format("the input device '{}' is not on the output's audio API ({})",
                                 options.input_device, RtAudio::getApiName(output.api));
      return result;
    }
    try {
      result.stream = open_on(output.api, output.index, input ? input->index : std::nullopt,
                              devices, options, callback, result.input_error);
      result.error.clear();
      return result;
    } catch (const RtAudioError& e) {
      if (result.error.empty()) {
        const std::string device =
            options.device.empty() ? RtAudio::getApiName(output.api) : options.device;
        result.error = fmt::format("cannot open the audio device '{}': {}", device, message_of(e));
      }
      result.input_error.clear();
    }
  }
#else
  if (options.device.empty()) {
    result.no_device = true;
  } else {
    result.unknown_device = true;
    result.error = fmt::format("no audio output device '{}' (this weft is built without RtAudio)",
                               options.device);
  }
#endif
  return result;
}

} // namespace weft::io
