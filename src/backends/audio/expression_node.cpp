#include "backends/audio/expression_node.h"

#include <cmath>

namespace weft::backends::audio {

namespace {

constexpr std::size_t index_of(ir::Coord c) {
  return static_cast<std::size_t>(c);
}

} // namespace

ExpressionNode::ExpressionNode(vm::Program program, const ir::Environment& env,
                               std::size_t max_block, std::vector<vm::HistorySource> histories,
                               std::vector<vm::FrameSource> frames)
    : program_(std::move(program)), env_(env), samples_(max_block), times_(max_block),
      beats_(max_block), measures_(max_block), externals_(program_.externals.size()),
      histories_(std::move(histories)), frames_(std::move(frames)),
      outputs_(program_.outputs.size()) {
  for (int c = 0; c < ir::kCoordCount; ++c) {
    const auto coord = static_cast<ir::Coord>(c);
    if (ir::is_environment_coord(coord)) in_.coords[c] = env.value(coord);
  }
  in_.coord_lanes[index_of(ir::Coord::Sample)] = samples_.data();
  in_.coord_lanes[index_of(ir::Coord::Time)] = times_.data();
  in_.coord_lanes[index_of(ir::Coord::Abstime)] = times_.data();
  in_.coord_lanes[index_of(ir::Coord::Beat)] = beats_.data();
  in_.coord_lanes[index_of(ir::Coord::Measure)] = measures_.data();
  in_.mouse = {0.5, 0.5, 0}; // §5.5: headless and offline
  for (const vm::Input& input : program_.inputs) {
    if (input.kind == vm::InputKind::Coord) {
      reads_ |= ir::coord_bit(static_cast<ir::Coord>(input.field)) & kVaryingFields;
    }
  }
  in_.externals = externals_;
  in_.histories = histories_;
  in_.frames = frames_;
  in_.history_lane_step = 1; // lane i computes sample first + i and sees up to it (§7.4)
  in_.clock_lane_step = 1;   // patterns: lane i is sample first + i (§8.10)
  in_.clock_rate = env.rate;
  // Grow the workspace now, off the audio thread: one run over a full block.
  std::vector<std::vector<double>> scratch(outputs_.size(), std::vector<double>(max_block));
  std::vector<std::vector<double>> zeros(externals_.size(), std::vector<double>(max_block));
  for (std::size_t k = 0; k < zeros.size(); ++k) externals_[k] = zeros[k].data();
  for (std::size_t k = 0; k < scratch.size(); ++k) outputs_[k] = scratch[k].data();
  vm::run<double>(program_, in_, vm::Outputs<double>{outputs_}, max_block, workspace_);
}

void ExpressionNode::process_block(const weft::audio::ProcessContext& ctx,
                                   weft::audio::InputBuffers inputs,
                                   weft::audio::OutputBuffers outputs) noexcept {
  const auto n = static_cast<std::size_t>(ctx.block_size);
  // Only the lanes the program reads (most argument expressions read none, or only me@time):
  // each is the same value whichever others are computed. One loop per field, so each vectorises.
  const std::int64_t first = ctx.sample_offset;
  const double rate = env_.rate;
  constexpr ir::CoordMask kTimes =
      ir::coord_bit(ir::Coord::Time) | ir::coord_bit(ir::Coord::Abstime) |
      ir::coord_bit(ir::Coord::Beat) | ir::coord_bit(ir::Coord::Measure);
  if ((reads_ & ir::coord_bit(ir::Coord::Sample)) != 0) {
    for (std::size_t i = 0; i < n; ++i) {
      samples_[i] = static_cast<double>(first + static_cast<std::int64_t>(i));
    }
  }
  if ((reads_ & kTimes) != 0) {
    for (std::size_t i = 0; i < n; ++i) {
      times_[i] = static_cast<double>(first + static_cast<std::int64_t>(i)) / rate;
    }
  }
  if ((reads_ & ir::coord_bit(ir::Coord::Beat)) != 0) {
    for (std::size_t i = 0; i < n; ++i) beats_[i] = env_.beat_at(times_[i]);
  }
  if ((reads_ & ir::coord_bit(ir::Coord::Measure)) != 0) {
    for (std::size_t i = 0; i < n; ++i) measures_[i] = env_.measure_at(times_[i]);
  }
  for (std::size_t k = 0; k < externals_.size(); ++k) externals_[k] = inputs[k].data();
  in_.history_newest = first;
  in_.clock_first = first;
  for (std::size_t k = 0; k < outputs_.size(); ++k) outputs_[k] = outputs[k].data();
  vm::run<double>(program_, in_, vm::Outputs<double>{outputs_}, n, workspace_);
}

} // namespace weft::backends::audio
