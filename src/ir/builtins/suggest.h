/// \file
/// "Did you mean" suggestions: the candidate closest to a misspelt name by edit distance
/// (insertions, deletions, substitutions and swaps of adjacent characters each cost 1).
/// Used for `unknown function 'nosie' (did you mean 'noise'?)` (LANGUAGE.md §10.2) and for
/// unknown environment settings. Tests: tests/ir/builtins_test.cpp.
/// Real-time: no.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace weft::ir {

/// Edit distance between `a` and `b` (optimal string alignment: adjacent swaps cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `name`, if its distance is at most 2 and smaller than the length of
/// `name` (so `x` does not suggest `max`). Ties go to the earlier candidate. A candidate equal to
/// `name` is returned as is (distance 0).
std::optional<std::string_view> closest_name(std::string_view name,
                                             std::span<const std::string_view> candidates);

} // namespace weft::ir
