#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"

namespace rehearse {

// ---- Records (RFC 4180) -----------------------------------------------------------------------

// One record of a delimited text file: its fields, and the 1-based line it starts on (a quoted
// field may span lines).
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;

  bool operator==(const CsvRecord&) const = default;
};

// Parses delimited text as RFC 4180 describes it, with `delimiter` in place of the comma:
// records end with CRLF or LF (the last one may end without), a field is either bare or
// wholly in double quotes, and a quoted field may hold the delimiter, newlines and "" for one
// quote. A UTF-8 byte order mark at the start is skipped; empty lines are skipped.
// `source` names the text in messages. Throws Error "SOURCE:LINE: ..." for invalid UTF-8, a
// quote inside a bare field, text after a closing quote, or a quoted field never closed (the
// line it opens on).
std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter, std::string_view source);

// One record as parse_csv reads it back: fields holding the delimiter, a quote, a CR or LF,
// or leading or trailing white space are quoted. No newline at the end.
std::string format_csv_record(const std::vector<std::string>& fields, char delimiter);

// ---- Decks from a sheet -----------------------------------------------------------------------

// How a sheet's header names map to card fields.
struct CsvDeckOptions {
  // Default: ',' (a .tsv file: '\t').
  char delimiter = ',';
  // The deck's id and name. Default when empty: deck_id_from_name of the file name's stem,
  // and the stem itself as the name.
  std::string deck_id;
  std::string deck_name;
  // Header name (compared without case and surrounding white space) -> "front", "back",
  // "tags", "id" or "skip". Names not listed map to themselves. Default: empty.
  std::map<std::string, std::string> columns;
};

// Reads a sheet whose first record is a header naming its columns: "front" and "back" are
// required, "tags" (white-space separated) and "id" optional. A card's id is its "id" value
// when there is one, else derived_card_id of the deck id and the front: re-importing the same
// sheet finds the same cards, and a changed front makes a new card (the old one is then no
// longer in the file). `source` is the file name, for messages and the default deck.
// Throws Error "SOURCE:LINE: ..." for a header column that maps to nothing, a missing front or
// back column, a row with another number of fields than the header, an empty front or back, or
// two rows with the same id.
DeckFile parse_csv_deck(std::string_view text, std::string_view source,
                        const CsvDeckOptions& options = {});

// The sheet for `file`: a header "id,front,back,tags", then one row per card, LF line ends.
// parse_csv_deck reads it back to the same cards.
std::string format_csv_deck(const DeckFile& file, char delimiter = ',');

// Parses a --columns value "NAME=FIELD,NAME=FIELD". Throws Error when an entry has no '=' or
// names a field other than front, back, tags, id or skip.
std::map<std::string, std::string> parse_column_mapping(std::string_view text);

}  // namespace rehearse
