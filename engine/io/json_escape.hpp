#pragma once

#include <string>

namespace rehearse {

// Escapes, in JSON text written by rapidjson, every control character that is still raw: C0
// controls other than tab, newline and carriage return, DEL and C1 (U+0080-U+009F) become
// \u00XX. The result is the same JSON value, safe to print on a terminal.
//
// Why: Debian's rapidjson 1.1.0 compares with 0x19 where 0x1F belongs in the SSE2 string
// scanner of Writer<StringBuffer>, so bytes 0x1A-0x1F (ESC among them) come out raw, which is
// not JSON; and JSON allows DEL and C1 raw, which some terminals obey. Outside strings, JSON
// text holds no control character but the white space kept here (rapidjson always escapes
// tab, newline and carriage return inside strings), so every byte replaced was in a string.
std::string escape_control_characters(std::string json);

}  // namespace rehearse
