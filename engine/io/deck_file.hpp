#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "model/card.hpp"

namespace rehearse {

// The format tag every deck file carries in its "format" field.
inline constexpr std::string_view kDeckFormat = "rehearse-deck/1";

// Parses and checks the text of a deck file (docs/deck-format.md). `source` names the file in
// messages. Throws Error for the first problem found, as "SOURCE:LINE: what is wrong"; a file
// that parses is whole and consistent: ids valid and unique, fronts and backs not empty, tags
// valid.
DeckFile parse_deck_file(std::string_view text, std::string_view source);

// Reads and parses the deck file at `path`.
DeckFile read_deck_file(const std::filesystem::path& path);

// Receives a deck file's deck and cards while the file is read, before it is checked whole:
// a file that turns out wrong still makes read_deck_file throw, once it is read. An exception
// from the sink stops the reading and leaves read_deck_file.
class DeckSink {
 public:
  virtual ~DeckSink() = default;
  // When the "deck" object ends.
  virtual void deck(const Deck&) {}
  // When a card object ends, in file order; `bytes_read` counts the file's bytes up to its end.
  virtual void card(CardContent&& card, std::size_t bytes_read) = 0;
};

// Reads and parses the deck file at `path`, handing its parts to `sink` as they are read, and
// returns its deck. Throws as read_deck_file does.
Deck read_deck_file(const std::filesystem::path& path, DeckSink& sink);

// The deck file text for `file`: the format parse_deck_file reads, two-space indented.
std::string format_deck_file(const DeckFile& file);

// The deck file `text` with `card` added after its last card, written as format_deck_file
// writes a card; every other byte of `text` stays as it was (its layout, its order of members).
// REQUIRES: `text` parses (parse_deck_file). The result is not checked: parse it.
std::string with_card_appended(std::string_view text, const CardContent& card);

// Writes `file` to `path` through a temporary file renamed into place, so that the path holds
// either its old content or the whole new file.
void write_deck_file(const DeckFile& file, const std::filesystem::path& path);

}  // namespace rehearse
