#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app.hpp"

// review's edit key (edit_card.cpp): a card's deck file in the editor, imported again.
namespace rehearse::cli {

// What editing a card came to, for the review screen.
struct CardEdit {
  std::optional<Card> card;  // the card as the collection holds it after the import, if it was
  std::string note;          // one line saying what happened
};

// Opens the file `card`'s deck was imported from in $VISUAL or $EDITOR at the card's line and
// imports that file when the editor closes. A file that no longer imports is refused whole,
// the error shown with the offer to reopen it (y/n). Without a file, an editor, or a file an
// editor can change (an Anki package), nothing is opened and the note says why.
// REQUIRES: standard input and output are a terminal in raw mode (RawMode), an InterruptGuard
// is alive.
CardEdit edit_card_source(Context& context, const Card& card);

// The line (from 1) of `text` that holds card `id`: in a deck file, its "id" member; in other
// formats, the first line holding the id as a whole word. nullopt when there is none.
std::optional<int> card_line(std::string_view text, std::string_view id, bool deck_file);

}  // namespace rehearse::cli
