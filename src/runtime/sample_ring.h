/// \file
/// The history ring of an audio-owned stateful or hardware output (LANGUAGE.md §7.4): the most
/// recent W = 2 * rate samples, read by other domains (and by the audio domain's own history
/// reads, §6.7) at a time τ with linear interpolation. The buffer a "buffer handle" points to
/// for audio -> visual/control reads.
/// Preconditions: samples are written in order, one per audio sample. Single producer; readers
/// synchronise with it outside this class (later: the live engine publishes `newest`).
/// Implements: LANGUAGE.md §7.4 (audio -> other domains). Tests:
/// tests/runtime/sample_ring_test.cpp. Real-time: `write`, `read_at_time`, `at` yes (no allocation,
/// noexcept); construction no.
#pragma once

#include <cstdint>
#include <vector>

namespace weft::runtime {

class SampleRing {
public:
  /// A ring for audio at `rate` Hz holding W = 2 * rate samples (at least 1).
  explicit SampleRing(double rate);

  /// Appends X[newest + 1].
  void write(double value) noexcept;
  /// The index of the newest sample written; -1 before the first.
  std::int64_t newest() const noexcept { return newest_; }
  std::int64_t capacity() const noexcept { return static_cast<std::int64_t>(samples_.size()); }
  double rate() const noexcept { return rate_; }

  /// X[j]: 0 for j < 0 and for samples no longer (or not yet) held.
  double at(std::int64_t j) const noexcept;

  /// The §7.4 read at time `tau` (seconds) by a reader that may see samples up to
  /// `newest_visible` (clamped to what was written): p = clamp(τ·rate, newest − W + 1, newest),
  /// linear between X[floor(p)] and X[floor(p) + 1]; a NaN τ reads X[newest].
  double read_at_time(double tau, std::int64_t newest_visible) const noexcept;

private:
  std::vector<double> samples_;
  std::int64_t newest_ = -1;
  double rate_;
};

} // namespace weft::runtime
