// The query engine of Pattern (pattern.h): one function per node kind, each appending the events
// of a span to the caller's buffer and transforming them in place, so that the only storage is the
// buffer itself (intermediate events — factor patterns, `:` values, Euclid arguments — live at its
// end and are erased before returning).
#include "patterns/pattern.h"

#include "patterns/random.h"
#include "patterns/time_math.h"

#include <cmath>

namespace weft::patterns {

using detail::kNoNode;
using detail::Node;
using detail::NodeKind;

class QueryEngine {
public:
  QueryEngine(const Pattern& p, EventBuffer& out) noexcept : p_(p), out_(out) {}

  QueryStatus run_root(const TimeSpan& span) noexcept {
    if (p_.root_ != kNoNode && less(span.begin, span.end)) run(p_.root_, span);
    if (math_.overflowed()) return QueryStatus::kTimeOverflow;
    if (out_.overflowed()) return QueryStatus::kCapacityExceeded;
    return QueryStatus::kOk;
  }

private:
  bool failed() const noexcept { return math_.overflowed() || out_.overflowed(); }

  void run(std::uint32_t id, const TimeSpan& s) noexcept {
    if (failed()) return;
    const Node& n = p_.nodes_[id];
    switch (n.kind) {
    case NodeKind::kAtom:
      return atom(n, s);
    case NodeKind::kSilence:
      return;
    case NodeKind::kSequence:
      return sequence(n, s);
    case NodeKind::kStack:
      for (std::uint32_t i = 0; i < n.count; ++i) run(p_.children_[n.first + i], s);
      return;
    case NodeKind::kFast:
      return fast(n, s);
    case NodeKind::kRepeat:
      return repeat(n, s);
    case NodeKind::kDegrade:
      return degrade(n, s);
    case NodeKind::kChoose:
      return choose(n, s);
    case NodeKind::kEuclid:
      return euclid(n, s);
    case NodeKind::kPair:
      return pair(n, s);
    }
  }

  /// Calls fn(cycle, piece) for each cycle that [s.begin, s.end) overlaps.
  template <class Fn> void for_each_cycle(const TimeSpan& s, Fn&& fn) noexcept {
    for (Rational c = TimeMath::floor(s.begin); less(c, s.end) && !failed();) {
      const Rational next = math_.add(c, Rational{1, 1});
      fn(c, TimeSpan{max(s.begin, c), min(s.end, next)});
      c = next;
    }
  }

  /// Maps the times of events [from, size) through t -> offset + (t - origin) * scale.
  void map_times(std::size_t from, Rational origin, Rational scale, Rational offset) noexcept {
    auto f = [&](Rational t) { return math_.add(offset, math_.mul(math_.sub(t, origin), scale)); };
    for (std::size_t i = from; i < out_.size(); ++i) {
      Event& e = out_[i];
      e.whole = TimeSpan{f(e.whole.begin), f(e.whole.end)};
      e.part = TimeSpan{f(e.part.begin), f(e.part.end)};
    }
  }

  void atom(const Node& n, const TimeSpan& s) noexcept {
    for_each_cycle(s, [&](Rational c, const TimeSpan& piece) {
      out_.push(Event{TimeSpan{c, math_.add(c, Rational{1, 1})}, piece, n.value, kNoValue});
    });
  }

  /// Each child plays its cycle c, compressed into its slot of cycle c.
  void sequence(const Node& n, const TimeSpan& s) noexcept {
    for_each_cycle(s, [&](Rational c, const TimeSpan& piece) {
      for (std::uint32_t i = 0; i < n.count && !failed(); ++i) {
        const TimeSpan& slot = p_.slots_[n.first + i];
        const Rational start = math_.add(c, slot.begin);
        bool ok = false;
        const TimeSpan q = intersect(piece, TimeSpan{start, math_.add(c, slot.end)}, ok);
        if (!ok) continue;
        const Rational width = math_.sub(slot.end, slot.begin);
        const auto inner = [&](Rational t) {
          return math_.add(c, math_.div(math_.sub(t, start), width));
        };
        const std::size_t mark = out_.size();
        run(p_.children_[n.first + i], TimeSpan{inner(q.begin), inner(q.end)});
        map_times(mark, c, width, start);
      }
    });
  }

