/// \file
/// The voice pool of one `s` instance (LANGUAGE.md §8.10 *Playback*, *Mix*, *Voices*): voices
/// started at exact absolute sample indices on decoded samples, mixed into left, right and mono
/// block outputs.
/// Playback: with `ρ = speed · file_rate / rate` (evaluated left to right), output `k` samples
/// after `n0` is the file at position `p(k) = base + k · ρ`, with `base = 0` (speed > 0) or
/// `len − 1` (speed < 0); `k` is the integer `s − n0` of the absolute sample `s`, converted to
/// binary64 (exact below 2^53), so every position is one product and one sum computed from `k`
/// alone, never an accumulated step. Interpolation: `i = floor(p)`, `f = p − i`,
/// `x[i] + (x[i + 1] − x[i]) · f` (the spec's `mix`), and `x[i]` alone when `f = 0` (so the last
/// frame never reads past the end). A voice sounds for the samples whose position lies in
/// [0, len − 1] (a prefix of k = 0, 1, …, counted exactly at start).
/// No voice is started for speed 0 or NaN, a non-finite ρ (k = 0 would give position NaN), an
/// empty sample, or rates that are not positive.
/// Mix: mono samples give L = R; `pan` clamped to [0, 1] (NaN stays NaN, as §8.1's clamp);
/// `gl = min(1, 2 · (1 − pan))`, `gr = min(1, 2 · pan)`; `left = Σ gain · gl · L`,
/// `right = Σ gain · gr · R`, `mono = Σ gain · (L + R) / 2`, each product left to right, each sum
/// from 0 over the sounding voices in the order (n0, start call).
/// Voices: at most kMaxVoices sound at once; a voice reaching its `n0` when kMaxVoices already
/// sound stops the oldest (earliest n0, then earliest start call) at that sample. Whether a voice
/// sounds is a function of the sample index alone, so the output does not depend on how the
/// samples are split into blocks, provided every voice is started before the block holding its
/// `n0` is rendered (a voice started late plays from the next rendered sample, with the `k` it
/// would have had). Started voices wait, in a queue of `queue_capacity` records (allocated by the
/// constructor), until their `n0` is rendered; a start that finds the queue full is dropped and
/// counted (dropped_count).
/// Sample indices (n0, block starts) are absolute, in [0, 2^62).
/// Lifetime: a voice keeps non-owning pointers into the sample's frames; they must outlive it
/// (the compiled program holds the decoded samples for as long as the pool exists).
/// Implements: LANGUAGE.md §8.10 (Playback, Mix, Voices).
/// Tests: tests/audio_dsp/sample_voices_test.cpp,
/// tests/audio/no_allocation/sample_voices_no_allocation_test.cpp.
/// Real-time: start, render, stop_all and the accessors yes (no allocation, no locks,
/// noexcept); the constructor no.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::audio::dsp {

/// A decoded sample as the voices read it (non-owning, immutable): `frames` values per channel.
/// For a mono file `right == left`.
struct SampleData {
  const double* left = nullptr;
  const double* right = nullptr;
  std::size_t frames = 0;
  double rate = 0; ///< the file's own sample rate, Hz
};

/// What one voice plays: the per-voice parameters of §8.10, evaluated at its `n0`.
struct VoiceParameters {
  double gain = 1;
  double speed = 1;
  double pan = 0.5;
};

class SampleVoices {
public:
  static constexpr std::size_t kMaxVoices = 256;

  /// A pool for an engine running at `rate` Hz (> 0). `queue_capacity` bounds the voices started
  /// but not yet reached by render (at least the most onsets one block can hold).
  explicit SampleVoices(double rate, std::size_t queue_capacity = kMaxVoices);

  /// Starts a voice at absolute sample `n0`. Returns false when no voice starts: speed 0 or NaN,
  /// nothing to play (see the file comment) or a full queue (counted in dropped_count).
  bool start(const SampleData& sample, std::int64_t n0, const VoiceParameters& parameters) noexcept;

  /// Writes absolute samples [block_start, block_start + n) of the mix into each non-null output
  /// (overwriting it) and retires the voices that ended. Blocks are expected in order; a block
  /// that does not follow the last one simply renders from `block_start`.
  void render(std::int64_t block_start, std::size_t n, double* left, double* right,
              double* mono) noexcept;

  /// Stops every voice, queued ones included (hot reload, reset).
  void stop_all() noexcept;

  /// Voices sounding after the last render.
  std::size_t sounding_count() const noexcept;
  /// Voices started whose `n0` has not been rendered yet.
  std::size_t queued_count() const noexcept;
  /// Starts dropped because the queue was full, since construction.
  std::uint64_t dropped_count() const noexcept { return dropped_; }
  /// Voices stopped early to make room for a new one, since construction.
  std::uint64_t stolen_count() const noexcept { return stolen_; }
  double rate() const noexcept { return rate_; }

private:
  enum class VoiceState : std::uint8_t { Queued, Sounding, Stopped };

  struct Voice {
    const double* left;
    const double* right;
    std::int64_t n0;
    std::int64_t end;    ///< first absolute sample at which the voice no longer sounds
    std::uint64_t order; ///< start-call sequence number
    double base;
    double rho;
    double gain;
    double gain_left;  ///< gain · gl
    double gain_right; ///< gain · gr
    VoiceState state;
  };

  void activate_due(std::int64_t sample) noexcept;
  void retire_ended(std::int64_t sample) noexcept;
  std::int64_t next_onset_after(std::int64_t sample) const noexcept;
  static void mix_voice(const Voice& voice, std::int64_t from, std::int64_t to,
                        std::int64_t block_start, double* left, double* right,
                        double* mono) noexcept;

  double rate_;
  std::size_t capacity_;
  std::vector<Voice> voices_; ///< [0, count_) live, sorted by (n0, order); capacity_ reserved
  std::size_t count_ = 0;
  std::size_t sounding_ = 0;
  std::uint64_t next_order_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t stolen_ = 0;
};

} // namespace weft::audio::dsp
