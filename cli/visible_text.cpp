#include "visible_text.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace rehearse::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Whether any byte may need a change: a control, or a byte outside ASCII.
bool plain_ascii(std::string_view text, bool keep_layout) {
  return std::all_of(text.begin(), text.end(), [keep_layout](char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (keep_layout && (c == '\n' || c == '\t')) return true;
    return byte >= 0x20 && byte < 0x7F;
  });
}

void append_code_point(std::string& out, utf8proc_int32_t code) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t length = utf8proc_encode_char(code, bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

std::string shown(std::string_view text, bool keep_layout) {
  if (plain_ascii(text, keep_layout)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t code = -1;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes, left, &code);
    if (length <= 0) {  // not UTF-8: show one replacement per byte skipped
      out += kReplacement;
      ++bytes;
      --left;
      continue;
    }
    if (keep_layout && (code == '\n' || code == '\t')) {
      out += static_cast<char>(code);
    } else if (code < 0x20) {
      append_code_point(out, 0x2400 + code);  // U+2400 SYMBOL FOR NULL...
    } else if (code == 0x7F) {
      append_code_point(out, 0x2421);  // SYMBOL FOR DELETE
    } else if (code >= 0x80 && code <= 0x9F) {
      out += kReplacement;
    } else {
      out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
    }
    bytes += length;
    left -= length;
  }
  return out;
}

}  // namespace

std::string visible(std::string_view text) {
  return shown(text, true);
}

std::string visible_line(std::string_view text) {
  return shown(text, false);
}

}  // namespace rehearse::cli
