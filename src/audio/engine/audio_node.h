/// \file
/// The contract of every audio node (a SuperCollider unit, STYLE.md §5 "Audio nodes"): a node owns
/// its state, declares how many input ports and output channels it has, and computes whole blocks
/// of binary64 samples from its input buffers into its output buffers. Which output feeds which
/// input is the DependencyGraph's business, not the node's.
/// Construction (and any setup before the node enters a graph) runs off the audio thread and
/// allocates everything the node will ever need. The graph guarantees: each input span and each
/// output span holds exactly ctx.block_size samples; outputs never alias inputs or each other;
/// output contents on entry are unspecified, so a node writes every sample of every output.
/// Implements: ARCHITECTURE.md §5 (AudioNode). Tests: tests/audio/*_test.cpp (through test
/// nodes). Real-time: prepare_block and process_block yes — noexcept, no allocation, no locks, no
/// I/O; everything else no.
#pragma once

#include "audio/engine/process_context.h"

#include <cstddef>
#include <span>

namespace weft::audio {

/// One span per input port, in port order; each of ctx.block_size samples.
using InputBuffers = std::span<const std::span<const double>>;
/// One span per output channel, in channel order; each of ctx.block_size samples.
using OutputBuffers = std::span<const std::span<double>>;

class AudioNode {
public:
  virtual ~AudioNode() = default;

  /// Number of input ports. Fixed for the node's lifetime; the graph connects each exactly once.
  virtual std::size_t inputs() const noexcept = 0;
  /// Number of output channels (0 for a node with only side effects). Fixed for its lifetime.
  virtual std::size_t outputs() const noexcept { return 1; }

  /// Per-block setup that does not need the inputs (e.g. a pattern node querying the events of
  /// the block into fixed-capacity storage). Called for every node, serially, on the thread that
  /// runs the block, before the block's first level runs.
  virtual void prepare_block(const ProcessContext& /*ctx*/) noexcept {}

  /// Computes outputs[c][0 .. ctx.block_size) for every channel c. May run on any worker thread,
  /// concurrently with other nodes of its level; it must touch only its own state and buffers.
  virtual void process_block(const ProcessContext& ctx, InputBuffers inputs,
                             OutputBuffers outputs) noexcept = 0;
};

} // namespace weft::audio
