/// \file
/// An audio node that evaluates pure WEFT expressions with the VM over double lanes (LANGUAGE.md
/// §1.6: audio is binary64): one lane per sample, `me@sample` and `me@time` varying, the other
/// `me` fields and `mouse` uniform. Its inputs are the buffers of the owned nodes the expressions
/// read (the program's externals, in order); its outputs are the expressions' values. This is how
/// the arguments of stateful builtins (`lpf(x, 800 + 400 * sine(0.3), …)`) and the `play` values
/// reach the engine: computed per sample, so parameters follow their inputs every sample.
/// Per-sample fields (LANGUAGE.md §5.2, §5.3): sample = s, time = abstime = s / rate (binary64),
/// beat = floor(abstime · bpm / 60) mod timesig_num, measure = floor(abstime · bpm / 60 /
/// timesig_num). Compile the program with `kVaryingFields` as its varying set.
/// History reads (§6.7: an audio-owned output read at a remapped time) go through the rings the
/// backend passes, lane i seeing the samples up to the one it computes; the node then has one
/// extra input per ring, connected to the node that fills it, only so that the schedule runs the
/// filler first (its buffer is not read). `camera` reads sample the latest frame the visual
/// backend exposed (§7.4).
/// Implements: ARCHITECTURE.md §5 ("expression node (VM)"), LANGUAGE.md §5.2 (audio `me` fields).
/// Tests: tests/backends/audio_render_test.cpp. Real-time: process_block yes (the workspace and
/// lane arrays are sized at construction; the VM allocates nothing once its workspace has grown).
#pragma once

#include "audio/engine/audio_node.h"
#include "ir/module.h"
#include "vm/execute.h"
#include "vm/program.h"

#include <array>
#include <vector>

namespace weft::backends::audio {

/// The `me` fields that vary per sample in the audio domain.
inline constexpr ir::CoordMask kVaryingFields =
    ir::coord_bit(ir::Coord::Sample) | ir::coord_bit(ir::Coord::Time) |
    ir::coord_bit(ir::Coord::Abstime) | ir::coord_bit(ir::Coord::Beat) |
    ir::coord_bit(ir::Coord::Measure);

class ExpressionNode : public weft::audio::AudioNode {
public:
  /// `program` computes the node's outputs; `env` gives the uniform `me` fields; `max_block` is
  /// the largest block the engine will run; `histories` and `frames` are the sources of
  /// `program.histories` and `program.frames`, in order.
  ExpressionNode(vm::Program program, const ir::Environment& env, std::size_t max_block,
                 std::vector<vm::HistorySource> histories = {},
                 std::vector<vm::FrameSource> frames = {});

  /// The externals' buffers, then one ordering input per history.
  std::size_t inputs() const noexcept override {
    return program_.externals.size() + histories_.size();
  }
  std::size_t outputs() const noexcept override { return program_.outputs.size(); }
  void process_block(const weft::audio::ProcessContext& ctx, weft::audio::InputBuffers inputs,
                     weft::audio::OutputBuffers outputs) noexcept override;

private:
  vm::Program program_;
  vm::Workspace<double> workspace_;
  vm::Inputs<double> in_;
  ir::Environment env_;
  /// The varying `me` fields the program reads (ir::coord_bit): only their lanes are filled.
  ir::CoordMask reads_ = 0;
  std::vector<double> samples_, times_, beats_, measures_;
  std::vector<const double*> externals_;
  std::vector<vm::HistorySource> histories_;
  std::vector<vm::FrameSource> frames_;
  std::vector<double*> outputs_;
};

} // namespace weft::backends::audio
