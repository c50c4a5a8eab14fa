#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Markdown as CommonMark reads it (through md4c, with no extensions): the outline a story file
// is cut along, and a plain-text rendering for the terminal.
namespace rehearse {

// A heading that is not inside a quote or a list.
struct MarkdownHeading {
  int level = 0;          // 1-6
  std::size_t begin = 0;  // offset of the heading's first line
  std::size_t end = 0;    // offset just past its last line (a setext heading's underline)
  std::string text;       // its plain text, spaces and tabs trimmed
};

// The top-level headings of `markdown`, in order. A `## x` line inside a fenced code block or
// an HTML block is no heading, as CommonMark says.
// REQUIRES: `markdown` is valid UTF-8 with no NUL byte and "\n" line ends.
std::vector<MarkdownHeading> top_level_headings(std::string_view markdown);

// `markdown` as plain text: no emphasis markers, paragraphs separated by a blank line, list
// items as "- " or "N. ", quotes as "> ", code blocks indented by four spaces, a link as its
// text followed by its address in parentheses, raw HTML left out, entities decoded (one that
// decodes to a control character other than tab and newline becomes U+FFFD). No trailing
// white space or newline.
// REQUIRES: as top_level_headings.
std::string render_plain(std::string_view markdown);

// Whether a heading written after `markdown`, a blank line between, would be a heading:
// false when a code fence or an HTML block left open runs to the end.
// REQUIRES: as top_level_headings.
bool ends_before_next_heading(std::string_view markdown);

}  // namespace rehearse
