#include "io/markdown.hpp"

#include <catch2/catch.hpp>

using namespace rehearse;

TEST_CASE("plain rendering drops emphasis and keeps paragraphs apart by one blank line") {
  CHECK(render_plain("I *owned* the **cutover**.\nIt took `six` weeks.\n\nThen it ran.") ==
        "I owned the cutover. It took six weeks.\n\nThen it ran.");
}

TEST_CASE("plain rendering writes list items with their markers, nested lists indented") {
  CHECK(render_plain("- one\n- two\n  - two a\n- three") == "- one\n- two\n  - two a\n- three");
  CHECK(render_plain("3. first\n4. second") == "3. first\n4. second");
  CHECK(render_plain("- loose\n\n- list") == "- loose\n\n- list");
}

TEST_CASE("plain rendering indents code blocks by four spaces and keeps their lines") {
  CHECK(render_plain("Before.\n\n```\n## Result\n  x = 1\n```\n\nAfter.") ==
        "Before.\n\n    ## Result\n      x = 1\n\nAfter.");
}

TEST_CASE("plain rendering shows a link's address after its text and quotes with '> '") {
  CHECK(render_plain("See [the doc](https://example.com/d).") ==
        "See the doc (https://example.com/d).");
  CHECK(render_plain("<https://example.com>") == "https://example.com");
  CHECK(render_plain("> said\n> twice") == "> said twice");
}

TEST_CASE("plain rendering decodes entities but never into a control character") {
  CHECK(render_plain("a &amp; b &lt;c&gt; &#233; &#x41;") == "a & b <c> \xC3\xA9 A");
  CHECK(render_plain("x&#27;[2Jy &#0; &#x9B;") == "x\xEF\xBF\xBD[2Jy \xEF\xBF\xBD \xEF\xBF\xBD");
  CHECK(render_plain("&unknown;") == "&unknown;");
}

TEST_CASE("plain rendering leaves raw HTML out") {
  CHECK(render_plain("a <b>bold</b> word\n\n<div>\nblock\n</div>\n\nend") == "a bold word\n\nend");
}

TEST_CASE("the outline lists top-level headings only, with the lines they take") {
  const std::string text =
      "## One\ntext\n\n> ## quoted\n\n```\n## fenced\n```\nTwo\n---\n### Three ###\n##\n";
  const std::vector<MarkdownHeading> headings = top_level_headings(text);
  REQUIRE(headings.size() == 4);
  CHECK(headings[0].level == 2);
  CHECK(headings[0].text == "One");
  CHECK(text.substr(headings[0].begin, headings[0].end - headings[0].begin) == "## One\n");
  CHECK(headings[1].text == "Two");  // a setext heading: its text and its underline
  CHECK(text.substr(headings[1].begin, headings[1].end - headings[1].begin) == "Two\n---\n");
  CHECK(headings[2].level == 3);
  CHECK(headings[2].text == "Three");
  CHECK(headings[3].text.empty());
  CHECK(text.substr(headings[3].begin) == "##\n");
}

TEST_CASE("a code fence left open runs to the end and swallows the next heading") {
  CHECK(ends_before_next_heading("text\n\n```\ncode\n```"));
  CHECK_FALSE(ends_before_next_heading("text\n\n```\ncode"));
  CHECK_FALSE(ends_before_next_heading("<pre>\ncode"));
  CHECK(ends_before_next_heading("    indented code"));
}
