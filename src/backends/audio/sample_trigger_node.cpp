#include "backends/audio/sample_trigger_node.h"

#include "patterns/onsets.h"

#include <algorithm>
#include <limits>

namespace weft::backends::audio {

namespace {

using exact::Rational;
using exact::WideInt;

constexpr WideInt kGrid = WideInt{1} << 20; ///< the query span's resolution: 2^-20 cycle
constexpr std::size_t kMaxOnsets = 16384;   ///< per block, whatever the pattern's bound

/// a < b for reduced fractions with positive denominators.
bool less(const Rational& a, const Rational& b) noexcept {
  return static_cast<WideInt>(a.num) * b.den < static_cast<WideInt>(b.num) * a.den;
}

/// floor(a / b) for b > 0.
WideInt floor_div(WideInt a, WideInt b) noexcept {
  WideInt q = a / b;
  if (a % b != 0 && a < 0) --q;
  return q;
}

} // namespace

SampleTriggerNode::SampleTriggerNode(std::shared_ptr<const patterns::Pattern> pattern,
                                     std::vector<std::shared_ptr<const io::SampleSet>> samples,
                                     Rational cps, std::int64_t rate, std::size_t max_block)
    : pattern_(std::move(pattern)), samples_(std::move(samples)), cps_(cps), rate_(rate),
      voices_(static_cast<double>(rate), kMaxOnsets) {
  // The longest query span: max_block + 1 samples of cycles, widened by the grid on both sides.
  const WideInt grid_steps = floor_div(static_cast<WideInt>(max_block + 1) * cps_.num * kGrid,
                                       static_cast<WideInt>(rate_) * cps_.den) +
                             3;
  const std::optional<Rational> length = exact::make_rational(grid_steps, kGrid);
  const std::size_t bound = length ? pattern_->max_events(*length) : kMaxOnsets;
  storage_.resize(std::min(bound, kMaxOnsets));
  onsets_.resize(storage_.size());
}

Rational SampleTriggerNode::grid_cycle(std::int64_t sample, bool above) const noexcept {
  WideInt k = floor_div(static_cast<WideInt>(sample) * cps_.num * kGrid,
                        static_cast<WideInt>(rate_) * cps_.den);
  if (above) ++k;
  const std::optional<Rational> r = exact::make_rational(k, kGrid);
  return r ? *r : Rational{std::numeric_limits<std::int64_t>::max() / 2, 1};
}

void SampleTriggerNode::prepare_block(const weft::audio::ProcessContext& ctx) noexcept {
  onset_count_ = 0;
  const std::int64_t first = ctx.sample_offset;
  const std::int64_t end = first + ctx.block_size;
  // Onsets b with first <= ceil(b · rate / cps) < end lie in ((first − 1) · cps / rate,
  // (end − 1) · cps / rate]: the grid span holds them all.
  const patterns::TimeSpan span{first == 0 ? Rational{0, 1} : grid_cycle(first - 1, false),
                                grid_cycle(end - 1, true)};
  patterns::EventBuffer found(storage_);
  if (patterns::query_onsets(*pattern_, span, found) != patterns::QueryStatus::kOk) ++dropped_;
  for (const patterns::Event& e : found.events()) {
    if (e.whole.begin.num < 0) continue;
    const std::optional<std::int64_t> start =
        exact::first_counter_at(e.whole.begin, cps_, Rational{rate_, 1});
    if (!start) {
      ++dropped_;
      continue;
    }
    const std::int64_t n0 = *start;
    if (n0 < first || n0 >= end) continue; // another block's onset
    if (onset_count_ == onsets_.size()) {
      ++dropped_;
      continue;
    }
    onsets_[onset_count_++] = Onset{n0, e.whole, e.value, e.tail};
  }
  // Voices of one sample start in event order (whole span, then value): an order of the events
  // themselves, so the mix does not depend on how the samples were cut into blocks.
  std::sort(onsets_.begin(), onsets_.begin() + static_cast<std::ptrdiff_t>(onset_count_),
            [](const Onset& a, const Onset& b) {
              if (a.n0 != b.n0) return a.n0 < b.n0;
              if (a.whole.begin != b.whole.begin) return less(a.whole.begin, b.whole.begin);
              if (a.whole.end != b.whole.end) return less(a.whole.end, b.whole.end);
              if (a.value != b.value) return a.value < b.value;
              return a.tail < b.tail;
            });
}

void SampleTriggerNode::process_block(const weft::audio::ProcessContext& ctx,
                                      weft::audio::InputBuffers inputs,
                                      weft::audio::OutputBuffers outputs) noexcept {
  const std::int64_t first = ctx.sample_offset;
  for (std::size_t k = 0; k < onset_count_; ++k) {
    const Onset& o = onsets_[k];
    const auto i = static_cast<std::size_t>(o.n0 - first);
    const io::SampleSet* set = o.value < samples_.size() ? samples_[o.value].get() : nullptr;
    if (set == nullptr) continue; // a rest or a value that names no sample
    const double index =
        o.tail != patterns::kNoValue ? pattern_->value(o.tail).number : 0.0; // `bd:3`
    const io::SampleBuffer* file = set->file(index, inputs[3][i]);
    if (file == nullptr) continue;
    const weft::audio::dsp::SampleData data{file->left.data(), file->right_or_left().data(),
                                            file->frames(), file->rate};
    if (!voices_.start(data, o.n0, {inputs[0][i], inputs[1][i], inputs[2][i]})) continue;
  }
  voices_.render(first, static_cast<std::size_t>(ctx.block_size), outputs[0].data(),
                 outputs[1].data(), outputs[2].data());
}

} // namespace weft::backends::audio
