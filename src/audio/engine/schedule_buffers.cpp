#include "audio/engine/schedule_buffers.h"

namespace weft::audio {

ScheduleBuffers::ScheduleBuffers(Schedule& schedule)
    : schedule_(schedule), pool_(schedule.buffer_count(), schedule.max_block_size()),
      inputs_(schedule.input_buffers().size()), outputs_(schedule.output_buffers().size()),
      graph_outputs_(schedule.graph_outputs().size()) {}

void ScheduleBuffers::bind(std::size_t block_size) noexcept {
  if (block_size == bound_block_size_) return;
  const std::span<const BufferIndex> in = schedule_.input_buffers();
  for (std::size_t i = 0; i < in.size(); ++i) inputs_[i] = pool_.buffer(in[i]).first(block_size);
  const std::span<const BufferIndex> out = schedule_.output_buffers();
  for (std::size_t i = 0; i < out.size(); ++i) outputs_[i] = pool_.buffer(out[i]).first(block_size);
  const std::span<const BufferIndex> graph_out = schedule_.graph_outputs();
  for (std::size_t i = 0; i < graph_out.size(); ++i)
    graph_outputs_[i] = pool_.buffer(graph_out[i]).first(block_size);
  bound_block_size_ = block_size;
}

bool ScheduleBuffers::begin_block(const ProcessContext& ctx) noexcept {
  const bool good = ctx.block_size >= 1 &&
                    static_cast<std::uint64_t>(ctx.block_size) <= schedule_.max_block_size();
  bind(good ? static_cast<std::size_t>(ctx.block_size) : 0);
  if (!good) return false;
  for (const ScheduleStep& step : schedule_.steps()) schedule_.node(step.node).prepare_block(ctx);
  return true;
}

void ScheduleBuffers::run_step(const ScheduleStep& step, const ProcessContext& ctx) noexcept {
  const InputBuffers in{inputs_.data() + step.first_input, step.input_count};
  const OutputBuffers out{outputs_.data() + step.first_output, step.output_count};
  schedule_.node(step.node).process_block(ctx, in, out);
}

std::span<const double> ScheduleBuffers::output(std::size_t channel) const noexcept {
  if (channel >= graph_outputs_.size()) return {};
  return graph_outputs_[channel];
}

} // namespace weft::audio
