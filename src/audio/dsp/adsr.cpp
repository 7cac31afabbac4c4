// `adsr` (LANGUAGE.md §8.9): a linear attack-decay-sustain-release envelope.
#include "audio/dsp/adsr.h"

#include "audio/dsp/dsp_internal.h"

namespace weft::audio::dsp {

namespace {

/// A stage ends when the level is within this fraction of one step of its target: far above the
/// compensated accumulation's error (about N · 2^-53 of a step after N steps), far below a step.
constexpr double kSnap = 1e-6;

/// The level as an unevaluated sum hi + lo, advanced with Knuth's two-sum so that adding N steps
/// is exact up to the rounding of the step itself.
struct Level {
  double hi;
  double lo;

  void add(double v) noexcept {
    const double s = hi + v;
    const double v_part = s - hi;
    const double error = (hi - (s - v_part)) + (v - v_part);
    const double tail = lo + error;
    hi = s + tail;
    lo = tail - (hi - s);
  }
  void set(double v) noexcept {
    hi = v;
    lo = 0;
  }
};

/// Whether a stage whose level is `remaining` from its target, moving `step` per sample, is done
/// (NaN counts as done, so NaN arguments cannot stick in the state).
bool is_done(double remaining, double step) noexcept {
  return !(remaining > kSnap * step);
}

/// One sample of a linear stage that covers `span` (≥ 0) in `samples` samples, rising or falling
/// towards `target`; returns whether the stage ended, the level then being `target` exactly. A
/// zero, negative or NaN `samples` ends the stage at once.
bool ramp(Level& level, bool rising, double target, double span, double samples) noexcept {
  if (samples > 0) {
    const double step = span / samples;
    level.add(rising ? step : -step);
    const double remaining =
        rising ? (target - level.hi) - level.lo : (level.hi - target) + level.lo;
    if (!is_done(remaining, step)) return false;
  }
  level.set(target);
  return true;
}

/// The arguments of one sample, `sustain` already clamped.
struct Arguments {
  double attack;
  double decay;
  double sustain;
  double release;
};

/// One sample of the stage machine: edges of the gate, then the current stage's update.
void update(AdsrState& st, Level& level, bool high, const Arguments& a) noexcept {
  using Stage = AdsrStageKind;
  if (high && !st.gate_high) st.stage = Stage::Attack;
  if (!high && st.gate_high) {
    st.stage = Stage::Release;
    st.release_from = level.hi;
  }
  st.gate_high = high;
  const double rate = st.rate;
  switch (st.stage) {
  case Stage::Idle:
    level.set(0);
    return;
  case Stage::Attack:
    if (ramp(level, true, 1, 1, a.attack * rate)) st.stage = Stage::Decay;
    return;
  case Stage::Decay:
    if (ramp(level, false, a.sustain, 1 - a.sustain, a.decay * rate)) st.stage = Stage::Sustain;
    return;
  case Stage::Sustain:
    level.set(a.sustain);
    return;
  case Stage::Release:
    if (ramp(level, false, 0, st.release_from, a.release * rate)) st.stage = Stage::Idle;
    return;
  }
}

} // namespace

void adsr_block(AdsrState& state, const double* gate, const double* attack, const double* decay,
                const double* sustain, const double* release, double* out, std::size_t n) noexcept {
  Level level{state.level, state.level_error};
  for (std::size_t i = 0; i < n; ++i) {
    const Arguments args{attack[i], decay[i], detail::clamp(sustain[i], 0, 1), release[i]};
    update(state, level, gate[i] > 0, args);
    out[i] = level.hi;
  }
  state.level = level.hi;
  state.level_error = level.lo;
}

} // namespace weft::audio::dsp
