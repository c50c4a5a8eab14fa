#pragma once

// The text of deck files below the JSON grammar: positions (line and column of a byte offset),
// UTF-8 validity, and the control characters deck files refuse, raw or escaped. The deck
// reader (io/deck_file.cpp) runs these over the whole file before and while it parses.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace rehearse::text {

// Counts lines up to a byte offset; offsets only grow during a parse.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  int line_at(std::size_t offset);

 private:
  std::string_view text_;
  std::size_t seen_ = 0;
  int line_ = 1;
};

// Line (1-based) and column (1-based, in bytes) of a byte offset.
std::pair<int, std::size_t> position(std::string_view text, std::size_t offset);

// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t invalid_utf8(std::string_view text);

// What is wrong with the decoded text of a JSON string or member name (a NUL, half a UTF-16
// surrogate pair); nullopt when nothing.
std::optional<std::string> string_problem(std::string_view decoded);

// A refused control character in the raw text of a file and where it is.
struct Control {
  std::size_t offset;
  unsigned code;
};

// The first control character deck files refuse written raw in `text` (valid UTF-8): a C0
// control other than tab, newline and carriage return, DEL, or a C1 control.
std::optional<Control> raw_control(std::string_view text);

// Whether decoded text holds a character no string may hold (a refused control, or a
// carriage return); only escapes can put one there.
bool holds_control(std::string_view decoded);

// The first character of `decoded` that no card text may hold, as holds_control tells; nullopt
// when there is none.
std::optional<unsigned> refused_character(std::string_view decoded);

// The escape (\u001b, \r, \b, \f...) that wrote a refused character into the JSON string that
// starts at text[open] (its opening quote). REQUIRES: the string decodes to one.
Control escaped_control(std::string_view text, std::size_t open);

}  // namespace rehearse::text
