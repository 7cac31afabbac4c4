/// \file
/// Small deterministic nodes for the engine tests, each stateful per sample where it matters (so
/// block-size and thread-count bugs show), and a builder of random DAGs of them. Values stay in
/// [-1, 1] so no test meets infinities. Real-time: the nodes' block functions yes (no
/// allocation); building no.
/// Tests: tests/audio/*_test.cpp, tests/audio/no_allocation/no_allocation_test.cpp.
#pragma once

#include "audio/engine/audio_node.h"
#include "audio/engine/dependency_graph.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace weft::audio::test {

/// A node with the given port counts whose outputs are 0: for graph-structure tests.
class ShapeNode : public AudioNode {
public:
  ShapeNode(std::size_t inputs, std::size_t outputs) : inputs_(inputs), outputs_(outputs) {}
  std::size_t inputs() const noexcept override { return inputs_; }
  std::size_t outputs() const noexcept override { return outputs_; }
  void process_block(const ProcessContext&, InputBuffers, OutputBuffers out) noexcept override {
    for (std::span<double> o : out) std::fill(o.begin(), o.end(), 0.0);
  }

private:
  std::size_t inputs_, outputs_;
};

class ConstantNode : public AudioNode {
public:
  explicit ConstantNode(double value) : value_(value) {}
  std::size_t inputs() const noexcept override { return 0; }
  void process_block(const ProcessContext&, InputBuffers, OutputBuffers out) noexcept override {
    std::fill(out[0].begin(), out[0].end(), value_);
  }

private:
  double value_;
};

/// A per-sample LCG in [-1, 1): state carries across blocks.
class NoiseNode : public AudioNode {
public:
  explicit NoiseNode(std::uint64_t seed) : state_(seed * 2 + 1) {}
  std::size_t inputs() const noexcept override { return 0; }
  void process_block(const ProcessContext&, InputBuffers, OutputBuffers out) noexcept override {
    for (double& y : out[0]) {
      state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
      y = static_cast<double>(state_ >> 11) * 0x1p-52 - 1.0;
    }
  }

private:
  std::uint64_t state_;
};

/// A function of the absolute sample index: tests ctx.sample_offset.
class SampleIndexNode : public AudioNode {
public:
  std::size_t inputs() const noexcept override { return 0; }
  void process_block(const ProcessContext& ctx, InputBuffers, OutputBuffers out) noexcept override {
    for (std::size_t i = 0; i < out[0].size(); ++i) {
      const auto s = static_cast<std::uint64_t>(ctx.sample_offset) + i;
      out[0][i] = static_cast<double>((s * 7919) % 2001) / 1000.0 - 1.0;
    }
  }
};

/// y += a * (x - y), per sample.
class OnePoleNode : public AudioNode {
public:
  explicit OnePoleNode(double a) : a_(a) {}
  std::size_t inputs() const noexcept override { return 1; }
  void process_block(const ProcessContext&, InputBuffers in, OutputBuffers out) noexcept override {
    double y = y_;
    for (std::size_t i = 0; i < out[0].size(); ++i) {
      y += a_ * (in[0][i] - y);
      out[0][i] = y;
    }
    y_ = y;
  }

private:
  double a_;
  double y_ = 0;
};

/// Sum of w_i * x_i with sum |w_i| <= 1.
class MixNode : public AudioNode {
public:
  explicit MixNode(std::vector<double> weights) : weights_(std::move(weights)) {}
  std::size_t inputs() const noexcept override { return weights_.size(); }
  void process_block(const ProcessContext&, InputBuffers in, OutputBuffers out) noexcept override {
    for (std::size_t i = 0; i < out[0].size(); ++i) {
      double sum = 0;
      for (std::size_t k = 0; k < weights_.size(); ++k) sum += weights_[k] * in[k][i];
      out[0][i] = sum;
    }
  }

private:
  std::vector<double> weights_;
};

class MultiplyNode : public AudioNode {
public:
  std::size_t inputs() const noexcept override { return 2; }
  void process_block(const ProcessContext&, InputBuffers in, OutputBuffers out) noexcept override {
    for (std::size_t i = 0; i < out[0].size(); ++i) out[0][i] = in[0][i] * in[1][i];
  }
};

/// Two outputs: half the input, and half the difference from the previous input sample.
class SplitNode : public AudioNode {
public:
  std::size_t inputs() const noexcept override { return 1; }
  std::size_t outputs() const noexcept override { return 2; }
  void process_block(const ProcessContext&, InputBuffers in, OutputBuffers out) noexcept override {
    for (std::size_t i = 0; i < in[0].size(); ++i) {
      out[0][i] = 0.5 * in[0][i];
      out[1][i] = 0.5 * (in[0][i] - previous_);
      previous_ = in[0][i];
    }
  }

private:
  double previous_ = 0;
};

