#include "audio/engine/schedule.h"

#include <algorithm>
#include <limits>

namespace weft::audio {

namespace {

constexpr std::uint32_t kLiveToTheEnd = std::numeric_limits<std::uint32_t>::max();

std::string first_unconnected_input(const DependencyGraph& graph) {
  for (NodeId n = 0; n < graph.node_count(); ++n)
    for (std::uint32_t port = 0; port < graph.input_count(n); ++port)
      if (!graph.source({n, port}))
        return "input " + std::to_string(port) + " of node '" + graph.name(n) +
               "' is not connected";
  return {};
}

} // namespace

/// Builds a Schedule from an ordered graph; a friend of Schedule.
struct ScheduleBuilder {
  const DependencyGraph& graph;
  const GraphOrder& order;
  Schedule& out;
  std::vector<std::uint32_t> first_value; // per node: id of its output channel 0 among all values
  std::vector<BufferIndex> value_buffer;  // per value

  std::uint32_t value_of(PortRef output) const { return first_value[output.node] + output.port; }

  void number_values() {
    std::uint32_t next = 0;
    for (NodeId n = 0; n < graph.node_count(); ++n) {
      first_value.push_back(next);
      next += static_cast<std::uint32_t>(graph.output_count(n));
    }
    value_buffer.assign(next, kNoBuffer);
  }

  /// Level after which each value's buffer is free again.
  std::vector<std::uint32_t> release_levels() const {
    std::vector<std::uint32_t> release(value_buffer.size(), 0);
    for (NodeId n = 0; n < graph.node_count(); ++n)
      for (std::uint32_t c = 0; c < graph.output_count(n); ++c)
        release[value_of({n, c})] = order.level[n];
    for (const Edge& e : graph.edges()) {
      std::uint32_t& r = release[value_of(e.from)];
      r = std::max(r, order.level[e.to.node]);
    }
    for (PortRef output : graph.outputs()) release[value_of(output)] = kLiveToTheEnd;
    return release;
  }

  /// Replays one block on an index-only pool: take the outputs of a level, then give back the
  /// values whose last reader is at that level (in schedule order, so the result is fixed).
  void assign_buffers() {
    const std::vector<std::uint32_t> release = release_levels();
    std::vector<std::vector<std::uint32_t>> released_after(order.batches.size());
    for (const std::vector<NodeId>& batch : order.batches)
      for (NodeId n : batch)
        for (std::uint32_t c = 0; c < graph.output_count(n); ++c)
          if (const std::uint32_t v = value_of({n, c}); release[v] != kLiveToTheEnd)
            released_after[release[v]].push_back(v);
    BufferPool pool(value_buffer.size(), 0);
    for (std::size_t level = 0; level < order.batches.size(); ++level) {
      for (NodeId n : order.batches[level])
        for (std::uint32_t c = 0; c < graph.output_count(n); ++c)
          value_buffer[value_of({n, c})] = pool.acquire();
      for (std::uint32_t v : released_after[level]) pool.release(value_buffer[v]);
    }
    out.buffer_count_ = pool.stats().high_water;
  }

  void emit_steps() {
    for (const std::vector<NodeId>& batch : order.batches) {
      for (NodeId n : batch) {
        ScheduleStep step;
        step.node = n;
        step.level = order.level[n];
        step.first_input = static_cast<std::uint32_t>(out.input_buffers_.size());
        step.input_count = static_cast<std::uint32_t>(graph.input_count(n));
        step.first_output = static_cast<std::uint32_t>(out.output_buffers_.size());
        step.output_count = static_cast<std::uint32_t>(graph.output_count(n));
        for (std::uint32_t port = 0; port < step.input_count; ++port)
          out.input_buffers_.push_back(value_buffer[value_of(*graph.source({n, port}))]);
        for (std::uint32_t c = 0; c < step.output_count; ++c)
          out.output_buffers_.push_back(value_buffer[value_of({n, c})]);
        out.steps_.push_back(step);
      }
      out.level_begin_.push_back(static_cast<std::uint32_t>(out.steps_.size()));
    }
    for (PortRef output : graph.outputs())
      out.graph_outputs_.push_back(value_buffer[value_of(output)]);
  }

  /// Last: the schedule takes the nodes (`source` is `graph`, non-const).
  void take_nodes(DependencyGraph& source, std::size_t max_block_size) {
    out.max_block_size_ = max_block_size;
    for (NodeId n = 0; n < source.node_count(); ++n) out.names_.push_back(source.name(n));
    out.nodes_ = source.take_nodes();
  }
};

ScheduleResult compile_schedule(DependencyGraph graph, std::size_t max_block_size) {
  if (max_block_size == 0) return {nullptr, "the largest block size must be at least 1"};
  if (std::string error = first_unconnected_input(graph); !error.empty()) return {nullptr, error};
  const GraphOrder order = order_graph(graph);
  if (!order.ok()) return {nullptr, order.error};

  auto schedule = std::make_unique<Schedule>();
  ScheduleBuilder builder{graph, order, *schedule, {}, {}};
  builder.number_values();
  builder.assign_buffers();
  builder.emit_steps();
  builder.take_nodes(graph, max_block_size);
  return {std::move(schedule), {}};
}

} // namespace weft::audio
