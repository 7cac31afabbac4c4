#include "backends/audio/builtin_nodes.h"

#include "audio/dsp/adsr.h"
#include "audio/dsp/delay.h"
#include "audio/dsp/filters.h"
#include "audio/dsp/oscillators.h"
#include "audio/dsp/reverb.h"
#include "audio/dsp/white_noise.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace weft::backends::audio {

namespace dsp = weft::audio::dsp;

namespace {

using weft::audio::AudioNode;
using weft::audio::InputBuffers;
using weft::audio::OutputBuffers;
using weft::audio::ProcessContext;

/// A node of `In` inputs and `outs` outputs whose block is `process(inputs, outputs, n)`; the
/// kernel's state lives in the (mutable) callable.
template <std::size_t In, class Process> class BlockNode final : public AudioNode {
public:
  BlockNode(std::size_t outs, Process process) : outs_(outs), process_(std::move(process)) {}
  std::size_t inputs() const noexcept override { return In; }
  std::size_t outputs() const noexcept override { return outs_; }
  void process_block(const ProcessContext& ctx, InputBuffers in,
                     OutputBuffers out) noexcept override {
    process_(in, out, static_cast<std::size_t>(ctx.block_size));
  }

private:
  std::size_t outs_;
  Process process_;
};

template <std::size_t In, class Process>
std::unique_ptr<AudioNode> node(std::size_t outs, Process process) {
  return std::make_unique<BlockNode<In, Process>>(outs, std::move(process));
}

using Filter = void (*)(dsp::SvfState&, const double*, const double*, const double*, double*,
                        std::size_t) noexcept;

std::unique_ptr<AudioNode> filter(double rate, Filter kernel) {
  return node<3>(1, [state = dsp::SvfState{rate}, kernel](InputBuffers in, OutputBuffers out,
                                                          std::size_t n) mutable noexcept {
    kernel(state, in[0].data(), in[1].data(), in[2].data(), out[0].data(), n);
  });
}

using Oscillator = void (*)(dsp::OscillatorState&, const double*, double*, std::size_t) noexcept;

std::unique_ptr<AudioNode> oscillator(double rate, Oscillator kernel) {
  return node<1>(1, [state = dsp::OscillatorState{rate}, kernel](InputBuffers in, OutputBuffers out,
                                                                 std::size_t n) mutable noexcept {
    kernel(state, in[0].data(), out[0].data(), n);
  });
}

/// `mic`'s block (§8.4): outputs left, right and mono = (left + right) / 2 from the live input,
/// silence where it has no frames.
void mic_block(const LiveInput* input, OutputBuffers out, std::size_t n) noexcept {
  const float* data = input != nullptr ? input->data : nullptr;
  std::size_t have = 0; // samples of this block the input covers
  if (data != nullptr && input->offset < input->frames) {
    have = std::min(n, input->frames - input->offset);
    data += 2 * input->offset;
  }
  for (std::size_t c = 0; c < out.size(); ++c) {
    double* o = out[c].data();
    for (std::size_t i = 0; i < have; ++i) {
      const double l = data[2 * i];
      const double r = data[2 * i + 1];
      o[i] = c == 0 ? l : c == 1 ? r : (l + r) / 2;
    }
    std::fill(o + have, o + n, 0.0);
  }
}

} // namespace

std::unique_ptr<weft::audio::AudioNode> make_builtin_node(const ir::Builtin& builtin, double rate,
                                                          std::uint64_t stream_key,
                                                          const LiveInput* input) {
  const std::string_view name = builtin.name;
  if (name == "sine") return oscillator(rate, dsp::sine_block);
  if (name == "saw") return oscillator(rate, dsp::saw_block);
  if (name == "tri") return oscillator(rate, dsp::tri_block);
  if (name == "square") {
    return node<2>(1, [state = dsp::OscillatorState{rate}](InputBuffers in, OutputBuffers out,
                                                           std::size_t n) mutable noexcept {
      dsp::square_block(state, in[0].data(), in[1].data(), out[0].data(), n);
    });
  }
  if (name == "white") {
    return node<0>(1, [state = dsp::WhiteNoiseState{stream_key, 0}](
                          InputBuffers, OutputBuffers out, std::size_t n) mutable noexcept {
      dsp::white_block(state, out[0].data(), n);
    });
  }
  if (name == "lpf") return filter(rate, dsp::lpf_block);
  if (name == "hpf") return filter(rate, dsp::hpf_block);
  if (name == "bpf") return filter(rate, dsp::bpf_block);
  if (name == "delay") {
    return node<3>(1, [state = dsp::DelayState(rate)](InputBuffers in, OutputBuffers out,
                                                      std::size_t n) mutable noexcept {
      dsp::delay_block(state, in[0].data(), in[1].data(), in[2].data(), out[0].data(), n);
    });
  }
  if (name == "reverb") {
    return node<4>(1, [state = dsp::ReverbState(rate)](InputBuffers in, OutputBuffers out,
                                                       std::size_t n) mutable noexcept {
      dsp::reverb_block(state, in[0].data(), in[1].data(), in[2].data(), in[3].data(),
                        out[0].data(), n);
    });
  }
  if (name == "adsr") {
    return node<5>(1, [state = dsp::AdsrState{rate}](InputBuffers in, OutputBuffers out,
                                                     std::size_t n) mutable noexcept {
      dsp::adsr_block(state, in[0].data(), in[1].data(), in[2].data(), in[3].data(), in[4].data(),
                      out[0].data(), n);
    });
  }
  if (name == "mic") { // §8.4: left, right, mono = (left + right) / 2; silence without input
    return node<0>(builtin.channels.size(),
                   [input](InputBuffers, OutputBuffers out, std::size_t n) noexcept {
                     mic_block(input, out, n);
                   });
  }
  return nullptr;
}

} // namespace weft::backends::audio
