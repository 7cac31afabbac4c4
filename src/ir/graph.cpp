#include "ir/graph.h"

#include <bit>
#include <cmath>

namespace weft::ir {

std::size_t Graph::KeyHash::operator()(const std::vector<std::uint64_t>& k) const {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::uint64_t v : k) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  }
  return static_cast<std::size_t>(h);
}

NodeId Graph::add(Node n, std::span<const NodeId> args) {
  // Derived properties: the union over the arguments.
  for (NodeId a : args) {
    const Node& arg = nodes_[a];
    n.coords |= arg.coords;
    n.reads_mouse = n.reads_mouse || arg.reads_mouse;
    n.poisoned = n.poisoned || arg.poisoned;
    if (arg.purity != Purity::Pure) n.purity = Purity::Derived;
  }
  // An owned node is evaluated in its owner domain; readers address it by time (§7.4), and a
  // history read by the time it is read at, so neither depends on its arguments' coordinates.
  if (n.op == Op::Owned) {
    n.purity = Purity::Owned;
    n.coords = coord_bit(Coord::Time);
    n.reads_mouse = false;
  } else if (n.op == Op::History) {
    n.coords = nodes_[args[1]].coords;
    n.reads_mouse = nodes_[args[1]].reads_mouse;
  }
  std::vector<std::uint64_t> key;
  key.reserve(6 + args.size());
  key.push_back(static_cast<std::uint64_t>(n.op) | (std::uint64_t{n.channel} << 8) |
                (std::uint64_t{n.poisoned} << 16));
  key.push_back(std::bit_cast<std::uint64_t>(n.value));
  key.push_back(n.aux);
  key.push_back(reinterpret_cast<std::uintptr_t>(n.builtin));
  for (NodeId a : args) key.push_back(a);
  auto [it, inserted] = interned_.try_emplace(std::move(key), static_cast<NodeId>(nodes_.size()));
  if (!inserted) return it->second;
  n.first_arg = static_cast<std::uint32_t>(args_.size());
  n.arg_count = static_cast<std::uint32_t>(args.size());
  args_.insert(args_.end(), args.begin(), args.end());
  nodes_.push_back(n);
  return it->second;
}

NodeId Graph::constant(double value) {
  Node n;
  n.op = Op::Constant;
  n.value = value;
  return add(n, {});
}

NodeId Graph::poison() {
  Node n;
  n.op = Op::Constant;
  n.poisoned = true;
  return add(n, {});
}

NodeId Graph::coord(Coord field) {
  Node n;
  n.op = Op::Coord;
  n.aux = static_cast<std::uint32_t>(field);
  n.coords = coord_bit(field);
  return add(n, {});
}

NodeId Graph::mouse(MouseCoord field) {
  Node n;
  n.op = Op::Mouse;
  n.aux = static_cast<std::uint32_t>(field);
  n.reads_mouse = true;
  return add(n, {});
}

bool Graph::any_poisoned(std::span<const NodeId> args) const {
  for (NodeId a : args) {
    if (nodes_[a].poisoned) return true;
  }
  return false;
}

std::optional<std::vector<double>> Graph::constant_values(std::span<const NodeId> args) const {
  std::vector<double> values;
  values.reserve(args.size());
  for (NodeId a : args) {
    if (!is_constant(a)) return std::nullopt;
    values.push_back(nodes_[a].value);
  }
  return values;
}

NodeId Graph::op(Op op, std::span<const NodeId> args) {
  if (any_poisoned(args)) return poison();
  if (auto values = constant_values(args)) return constant(fold_operator(op, *values));
  Node n;
  n.op = op;
  return add(n, args);
}

NodeId Graph::binary(Op op, NodeId a, NodeId b) {
  NodeId args[2] = {a, b};
  return this->op(op, args);
}

NodeId Graph::select(NodeId c, NodeId a, NodeId b) {
  if (is_constant(c)) {
    double v = nodes_[c].value;
    return (v != 0 && !std::isnan(v)) ? a : b;
  }
  if (a == b) return a;
  NodeId args[3] = {c, a, b};
  return op(Op::Select, args);
}

NodeId Graph::call(const Builtin& builtin, std::span<const NodeId> args, std::uint8_t channel,
                   std::uint32_t aux) {
  if (any_poisoned(args)) return poison();
  if (builtin.fold != nullptr && !builtin.has_channels()) {
    if (auto values = constant_values(args)) return constant(builtin.fold(*values));
  }
  Node n;
  n.op = Op::Call;
  n.builtin = &builtin;
  n.channel = channel;
  n.aux = aux;
  return add(n, args);
}

NodeId Graph::owned(const Builtin& builtin, std::uint32_t site, std::uint8_t channel,
                    std::span<const NodeId> args) {
  Node n;
  n.op = Op::Owned;
  n.builtin = &builtin;
  n.aux = site;
  n.channel = channel;
  n.purity = Purity::Owned;
  return add(n, args);
}

