#include "audio/engine/process_context.h"

#include <limits>

namespace weft::audio {

namespace {

constexpr WideInt kInt64Max = std::numeric_limits<std::int64_t>::max();

bool is_valid_tempo(std::int64_t rate, Rational cps) {
  return rate > 0 && cps.num > 0 && cps.den > 0;
}

/// value / den as a position: floor and the reduced remainder, when both fit.
ContextStatus split_position(WideInt value, WideInt den, CyclePosition& out) {
  const WideInt cycle = value / den; // value >= 0: truncation is floor
  if (cycle > kInt64Max) return ContextStatus::kOverflow;
  const std::optional<Rational> phase = make_rational(value % den, den);
  if (!phase) return ContextStatus::kOverflow;
  out = CyclePosition{static_cast<std::int64_t>(cycle), *phase};
  return ContextStatus::kOk;
}

} // namespace

ContextStatus cycle_position_at(std::int64_t sample, std::int64_t rate, Rational cps,
                                CyclePosition& out) noexcept {
  if (sample < 0 || !is_valid_tempo(rate, cps)) return ContextStatus::kInvalid;
  // sample * cps.num < 2^126 and rate * cps.den < 2^126: both fit in 128 bits.
  return split_position(static_cast<WideInt>(sample) * cps.num,
                        static_cast<WideInt>(rate) * cps.den, out);
}

ContextStatus make_process_context(std::int64_t sample_offset, std::int64_t block_size,
                                   std::int64_t sample_rate, Rational cps,
                                   ProcessContext& out) noexcept {
  if (block_size <= 0) return ContextStatus::kInvalid;
  CyclePosition position;
  const ContextStatus status = cycle_position_at(sample_offset, sample_rate, cps, position);
  if (status != ContextStatus::kOk) return status;
  out = ProcessContext{sample_offset, block_size, sample_rate, cps, position};
  return ContextStatus::kOk;
}

namespace {

/// ctx.position advanced by block_size * cps / rate, exactly.
ContextStatus stepped_position(const ProcessContext& ctx, CyclePosition& out) noexcept {
  // The step block_size * cps / rate, split into whole cycles and a fraction below 1.
  CyclePosition step;
  const ContextStatus status =
      split_position(static_cast<WideInt>(ctx.block_size) * ctx.cycles_per_second.num,
                     static_cast<WideInt>(ctx.sample_rate) * ctx.cycles_per_second.den, step);
  if (status != ContextStatus::kOk) return status;
  // phase + step.phase < 2; a carry of 1 goes to the cycle.
  std::optional<Rational> phase = add(ctx.position.phase, step.phase);
  if (!phase) return ContextStatus::kOverflow;
  WideInt cycle = static_cast<WideInt>(ctx.position.cycle) + step.cycle;
  if (phase->num >= phase->den) {
    phase = make_rational(static_cast<WideInt>(phase->num) - phase->den, phase->den);
    ++cycle;
  }
  if (cycle > kInt64Max) return ContextStatus::kOverflow;
  out = CyclePosition{static_cast<std::int64_t>(cycle), *phase};
  return ContextStatus::kOk;
}

} // namespace

ContextStatus advance_block(ProcessContext& ctx) noexcept {
  if (ctx.block_size <= 0 || !is_valid_tempo(ctx.sample_rate, ctx.cycles_per_second))
    return ContextStatus::kInvalid;
  if (ctx.sample_offset > std::numeric_limits<std::int64_t>::max() - ctx.block_size)
    return ContextStatus::kOverflow;
  const std::int64_t next = ctx.sample_offset + ctx.block_size;
  CyclePosition position;
  ContextStatus status =
      ctx.position_exact ? stepped_position(ctx, position) : ContextStatus::kOverflow;
  if (status != ContextStatus::kOk) {
    status = cycle_position_at(next, ctx.sample_rate, ctx.cycles_per_second, position);
  }
  ctx.sample_offset = next; // the sample index advances whatever the position does
  ctx.position_exact = status == ContextStatus::kOk;
  if (ctx.position_exact) ctx.position = position;
  return status;
}

} // namespace weft::audio
