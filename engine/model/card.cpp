#include "model/card.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/error.hpp"

namespace rehearse {

std::string Ease::to_string() const {
  const int whole = hundredths_ / 100;
  const int fraction = hundredths_ % 100;
  if (fraction == 0) return fmt::format("{}", whole);
  if (fraction % 10 == 0) return fmt::format("{}.{}", whole, fraction / 10);
  return fmt::format("{}.{:02}", whole, fraction);
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
