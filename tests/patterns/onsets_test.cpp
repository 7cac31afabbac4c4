// The `s` onset helper (LANGUAGE.md §8.10): every event is triggered exactly once, whatever the
// block size.
#include "patterns/onsets.h"
#include "patterns/parse.h"
#include "patterns/time_math.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

namespace {

using namespace weft::patterns;

std::vector<Rational> onsets(const Pattern& p, Rational block, Rational end) {
  std::vector<Event> storage(p.max_events(block));
  std::vector<Rational> out;
  TimeMath m;
  for (Rational t{}; less(t, end); t = m.add(t, block)) {
    EventBuffer buffer(storage);
    EXPECT_EQ(query_onsets(p, TimeSpan{t, m.add(t, block)}, buffer), QueryStatus::kOk);
    for (const Event& e : buffer.events()) out.push_back(e.whole.begin);
  }
  std::sort(out.begin(), out.end(), [](Rational a, Rational b) { return less(a, b); });
  return out;
}

TEST(Onsets, EachEventOnceForAnyBlockSize) {
  const Pattern p = *parse_pattern("bd*2 [sn cp] <hh ~> a/3").pattern;
  const std::vector<Rational> reference = onsets(p, Rational{6, 1}, Rational{6, 1});
  EXPECT_EQ(reference.size(), 6u * 4 + 3 + 2); // bd bd sn cp per cycle, hh x3, a x2
  for (Rational block : {Rational{1, 7}, Rational{1, 64}, Rational{3, 5}, Rational{2, 1}}) {
    EXPECT_EQ(onsets(p, block, Rational{6, 1}), reference);
  }
}

} // namespace
