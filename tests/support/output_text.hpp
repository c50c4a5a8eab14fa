#pragma once

// What tests look for in a command's output.

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace rehearse::test {

// `text` cut at its line breaks, without them.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// How many times `part` occurs in `text`, overlapping occurrences counted.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++count;
  return count;
}

}  // namespace rehearse::test
