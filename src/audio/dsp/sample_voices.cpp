// The voice pool of `s`: exact positions from the integer sample offset, time-defined stealing.
#include "audio/dsp/sample_voices.h"

#include "audio/dsp/dsp_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace weft::audio::dsp {

namespace {

constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
/// Beyond 2^52 samples (about 3000 years at 48 kHz) a voice is taken as endless: k + 1 is still
/// exact there, so the length search below always terminates.
constexpr double kLongestCount = 4503599627370496.0; // 2^52

/// §8.1's min: NaN if either argument is NaN.
double spec_min(double a, double b) noexcept {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
  return b < a ? b : a;
}

bool is_inside(double base, double rho, double last, double k) noexcept {
  const double p = base + k * rho;
  return p >= 0 && p <= last;
}

/// How many k = 0, 1, … have `base + k · ρ` in [0, last] (a prefix: the position is monotonic in
/// k). `base` is 0 or `last` and ρ is finite, so k = 0 is always inside. kForever when endless.
std::int64_t sounding_length(double base, double rho, double last) noexcept {
  const double span = last / std::fabs(rho);
  if (!(span < kLongestCount)) return kForever;
  double k = std::floor(span);
  while (k > 0 && !is_inside(base, rho, last, k)) k -= 1;
  while (is_inside(base, rho, last, k + 1)) k += 1;
  return static_cast<std::int64_t>(k) + 1;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
  return b > kForever - a ? kForever : a + b;
}

void clear(double* out, std::size_t n) noexcept {
  if (out != nullptr) std::fill(out, out + n, 0.0);
}

} // namespace

SampleVoices::SampleVoices(double rate, std::size_t queue_capacity)
    : rate_(rate), capacity_(kMaxVoices + queue_capacity), voices_(capacity_) {}

bool SampleVoices::start(const SampleData& sample, std::int64_t n0,
                         const VoiceParameters& parameters) noexcept {
  const double speed = parameters.speed;
  if (std::isnan(speed) || speed == 0) return false;
  if (sample.frames == 0 || sample.left == nullptr || sample.right == nullptr) return false;
  if (!(sample.rate > 0) || !(rate_ > 0)) return false;
  const double rho = speed * sample.rate / rate_;
  if (!std::isfinite(rho)) return false;
  if (count_ - sounding_ >= capacity_ - kMaxVoices) {
    ++dropped_;
    return false;
  }
  const double last = static_cast<double>(sample.frames - 1);
  const double pan = detail::clamp(parameters.pan, 0, 1);
  Voice voice{};
  voice.left = sample.left;
  voice.right = sample.right;
  voice.n0 = n0;
  voice.base = speed > 0 ? 0.0 : last;
  voice.rho = rho;
  voice.end = saturating_add(n0, sounding_length(voice.base, rho, last));
  voice.order = next_order_++;
  voice.gain = parameters.gain;
  voice.gain_left = parameters.gain * spec_min(1.0, 2 * (1 - pan));
  voice.gain_right = parameters.gain * spec_min(1.0, 2 * pan);
  voice.state = VoiceState::Queued;
  // Sorted by (n0, order): the new voice goes after every voice with n0 <= its own.
  std::size_t at = count_;
  while (at > 0 && voices_[at - 1].n0 > n0) --at;
  std::copy_backward(voices_.begin() + static_cast<std::ptrdiff_t>(at),
                     voices_.begin() + static_cast<std::ptrdiff_t>(count_),
                     voices_.begin() + static_cast<std::ptrdiff_t>(count_ + 1));
  voices_[at] = voice;
  ++count_;
  return true;
}

