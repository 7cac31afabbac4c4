#include "patterns/note_name.h"

#include <charconv>

namespace weft::patterns {

std::optional<double> note_number(std::string_view word) noexcept {
  if (word.empty()) return std::nullopt;
  static constexpr int kPitchClass[7] = {9, 11, 0, 2, 4, 5, 7}; // a b c d e f g
  const char letter = static_cast<char>(word[0] | 0x20);        // lower case
  if (letter < 'a' || letter > 'g') return std::nullopt;
  int semitones = kPitchClass[letter - 'a'];
  std::size_t i = 1;
  for (; i < word.size(); ++i) {
    const char c = word[i];
    if (c == '#' || c == 's') {
      ++semitones;
    } else if (c == 'b' || c == 'f') {
      --semitones;
    } else {
      break;
    }
  }
  long long octave = 3;
  if (i < word.size()) {
    const char* begin = word.data() + i;
    const char* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(begin, end, octave);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
  }
  return 12.0 * (static_cast<double>(octave) + 1) + semitones;
}

} // namespace weft::patterns
