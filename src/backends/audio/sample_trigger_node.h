/// \file
/// The engine node of one `s` call (LANGUAGE.md §8.10; ARCHITECTURE.md §5 "pattern node", "sample
/// trigger"): its pattern is queried once per block for the events whose whole begins in the
/// block, each starting one voice at sample n0 = ceil(b · rate / cps), computed exactly from the
/// binary64 tempo and rate with 128-bit integers, so triggering depends on onsets only, never on
/// block boundaries. The voice's gain, speed, pan and n are the input samples at n0 (its
/// arguments, evaluated per sample in the audio domain); the file is floor(index + n) mod count of
/// the event's sample (index: its `:` value, else 0). Voices play through dsp::SampleVoices (256
/// at once, the oldest stolen) into the left, right and mono outputs.
/// The query span is [n0 − 1, n0 + block − 1] · cps / rate widened to multiples of 2^-20 cycle:
/// every candidate onset is found, and the exact n0 decides which block starts it, so each event
/// starts once. Events at negative cycles start nothing.
/// Preconditions: `samples[v]` is the decoded sample of pattern value v for every word that is an
/// event value (the IR resolved them at compile time); the pattern, the samples and the node's
/// storage are fixed at construction (the query's capacity comes from Pattern::max_events).
/// Implements: LANGUAGE.md §8.10 (`s`: triggering, parameters, voices). Tests:
/// tests/backends/sample_trigger_test.cpp. Real-time: prepare_block and process_block yes (no
/// allocation, no locks); construction no.
#pragma once

#include "audio/dsp/sample_voices.h"
#include "audio/engine/audio_node.h"
#include "exact/rational.h"
#include "io/sample_bank.h"
#include "patterns/pattern.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace weft::backends::audio {

class SampleTriggerNode final : public weft::audio::AudioNode {
public:
  /// Inputs: gain, speed, pan, n and the pattern's string id (unused); outputs: left, right, mono.
  /// `cps` is me<cps> and `rate` the engine rate (both exact); `max_block` the largest block.
  SampleTriggerNode(std::shared_ptr<const patterns::Pattern> pattern,
                    std::vector<std::shared_ptr<const io::SampleSet>> samples, exact::Rational cps,
                    std::int64_t rate, std::size_t max_block);

  std::size_t inputs() const noexcept override { return 5; }
  std::size_t outputs() const noexcept override { return 3; }
  void prepare_block(const weft::audio::ProcessContext& ctx) noexcept override;
  void process_block(const weft::audio::ProcessContext& ctx, weft::audio::InputBuffers inputs,
                     weft::audio::OutputBuffers outputs) noexcept override;

  /// Onsets dropped because a query or a start did not fit (0 unless the pattern is denser than
  /// its compile-time bound): for tests and diagnostics.
  std::uint64_t dropped() const noexcept { return dropped_; }

private:
  /// One onset of the block: its exact start sample and the event.
  struct Onset {
    std::int64_t n0 = 0;
    patterns::TimeSpan whole; ///< orders voices of one sample (with the values)
    std::uint32_t value = 0;
    std::uint32_t tail = 0;
  };
  /// The cycle position k / 2^20 with k = floor(sample · cps · 2^20 / rate) (+ 1 when `above`).
  exact::Rational grid_cycle(std::int64_t sample, bool above) const noexcept;

  std::shared_ptr<const patterns::Pattern> pattern_;
  std::vector<std::shared_ptr<const io::SampleSet>> samples_;
  exact::Rational cps_;
  std::int64_t rate_;
  std::vector<patterns::Event> storage_;
  std::vector<Onset> onsets_; ///< capacity fixed at construction
  std::size_t onset_count_ = 0;
  weft::audio::dsp::SampleVoices voices_;
  std::uint64_t dropped_ = 0;
};

} // namespace weft::backends::audio
