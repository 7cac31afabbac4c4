/// \file
/// Live audio streams for `weft run` (CLI.md): an output stream, optionally duplex, that calls an
/// AudioCallback on the device's thread with interleaved stereo float blocks. Two drivers: RtAudio
/// (JACK, ALSA, PulseAudio: whichever the installed RtAudio was built with, probed in RtAudio's
/// order) and our own null driver, a thread paced by the steady clock at the stream rate that
/// passes a silent input and discards the output (RtAudio has none), used when no device opens
/// or when asked (`--no-audio`, `--audio-device null`). With the environment variable
/// WEFT_AUDIO_NO_DEVICES set (not empty, not 0) no API reports a device, as on a machine without
/// sound (tests use it to reach the fallback on any machine). Free of compiler types; the only
/// place that knows RtAudio (target weft_audio_device). Also silences what the ALSA and JACK client
/// libraries would print on stderr while devices are probed (`weft run` prints one warning).
///
/// Devices are named by an id, `API:N` (`jack:0`, `alsa:3`, `pulse:0`, N the device index in
/// that API), or `null`; `--audio-device` also takes an API alone (`jack`: that API's default
/// output) or a device name as list_audio_devices() gives it (the first device of that name).
///
/// Real-time contract: everything the device thread touches is allocated by open() (the null
/// driver's silent input and scratch output, the stereo copy of a mono input, the stream object)
/// and the callback's own state is the caller's, allocated before start(). On that thread a
/// stream only calls AudioCallback::render (noexcept) and stores into lock-free atomics (block
/// count, underflows); between blocks the null driver's thread sleeps until the next deadline
/// (sleep_until on the steady clock). A device error (RtAudio's error callback, off the audio
/// callback) is copied into a fixed array before an atomic flag publishes it, so the main thread
/// reads it without a lock. No allocation, lock, I/O or logging there on our side.
/// Preconditions: one RtAudio stream open at a time (RtAudio's error callback has no user
/// pointer); open, start, stop and the destructor on one (non-real-time) thread.
/// Implements: CLI.md `weft run` (audio devices, null driver), LANGUAGE.md §8.4 (live mic input).
/// Tests: tests/live/. Real-time: AudioCallback::render is called on the device thread;
/// everything else here is not real-time.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace weft::io {

/// What a stream calls on the device's thread for every block. `input` is interleaved stereo
/// (`frames` × 2 floats) or null when the stream has no input; `output` is interleaved stereo to
/// fill. `frames` may differ from the block asked for (a JACK server imposes its period). Must
/// not allocate, lock, block or log.
class AudioCallback {
public:
  virtual void render(const float* input, float* output, std::size_t frames) noexcept = 0;

protected:
  ~AudioCallback() = default;
};

/// One device as `--list-devices` prints it.
struct AudioDeviceInfo {
  std::string id;   ///< `null`, or `API:N`
  std::string name; ///< the device's name as its API gives it
  unsigned outputs = 0;
  unsigned inputs = 0;
  bool default_output = false;
  bool default_input = false;
};

/// Every device of every API compiled into RtAudio, the null device first.
std::vector<AudioDeviceInfo> list_audio_devices();

/// The id of the null driver's device (`--audio-device null`).
inline constexpr const char* kNullAudioDevice = "null";

struct AudioStreamOptions {
  unsigned rate = 48000;       ///< frames per second
  unsigned block = 256;        ///< frames per callback asked for (the device may impose another)
  std::string device;          ///< id, API or name (see the file comment); empty: the default
  bool input = false;          ///< also open an input (duplex, on the output's API)
  std::string input_device;    ///< the input's id or name; empty: that API's default input
  std::string client = "weft"; ///< the client name (JACK: the ports are `weft:outport 0`, …)
};

class AudioStream;

/// What AudioStream::open gives: a stream, or why there is none.
struct AudioOpenResult {
  std::unique_ptr<AudioStream> stream; ///< opened, not started; null on failure
  /// No device was asked for and no API has an output device (the caller falls back to the
  /// null driver); `error` is then empty.
  bool no_device = false;
  /// The device (or input device) asked for does not exist; `error` names it.
  bool unknown_device = false;
  std::string error;       ///< one line, when `stream` is null and `no_device` is false
  std::string input_error; ///< an input was asked for and did not open with the output: why
};

class AudioStream {
public:
  virtual ~AudioStream() = default;
  AudioStream(const AudioStream&) = delete;
  AudioStream& operator=(const AudioStream&) = delete;

  /// Opens `options.device` for `callback` (which must outlive the stream), not yet started.
  /// `null` opens the null driver. An empty device tries each API's default output in RtAudio's
  /// order and gives the first that opens. When `options.input` is set and no input opens with
  /// the output, the stream is output only (its callback's input is null) and `input_error` says
  /// why.
  static AudioOpenResult open(const AudioStreamOptions& options, AudioCallback& callback);
  /// The null driver at `rate` and `block` (never fails). Its input is silence.
  static std::unique_ptr<AudioStream> open_null(unsigned rate, unsigned block,
                                                AudioCallback& callback);

  /// Starts calling the callback. False with `error` set when the device refuses.
  virtual bool start(std::string& error) = 0;
  /// Stops calling the callback: when it returns, the callback is not running and will not run
  /// again. Also called by the destructor.
  virtual void stop() noexcept = 0;

  bool is_null() const { return null_; }
  bool has_input() const { return has_input_; }
  unsigned rate() const { return rate_; }
  /// Frames per callback as opened (the device's choice; JACK: the server's period).
  unsigned block() const { return block_; }
  /// The device's id and name, e.g. `jack:0 (system)`.
  const std::string& description() const { return description_; }

  /// Callbacks made so far (readable from any thread).
  std::uint64_t callbacks() const { return callbacks_.load(std::memory_order_relaxed); }
  /// Blocks the device reported late (output underflow), or the null driver fell behind by
  /// more than a block (it then restarts its clock, dropping the lost time as a device would).
  std::uint64_t underflows() const { return underflows_.load(std::memory_order_relaxed); }
  /// Whether the device reported an error while running; failure() then says what.
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  std::string failure() const;

protected:
  AudioStream(unsigned rate, unsigned block, bool null, bool has_input, std::string description)
      : rate_(rate), block_(block), null_(null), has_input_(has_input),
        description_(std::move(description)) {}
  /// Records a failure (the first one wins); allocation- and lock-free, any thread.
  void fail(const char* message) noexcept;

  unsigned rate_;
  unsigned block_;
  bool null_;
  bool has_input_;
  std::string description_;
  std::atomic<std::uint64_t> callbacks_{0};
  std::atomic<std::uint64_t> underflows_{0};

private:
  std::atomic<bool> failing_{false}; ///< a failure is being recorded (claims failure_)
  std::atomic<bool> failed_{false};  ///< failure_ is complete
  char failure_[256] = {};
};

} // namespace weft::io
