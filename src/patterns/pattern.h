/// \file
/// A compiled mini-notation pattern (LANGUAGE.md §8.11): an immutable tree of query nodes built
/// by parse_pattern (parse.h), its value table, and the query over exact rational time. A query
/// writes into a caller-owned EventBuffer; max_events gives, at compile time, a capacity that no
/// query of a given span length exceeds (intermediate results included), so a query never
/// allocates. Exact time: an intermediate that does not fit the int64 fractions of exact::Rational
/// is reported (QueryStatus::kTimeOverflow), never rounded.
/// Implements: LANGUAGE.md §8.11. Tests: tests/patterns/golden_test.cpp, query_test.cpp,
/// no_allocation/no_allocation_test.cpp.
/// Real-time: query and max_events yes (noexcept, no allocation); construction no.
#pragma once

#include "patterns/event.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace weft::patterns {

enum class ValueKind : std::uint8_t { kWord, kNumber };

/// One word of the pattern string: its text, its binary64 value when it is a number, and the
/// exact decimal for numbers used as operator arguments (`*1.5` is 3/2).
struct Value {
  ValueKind kind = ValueKind::kWord;
  std::string text;
  double number = 0;      ///< kNumber: the binary64 value
  bool has_exact = false; ///< kNumber: `exact` holds the decimal exactly
  Rational exact;
  std::uint32_t offset = 0; ///< byte offset of the word in the pattern string
  bool is_event = false;    ///< appears as an event value (not only as an operator argument)
};

enum class QueryStatus : std::uint8_t {
  kOk,
  kCapacityExceeded, ///< the buffer was too small; the events written are a prefix
  kTimeOverflow,     ///< an exact time did not fit in int64 fractions
};

namespace detail {

inline constexpr std::uint32_t kNoNode = 0xffffffffu;

enum class NodeKind : std::uint8_t {
  kAtom,     ///< one event per cycle (value)
  kSilence,  ///< no events
  kSequence, ///< children in slots of one cycle (slots[first..first+count))
  kStack,    ///< children at once
  kFast,     ///< child sped up by `factor` (a constant) or by the values of the `arg[0]` pattern
  kRepeat,   ///< cycle c plays the child's cycle floor(c / count)
  kDegrade,  ///< keeps events with R(onset + 3 seed / 10000) > amount
  kChoose,   ///< per cycle one child, chosen by R(cycle + 3 seed / 10000)
  kEuclid,   ///< child in the slots of bjorklund(arg[0], arg[1]) rotated by arg[2]
  kPair,     ///< child's values paired with those of arg[0] (`:`)
};

struct Node {
  NodeKind kind = NodeKind::kSilence;
  std::uint32_t value = 0;       ///< kAtom
  std::uint32_t first = 0;       ///< kSequence, kStack, kChoose: into Pattern::children_
  std::uint32_t count = 0;       ///< number of children; kRepeat: the repeat count
  std::uint32_t child = kNoNode; ///< kFast, kRepeat, kDegrade, kEuclid, kPair
  std::uint32_t arg[3] = {kNoNode, kNoNode, kNoNode};
  Rational factor{1, 1};  ///< kFast: the constant factor, or the divisor of arg[0]'s values
  bool slow = false;      ///< kFast: divide by the factor instead
  double amount = 0.5;    ///< kDegrade
  std::uint32_t seed = 0; ///< kDegrade, kChoose
};

/// What the event bound (Pattern::max_events) needs to know of a node, computed when the pattern
/// is built: the longest whole of its events, whether every whole lies inside one cycle, and for
/// kFast (patterned) the largest and smallest effective factor, for kEuclid the most and fewest
/// steps.
struct NodeShape {
  double whole = 1;
  bool aligned = true;
  double most = 1;
  double least = 1;
};

/// One Euclidean rhythm used by the pattern: bits of bjorklund(pulses, steps), before rotation.
struct Rhythm {
  std::int64_t pulses = 0;
  std::int64_t steps = 0;
  std::uint32_t first_bit = 0; ///< into Pattern::bits_
};

} // namespace detail

class Pattern {
public:
  /// Appends the events of [span.begin, span.end) to `out`, in no particular order. Events with an
  /// empty part are never produced; a span with begin >= end yields none.
  QueryStatus query(const TimeSpan& span, EventBuffer& out) const noexcept;

  /// A buffer capacity no query of a span of length <= `length` exceeds (intermediate events
  /// included); saturates at SIZE_MAX / 2 for patterns too dense to bound usefully.
  std::size_t max_events(Rational length) const noexcept;

  const std::vector<Value>& values() const noexcept { return values_; }
  const Value& value(std::uint32_t index) const noexcept { return values_[index]; }
  /// Some event may carry a `:` value.
  bool has_pairs() const noexcept { return has_pairs_; }
  /// Byte offset of the first `:` in the pattern string (when has_pairs()).
  std::uint32_t first_pair_offset() const noexcept { return first_pair_offset_; }

private:
  friend class PatternBuilder;
  friend class QueryEngine;
  friend class EventBound;
  std::vector<detail::Node> nodes_;
  std::vector<std::uint32_t> children_;
  std::vector<TimeSpan> slots_; ///< kSequence: the child's slot as fractions of the cycle
  std::vector<Value> values_;
  std::vector<detail::Rhythm> rhythms_;
  std::vector<std::uint8_t> bits_;
  std::uint32_t root_ = detail::kNoNode;
  std::vector<detail::NodeShape> shapes_; ///< per node, for max_events
  bool has_pairs_ = false;
  std::uint32_t first_pair_offset_ = 0;
};

} // namespace weft::patterns
