// The pattern argument of `pat` and `s` (LANGUAGE.md §8.10): decoded offsets map to the source
// character (escapes are two bytes for one, columns count code points), and compiled patterns
// land in Module::patterns under the string id that the nodes carry.
#include "ir/lower.h"
#include "ir/pattern_argument.h"
#include "lang/frontend.h"
#include "lang/source_file.h"

#include <gtest/gtest.h>

namespace {

using namespace weft;

TEST(PatternLocation, SkipsEscapesAndCountsCodePoints) {
  const lang::SourceFile file("f.weft", "x = s(\"\xC3\xA9\\t\\\"a b\")");
  const lang::Span literal{&file, 6, 12, 1, 7}; // "é\t\"a b": é is two bytes, one column
  const auto col = [&](std::uint32_t offset) { return ir::pattern_location(literal, offset).col; };
  EXPECT_EQ(col(0), 8u);  // é
  EXPECT_EQ(col(2), 9u);  // the tab, written \t
  EXPECT_EQ(col(3), 11u); // '"', written \"
  EXPECT_EQ(col(4), 13u); // 'a'
  EXPECT_EQ(col(7), 16u); // the end: the closing quote
  EXPECT_EQ(ir::pattern_location(literal, 4).offset, 13u);
}

TEST(PatternArgument, ModuleHoldsEachPatternByItsStringId) {
  const lang::ParsedFile parsed =
      lang::parse_text("p.weft", "m<v, g> = pat(\"c3 <eb3 g3>\")\nd<l, r> = s(\"bd*2 sn:1\")\n"
                                 "play(d@l + 0.1 * sin(m@v), d@r)\n");
  ASSERT_TRUE(parsed.program);
  lang::Diagnostics diags;
  ir::Module module = ir::lower_program(*parsed.program, diags);
  ASSERT_FALSE(diags.has_errors());
  ASSERT_EQ(module.patterns.size(), 2u);
  const auto& mel = module.patterns.at(module.graph.intern("c3 <eb3 g3>"));
  EXPECT_EQ(mel->values().size(), 3u);
  const auto& drums = module.patterns.at(module.graph.intern("bd*2 sn:1"));
  EXPECT_TRUE(drums->has_pairs());
}

} // namespace
