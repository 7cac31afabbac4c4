// Pattern::max_events: an upper bound on the buffer a query uses, from the node tree. A query of
// a span inside one cycle is bounded node by node (within_cycle); a span crossing cycles is split
// into its cycle pieces (any_span). Intermediate events (factor patterns, Euclid arguments, `:`
// values) are counted while they sit in the buffer, exactly as query.cpp keeps them.
#include "patterns/pattern.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace weft::patterns {

using detail::kNoNode;
using detail::Node;
using detail::NodeKind;

class EventBound {
public:
  explicit EventBound(const Pattern& p) noexcept : p_(p) {}

  /// A query of length `length` anywhere: one bound per cycle it meets.
  double any_span(std::uint32_t id, double length) const noexcept {
    return (std::ceil(length) + 1) * within_cycle(id, std::min(1.0, length));
  }

  /// A query of length <= `length` (<= 1) that does not cross a cycle boundary.
  double within_cycle(std::uint32_t id, double length) const noexcept {
    if (id == kNoNode) return 0;
    const Node& n = p_.nodes_[id];
    switch (n.kind) {
    case NodeKind::kAtom:
      return 1;
    case NodeKind::kSilence:
      return 0;
    case NodeKind::kSequence:
      return sequence(n, length);
    case NodeKind::kStack:
    case NodeKind::kChoose: {
      double total = 0;
      for (std::uint32_t i = 0; i < n.count; ++i) {
        const double c = within_cycle(p_.children_[n.first + i], length);
        total = n.kind == NodeKind::kStack ? total + c : std::max(total, c);
      }
      return total;
    }
    case NodeKind::kFast:
      return fast(n, length);
    case NodeKind::kRepeat:
    case NodeKind::kDegrade:
      return within_cycle(n.child, length);
    case NodeKind::kEuclid:
      return euclid(n, length);
    case NodeKind::kPair: {
      const double left = within_cycle(n.child, length);
      const double tail = over_whole(n.child, n.arg[0]);
      return left + left * tail + tail;
    }
    }
    return 0;
  }

private:
  /// The children whose slots a window of `length` meets, at its worst position.
  double sequence(const Node& n, double length) const noexcept {
    constexpr double kSlack = 1e-9; // slot edges are rounded to binary64: count touching slots
    double best = 0;
    for (std::uint32_t i = 0; i < n.count; ++i) {
      const double end_i = exact::to_double(p_.slots_[n.first + i].end);
      double total = 0;
      for (std::uint32_t j = i; j < n.count; ++j) {
        const TimeSpan& slot = p_.slots_[n.first + j];
        const double begin = exact::to_double(slot.begin);
        if (j > i && begin >= end_i + length + kSlack) break;
        const double width = exact::to_double(slot.end) - begin;
        total += within_cycle(p_.children_[n.first + j], std::min(1.0, length / width));
      }
      best = std::max(best, total);
    }
    return best;
  }

  double fast(const Node& n, double length) const noexcept {
    const detail::NodeShape& s = p_.shapes_[&n - p_.nodes_.data()];
    if (n.arg[0] != kNoNode) {
      const double factors = within_cycle(n.arg[0], length);
      return factors + factors * any_span(n.child, length * s.most);
    }
    const double f = s.most;
    const double inner = length * f;
    const double slow_by = 1 / f;
    if (f < 1 && std::floor(slow_by) == slow_by) return within_cycle(n.child, inner); // one cycle
    if (f >= 1 && std::floor(f) == f) {
      const double pieces = std::min(f, std::ceil(inner) + 1); // inner cycles met
      return pieces * within_cycle(n.child, std::min(1.0, inner));
    }
    return any_span(n.child, inner);
  }

  /// A query of `arg` over the whole of one event of `node`.
  double over_whole(std::uint32_t node, std::uint32_t arg) const noexcept {
    const detail::NodeShape& s = p_.shapes_[node];
    if (s.aligned && s.whole <= 1) return within_cycle(arg, s.whole);
    return any_span(arg, s.whole);
  }

  double euclid(const Node& n, double length) const noexcept {
    const detail::NodeShape& s = p_.shapes_[&n - p_.nodes_.data()];
    const double slots = std::min(s.most, std::ceil(length * s.most) + 1);
    const double per_rhythm = slots * within_cycle(n.child, std::min(1.0, 1 / s.least));
    const auto is_atom = [&](std::uint32_t a) {
      return a == kNoNode || p_.nodes_[a].kind == NodeKind::kAtom;
    };
    if (is_atom(n.arg[0]) && is_atom(n.arg[1]) && is_atom(n.arg[2])) return per_rhythm;
    const double k = within_cycle(n.arg[0], length);
    const double steps = over_whole(n.arg[0], n.arg[1]);
    const double rotations = n.arg[2] == kNoNode ? 1 : over_whole(n.arg[0], n.arg[2]);
    const double combos = k * steps * rotations;
    return k + k * steps + steps + rotations + combos + combos * per_rhythm;
  }

  const Pattern& p_;
};

std::size_t Pattern::max_events(Rational length) const noexcept {
  constexpr double kLimit = static_cast<double>(SIZE_MAX / 2);
  if (root_ == kNoNode || length.num <= 0) return 0;
  const double bound = std::ceil(EventBound(*this).any_span(root_, exact::to_double(length)));
  if (!(bound < kLimit)) return SIZE_MAX / 2;
  return static_cast<std::size_t>(bound);
}

} // namespace weft::patterns
