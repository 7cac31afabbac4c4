// Node construction for the parser, the Euclidean rhythms a pattern can need (computed here, off
// the audio thread), and the per-node shapes behind Pattern::max_events.
#include "patterns/pattern_builder.h"

#include "patterns/bjorklund.h"
#include "patterns/time_math.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>

namespace weft::patterns {

using detail::kNoNode;
using detail::Node;
using detail::NodeKind;

namespace {

constexpr std::int64_t kMaxSteps = 4096; // Euclid steps (and pulses) per cycle

} // namespace

std::uint32_t PatternBuilder::add(Node n) {
  std::uint32_t depth = 0;
  const auto deeper = [&](std::uint32_t id) {
    if (id != kNoNode) depth = std::max(depth, depth_[id]);
  };
  if (n.kind == NodeKind::kSequence || n.kind == NodeKind::kStack || n.kind == NodeKind::kChoose) {
    for (std::uint32_t i = 0; i < n.count; ++i) deeper(p_.children_[n.first + i]);
  } else if (n.kind != NodeKind::kAtom) {
    deeper(n.child);
    for (std::uint32_t a : n.arg) deeper(a);
  }
  depth_.push_back(depth + 1);
  max_depth_ = std::max(max_depth_, depth + 1);
  p_.nodes_.push_back(n);
  return static_cast<std::uint32_t>(p_.nodes_.size() - 1);
}

std::uint32_t PatternBuilder::add_value(Value v) {
  p_.values_.push_back(std::move(v));
  return static_cast<std::uint32_t>(p_.values_.size() - 1);
}

std::uint32_t PatternBuilder::atom(std::uint32_t value) {
  Node n;
  n.kind = NodeKind::kAtom;
  n.value = value;
  return add(n);
}

std::uint32_t PatternBuilder::silence() {
  return add(Node{});
}

std::uint32_t PatternBuilder::sequence(const std::vector<std::uint32_t>& children,
                                       const std::vector<Rational>& weights) {
  if (children.size() == 1) return children[0];
  TimeMath math;
  Rational total;
  for (Rational w : weights) total = math.add(total, w);
  Node n;
  n.kind = NodeKind::kSequence;
  n.first = static_cast<std::uint32_t>(p_.children_.size());
  n.count = static_cast<std::uint32_t>(children.size());
  Rational sum;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const Rational next = math.add(sum, weights[i]);
    p_.children_.push_back(children[i]);
    p_.slots_.push_back(TimeSpan{math.div(sum, total), math.div(next, total)});
    sum = next;
  }
  p_.slots_.resize(p_.children_.size()); // keep slots_ parallel to children_
  return add(n);
}

std::uint32_t PatternBuilder::stack(const std::vector<std::uint32_t>& children) {
  if (children.size() == 1) return children[0];
  Node n;
  n.kind = NodeKind::kStack;
  n.first = static_cast<std::uint32_t>(p_.children_.size());
  n.count = static_cast<std::uint32_t>(children.size());
  p_.children_.insert(p_.children_.end(), children.begin(), children.end());
  p_.slots_.resize(p_.children_.size());
  return add(n);
}

std::uint32_t PatternBuilder::choose(const std::vector<std::uint32_t>& children,
                                     std::uint32_t seed) {
  const std::uint32_t id = stack(children);
  if (children.size() == 1) {
    Node n;
    n.kind = NodeKind::kChoose;
    n.first = static_cast<std::uint32_t>(p_.children_.size());
    n.count = 1;
    n.seed = seed;
    p_.children_.push_back(id);
    p_.slots_.resize(p_.children_.size());
    return add(n);
  }
  p_.nodes_[id].kind = NodeKind::kChoose;
  p_.nodes_[id].seed = seed;
  return id;
}

std::uint32_t PatternBuilder::fast_constant(std::uint32_t child, Rational factor) {
  if (factor == Rational{1, 1}) return child;
  Node n;
  n.kind = NodeKind::kFast;
  n.child = child;
  n.factor = factor;
  return add(n);
}

