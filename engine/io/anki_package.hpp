#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/zip_reader.hpp"
#include "model/card.hpp"

namespace rehearse {

// An Anki package (.apkg, .colpkg) read into plain values: decks, cards rendered to text, and
// what Anki knew of each card's scheduling and reviews (docs/interop.md maps them onto SM-2).

// A card's scheduling columns, as Anki's `cards` table holds them.
struct AnkiSchedule {
  int type = 0;           // 0 new, 1 learning, 2 review, 3 relearning
  int queue = 0;          // -3 buried by the user, -2 buried with a sibling, -1 suspended,
                          // 0 new, 1 learning, 2 review, 3 learning across days, 4 preview
  std::int64_t due = 0;   // review: days since the collection's creation; new: a position;
                          // learning: seconds since the epoch
  int interval_days = 0;  // ivl (negative: seconds, for learning cards)
  int factor = 0;         // ease in permille (2500 is 2.5); 0 for new cards
  int repetitions = 0;    // reps
  int lapses = 0;

  bool operator==(const AnkiSchedule&) const = default;
};

// One row of Anki's review log (`revlog`).
struct AnkiReview {
  std::string card_id;       // our id of the card answered
  std::int64_t time_ms = 0;  // when, milliseconds since the epoch (the row's id)
  int button = 0;            // 1 again, 2 hard, 3 good, 4 easy; 0 a manual reschedule
  int interval = 0;          // ivl after (days; negative: seconds)
  int last_interval = 0;     // lastIvl
  int factor = 0;            // ease after, permille
  int duration_ms = 0;       // time
  int kind = 0;              // 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual

  bool operator==(const AnkiReview&) const = default;
};

struct AnkiCard {
  CardContent content;  // id "anki.GUIDHEX.N": the note's guid in hex, N the card's ordinal + 1
  std::string deck_id;
  AnkiSchedule schedule;
};

struct AnkiMedia {
  std::string name;  // a plain file name (is_plain_file_name)
  std::string data;
};

struct AnkiPackage {
  std::string collection_member;     // which collection was read: collection.anki21b ...
  int schema_version = 0;            // col.ver
  std::int64_t created = 0;          // col.crt: the collection's creation, seconds since epoch
  std::vector<Deck> decks;           // the decks cards are in, by name
  std::vector<AnkiCard> cards;       // by note, then ordinal
  std::vector<AnkiReview> reviews;   // oldest first, only for cards in `cards`
  std::vector<AnkiMedia> media;      // empty unless read_media
  std::vector<std::string> skipped;  // cards left out, each "note GUID card N: why"
};

// Writes each media file into `folder` (made when missing), each replaced whole or not at all
// (write_file_atomically), leaving alone a file that already holds the same bytes. Returns the
// names written, in order. Throws Error "cannot write PATH: ..." at the first that cannot be.
std::vector<std::string> save_media(const std::vector<AnkiMedia>& media,
                                    const std::filesystem::path& folder);

struct AnkiReadOptions {
  InflateLimits limits;
  // Read the media files' contents. Default: false (their names are listed by the media map).
  bool read_media = false;
  // Where the collection is inflated to, read-only. Default: empty for $TMPDIR or /tmp.
  std::filesystem::path temp_dir;
};

// Reads the package at `path`. The collection is, in this order: the one the `meta` member
// names (collection.anki21b, zstd-compressed, for Anki 2.1.50 and later), else
// collection.anki21, else collection.anki2 (a package holding a newer collection carries a
// placeholder collection.anki2, which is then ignored). Notes become cards by their note
// type: each card row is rendered by its template (a cloze card by its cloze number), then
// turned into text (html_to_text); a card whose question renders empty is skipped, an empty
// answer becomes "(empty)". Anki's deck names (Parent::Child) become decks with ids
// "anki." + deck_id_from_name; tags are kept; the cards of one note share the sibling group
// "anki.GUIDHEX". Throws Error "PATH: ..." and reads nothing for: a file that is not a zip, a
// member path leading outside the package, inflating past the limits, no collection, a
// collection SQLite cannot read, a schema version other than 11 to 18, a note type or
// template that is missing or broken.
AnkiPackage read_anki_package(const std::filesystem::path& path,
                              const AnkiReadOptions& options = {});

}  // namespace rehearse
