#pragma once

// Text laid out for a terminal: display widths and word wrapping. Pure functions of the text and
// a width, so that the review screen can be tested without a terminal.

#include <string>
#include <string_view>
#include <vector>

namespace rehearse::cli {

// The columns a terminal gives `text` (UTF-8), counted per grapheme cluster with libutf8proc:
// East Asian wide and fullwidth characters and emoji take 2, combining marks and zero-width
// joiners 0, a cluster made an emoji by U+FE0F takes 2. A byte that is not UTF-8 counts 1.
// REQUIRES: no control characters other than tabs, which count 1 (expand them first).
int display_width(std::string_view text);

// `text` cut to at most `width` columns, ending with "…" when something was cut.
// REQUIRES: width >= 1.
std::string truncate_to_width(std::string_view text, int width);

// `text` with each tab replaced by spaces up to the next multiple of 4 columns, per line.
std::string expand_tabs(std::string_view text);

// `text` as lines of at most `width` columns: each line of the text is broken at spaces, a word
// wider than a whole line is broken after its last hyphen that fits, else between grapheme
// clusters. The lines that follow a bullet ("- ", "* ", "• ", "1. ", "2) ") start under the
// text after the bullet (a hanging indent); those of an indented line keep its indent. Lines
// that fit are kept as they are, inner spaces included; trailing spaces are dropped; an empty
// line stays empty. Tabs are expanded first. REQUIRES: width >= 1.
std::vector<std::string> wrap_text(std::string_view text, int width);

// How many pages of at most `height` lines (height >= 1) `line_count` lines take; 1 for none.
int page_count(int line_count, int height);

}  // namespace rehearse::cli
