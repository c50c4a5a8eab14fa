#pragma once

// Deck files for tests: generated decks, text written where a test wants it, and the message
// of the Error a step throws.

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "model/card.hpp"
#include "model/error.hpp"
#include "support/temp_dir.hpp"

namespace rehearse::test {

// A deck of `cards` cards with ids DECK.0, DECK.1, ..., each tagged lp:ownership.
inline DeckFile numbered_deck(const std::string& deck_id, int cards) {
  DeckFile file{{deck_id, "Deck " + deck_id, ""}, {}};
  for (int i = 0; i < cards; ++i) {
    file.cards.push_back({deck_id + "." + std::to_string(i),
                          "Front " + std::to_string(i),
                          "Back " + std::to_string(i),
                          {"lp:ownership"}});
  }
  return file;
}

// Writes `text`, byte for byte, to the file `name` in `dir`; returns its path.
inline std::filesystem::path write_text(const TempDir& dir, const std::string& name,
                                        const std::string& text) {
  const std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The message of the Error `work` throws, or "no error".
inline std::string error_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace rehearse::test
