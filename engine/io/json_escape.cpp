#include "io/json_escape.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rehearse {
namespace {

bool raw_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
}

// Whether a C1 control (C2 80 to C2 9F in UTF-8) starts at `i`.
bool c1_control(const std::string& text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

}  // namespace

std::string escape_control_characters(std::string json) {
  const bool clean = std::none_of(json.begin(), json.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return raw_control(byte) || byte == 0xC2;
  });
  if (clean) return json;
  std::string out;
  out.reserve(json.size() + 16);
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto byte = static_cast<unsigned char>(json[i]);
    if (raw_control(byte)) {
      out += fmt::format("\\u{:04X}", byte);
    } else if (c1_control(json, i)) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(json[++i]));
    } else {
      out += json[i];
    }
  }
  return out;
}

}  // namespace rehearse