  void scaled(std::uint32_t child, const TimeSpan& s, Rational factor) noexcept {
    const std::size_t mark = out_.size();
    run(child, TimeSpan{math_.mul(s.begin, factor), math_.mul(s.end, factor)});
    map_times(mark, Rational{}, math_.div(Rational{1, 1}, factor), Rational{});
  }

  void fast(const Node& n, const TimeSpan& s) noexcept {
    if (n.arg[0] == kNoNode) return scaled(n.child, s, n.factor); // constant (slow folded in)
    const std::size_t m0 = out_.size();
    run(n.arg[0], s);
    const std::size_t m1 = out_.size();
    for (std::size_t i = m0; i < m1 && !failed(); ++i) {
      const Event factor_event = out_[i];
      const Value& v = p_.values_[factor_event.value];
      if (v.exact.num <= 0) continue; // fast(0) is silence; negative factors play nothing
      Rational f = math_.div(v.exact, n.factor);
      if (n.slow) f = math_.div(Rational{1, 1}, f);
      scaled(n.child, factor_event.part, f);
    }
    out_.erase(m0, m1);
  }

  void repeat(const Node& n, const TimeSpan& s) noexcept {
    const Rational count{static_cast<std::int64_t>(n.count), 1};
    for_each_cycle(s, [&](Rational c, const TimeSpan& piece) {
      const Rational delta = math_.sub(c, TimeMath::floor(math_.div(c, count)));
      const std::size_t mark = out_.size();
      run(n.child, TimeSpan{math_.sub(piece.begin, delta), math_.sub(piece.end, delta)});
      map_times(mark, Rational{}, Rational{1, 1}, delta);
    });
  }

  void degrade(const Node& n, const TimeSpan& s) noexcept {
    const std::size_t mark = out_.size();
    run(n.child, s);
    std::size_t kept = mark;
    for (std::size_t i = mark; i < out_.size(); ++i) {
      if (random_for_seed(out_[i].whole.begin, n.seed, math_) > n.amount) out_[kept++] = out_[i];
    }
    out_.truncate(kept);
  }

  void choose(const Node& n, const TimeSpan& s) noexcept {
    for_each_cycle(s, [&](Rational c, const TimeSpan& piece) {
      const double r = random_for_seed(c, n.seed, math_) * n.count;
      double index = std::floor(r);
      if (!(index >= 0)) index = 0;
      if (index > n.count - 1) index = n.count - 1;
      run(p_.children_[n.first + static_cast<std::uint32_t>(index)], piece);
    });
  }

  void euclid(const Node& n, const TimeSpan& s) noexcept {
    const auto is_atom = [&](std::uint32_t node) {
      return node == kNoNode || p_.nodes_[node].kind == NodeKind::kAtom;
    };
    const auto value_of = [&](std::uint32_t node) {
      return node == kNoNode ? 0 : p_.values_[p_.nodes_[node].value].exact.num;
    };
    if (is_atom(n.arg[0]) && is_atom(n.arg[1]) && is_atom(n.arg[2])) {
      const std::int64_t steps = value_of(n.arg[1]);
      return euclid_slots(n, find_rhythm(value_of(n.arg[0]), steps), value_of(n.arg[2]), s);
    }
    // Patterned arguments (appLeft, then innerJoin): k's events; each with the rhythm of (k, n)
    // for every n event over k's whole (value: the rhythm's index, parts intersected); each with
    // the rotations r over k's whole (tail: r's value); then the rhythm over each combined part.
    const std::size_t m0 = out_.size();
    run(n.arg[0], s);
    combine(m0, n.arg[1], [&](const Event& k, const Event& steps) {
      const detail::Rhythm* r = find_rhythm(integer(k), integer(steps));
      return Event{k.whole, k.part,
                   r ? static_cast<std::uint32_t>(r - p_.rhythms_.data()) : kNoValue, kNoValue};
    });
    if (n.arg[2] != kNoNode) {
      combine(m0, n.arg[2], [&](const Event& kn, const Event& rotation) {
        return Event{kn.whole, kn.part, kn.value, rotation.value};
      });
    }
    const std::size_t m1 = out_.size();
    for (std::size_t i = m0; i < m1 && !failed(); ++i) {
      const Event combo = out_[i];
      if (combo.value == kNoValue) continue;
      const std::int64_t rotation = combo.tail == kNoValue ? 0 : p_.values_[combo.tail].exact.num;
      euclid_slots(n, &p_.rhythms_[combo.value], rotation, combo.part);
    }
    out_.erase(m0, m1);
  }