/// 1 at the first sample of every cycle, else 0: finds the cycle starts of the block in
/// prepare_block from ctx.position (sample ceil(k * rate / cps) starts cycle k), into a fixed
/// array. Tests exact positions and prepare_block.
class CycleTickNode : public AudioNode {
public:
  std::size_t inputs() const noexcept override { return 0; }
  void prepare_block(const ProcessContext& ctx) noexcept override {
    count_ = 0;
    const Rational cps = ctx.cycles_per_second;
    WideInt k = ctx.position.cycle + (ctx.position.phase.num == 0 ? 0 : 1);
    for (;; ++k) {
      const WideInt num = k * ctx.sample_rate * cps.den;
      const WideInt start = (num + cps.num - 1) / cps.num; // ceil, num >= 0
      const WideInt offset = start - ctx.sample_offset;
      if (offset >= ctx.block_size || count_ == ticks_.size()) break;
      ticks_[count_++] = static_cast<std::int64_t>(offset);
    }
    ++prepared_;
  }
  void process_block(const ProcessContext&, InputBuffers, OutputBuffers out) noexcept override {
    std::fill(out[0].begin(), out[0].end(), 0.0);
    for (std::size_t t = 0; t < count_; ++t) out[0][static_cast<std::size_t>(ticks_[t])] = 1.0;
  }
  std::uint64_t prepared() const { return prepared_; }

private:
  std::array<std::int64_t, 64> ticks_{};
  std::size_t count_ = 0;
  std::uint64_t prepared_ = 0;
};

/// No outputs: folds its input into a running value (a side effect only).
class SinkNode : public AudioNode {
public:
  std::size_t inputs() const noexcept override { return 1; }
  std::size_t outputs() const noexcept override { return 0; }
  void process_block(const ProcessContext&, InputBuffers in, OutputBuffers) noexcept override {
    for (double x : in[0]) total_ = 0.5 * total_ + x;
  }
  double total() const { return total_; }

private:
  double total_ = 0;
};

/// A random DAG of `count` test nodes, added in a shuffled order (so ids are not a topological
/// order) and wired from earlier nodes (half the time from the last eight, for depth). Every
/// output read by nobody becomes a graph output. The same seed gives the same graph.
inline void build_random_graph(std::uint64_t seed, std::size_t count, DependencyGraph& graph) {
  std::mt19937_64 rng(seed);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::vector<std::unique_ptr<AudioNode>> made;
  std::vector<std::vector<PortRef>> wiring; // per logical node: sources (logical node, channel)
  std::vector<PortRef> values;              // every (logical node, channel) so far
  std::vector<std::size_t> first_value;     // per logical node: index of its channel 0 in values
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t kind = i < 4 ? below(3) : below(9);
    std::unique_ptr<AudioNode> node;
    switch (kind) {
    case 0:
      node = std::make_unique<NoiseNode>(rng());
      break;
    case 1:
      node = std::make_unique<SampleIndexNode>();
      break;
    case 2:
      node = std::make_unique<CycleTickNode>();
      break;
    case 3:
      node = std::make_unique<OnePoleNode>(0.01 + 0.5 * static_cast<double>(below(100)) / 100);
      break;
    case 4:
      node = std::make_unique<MixNode>(std::vector<double>{0.5, -0.25, 0.25});
      break;
    case 5:
      node = std::make_unique<MixNode>(std::vector<double>{0.7, 0.3});
      break;
    case 6:
      node = std::make_unique<MultiplyNode>();
      break;
    case 7:
      node = std::make_unique<SplitNode>();
      break;
    default:
      node = std::make_unique<SinkNode>();
      break;
    }
    std::vector<PortRef> sources;
    for (std::size_t port = 0; port < node->inputs(); ++port) {
      const std::size_t recent = std::min<std::size_t>(values.size(), 8);
      const bool near = below(2) == 0;
      sources.push_back(near ? values[values.size() - 1 - below(recent)]
                             : values[below(values.size())]);
    }
    first_value.push_back(values.size());
    for (std::uint32_t c = 0; c < node->outputs(); ++c)
      values.push_back(PortRef{static_cast<NodeId>(i), c});
    made.push_back(std::move(node));
    wiring.push_back(std::move(sources));
  }
  std::vector<std::size_t> insertion(count);
  std::iota(insertion.begin(), insertion.end(), 0);
  std::shuffle(insertion.begin(), insertion.end(), rng);
  std::vector<NodeId> id_of(count);
  for (std::size_t logical : insertion) {
    std::string name = std::to_string(logical);
    name.insert(name.begin(), 'n'); // not "n" + ...: g++ 12 warns falsely (-Wrestrict)
    id_of[logical] = graph.add_node(std::move(name), std::move(made[logical]));
  }
  std::vector<std::uint8_t> read(values.size(), 0);
  for (std::size_t i = 0; i < count; ++i)
    for (std::uint32_t port = 0; port < wiring[i].size(); ++port) {
      const PortRef from = wiring[i][port];
      graph.connect({id_of[from.node], from.port}, {id_of[i], port});
      read[first_value[from.node] + from.port] = 1;
    }
  for (std::size_t v = 0; v < values.size(); ++v)
    if (read[v] == 0) graph.add_output({id_of[values[v].node], values[v].port});
}

} // namespace weft::audio::test
