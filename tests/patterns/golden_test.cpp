// Conformance with Strudel 1.2.6 (LANGUAGE.md §8.11): every case of golden/cases.txt (written by
// generate_golden.mjs from the oracle) is queried as the oracle queried it — one query per cycle,
// consecutive slices of `step` cycles, or one span — and our events must equal the oracle's
// exactly: whole and part as reduced fractions, onset flags and values. Each query runs in a buffer
// of exactly Pattern::max_events(span length) events, which must suffice.
#include "patterns/parse.h"
#include "patterns/time_math.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace weft::patterns;

struct Case {
  std::string pattern;
  Rational from;
  Rational cycles;
  std::optional<Rational> step;
  bool single = false; ///< one query over the whole range
  bool onsets = false;
  std::vector<std::string> events;
};

Rational parse_fraction(const std::string& s) {
  const std::size_t slash = s.find('/');
  std::int64_t num = 0;
  std::int64_t den = 1;
  std::from_chars(s.data(), s.data() + (slash == std::string::npos ? s.size() : slash), num);
  if (slash != std::string::npos) std::from_chars(s.data() + slash + 1, s.data() + s.size(), den);
  return *weft::exact::make_rational(num, den);
}

std::string fraction(Rational r) {
  return fmt::format("{}/{}", r.num, r.den);
}

/// Numbers are compared as binary64: both sides print the parsed double the same way.
std::string canonical_value(const std::string& v) {
  if (v.rfind("n:", 0) == 0) {
    double d = 0;
    std::from_chars(v.data() + 2, v.data() + v.size(), d);
    return fmt::format("n:{}", d);
  }
  if (v.rfind("p(", 0) == 0) {
    const std::string inner = v.substr(2, v.size() - 3);
    const std::size_t comma = inner.find(',');
    return fmt::format("p({},{})", canonical_value(inner.substr(0, comma)),
                       canonical_value(inner.substr(comma + 1)));
  }
  return v;
}

std::string canonical_line(const std::string& line) {
  std::istringstream in(line);
  std::string wb, we, pb, pe, onset, value;
  in >> wb >> we >> pb >> pe >> onset >> value;
  return fmt::format("{} {} {} {} {} {}", fraction(parse_fraction(wb)),
                     fraction(parse_fraction(we)), fraction(parse_fraction(pb)),
                     fraction(parse_fraction(pe)), onset, canonical_value(value));
}

std::vector<Case> read_cases() {
  std::ifstream in(std::string(WEFT_SOURCE_DIR) + "/tests/patterns/golden/cases.txt");
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("pattern ", 0) == 0) {
      cases.emplace_back();
      cases.back().pattern = line.substr(8);
    } else if (line.rfind("query ", 0) == 0) {
      std::istringstream q(line.substr(6));
      std::string item;
      while (q >> item) {
        const std::size_t eq = item.find('=');
        const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        if (key == "from") cases.back().from = parse_fraction(value);
        if (key == "cycles") cases.back().cycles = parse_fraction(value);
        if (key == "step" && value == "single") cases.back().single = true;
        if (key == "step" && value != "none" && value != "single") {
          cases.back().step = parse_fraction(value);
        }
        if (key == "onsets") cases.back().onsets = value == "1";
      }
    } else if (line != "end" && !line.empty()) {
      cases.back().events.push_back(canonical_line(line));
    }
  }
  return cases;
}

std::string describe(const Pattern& p, const Event& e) {
  const auto value = [&](std::uint32_t index) {
    const Value& v = p.value(index);
    return v.kind == ValueKind::kNumber ? fmt::format("n:{}", v.number) : "w:" + v.text;
  };
  std::string text = value(e.value);
  if (e.tail != kNoValue) text = fmt::format("p({},{})", text, value(e.tail));
  return fmt::format("{} {} {} {} {} {}", fraction(e.whole.begin), fraction(e.whole.end),
                     fraction(e.part.begin), fraction(e.part.end), e.has_onset() ? 1 : 0, text);
}

/// The oracle's query spans: per cycle, consecutive slices of `step`, or one span.
std::vector<TimeSpan> query_spans(const Case& c) {
  TimeMath m;
  std::vector<TimeSpan> spans;
  const Rational end = m.add(c.from, c.cycles);
  if (c.single) return {TimeSpan{c.from, end}};
  for (Rational t = c.from; less(t, end);) {
    Rational next = c.step ? m.add(t, *c.step) : m.add(TimeMath::floor(t), Rational{1, 1});
    next = min(next, end);
    spans.push_back(TimeSpan{t, next});
    t = next;
  }
  return spans;
}

std::vector<std::string> our_events(const Pattern& p, const Case& c) {
  std::vector<std::string> lines;
  TimeMath m;
  for (const TimeSpan& span : query_spans(c)) {
    std::vector<Event> storage(p.max_events(m.sub(span.end, span.begin)));
    EventBuffer buffer(storage);
    EXPECT_EQ(p.query(span, buffer), QueryStatus::kOk);
    for (const Event& e : buffer.events()) {
      if (!c.onsets || e.has_onset()) lines.push_back(describe(p, e));
    }
  }
  return lines;
}

TEST(Golden, HasAtLeast150Cases) {
  EXPECT_GE(read_cases().size(), 150u);
}

TEST(Golden, EveryCaseGivesStrudelsEvents) {
  std::size_t failures = 0;
  for (const Case& c : read_cases()) {
    SCOPED_TRACE(fmt::format("pattern \"{}\" from {} cycles {}", c.pattern, fraction(c.from),
                             fraction(c.cycles)));
    const ParseResult r = parse_pattern(c.pattern);
    if (r.error) {
      ADD_FAILURE() << r.error->message << " at " << r.error->offset;
      ++failures;
      continue;
    }
    std::vector<std::string> ours = our_events(*r.pattern, c);
    std::vector<std::string> theirs = c.events;
    std::sort(ours.begin(), ours.end());
    std::sort(theirs.begin(), theirs.end());
    EXPECT_EQ(ours, theirs);
    if (ours != theirs) ++failures;
  }
  EXPECT_EQ(failures, 0u);
}

} // namespace
