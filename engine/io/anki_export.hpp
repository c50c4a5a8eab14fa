#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "model/card.hpp"

namespace rehearse {

// Writing a deck as an Anki package (.apkg) that Anki opens: collection.anki2 at schema 11.

// One answer of the review log, as the package keeps it.
struct AnkiExportAnswer {
  std::int64_t time_ms = 0;  // the answer's instant, milliseconds since the epoch
  int grade = 0;             // SM-2 grade 0-5
  std::int64_t duration_ms = 0;
  int interval_before = 0;  // days
  int interval_after = 0;
  int ease_after = 250;  // hundredths
};

struct AnkiExportCard {
  CardContent content;
  CardState state;
  bool suspended = false;
  std::vector<AnkiExportAnswer> answers;  // oldest first
};

struct AnkiExport {
  Deck deck;
  std::vector<AnkiExportCard> cards;  // in deck order
  std::int64_t created = 0;           // the collection's creation (col.crt), seconds; due days
                                      // are counted from its UTC day
};

// Writes `deck` to `path` (through a temporary file renamed into place): one Basic note type
// (Front, Back; "Card 1" shows {{Front}}, then {{FrontSide}}<hr id=answer>{{Back}}), one deck
// named like ours, one note and one card per card. Text goes in as HTML (& < > escaped, newlines
// <br>, repeated spaces &nbsp;). A note's guid is "rehearse:" + the card id and the deck keeps
// our id (key "rehearseId") and description, so that read_anki_package gives back the same ids.
// SM-2 state mapped back (docs/interop.md): a new card type 0 with its position as due; an
// answered one type 2, due = days from the creation day, ivl, factor = ease * 1000, reps,
// lapses = answers graded below 3, queue -1 when suspended. Each answer is a revlog row:
// buttons from grades 0-2 1, 3 2, 4 3, 5 4. Throws Error when the file cannot be written.
void write_anki_package(const AnkiExport& deck, const std::filesystem::path& path);

// Anki's answer button for an SM-2 grade: 0-2 1 (Again), 3 2 (Hard), 4 3 (Good), 5 4 (Easy).
int button_of_grade(int grade);

}  // namespace rehearse
