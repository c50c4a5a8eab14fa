#pragma once

// Whole files as text, for end-to-end tests that write inputs and read what rehearse wrote.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rehearse::test {

// The bytes of the file at `path`; empty when it cannot be read.
inline std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Writes `text`, byte for byte, to the file at `path`, replacing it.
inline void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace rehearse::test
