/// \file
/// A DependencyGraph compiled into a flat schedule (a SuperCollider GraphDef, STYLE.md §5): the
/// steps level by level (ids in a level in insertion order), each with the indices of the buffers
/// its inputs read and its outputs write, preassigned once here so that running a block is a flat
/// loop with no lookups. The schedule owns the nodes.
/// Buffers are reused after their last reader, at level granularity so that any order within a
/// level (the parallel executor) is safe: a value produced at level p and last read at level r
/// holds its buffer through levels p..r (an unread output only through p; a graph output to the
/// end). Buffers for level L are taken before those whose last reader is at L are given back, from
/// an index-only LIFO BufferPool, so writers of a level never alias its readers, and the number of
/// buffers is the largest number of values live at one level: the minimum for this grouping.
/// Errors (an unconnected input, a cycle, a block size of 0) come back as a message.
/// Implements: ARCHITECTURE.md §5 (flat compiled schedule). Tests: tests/audio/schedule_test.cpp.
/// Real-time: compile_schedule no; the const accessors yes.
#pragma once

#include "audio/engine/buffer_pool.h"
#include "audio/engine/dependency_graph.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace weft::audio {

struct ScheduleStep {
  NodeId node = 0;
  std::uint32_t level = 0;
  std::uint32_t first_input = 0; ///< into Schedule::input_buffers(), input_count of them
  std::uint32_t input_count = 0;
  std::uint32_t first_output = 0; ///< into Schedule::output_buffers(), output_count of them
  std::uint32_t output_count = 0;
};

class Schedule {
public:
  /// Every node once, level by level; within a level by id.
  std::span<const ScheduleStep> steps() const { return steps_; }
  std::size_t level_count() const { return level_begin_.size() - 1; }
  /// Index in steps() of the first step of level `l` (level_begin(level_count()) ==
  /// steps().size()).
  std::uint32_t level_begin(std::size_t l) const { return level_begin_[l]; }
  std::span<const ScheduleStep> level(std::size_t l) const {
    return steps().subspan(level_begin_[l], level_begin_[l + 1] - level_begin_[l]);
  }

  /// The buffer each input port of every step reads, step after step, port after port.
  std::span<const BufferIndex> input_buffers() const { return input_buffers_; }
  /// The buffer each output channel of every step writes, likewise.
  std::span<const BufferIndex> output_buffers() const { return output_buffers_; }
  std::span<const BufferIndex> inputs_of(const ScheduleStep& step) const {
    return input_buffers().subspan(step.first_input, step.input_count);
  }
  std::span<const BufferIndex> outputs_of(const ScheduleStep& step) const {
    return output_buffers().subspan(step.first_output, step.output_count);
  }
  /// The buffer of each graph output channel, in DependencyGraph::add_output order.
  std::span<const BufferIndex> graph_outputs() const { return graph_outputs_; }

  /// Buffers a block needs (each of max_block_size() samples).
  std::size_t buffer_count() const { return buffer_count_; }
  std::size_t max_block_size() const { return max_block_size_; }

  std::size_t node_count() const { return nodes_.size(); }
  AudioNode& node(NodeId id) { return *nodes_[id]; }
  const std::string& name(NodeId id) const { return names_[id]; }

private:
  friend struct ScheduleBuilder;

  std::vector<std::unique_ptr<AudioNode>> nodes_;
  std::vector<std::string> names_;
  std::vector<ScheduleStep> steps_;
  std::vector<std::uint32_t> level_begin_{0};
  std::vector<BufferIndex> input_buffers_;
  std::vector<BufferIndex> output_buffers_;
  std::vector<BufferIndex> graph_outputs_;
  std::size_t buffer_count_ = 0;
  std::size_t max_block_size_ = 0;
};

struct ScheduleResult {
  std::unique_ptr<Schedule> schedule; ///< null on error
  std::string error;                  ///< e.g. "input 1 of node 'lpf' is not connected"
  bool ok() const { return schedule != nullptr; }
};

/// Compiles `graph` (taking its nodes) for blocks of at most `max_block_size` samples.
ScheduleResult compile_schedule(DependencyGraph graph, std::size_t max_block_size);

} // namespace weft::audio