NodeId Graph::sample(const Builtin& builtin, std::uint32_t resource, std::uint8_t channel, NodeId u,
                     NodeId v) {
  Node n;
  n.op = Op::Sample;
  n.builtin = &builtin;
  n.aux = resource;
  n.channel = channel;
  // A camera is hardware (§7.3: not pure); a loaded image is an immutable, pure resource.
  if (builtin.nature == BuiltinNature::Hardware) n.purity = Purity::Owned;
  NodeId args[2] = {u, v};
  return add(n, args);
}

NodeId Graph::history(NodeId owned_node, NodeId time) {
  Node n;
  n.op = Op::History;
  NodeId args[2] = {owned_node, time};
  return add(n, args);
}

NodeId Graph::loop_var(std::uint32_t loop, std::uint32_t slot) {
  Node n;
  n.op = Op::LoopVar;
  n.aux = loop;
  n.value = slot;
  return add(n, {});
}

NodeId Graph::loop(std::uint32_t loop, NodeId from, NodeId to, std::span<const NodeId> initial,
                   std::span<const NodeId> next) {
  std::vector<NodeId> args{from, to};
  args.insert(args.end(), initial.begin(), initial.end());
  args.insert(args.end(), next.begin(), next.end());
  if (any_poisoned(args)) return poison();
  Node n;
  n.op = Op::Loop;
  n.aux = loop;
  n.value = static_cast<double>(initial.size());
  return add(n, args);
}

NodeId Graph::loop_result(NodeId loop_node, std::uint32_t carried) {
  if (nodes_[loop_node].poisoned) return poison();
  Node n;
  n.op = Op::LoopResult;
  n.value = carried;
  NodeId args[1] = {loop_node};
  return add(n, args);
}

std::uint32_t Graph::intern(const std::string& s) {
  auto [it, inserted] = string_ids_.try_emplace(s, static_cast<std::uint32_t>(strings_.size()));
  if (inserted) strings_.push_back(s);
  return it->second;
}

namespace {

bool truth(double v) {
  return v != 0 && !std::isnan(v);
}

} // namespace

double fold_operator(Op op, std::span<const double> a) {
  switch (op) {
  case Op::Neg:
    return -a[0];
  case Op::Not:
    return truth(a[0]) ? 0.0 : 1.0;
  case Op::Add:
    return a[0] + a[1];
  case Op::Sub:
    return a[0] - a[1];
  case Op::Mul:
    return a[0] * a[1];
  case Op::Div:
    return a[0] / a[1];
  case Op::Mod:
    return a[1] == 0 ? std::nan("") : a[0] - a[1] * std::floor(a[0] / a[1]);
  case Op::Pow:
    return std::pow(a[0], a[1]);
  case Op::Equal:
    return a[0] == a[1] ? 1.0 : 0.0;
  case Op::NotEqual:
    return a[0] != a[1] ? 1.0 : 0.0;
  case Op::Less:
    return a[0] < a[1] ? 1.0 : 0.0;
  case Op::Greater:
    return a[0] > a[1] ? 1.0 : 0.0;
  case Op::LessEqual:
    return a[0] <= a[1] ? 1.0 : 0.0;
  case Op::GreaterEqual:
    return a[0] >= a[1] ? 1.0 : 0.0;
  case Op::And:
    return truth(a[0]) && truth(a[1]) ? 1.0 : 0.0;
  case Op::Or:
    return truth(a[0]) || truth(a[1]) ? 1.0 : 0.0;
  case Op::Select:
    return truth(a[0]) ? a[1] : a[2];
  default:
    return std::nan("");
  }
}

std::string_view op_name(Op op) {
  switch (op) {
  case Op::Constant:
    return "const";
  case Op::Coord:
    return "me";
  case Op::Mouse:
    return "mouse";
  case Op::Neg:
    return "neg";
  case Op::Not:
    return "not";
  case Op::Add:
    return "add";
  case Op::Sub:
    return "sub";
  case Op::Mul:
    return "mul";
  case Op::Div:
    return "div";
  case Op::Mod:
    return "mod";
  case Op::Pow:
    return "pow";
  case Op::Equal:
    return "eq";
  case Op::NotEqual:
    return "ne";
  case Op::Less:
    return "lt";
  case Op::Greater:
    return "gt";
  case Op::LessEqual:
    return "le";
  case Op::GreaterEqual:
    return "ge";
  case Op::And:
    return "and";
  case Op::Or:
    return "or";
  case Op::Select:
    return "select";
  case Op::Call:
    return "call";
  case Op::Owned:
    return "owned";
  case Op::Sample:
    return "sample";
  case Op::History:
    return "history";
  case Op::Loop:
    return "loop";
  case Op::LoopVar:
    return "loopvar";
  case Op::LoopResult:
    return "result";
  }
  return "?";
}

} // namespace weft::ir
