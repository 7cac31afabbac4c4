/// \file
/// What `Coordinator::lookup` answers (ARCHITECTURE.md §2, the seed's DataReference): either a
/// **buffer handle** — shared memory owned by the producing backend, no copy: a SampleRing (audio
/// history, addressed by time) or a FrameBuffer (latest frame, addressed by x, y) — or a **value
/// getter**: the IR node to evaluate at the reader's own coordinates (the reader inlines it into
/// its own program; evaluation belongs to the VM), plus an optional function pointer the
/// producing backend may set to evaluate one point. Also the coordinate point getters take.
/// Preconditions: none. References keep their buffers alive (shared ownership).
/// Implements: LANGUAGE.md §7.3a, §7.4; ARCHITECTURE.md §2. Tests:
/// tests/runtime/coordinator_test.cpp. Real-time: reading through a reference yes (`ring()`,
/// `frame()`, `value_at` with a real-time evaluate function); building one no.
#pragma once

#include "graph/render_graph.h"
#include "ir/coordinate.h"
#include "ir/graph.h"
#include "runtime/frame_buffer.h"
#include "runtime/sample_ring.h"

#include <array>
#include <memory>
#include <optional>
#include <variant>

namespace weft::runtime {

/// A coordinate point: every `me` field and the `mouse` fields (binary64, §1.6).
struct Point {
  std::array<double, ir::kCoordCount> me{};
  std::array<double, 3> mouse{};
  double& operator[](ir::Coord c) noexcept { return me[static_cast<std::size_t>(c)]; }
  double operator[](ir::Coord c) const noexcept { return me[static_cast<std::size_t>(c)]; }
};

/// "Evaluate this node at your coordinates" (§7.3a).
class ValueGetter {
public:
  /// Evaluates `node` of `graph` at `at`; `state` is the producing backend's.
  using EvaluateFn = double (*)(const void* state, const ir::Graph& graph, ir::NodeId node,
                                const Point& at) noexcept;

  ValueGetter() = default;
  ValueGetter(const ir::Graph* graph, ir::NodeId node, EvaluateFn evaluate = nullptr,
              const void* state = nullptr)
      : graph_(graph), node_(node), evaluate_(evaluate), state_(state) {}

  const ir::Graph* graph() const noexcept { return graph_; }
  ir::NodeId node() const noexcept { return node_; }
  /// Whether a per-point evaluator was attached (otherwise the reader inlines `node`).
  bool can_evaluate() const noexcept { return evaluate_ != nullptr; }
  /// Precondition: can_evaluate().
  double value_at(const Point& at) const noexcept { return evaluate_(state_, *graph_, node_, at); }

private:
  const ir::Graph* graph_ = nullptr;
  ir::NodeId node_ = ir::kNoNode;
  EvaluateFn evaluate_ = nullptr;
  const void* state_ = nullptr;
};

class DataReference {
public:
  /// No reference: what `lookup` answers for a name nothing exposed.
  DataReference() = default;
  static DataReference ring(std::shared_ptr<const SampleRing> ring);
  static DataReference frame(std::shared_ptr<const FrameBuffer> frame);
  static DataReference getter(ValueGetter getter);

  bool valid() const noexcept { return !std::holds_alternative<std::monostate>(target_); }
  /// Precondition: valid().
  graph::AccessPathKind path() const noexcept;
  /// Set for a buffer handle.
  std::optional<graph::BufferKind> buffer_kind() const noexcept;
  /// The shared buffers, or null when the reference is something else.
  const SampleRing* ring() const noexcept;
  const FrameBuffer* frame() const noexcept;
  const ValueGetter* getter() const noexcept { return std::get_if<ValueGetter>(&target_); }

private:
  std::variant<std::monostate, std::shared_ptr<const SampleRing>,
               std::shared_ptr<const FrameBuffer>, ValueGetter>
      target_;
};

} // namespace weft::runtime
