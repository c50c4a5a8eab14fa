// The review screen's layout: display widths and wrapping, expected values counted by hand.
#include "layout.hpp"

#include <catch2/catch.hpp>

#include "review_screen.hpp"

using rehearse::cli::display_width;
using rehearse::cli::expand_tabs;
using rehearse::cli::page_count;
using rehearse::cli::truncate_to_width;
using rehearse::cli::wrap_text;
using Lines = std::vector<std::string>;

TEST_CASE("display width counts columns, not bytes or code points") {
  struct Row {
    const char* text;
    int width;
  };
  const Row rows[] = {
      {"", 0},
      {"abc", 3},
      {"caf\u00e9", 4},             // precomposed é
      {"cafe\u0301", 4},            // e + combining acute: one column
      {"\u65e5\u672c\u8a9e", 6},    // 日本語: wide
      {"\uff21", 2},                // fullwidth A
      {"\U0001F600", 2},            // 😀
      {"\U0001F44D\U0001F3FD", 2},  // 👍🏽: thumbs up with a skin tone, one cluster
      {"\U0001F468\u200D\U0001F469\u200D\U0001F467", 2},  // family: ZWJ sequence
      {"\u2764\uFE0F", 2},                                // ❤️: made an emoji by VS16
      {"\u2424", 1},  // a control picture, as visible text shows a newline
      {"a\xff"
       "b",
       3},  // a byte that is not UTF-8 counts one
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(display_width(row.text) == row.width);
  }
}

TEST_CASE("text that fits is kept as it is, inner spaces included") {
  CHECK(wrap_text("a  b   c", 10) == Lines{"a  b   c"});
  CHECK(wrap_text("one\n\ntwo", 10) == Lines{"one", "", "two"});
  CHECK(wrap_text("", 10).empty());
  CHECK(wrap_text("trailing   ", 8) == Lines{"trailing"});
}

TEST_CASE("wrapping breaks at spaces and never splits a word that fits on a line") {
  CHECK(wrap_text("the quick brown fox jumps over the lazy dog", 10) ==
        Lines{"the quick", "brown fox", "jumps over", "the lazy", "dog"});
  // Exactly the width: no break.
  CHECK(wrap_text("abcde fghij", 11) == Lines{"abcde fghij"});
  CHECK(wrap_text("abcde fghij", 10) == Lines{"abcde", "fghij"});
}

TEST_CASE("wrapping counts wide characters and combining marks by their columns") {
  // 日本語 is 6 columns: two of them and a space fill 13 columns.
  CHECK(wrap_text("\u65e5\u672c\u8a9e \u65e5\u672c\u8a9e \u65e5\u672c\u8a9e", 13) ==
        Lines{"\u65e5\u672c\u8a9e \u65e5\u672c\u8a9e", "\u65e5\u672c\u8a9e"});
  // Each "cafe\u0301" is 4 columns though 6 bytes.
  CHECK(wrap_text("cafe\u0301 cafe\u0301 cafe\u0301", 9) ==
        Lines{"cafe\u0301 cafe\u0301", "cafe\u0301"});
  // Emoji are 2 columns: "ok 😀 😀" is 8.
  CHECK(wrap_text("ok \U0001F600 \U0001F600 \U0001F600", 8) ==
        Lines{"ok \U0001F600 \U0001F600", "\U0001F600"});
}

TEST_CASE("a wide line without spaces breaks between characters, never inside one") {
  // CJK text has no spaces: five wide characters in 7 columns: 3 on the first line (6
  // columns), 2 on the next.
  CHECK(wrap_text("\u65e5\u672c\u8a9e\u65e5\u672c", 7) ==
        Lines{"\u65e5\u672c\u8a9e", "\u65e5\u672c"});
  // A combining mark stays with its letter.
  CHECK(wrap_text("abce\u0301fg", 4) == Lines{"abce\u0301", "fg"});
  // An emoji sequence is never cut.
  CHECK(wrap_text("ab\U0001F44D\U0001F3FDcd", 3) == Lines{"ab", "\U0001F44D\U0001F3FDc", "d"});
}

