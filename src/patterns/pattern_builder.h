/// \file
/// Internal to src/patterns: assembles a Pattern node by node for the parser (parse.cpp), computes
/// the Euclidean rhythms the pattern can need and the event bound behind Pattern::max_events.
/// Not part of the library's interface.
/// Implements: LANGUAGE.md §8.11. Tests: through tests/patterns/ (every pattern is built here).
/// Real-time: no.
#pragma once

#include "patterns/pattern.h"

#include <optional>
#include <string>
#include <vector>

namespace weft::patterns {

class PatternBuilder {
public:
  std::uint32_t add_value(Value v);
  std::uint32_t atom(std::uint32_t value);
  std::uint32_t silence();
  /// Children in consecutive slots of one cycle, slot widths proportional to the weights (> 0).
  std::uint32_t sequence(const std::vector<std::uint32_t>& children,
                         const std::vector<Rational>& weights);
  std::uint32_t stack(const std::vector<std::uint32_t>& children);
  std::uint32_t choose(const std::vector<std::uint32_t>& children, std::uint32_t seed);
  /// child sped up by a constant factor (> 0).
  std::uint32_t fast_constant(std::uint32_t child, Rational factor);
  /// child sped up (slow: slowed down) by each value of `factor` divided by `divisor`.
  std::uint32_t fast_patterned(std::uint32_t child, std::uint32_t factor, Rational divisor,
                               bool slow);
  std::uint32_t repeat(std::uint32_t child, std::uint32_t count);
  std::uint32_t degrade(std::uint32_t child, double amount, std::uint32_t seed);
  /// A value that cannot be used, with the reason.
  struct ValueError {
    std::uint32_t value = 0;
    std::string message;
  };
  /// Registers every rhythm the argument values can form; an error when a value is unusable.
  std::optional<ValueError> euclid(std::uint32_t child, std::uint32_t pulses, std::uint32_t steps,
                                   std::uint32_t rotation, std::uint32_t& node);
  /// `offset`: of the ':' in the pattern string.
  std::uint32_t pair(std::uint32_t child, std::uint32_t tail, std::uint32_t offset);

  const detail::Node& node(std::uint32_t id) const { return p_.nodes_[id]; }
  const Value& value(std::uint32_t id) const { return p_.values_[id]; }
  /// The values of the atoms under `node`, in node order.
  std::vector<std::uint32_t> atom_values(std::uint32_t node) const;
  bool has_pairs(std::uint32_t node) const;
  bool node_is_atom(std::uint32_t node) const;

  /// The deepest chain of nodes built so far (queries recurse that deep).
  std::uint32_t max_depth() const { return max_depth_; }

  Pattern finish(std::uint32_t root);

private:
  std::uint32_t add(detail::Node n);
  detail::NodeShape shape(std::uint32_t node) const;
  double factor_extreme(const detail::Node& n, bool largest) const;
  Pattern p_;
  std::vector<std::uint32_t> depth_; ///< per node: 1 + the depth of its deepest operand
  std::uint32_t max_depth_ = 0;
};

} // namespace weft::patterns
