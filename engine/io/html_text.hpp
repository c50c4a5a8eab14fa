#pragma once

#include <string>
#include <string_view>

namespace rehearse {

// The HTML of an Anki field or rendered card as plain text for a terminal, parsed with
// libxml2's forgiving HTML parser (any input gives some text; nothing throws, except when
// libxml2 cannot be loaded):
// - white space runs as a browser shows them (one space), except inside <pre>;
// - <br> a new line; block elements (p, div, headings, tables' rows, lists) on lines of their
//   own; <hr> a line "---";
// - list items "- item", or "1. item" inside <ol>; table cells separated by " | ";
// - entities decoded; a no-break space is a plain space that never collapses;
// - <img src="a.png"> as "[image: a.png]"; <script> and <style> dropped;
// - spaces at line ends, blank lines beyond one in a row, and leading and trailing blank space
//   removed.
std::string html_to_text(std::string_view html);

}  // namespace rehearse