std::uint32_t PatternBuilder::fast_patterned(std::uint32_t child, std::uint32_t factor,
                                             Rational divisor, bool slow) {
  Node n;
  n.kind = NodeKind::kFast;
  n.child = child;
  n.arg[0] = factor;
  n.factor = divisor;
  n.slow = slow;
  return add(n);
}

std::uint32_t PatternBuilder::repeat(std::uint32_t child, std::uint32_t count) {
  Node n;
  n.kind = NodeKind::kRepeat;
  n.child = child;
  n.count = count;
  return add(n);
}

std::uint32_t PatternBuilder::degrade(std::uint32_t child, double amount, std::uint32_t seed) {
  Node n;
  n.kind = NodeKind::kDegrade;
  n.child = child;
  n.amount = amount;
  n.seed = seed;
  return add(n);
}

std::optional<PatternBuilder::ValueError>
PatternBuilder::euclid(std::uint32_t child, std::uint32_t pulses, std::uint32_t steps,
                       std::uint32_t rotation, std::uint32_t& node) {
  std::vector<std::uint32_t> all = atom_values(pulses);
  const std::vector<std::uint32_t> step_values = atom_values(steps);
  all.insert(all.end(), step_values.begin(), step_values.end());
  if (rotation != kNoNode) {
    const std::vector<std::uint32_t> r = atom_values(rotation);
    all.insert(all.end(), r.begin(), r.end());
  }
  for (std::uint32_t v : all) {
    const Value& value = p_.values_[v];
    if (value.exact.den != 1) {
      return ValueError{v,
                        fmt::format("euclid arguments must be integers, found '{}'", value.text)};
    }
  }
  for (std::uint32_t v : step_values) {
    const Value& value = p_.values_[v];
    if (value.exact.num < 1 || value.exact.num > kMaxSteps) {
      return ValueError{v, fmt::format("euclid steps must be between 1 and {}, found '{}'",
                                       kMaxSteps, value.text)};
    }
  }
  const bool constant = node_is_atom(pulses) && node_is_atom(steps);
  for (std::uint32_t k : atom_values(pulses)) {
    for (std::uint32_t n : step_values) {
      const std::int64_t ones = p_.values_[k].exact.num;
      const std::int64_t count = p_.values_[n].exact.num;
      if (std::llabs(ones) > count) {
        if (constant) {
          return ValueError{k,
                            fmt::format("euclid pulses ({}) exceed the steps ({})", ones, count)};
        }
        continue;
      }
      const bool known = std::any_of(p_.rhythms_.begin(), p_.rhythms_.end(), [&](const auto& r) {
        return r.pulses == ones && r.steps == count;
      });
      if (known) continue;
      const std::vector<std::uint8_t> bits = bjorklund(ones, count);
      p_.rhythms_.push_back(
          detail::Rhythm{ones, count, static_cast<std::uint32_t>(p_.bits_.size())});
      p_.bits_.insert(p_.bits_.end(), bits.begin(), bits.end());
    }
  }
  Node e;
  e.kind = NodeKind::kEuclid;
  e.child = child;
  e.arg[0] = pulses;
  e.arg[1] = steps;
  e.arg[2] = rotation;
  node = add(e);
  return std::nullopt;
}

std::uint32_t PatternBuilder::pair(std::uint32_t child, std::uint32_t tail, std::uint32_t offset) {
  Node n;
  n.kind = NodeKind::kPair;
  n.child = child;
  n.arg[0] = tail;
  if (!p_.has_pairs_ || offset < p_.first_pair_offset_) p_.first_pair_offset_ = offset;
  p_.has_pairs_ = true;
  return add(n);
}

bool PatternBuilder::node_is_atom(std::uint32_t node) const {
  return p_.nodes_[node].kind == NodeKind::kAtom;
}

std::vector<std::uint32_t> PatternBuilder::atom_values(std::uint32_t node) const {
  std::vector<std::uint32_t> out;
  std::vector<std::uint32_t> todo{node};
  while (!todo.empty()) {
    const std::uint32_t id = todo.back();
    todo.pop_back();
    if (id == kNoNode) continue;
    const Node& n = p_.nodes_[id];
    switch (n.kind) {
    case NodeKind::kAtom:
      out.push_back(n.value);
      break;
    case NodeKind::kSilence:
      break;
    case NodeKind::kSequence:
    case NodeKind::kStack:
    case NodeKind::kChoose:
      for (std::uint32_t i = 0; i < n.count; ++i) todo.push_back(p_.children_[n.first + i]);
      break;
    case NodeKind::kPair:
      todo.push_back(n.child);
      break; // the values, not the `:` values
    default:
      todo.push_back(n.child);
      break; // arguments are not values
    }
  }
  return out;
}