TEST_CASE("a word longer than the line breaks after a hyphen when it can, else where it must") {
  CHECK(wrap_text("see read-your-writes consistency", 12) ==
        Lines{"see", "read-your-", "writes", "consistency"});
  CHECK(wrap_text("https://example.com/a/very/long/path", 12) ==
        Lines{"https://exam", "ple.com/a/ve", "ry/long/path"});
  CHECK(wrap_text("x abcdefghij", 4) == Lines{"x", "abcd", "efgh", "ij"});
}

TEST_CASE("bullets keep a hanging indent, indented lines their indent") {
  CHECK(wrap_text("- one two three four", 10) == Lines{"- one two", "  three", "  four"});
  CHECK(wrap_text("  * alpha beta gamma", 12) == Lines{"  * alpha", "    beta", "    gamma"});
  CHECK(wrap_text("\u2022 alpha beta gamma", 12) == Lines{"\u2022 alpha beta", "  gamma"});
  CHECK(wrap_text("12. alpha beta gamma", 12) == Lines{"12. alpha", "    beta", "    gamma"});
  CHECK(wrap_text("b) alpha beta gamma", 12) == Lines{"b) alpha", "   beta", "   gamma"});
  CHECK(wrap_text("    indented words here", 14) == Lines{"    indented", "    words here"});
  // Not bullets: a hyphen without a space, a number without its dot.
  CHECK(wrap_text("-x alpha beta", 8) == Lines{"-x alpha", "beta"});
  CHECK(wrap_text("2026 alpha beta", 10) == Lines{"2026 alpha", "beta"});
}

TEST_CASE("a hanging indent wider than half the line is dropped rather than starve the text") {
  CHECK(wrap_text("- alpha beta", 3) == Lines{"- a", "lph", "a", "bet", "a"});
}

TEST_CASE("tabs expand to the next multiple of four columns") {
  CHECK(expand_tabs("\tx") == "    x");
  CHECK(expand_tabs("ab\tx\n\ty") == "ab  x\n    y");
  CHECK(expand_tabs("\u65e5\tx") == "\u65e5  x");
  CHECK(wrap_text("\tone two", 8) == Lines{"    one", "    two"});
}

TEST_CASE("truncating marks the cut with an ellipsis and keeps what fits") {
  CHECK(truncate_to_width("short", 10) == "short");
  CHECK(truncate_to_width("exactly10!", 10) == "exactly10!");
  CHECK(truncate_to_width("longer than ten", 10) == "longer th\u2026");
  CHECK(truncate_to_width("\u65e5\u672c\u8a9e", 4) == "\u65e5\u2026");
  CHECK(display_width(truncate_to_width("\u65e5\u672c\u8a9e\u65e5", 6)) <= 6);
}

TEST_CASE("pages hold at most the screen's height") {
  CHECK(page_count(0, 10) == 1);
  CHECK(page_count(10, 10) == 1);
  CHECK(page_count(11, 10) == 2);
  CHECK(page_count(35, 16) == 3);
}

TEST_CASE(
    "a story's telling is shown in minutes and seconds, and the summary names the long ones") {
  using rehearse::cli::long_tellings_line;
  using rehearse::cli::telling_line;
  using rehearse::cli::told_line;
  CHECK(telling_line(0) == "Telling it aloud: 0:00 (aim: under 2:00); Space when done");
  CHECK(telling_line(65) == "Telling it aloud: 1:05 (aim: under 2:00); Space when done");
  CHECK(told_line(120) == "Told in 2:00.");
  CHECK(told_line(121) == "Told in 2:01: over 2 minutes.");
  CHECK(long_tellings_line({}).empty());
  CHECK(long_tellings_line({{"a", 134}, {"b", 181}}) ==
        "Told in over 2 minutes: a (2:14), b (3:01). Tighten them: 'rehearse story check ID' "
        "shows where the time goes.");
}
