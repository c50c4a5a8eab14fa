#include "io/deck_text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace rehearse::text {

namespace {

// Whether deck files refuse a character: a C0 control other than tab, newline and carriage
// return (JSON's white space, which the parser refuses inside strings), DEL or a C1 control
// (U+0080-U+009F). A terminal obeys them: shown raw, they clear the screen, set the clipboard
// or hide the real text behind a carriage return.
bool refused_control(unsigned code) {
  return (code < 0x20 && code != '\t' && code != '\n' && code != '\r') || code == 0x7F ||
         (code >= 0x80 && code <= 0x9F);
}

// Whether a decoded string may not hold a character: a refused control, or a carriage return
// (JSON's white space between tokens, but in text it hides what came before it).
bool refused_in_string(unsigned code) {
  return refused_control(code) || code == '\r';
}

}  // namespace

int LineCounter::line_at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset > seen_) {
    line_ +=
        static_cast<int>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(seen_),
                                    text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    seen_ = offset;
  }
  return line_;
}

// Line (1-based) and column (1-based, in bytes) of a byte offset.
std::pair<int, std::size_t> position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const int line = LineCounter(text).line_at(offset);
  const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column =
      offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {line, column};
}

// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or npos. Checking the whole text first is
// three times faster than rapidjson's per-character validation while parsing.
std::size_t invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= size) {
      std::uint64_t block;
      std::memcpy(&block, bytes + i, 8);
      if (block & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= size) break;
    const unsigned lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + length > size || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// What is wrong with the decoded text of a JSON string or member name; nullopt when nothing.
// Raw bytes are checked as UTF-8 by the parser; escapes are not: \u0000 gives a NUL byte, and
// a lone \uD800-\uDFFF gives the 3 bytes ED A0-BF xx, a surrogate, which is not UTF-8.
std::optional<std::string> string_problem(std::string_view decoded) {
  if (decoded.find('\0') != std::string_view::npos) {
    return "a string holds \\u0000, which deck files do not allow";
  }
  // A surrogate's first byte is ED: jump from one to the next (memchr is fast on long texts).
  for (std::size_t i = decoded.find('\xED'); i != std::string_view::npos && i + 2 < decoded.size();
       i = decoded.find('\xED', i + 1)) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(decoded[k]); };
    if (byte(i + 1) >= 0xA0) {
      const unsigned code = 0xD000u | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
      return fmt::format(
          "a string holds \\u{:04X} alone, half of a UTF-16 surrogate pair (write the character "
          "itself, or both halves)",
          code);
    }
  }
  return {};
}

// The first refused control character written raw in `text`, which is valid UTF-8. Checked
// here rather than left to the parser: rapidjson's SSE2 string scanner lets 0x1A-0x1F through
// (it compares with 0x19), so its verdict would depend on where they fall in a 16-byte block.
std::optional<Control> raw_control(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i < size) {
    // Eight bytes at a time while none is below 0x20, DEL or above (bit-twiddling "hasless").
    while (i + 8 <= size) {
      std::uint64_t block;
      std::memcpy(&block, bytes + i, 8);
      const std::uint64_t below_space = (block - kOnes * 0x20) & ~block & kHighs;
      const std::uint64_t del_or_above = ((block + kOnes) | block) & kHighs;
      if (below_space | del_or_above) break;
      i += 8;
    }
    if (i >= size) break;
    const unsigned byte = bytes[i];
    if (byte < 0x80 && refused_control(byte)) return Control{i, byte};
    if (byte == 0xC2 && i + 1 < size && refused_control(bytes[i + 1])) {
      return Control{i, bytes[i + 1]};
    }
    ++i;
  }
  return std::nullopt;
}

// Whether decoded text holds a character no string may hold (only escapes can put one there).
std::optional<unsigned> refused_character(std::string_view decoded) {
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const auto byte = static_cast<unsigned char>(decoded[i]);
    if (byte < 0x80 && refused_in_string(byte)) return byte;
    if (byte == 0xC2 && i + 1 < decoded.size()) {
      const auto next = static_cast<unsigned char>(decoded[i + 1]);
      if (refused_control(next)) return next;
    }
  }
  return std::nullopt;
}

bool holds_control(std::string_view decoded) {
  return refused_character(decoded).has_value();
}

// The escape (\u001b, \r, \b, \f...) that wrote a refused character into the JSON string that
// starts at text[open] (its opening quote). REQUIRES: the string decodes to one.
Control escaped_control(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i + 1 < text.size() && text[i] != '"'; ++i) {
    if (text[i] != '\\') continue;
    const char kind = text[i + 1];
    if (kind == 'b' || kind == 'f' || kind == 'r') {
      return Control{i, kind == 'b' ? 0x08u : kind == 'f' ? 0x0Cu : 0x0Du};
    }
    if (kind == 'u' && i + 6 <= text.size()) {
      unsigned code = 0;
      std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);  // checked by the parser
      if (refused_in_string(code)) return Control{i, code};
      i += 5;
    } else {
      ++i;  // the escaped character, which may be a backslash or a quote
    }
  }
  return Control{open, 0};  // unreachable when the REQUIRES holds
}

}  // namespace rehearse::text