bool PatternBuilder::has_pairs(std::uint32_t node) const {
  if (node == kNoNode) return false;
  const Node& n = p_.nodes_[node];
  switch (n.kind) {
  case NodeKind::kPair:
    return true;
  case NodeKind::kAtom:
  case NodeKind::kSilence:
    return false;
  case NodeKind::kSequence:
  case NodeKind::kStack:
  case NodeKind::kChoose:
    for (std::uint32_t i = 0; i < n.count; ++i) {
      if (has_pairs(p_.children_[n.first + i])) return true;
    }
    return false;
  default:
    return has_pairs(n.child);
  }
}

/// The largest (or smallest) effective factor of a patterned kFast node, over its positive values.
double PatternBuilder::factor_extreme(const Node& n, bool largest) const {
  double best = largest ? 0 : std::numeric_limits<double>::infinity();
  for (std::uint32_t v : atom_values(n.arg[0])) {
    const Rational x = p_.values_[v].exact;
    if (x.num <= 0) continue;
    double f = to_double(x) / to_double(n.factor);
    if (n.slow) f = 1 / f;
    best = largest ? std::max(best, f) : std::min(best, f);
  }
  return best;
}

/// The shape of node `id`, its operands' shapes being in p_.shapes_ already.
detail::NodeShape PatternBuilder::shape(std::uint32_t id) const {
  const Node& n = p_.nodes_[id];
  const auto of = [&](std::uint32_t node) { return p_.shapes_[node]; };
  const auto is_integer = [](double x) { return x >= 1 && std::floor(x) == x; };
  detail::NodeShape s;
  switch (n.kind) {
  case NodeKind::kAtom:
  case NodeKind::kSilence:
    return s;
  case NodeKind::kSequence:
  case NodeKind::kStack:
  case NodeKind::kChoose:
    s.whole = 0;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      const detail::NodeShape c = of(p_.children_[n.first + i]);
      const TimeSpan slot = p_.slots_[n.first + i];
      const double width = n.kind == NodeKind::kSequence
                               ? exact::to_double(slot.end) - exact::to_double(slot.begin)
                               : 1;
      s.whole = std::max(s.whole, c.whole * width);
      s.aligned = s.aligned && c.aligned;
    }
    return s;
  case NodeKind::kFast: {
    const detail::NodeShape c = of(n.child);
    if (n.arg[0] == kNoNode) {
      const double f = exact::to_double(n.factor);
      s.most = s.least = f;
      s.whole = c.whole / f;
      s.aligned = c.aligned && (is_integer(f) || f == 1);
      return s;
    }
    s.most = factor_extreme(n, true);
    s.least = factor_extreme(n, false);
    s.whole = std::isinf(s.least) ? 0 : c.whole / s.least;
    s.aligned = false;
    return s;
  }
  case NodeKind::kRepeat:
  case NodeKind::kDegrade:
  case NodeKind::kPair:
    return of(n.child);
  case NodeKind::kEuclid:
    s.most = 1;
    s.least = kMaxSteps;
    for (std::uint32_t v : atom_values(n.arg[1])) {
      s.most = std::max(s.most, exact::to_double(p_.values_[v].exact));
      s.least = std::min(s.least, exact::to_double(p_.values_[v].exact));
    }
    s.whole = 1 / s.least;
    return s;
  }
  return s;
}

Pattern PatternBuilder::finish(std::uint32_t root) {
  p_.root_ = root;
  // Operands are built before the nodes that use them: one pass in id order.
  p_.shapes_.clear();
  for (std::uint32_t id = 0; id < p_.nodes_.size(); ++id) p_.shapes_.push_back(shape(id));
  return std::move(p_);
}

} // namespace weft::patterns
