// parse_markdown_deck on any bytes (front matter through yaml-cpp, the body through md4c),
// then format_markdown_deck and parse again: an Error or a deck, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/markdown_deck.hpp"
#include "model/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rehearse::DeckFile file = rehearse::parse_markdown_deck(text, "f.md");
    rehearse::parse_markdown_deck(rehearse::format_markdown_deck(file), "g.md");
  } catch (const rehearse::Error&) {
  }
  return 0;
}
