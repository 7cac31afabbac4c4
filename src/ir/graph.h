/// \file
/// The IR: a hash-consed DAG of value nodes in one flat array (`Graph`). Every node refers only
/// to nodes created before it, so the array is a topological order and every pass is a loop, not
/// a recursion, whatever the program's depth. Identical pure subexpressions exist once; each
/// stateful call site is its own node (LANGUAGE.md §8.0). Each node knows its purity and which
/// `me` coordinates it depends on.
/// Implements: LANGUAGE.md §3.4 (operators), §7.3 (purity). Tests: tests/ir/graph_test.cpp.
/// Real-time: no.
#pragma once

#include "ir/builtins/builtin.h"
#include "ir/coordinate.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace weft::ir {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

enum class Op : std::uint8_t {
  Constant, ///< `value`
  Coord,    ///< a `me` field of the evaluating domain; `aux` = Coord
  Mouse,    ///< a `mouse` field; `aux` = MouseCoord
  Neg,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  And,
  Or,
  Select,  ///< args: condition, then, else
  Call,    ///< a pure builtin; `builtin`, args in parameter order (defaults filled in)
  Owned,   ///< a stateful or hardware builtin instance; `aux` = its site key, `channel` = output
  Sample,  ///< an image lookup: `builtin` (load/camera), `aux` = string id, `channel`, args: u, v
  History, ///< args: an audio-owned node, the time at which to read it (§6.7, §7.4)
  /// A loop whose bounds are not compile-time constants (§4.5), kept as a loop: `aux` = loop id,
  /// `value` = k carried values; args: from, to, k initial values, k values after one iteration
  /// (computed from the LoopVar nodes of the same loop). The evaluator runs
  /// floor(from) … floor(to) inclusively, at most kMaxLoopTrips times.
  Loop,
  LoopVar, ///< inside a loop body: `aux` = loop id, `value` = 0 for the index, j + 1 for carried j
  LoopResult, ///< args: a Loop; `value` = j: carried value j after the last iteration
};

/// How a node relates to state (§7.3, §7.3a). Ordered: combining takes the maximum.
enum class Purity : std::uint8_t {
  Pure,    ///< no stateful or hardware node in its cone
  Derived, ///< reads an owned node somewhere in its cone
  Owned,   ///< is itself a stateful or hardware builtin instance
};

struct Node {
  Op op = Op::Constant;
  std::uint8_t channel = 0;
  Purity purity = Purity::Pure;
  bool reads_mouse = false;
  /// Depends on a value whose definition had an error: checks skip it (no follow-on errors).
  bool poisoned = false;
  std::uint32_t first_arg = 0;
  std::uint32_t arg_count = 0;
  std::uint32_t aux = 0;
  CoordMask coords = 0; ///< the `me` fields this node's value depends on
  const Builtin* builtin = nullptr;
  double value = 0;
};

class Graph {
public:
  Graph() { intern(""); } // string id 0 is "no string"

  const Node& node(NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  std::span<const NodeId> args(NodeId id) const {
    const Node& n = nodes_[id];
    return {args_.data() + n.first_arg, n.arg_count};
  }
  std::span<const NodeId> args(const Node& n) const {
    return {args_.data() + n.first_arg, n.arg_count};
  }

  NodeId constant(double value);
  /// The stand-in value of an erroneous definition (0, marked `poisoned`).
  NodeId poison();
  NodeId coord(Coord field);
  NodeId mouse(MouseCoord field);
  /// An operator node; folds it when every argument is a constant.
  NodeId op(Op op, std::span<const NodeId> args);
  NodeId unary(Op op, NodeId a) { return this->op(op, std::span<const NodeId>(&a, 1)); }
  NodeId binary(Op op, NodeId a, NodeId b);
  NodeId select(NodeId c, NodeId a, NodeId b);
  /// A pure builtin call; folds it when every argument is constant and the builtin can fold.
  /// `channel` and `aux` (a string id, for patterns) are part of its identity.
  NodeId call(const Builtin& builtin, std::span<const NodeId> args, std::uint8_t channel = 0,
              std::uint32_t aux = 0);
  /// A stateful or hardware builtin instance. `site` identifies the call site in the fully
  /// inlined program; equal sites with equal arguments are the same instance.
  NodeId owned(const Builtin& builtin, std::uint32_t site, std::uint8_t channel,
               std::span<const NodeId> args);
  NodeId sample(const Builtin& builtin, std::uint32_t resource, std::uint8_t channel, NodeId u,
                NodeId v);
  NodeId history(NodeId owned_node, NodeId time);
  /// The index (`slot` 0) or carried value `slot` - 1 of loop `loop` inside its body.
  NodeId loop_var(std::uint32_t loop, std::uint32_t slot);
  NodeId loop(std::uint32_t loop, NodeId from, NodeId to, std::span<const NodeId> initial,
              std::span<const NodeId> next);
  NodeId loop_result(NodeId loop_node, std::uint32_t carried);

  bool is_constant(NodeId id) const { return nodes_[id].op == Op::Constant; }
  /// Interns a string (paths, patterns) and returns its id.
  std::uint32_t intern(const std::string& s);
  const std::string& string(std::uint32_t id) const { return strings_[id]; }

private:
  NodeId add(Node n, std::span<const NodeId> args);
  /// An error upstream: the result is poison too (no follow-on errors).
  bool any_poisoned(std::span<const NodeId> args) const;
  /// The arguments' values when every one is a constant (then the node folds).
  std::optional<std::vector<double>> constant_values(std::span<const NodeId> args) const;

  struct KeyHash {
    std::size_t operator()(const std::vector<std::uint64_t>& k) const;
  };
  std::vector<Node> nodes_;
  std::vector<NodeId> args_;
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t> string_ids_;
  std::unordered_map<std::vector<std::uint64_t>, NodeId, KeyHash> interned_;
};

/// Evaluates a pure operator on constants in binary64 with the §3.4 semantics.
double fold_operator(Op op, std::span<const double> args);
/// The name of an operator, e.g. "add", for dumps.
std::string_view op_name(Op op);

} // namespace weft::ir
