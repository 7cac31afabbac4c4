#include "audio/engine/serial_executor.h"

namespace weft::audio {

SerialExecutor::SerialExecutor(Schedule& schedule) : schedule_(schedule), buffers_(schedule) {}

ProcessStatus SerialExecutor::process(const ProcessContext& ctx) noexcept {
  if (!buffers_.begin_block(ctx)) return ProcessStatus::kBadBlockSize;
  for (const ScheduleStep& step : schedule_.steps()) buffers_.run_step(step, ctx);
  return ProcessStatus::kOk;
}

} // namespace weft::audio
