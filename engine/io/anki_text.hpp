#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"

namespace rehearse {

// Anki's "Notes in Plain Text" export (.txt): header lines, then one note per record.
struct AnkiTextOptions {
  // The deck of notes without a deck column. Default when empty: deck_id_from_name of the file
  // name's stem, the stem as its name.
  std::string deck_id;
  std::string deck_name;
};

// Reads Anki's text export. Header lines at the top, each "#KEY:VALUE":
// - separator: Tab (the default), Comma, Semicolon, Space, Pipe, Colon, or one character;
// - html: true when fields are HTML (they become text with html_to_text), false when plain;
// - guid column, notetype column, deck column, tags column: N, the 1-based column that holds
//   it; notetype, deck, tags: a value for every note (tags added to each note's own);
// - columns: the column names, ignored; other keys are ignored too.
// Records are RFC 4180 with the separator (quoted fields may span lines). The other columns
// are the note's fields, in order. A note type whose name holds "Cloze" gives one card per
// cloze number of its first field (the second field added to the back); one holding
// "reversed" gives two cards, front to back and back to front; any other the first field as
// the front and the second as the back. Ids: with a guid column "anki.GUIDHEX.N", as
// read_anki_package gives them, so that the text export and the package of one collection
// update the same cards; else derived_card_id of the deck and the front. Decks: one per deck
// name, id "anki." + deck_id_from_name (the file's deck when there is no deck column), in
// order of first use. Throws Error "SOURCE:LINE: ..." for an unknown separator, a column
// number past the record's fields, a note with no front, or a repeated id.
std::vector<DeckFile> parse_anki_text(std::string_view text, std::string_view source,
                                      const AnkiTextOptions& options = {});

}  // namespace rehearse
