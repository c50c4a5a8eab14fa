#include "model/word_diff.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace rehearse;

namespace {

// A diff written as the review screen writes it without colour: matched words as they are,
// missing ones [in brackets], extra ones ~between tildes~, punctuation as it is.
std::string marked(const std::vector<DiffWord>& diff) {
  std::string out;
  for (const DiffWord& word : diff) {
    if (!out.empty()) out += ' ';
    switch (word.kind) {
      case DiffWord::Kind::missing:
        out += "[" + word.text + "]";
        break;
      case DiffWord::Kind::extra:
        out += "~" + word.text + "~";
        break;
      default:
        out += word.text;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a typed answer is compared with the back word by word, by hand-computed table") {
  struct Row {
    const char* back;
    const char* typed;
    const char* diff;
    DiffCounts counts;  // matched, expected, extra
  };
  const Row rows[] = {
      // Nothing typed: every word is missing.
      {"Act for the long term", "", "[Act] [for] [the] [long] [term]", {0, 5, 0}},
      // All right, case and surrounding punctuation aside.
      {"Act for the long term.", "act FOR the Long term", "Act for the long term.", {5, 5, 0}},
      // Reordered: the longest common subsequence keeps one word; at a difference the back's
      // missing words come first.
      {"a b c", "c b a", "[a] [b] c ~b~ ~a~", {1, 3, 2}},
      // Extra words where they were typed.
      {"the whole company",
       "the entire whole company too",
       "the ~entire~ whole company ~too~",
       {3, 3, 2}},
      // A word typed wrong is one missing and one extra.
      {"the whole company", "the entire company", "the [whole] ~entire~ company", {2, 3, 1}},
      // Punctuation inside a word counts; at its ends it does not.
      {"\"Don't\" say (never)!", "don't say never", "\"Don't\" say (never)!", {3, 3, 0}},
      {"don't", "dont", "[don't] ~dont~", {0, 1, 1}},
      // A back's punctuation-only words (a bullet) are shown, never asked for; typed ones drop.
      {"- pick two", "pick - two", "- pick two", {2, 2, 0}},
      // Newlines and tabs separate words as spaces do.
      {"one\ntwo\tthree", "one two three", "one two three", {3, 3, 0}},
  };
  for (const Row& row : rows) {
    INFO(row.back << " / " << row.typed);
    const std::vector<DiffWord> diff = word_diff(row.back, row.typed);
    CHECK(marked(diff) == row.diff);
    const DiffCounts counts = count_words(diff);
    CHECK(counts.matched == row.counts.matched);
    CHECK(counts.expected == row.counts.expected);
    CHECK(counts.extra == row.counts.extra);
  }
}

TEST_CASE("words split on Unicode white space and compare case folded beyond ASCII") {
  // U+3000 (ideographic space) and U+00A0 (no-break space) separate words.
  CHECK(split_words("東京\u3000は\u00a0首都") == std::vector<std::string>{"東京", "は", "首都"});
  CHECK(split_words("  \n ") == std::vector<std::string>{});
  // Full-width punctuation at a word's end is punctuation; Greek and German fold.
  CHECK(word_key("首都。") == "首都");
  CHECK(word_key("ΣΟΦΙΑ") == word_key("σοφια"));
  CHECK(word_key("Straße") == word_key("STRASSE"));
  // Composed and decomposed forms are the same word.
  CHECK(word_key("caf\u00e9") == word_key("cafe\u0301"));
  CHECK(word_key("...") == "");
}

TEST_CASE("text without spaces between its words is one word, and emoji are words") {
  CHECK(marked(word_diff("東京は日本の首都です。", "東京は日本の首都です")) ==
        "東京は日本の首都です。");
  CHECK(marked(word_diff("東京は日本の首都です。", "東京")) == "[東京は日本の首都です。] ~東京~");
  CHECK(marked(word_diff("I \u2764\ufe0f Paris", "i \u2764\ufe0f paris!")) ==
        "I \u2764\ufe0f Paris");
  CHECK(marked(word_diff("I \u2764\ufe0f Paris", "I Paris \U0001F600")) ==
        "I [\u2764\ufe0f] Paris ~\U0001F600~");
}