  /// appLeft in place: replaces events [from, size) by make(e, a) for each event `a` of `arg`
  /// over e's whole whose part meets e's part (the part becomes the intersection).
  template <class Make> void combine(std::size_t from, std::uint32_t arg, Make&& make) noexcept {
    const std::size_t end = out_.size();
    for (std::size_t i = from; i < end && !failed(); ++i) {
      const Event e = out_[i];
      const std::size_t mark = out_.size();
      run(arg, e.whole);
      std::size_t kept = mark;
      for (std::size_t j = mark; j < out_.size(); ++j) {
        bool ok = false;
        const TimeSpan part = intersect(e.part, out_[j].part, ok);
        if (!ok) continue;
        Event made = make(e, out_[j]);
        made.part = part;
        out_[kept++] = made;
      }
      out_.truncate(kept);
    }
    out_.erase(from, end);
  }

  /// The integer value of an argument event (validated when the pattern was built).
  std::int64_t integer(const Event& e) const noexcept { return p_.values_[e.value].exact.num; }

  const detail::Rhythm* find_rhythm(std::int64_t pulses, std::int64_t steps) const noexcept {
    for (const detail::Rhythm& r : p_.rhythms_) {
      if (r.pulses == pulses && r.steps == steps) return &r;
    }
    return nullptr;
  }

  /// The child over the slots of cycle pieces of `s` whose rotated bit is set (struct: wholes
  /// from the slots, parts intersected with the child's).
  void euclid_slots(const Node& n, const detail::Rhythm* rhythm, std::int64_t rotation,
                    const TimeSpan& s) noexcept {
    if (!rhythm || rhythm->steps <= 0) return;
    const std::int64_t steps = rhythm->steps;
    const Rational count{steps, 1};
    for_each_cycle(s, [&](Rational c, const TimeSpan& piece) {
      const Rational from = math_.mul(math_.sub(piece.begin, c), count);
      const Rational to = math_.mul(math_.sub(piece.end, c), count);
      std::int64_t last = TimeMath::floor(to).num;
      if (TimeMath::floor(to) == to) --last;
      for (std::int64_t i = TimeMath::floor(from).num; i <= last && !failed(); ++i) {
        std::int64_t b = (i - rotation) % steps;
        if (b < 0) b += steps;
        if (!p_.bits_[rhythm->first_bit + static_cast<std::size_t>(b)]) continue;
        const TimeSpan slot{math_.add(c, math_.div(Rational{i, 1}, count)),
                            math_.add(c, math_.div(Rational{i + 1, 1}, count))};
        slot_events(n.child, slot, piece);
      }
    });
  }

  /// Events of `child` over `slot`, re-shaped to the slot's whole and clipped to `piece`.
  void slot_events(std::uint32_t child, const TimeSpan& slot, const TimeSpan& piece) noexcept {
    bool ok = false;
    const TimeSpan part = intersect(slot, piece, ok);
    if (!ok) return;
    const std::size_t mark = out_.size();
    run(child, slot);
    std::size_t kept = mark;
    for (std::size_t i = mark; i < out_.size(); ++i) {
      const TimeSpan p = intersect(part, out_[i].part, ok);
      if (!ok) continue;
      out_[kept++] = Event{slot, p, out_[i].value, out_[i].tail};
    }
    out_.truncate(kept);
  }

  /// `x:v`: x's events, each with the values of v over its whole (appLeft).
  void pair(const Node& n, const TimeSpan& s) noexcept {
    const std::size_t mark = out_.size();
    run(n.child, s);
    combine(mark, n.arg[0], [](const Event& left, const Event& right) {
      return Event{left.whole, left.part, left.value, right.value};
    });
  }

  const Pattern& p_;
  EventBuffer& out_;
  TimeMath math_;
};

QueryStatus Pattern::query(const TimeSpan& span, EventBuffer& out) const noexcept {
  return QueryEngine(*this, out).run_root(span);
}

} // namespace weft::patterns
