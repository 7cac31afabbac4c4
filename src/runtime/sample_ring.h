/// \file
/// The history ring of an audio-owned stateful or hardware output (LANGUAGE.md §7.4): the most
/// recent W = 2 * rate samples, read by other domains (and by the audio domain's own history
/// reads, §6.7) at a time τ with linear interpolation. The buffer a "buffer handle" points to
/// for audio -> visual/control reads.
/// Preconditions: samples are written in order, one per audio sample, by one producer.
/// Concurrency (live runs: the audio thread writes while the picture thread reads): `newest` is
/// published with release/acquire after the samples it covers, and the storage holds half a
/// second more than the window W, so a reader that fixed its `newest_visible` when its frame
/// began reads samples the writer does not overwrite for the next half second.
/// Implements: LANGUAGE.md §7.4 (audio -> other domains). Tests:
/// tests/runtime/sample_ring_test.cpp. Real-time: `write`, `read_at_time`, `at` yes (no allocation,
/// noexcept); construction no.
#pragma once

#include <atomic>

#include <cstdint>
#include <vector>

namespace weft::runtime {

class SampleRing {
public:
  /// A ring for audio at `rate` Hz with a window of W = 2 * rate samples (at least 1).
  explicit SampleRing(double rate);
  SampleRing(const SampleRing&) = delete;
  SampleRing& operator=(const SampleRing&) = delete;

  /// Appends X[newest + 1].
  void write(double value) noexcept;
  /// Appends `n` samples, then publishes them.
  void write_block(const double* values, std::size_t n) noexcept;
  /// The index of the newest sample written; -1 before the first.
  std::int64_t newest() const noexcept { return newest_.load(std::memory_order_acquire); }
  /// The window W.
  std::int64_t capacity() const noexcept { return window_; }
  double rate() const noexcept { return rate_; }

  /// X[j]: 0 for j < 0 and for samples outside the window (or not yet written).
  double at(std::int64_t j) const noexcept { return at(j, newest()); }

  /// The §7.4 read at time `tau` (seconds) by a reader that may see samples up to
  /// `newest_visible` (clamped to what was written): p = clamp(τ·rate, newest − W + 1, newest),
  /// linear between X[floor(p)] and X[floor(p) + 1]; a NaN τ reads X[newest].
  double read_at_time(double tau, std::int64_t newest_visible) const noexcept;

private:
  double at(std::int64_t j, std::int64_t newest) const noexcept;
  std::size_t slot(std::int64_t j) const noexcept {
    return static_cast<std::size_t>(j % static_cast<std::int64_t>(samples_.size()));
  }

  std::vector<double> samples_; ///< W + rate / 2 samples: the window and the readers' margin
  std::int64_t window_;
  std::atomic<std::int64_t> newest_{-1};
  double rate_;
};

/// The newest sample visual frame `frame` sees offline (§7.4, "one clock"): floor(frame · rate /
/// fps), computed exactly from the binary64 `fps` (every finite binary64 is m · 2^e); -1 for a
/// negative frame, a non-positive or non-finite fps, or a result beyond int64.
std::int64_t newest_sample_of_frame(std::int64_t frame, std::int64_t rate, double fps) noexcept;

} // namespace weft::runtime