void SampleVoices::render(std::int64_t block_start, std::size_t n, double* left, double* right,
                          double* mono) noexcept {
  clear(left, n);
  clear(right, n);
  clear(mono, n);
  const std::int64_t block_end = block_start + static_cast<std::int64_t>(n);
  std::int64_t s = block_start;
  // Segments between onsets: no voice starts inside one (voices may end there).
  while (s < block_end) {
    activate_due(s);
    const std::int64_t next = std::min(block_end, next_onset_after(s));
    for (std::size_t v = 0; v < count_; ++v) {
      const Voice& voice = voices_[v];
      if (voice.state != VoiceState::Sounding) continue;
      mix_voice(voice, s, std::min(next, voice.end), block_start, left, right, mono);
    }
    retire_ended(next);
    s = next;
  }
}

void SampleVoices::stop_all() noexcept {
  count_ = 0;
  sounding_ = 0;
}

std::size_t SampleVoices::sounding_count() const noexcept {
  return sounding_;
}

std::size_t SampleVoices::queued_count() const noexcept {
  return count_ - sounding_;
}

/// Every queued voice whose n0 has come starts sounding, in (n0, order) order; a voice beyond
/// kMaxVoices stops the oldest sounding one, which has been rendered up to `sample` exclusive.
void SampleVoices::activate_due(std::int64_t sample) noexcept {
  for (std::size_t v = 0; v < count_ && voices_[v].n0 <= sample; ++v) {
    if (voices_[v].state != VoiceState::Queued) continue;
    if (voices_[v].end <= sample) { // started late and already over: nothing left to play
      voices_[v].state = VoiceState::Stopped;
      continue;
    }
    if (sounding_ == kMaxVoices) {
      for (std::size_t old = 0; old < count_; ++old) {
        if (voices_[old].state != VoiceState::Sounding) continue;
        voices_[old].state = VoiceState::Stopped;
        --sounding_;
        ++stolen_;
        break;
      }
    }
    voices_[v].state = VoiceState::Sounding;
    ++sounding_;
  }
}

/// Removes stopped voices and sounding voices that end by `sample`, keeping the order.
void SampleVoices::retire_ended(std::int64_t sample) noexcept {
  std::size_t kept = 0;
  for (std::size_t v = 0; v < count_; ++v) {
    const Voice& voice = voices_[v];
    const bool sounding = voice.state == VoiceState::Sounding;
    if (voice.state == VoiceState::Stopped || (sounding && voice.end <= sample)) {
      if (sounding) --sounding_;
      continue;
    }
    voices_[kept++] = voice;
  }
  count_ = kept;
}

std::int64_t SampleVoices::next_onset_after(std::int64_t sample) const noexcept {
  for (std::size_t v = 0; v < count_; ++v) {
    if (voices_[v].state == VoiceState::Queued && voices_[v].n0 > sample) return voices_[v].n0;
  }
  return kForever;
}

/// Adds the voice's output for absolute samples [from, to) to the outputs (index s − block_start).
void SampleVoices::mix_voice(const Voice& voice, std::int64_t from, std::int64_t to,
                             std::int64_t block_start, double* left, double* right,
                             double* mono) noexcept {
  const bool is_mono = voice.left == voice.right;
  for (std::int64_t s = from; s < to; ++s) {
    // Position of output k = s − n0: one product and one sum from the integer k.
    const double p = voice.base + static_cast<double>(s - voice.n0) * voice.rho;
    const auto i = static_cast<std::size_t>(p); // p >= 0: truncation is floor
    const double f = p - static_cast<double>(i);
    double l = voice.left[i];
    if (f != 0) l = l + (voice.left[i + 1] - l) * f;
    double r = l;
    if (!is_mono) {
      r = voice.right[i];
      if (f != 0) r = r + (voice.right[i + 1] - r) * f;
    }
    const auto at = static_cast<std::size_t>(s - block_start);
    if (left != nullptr) left[at] += voice.gain_left * l;
    if (right != nullptr) right[at] += voice.gain_right * r;
    if (mono != nullptr) mono[at] += voice.gain * (l + r) / 2;
  }
}

} // namespace weft::audio::dsp
