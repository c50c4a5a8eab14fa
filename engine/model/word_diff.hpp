#pragma once

// A typed answer against the card's back, word by word (review --type): which of the back's
// words were typed, which were not, and which typed words the back does not hold. Grading
// stays the user's: this only shows the difference.

#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

struct DiffWord {
  enum class Kind {
    matched,      // in the back, and typed
    missing,      // in the back, not typed
    extra,        // typed, not in the back
    punctuation,  // in the back, punctuation only (a bullet's "-"): nobody is asked to type it
  };
  Kind kind = Kind::matched;
  std::string text;  // as the back writes it; for `extra`, as typed

  bool operator==(const DiffWord&) const = default;
};

// The words of `text` (UTF-8): the runs between white space (Unicode's White_Space, and the
// zero-width space U+200B). Text that is not UTF-8 is split on ASCII white space only.
std::vector<std::string> split_words(std::string_view text);

// What a word is compared by: case folded and in NFC (Unicode, libutf8proc), without the
// punctuation (Unicode's P* categories) at either end: "Hello," and "HELLO" are "hello".
// Empty for a word of punctuation only.
std::string word_key(std::string_view word);

// The back's words in order, each matched or missing, with the typed words that are not
// matched inserted where they were typed. Matched words are a longest common subsequence of
// the two lists (compared by word_key, typed punctuation-only words left out); where the two
// differ, the back's missing words come before the typed extra ones. Takes time and memory in
// proportion to the product of the two word counts.
std::vector<DiffWord> word_diff(std::string_view back, std::string_view typed);

// How many of the back's words (punctuation aside) a diff found typed, and how many it holds.
struct DiffCounts {
  int matched = 0;
  int expected = 0;  // matched + missing
  int extra = 0;
};
DiffCounts count_words(const std::vector<DiffWord>& diff);

}  // namespace rehearse
