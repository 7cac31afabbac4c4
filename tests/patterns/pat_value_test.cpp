// `pat` (LANGUAGE.md §8.10): value and gate at exact and binary64 cycle positions, the leftmost
// step rule, rests, legato, note names, and the values `pat` rejects.
#include "compile_pattern.h"
#include "patterns/note_name.h"
#include "patterns/pat_value.h"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace {

using namespace weft::patterns;

using weft::test::compile;

PatSample at(const Pattern& p, Rational c, Rational legato = {9, 10}) {
  std::vector<Event> storage(p.max_events(Rational{1, 1}));
  EventBuffer scratch(storage);
  PatSample s;
  EXPECT_EQ(pat_at(p, c, legato, scratch, s), QueryStatus::kOk);
  return s;
}

PatSample at(const Pattern& p, double c, Rational legato = {9, 10}) {
  std::vector<Event> storage(p.max_events(Rational{1, 1}));
  EventBuffer scratch(storage);
  PatSample s;
  EXPECT_EQ(pat_at(p, c, legato, scratch, s), QueryStatus::kOk);
  return s;
}

TEST(NoteName, FollowsTheSpecFormula) {
  EXPECT_EQ(note_number("c4"), 60);
  EXPECT_EQ(note_number("a4"), 69);
  EXPECT_EQ(note_number("eb3"), 51);
  EXPECT_EQ(note_number("C"), 48);
  EXPECT_EQ(note_number("f#5"), 78);
  EXPECT_EQ(note_number("bss2"), 49);
  EXPECT_EQ(note_number("cf-1"), -1);
  EXPECT_EQ(note_number("bd"), std::nullopt);
  EXPECT_EQ(note_number("h4"), std::nullopt);
}

TEST(Pat, ActiveEventIsTheOneWhosePartContainsC) {
  const Pattern p = compile("0/2 1");
  EXPECT_EQ(at(p, Rational{1, 4}), (PatSample{0, 1}));
  EXPECT_EQ(at(p, Rational{3, 4}).value, 1); // 0's whole is [0, 1) but its part ends at 1/2
}

TEST(Pat, LeftmostStepWinsAndRestsReadZero) {
  const Pattern chord = compile("[c4, e4, g4] ~");
  EXPECT_EQ(at(chord, Rational{1, 4}).value, 60);
  EXPECT_EQ(at(chord, Rational{3, 4}), (PatSample{0, 0}));
  const Pattern mel = compile("c3 eb3 g3 <bb3 c4>");
  EXPECT_EQ(at(mel, Rational{7, 8}).value, 58);
  EXPECT_EQ(at(mel, Rational{15, 8}).value, 60);
  EXPECT_EQ(at(mel, Rational{-1, 8}).value, 60); // cycle -1 plays c4
}

TEST(Pat, GateFollowsLegatoExactly) {
  const Pattern p = compile("1 2");
  EXPECT_EQ(at(p, Rational{9, 20}).gate, 0); // [0, 1/2): gate until 9/20
  EXPECT_EQ(at(p, Rational{8, 20}).gate, 1);
  EXPECT_EQ(at(p, Rational{9, 20}, Rational{1, 1}).gate, 1);
  EXPECT_EQ(at(p, 0.45).gate, 0); // the binary64 0.45 is just above 9/20
  EXPECT_EQ(at(p, std::nextafter(0.45, 0.0)).gate, 1);
  EXPECT_EQ(at(p, 0.5).value, 2);
  EXPECT_EQ(at(p, std::nextafter(0.5, 0.0)).value, 1);
}

TEST(Pat, ComparesBinary64ExactlyWithFractions) {
  EXPECT_EQ(compare_exact(0.1, Rational{1, 10}), 1); // 0.1 is above 1/10
  EXPECT_EQ(compare_exact(0.5, Rational{1, 2}), 0);
  EXPECT_EQ(compare_exact(-0.25, Rational{-1, 3}), 1);
  EXPECT_EQ(compare_exact(1e-300, Rational{0, 1}), 1);
  EXPECT_EQ(compare_exact(1e300, Rational{INT64_MAX, 1}), 1);
  EXPECT_EQ(compare_exact(1.0 / 3, Rational{1, 3}), -1);
}

TEST(Pat, RejectsWordsAndPairs) {
  const auto word = check_pat_values(compile("c4 bd e4"));
  ASSERT_TRUE(word);
  EXPECT_EQ(word->offset, 3u);
  EXPECT_EQ(word->message, "'bd' is not a number or a note name (pat plays numbers and notes)");
  const auto pair = check_pat_values(compile("1 2:3"));
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->offset, 3u);
  EXPECT_FALSE(check_pat_values(compile("c4*<2 3> 0.5 ~ eb3")));
}

} // namespace

namespace {

/// pat_next_change over the events of the cycle containing `c`.
std::optional<Rational> next_change(const Pattern& p, Rational c, Rational legato) {
  std::vector<Event> storage(p.max_events(Rational{1, 1}));
  EventBuffer events(storage);
  const std::int64_t cycle = c.num >= 0 ? c.num / c.den : -((-c.num + c.den - 1) / c.den);
  EXPECT_EQ(query_cycle(p, cycle, events), QueryStatus::kOk);
  return pat_next_change(events.events(), c, legato);
}

TEST(Pat, NextChangeIsTheNearestBoundaryOrTheGatesEnd) {
  const Pattern p = compile("1 [2 ~]");
  // Gate of the first step ends at 1/2 · 1/2 = 1/4, before its part ends at 1/2.
  EXPECT_EQ(next_change(p, {0, 1}, {1, 2}), (Rational{1, 4}));
  EXPECT_EQ(next_change(p, {1, 4}, {1, 2}), (Rational{1, 2}));
  // The second step (1/2 … 3/4): gate until 5/8, then the rest from 3/4, then the cycle's end.
  EXPECT_EQ(next_change(p, {1, 2}, {1, 2}), (Rational{5, 8}));
  EXPECT_EQ(next_change(p, {5, 8}, {1, 2}), (Rational{3, 4}));
  EXPECT_EQ(next_change(p, {3, 4}, {1, 2}), (Rational{1, 1}));
  EXPECT_EQ(next_change(p, {7, 2}, {1, 2}), (Rational{29, 8})); // cycle 3: 1/2 + 1/8
  // Between two changes, pat gives one result.
  for (int k = 0; k < 8; ++k) {
    const Rational c{k, 8};
    const Rational next = *next_change(p, c, {1, 2});
    const Rational before{next.num * 64 - next.den, next.den * 64}; // just before `next`
    EXPECT_EQ(at(p, c, {1, 2}), at(p, before, {1, 2})) << k;
  }
}

} // namespace
