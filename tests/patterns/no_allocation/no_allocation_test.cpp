// The real-time check for patterns (STYLE.md §5 "Keeping the audio thread clean"): queries, `pat`
// values and `s` onsets write into buffers sized at compile time (Pattern::max_events) and never
// allocate — counted with the replaced global operator new of tests/support/counting_allocator.
#include "patterns/onsets.h"
#include "patterns/pat_value.h"
#include "patterns/time_math.h"
#include "support/counting_allocator.h"

#include <gtest/gtest.h>
#include <vector>

namespace {

using namespace weft::patterns;

constexpr const char* kPatterns[] = {
    "bd*2 [~ sn] <hh [hh hh]> cp?", "<[a b]*2 {c d e}%4>",
    "a(<3 5>,8,<0 2>) b:<1 2>",     "[a|b|c]*4 . d?",
    "c3 eb3 g3 <bb3 c4>",           "{a b c}%<3 5>*2 a!3 b@2 _",
};

/// Keeps the compiler from removing an allocation whose result is otherwise unused.
void escape(void* p) {
  asm volatile("" : : "g"(p) : "memory");
}

TEST(NoAllocation, TheCountingAllocatorSeesAnAllocation) {
  const auto counts = weft::test::count_allocations([] {
    int* p = new int(7);
    escape(p);
    delete p;
  });
  EXPECT_EQ(counts.allocations, 1U);
}

TEST(NoAllocation, QueriesAndOnsetsDoNotAllocate) {
  for (const char* text : kPatterns) {
    const Pattern p = *parse_pattern(text).pattern;
    const Rational block{1, 4};
    std::vector<Event> storage(p.max_events(block));
    std::size_t events = 0;
    const auto counts = weft::test::count_allocations([&] {
      TimeMath m;
      for (Rational t{-3, 1}; less(t, Rational{40, 1}); t = m.add(t, block)) {
        EventBuffer buffer(storage);
        EXPECT_EQ(p.query(TimeSpan{t, m.add(t, block)}, buffer), QueryStatus::kOk);
        events += buffer.size();
        buffer.clear();
        EXPECT_EQ(query_onsets(p, TimeSpan{t, m.add(t, block)}, buffer), QueryStatus::kOk);
      }
    });
    EXPECT_GT(events, 0U) << text;
    EXPECT_EQ(counts.allocations, 0U) << text;
  }
}

TEST(NoAllocation, PatValuesDoNotAllocate) {
  const Pattern p = *parse_pattern("c3 [eb3, g3] <bb3 c4>*2 ~").pattern;
  std::vector<Event> storage(p.max_events(Rational{1, 1}));
  EventBuffer scratch(storage);
  double sum = 0;
  const auto counts = weft::test::count_allocations([&] {
    for (int i = 0; i < 1000; ++i) {
      PatSample s;
      pat_at(p, i * 0.0137, Rational{9, 10}, scratch, s);
      sum += s.value + s.gate;
      pat_at(p, Rational{i, 97}, Rational{9, 10}, scratch, s);
      sum += s.value + s.gate;
    }
  });
  EXPECT_GT(sum, 0);
  EXPECT_EQ(counts.allocations, 0U);
}

} // namespace
