#include "model/card.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/error.hpp"

namespace rehearse {

std::string Ease::to_string() const {
  // Only a tampered collection holds a negative ease; it still prints as a number.
  const std::string_view sign = hundredths_ < 0 ? "-" : "";
  const int magnitude = hundredths_ < 0 ? -hundredths_ : hundredths_;
  const int whole = magnitude / 100;
  const int fraction = magnitude % 100;
  if (fraction == 0) return fmt::format("{}{}", sign, whole);
  if (fraction % 10 == 0) return fmt::format("{}{}.{}", sign, whole, fraction / 10);
  return fmt::format("{}{}.{:02}", sign, whole, fraction);
}

namespace {

bool is_white_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

}  // namespace

bool is_blank_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + length > text.size()) return false;
    char32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (!is_white_space(code)) return false;
    i += length;
  }
  return true;
}

Grade Grade::from_int(int value) {
  if (value < 0 || value > 5) {
    throw Error(
        "grade {} is out of range: grades are 0-5 (5 perfect, 3 recalled with difficulty, "
        "0 blackout)",
        value);
  }
  return Grade{value};
}

Grade Grade::parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '9') return from_int(text[0] - '0');
  throw Error("grade '{}' is not a number 0-5 (5 perfect, 3 recalled with difficulty, 0 blackout)",
              text);
}

std::optional<std::string> id_problem(std::string_view id, std::size_t max_length) {
  if (id.empty()) return "is empty";
  if (id.size() > max_length) return fmt::format("is longer than {} characters", max_length);
  const bool valid = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == ':';
  });
  if (!valid) return "may only contain letters, digits and . _ - :";
  return std::nullopt;
}

}  // namespace rehearse
