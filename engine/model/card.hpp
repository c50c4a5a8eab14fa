#pragma once

#include <chrono>
#include <compare>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/time.hpp"

namespace rehearse {

// SM-2's ease factor, kept exactly as a whole number of hundredths: it only ever moves in
// steps of 0.02 and 0.01, and a double would drift (2,1,3,4,4,4 would give 1.4999999999999998).
class Ease {
 public:
  constexpr Ease() = default;
  static constexpr Ease from_hundredths(int hundredths) { return Ease{hundredths}; }
  constexpr int hundredths() const { return hundredths_; }
  // Decimal text without trailing zeros: "2.5", "1.3", "2.36". Valid as a JSON number.
  std::string to_string() const;
  auto operator<=>(const Ease&) const = default;

 private:
  constexpr explicit Ease(int hundredths) : hundredths_(hundredths) {}
  int hundredths_ = 250;
};

// A grade 0-5 as SM-2 defines it. Constructed only through from_int, so always in range.
class Grade {
 public:
  // Throws Error when value is not 0-5.
  static Grade from_int(int value);
  // Parses a grade typed by a user ("4", " 4 "). Throws Error when it is not 0-5.
  static Grade parse(std::string_view text);
  constexpr int value() const { return value_; }
  auto operator<=>(const Grade&) const = default;

 private:
  constexpr explicit Grade(int value) : value_(value) {}
  int value_;
};

// A card's scheduling state. A new card has never been answered: no due day.
struct CardState {
  int repetitions = 0;     // n: successful answers in a row
  Ease ease;               // EF
  int interval_days = 0;   // I
  std::optional<Day> due;  // nullopt while new
  // The day of the last answer, and whether that day's answers still ask for another try
  // (Wozniak's step 7: repeat the same day until the card scores at least 4).
  std::optional<Day> last_answered;
  bool reask = false;
  // Lapses: answers below the passing grade that reset a recalled card (n > 0) to n = 0. Not
  // part of SM-2's state: counted to find leeches (model/settings.hpp).
  int lapses = 0;

  bool is_new() const { return !due.has_value(); }
  bool operator==(const CardState&) const = default;
};

// An answer another program recorded (an Anki package's review log), as an import carries it
// into the review log: when, with which SM-2 grade, how long it took.
struct ImportedAnswer {
  Grade grade = Grade::from_int(0);
  Moment moment;
  std::chrono::milliseconds duration{0};

  bool operator==(const ImportedAnswer&) const = default;
};

// What another program knew of a card (`import --keep-scheduling`): its state, whether it is
// suspended, and the answers that led there, oldest first.
struct CardProgress {
  CardState state;
  bool suspended = false;
  std::vector<ImportedAnswer> answers = {};

  // Whether there is anything to keep: a state other than new, a suspension or an answer.
  bool any() const { return !state.is_new() || suspended || !answers.empty(); }
  bool operator==(const CardProgress&) const = default;
};

// Cards' progress by card id, as an import batch carries it beside the decks.
using ProgressByCard = std::unordered_map<std::string, CardProgress>;

// What a deck file says about a card: the content, identified by the author's stable id.
struct CardContent {
  std::string id;
  std::string front;
  std::string back;
  std::vector<std::string> tags;
  // The card's sibling group, or empty for none: cards of one group are not asked on the same
  // day (docs/scheduler.md). Same characters as ids.
  std::string group = {};
  // Default: false. In a deck file, whether the card also asks the other way round: an import
  // adds its reverse as a card of its own (model/reverse_card.hpp). The collection never holds
  // a card with it set; it holds the two cards.
  bool reverse = false;

  bool operator==(const CardContent&) const = default;
};

// A card in the collection: content, the deck it belongs to, and its progress.
struct Card {
  CardContent content;
  std::string deck_id;
  bool suspended = false;
  CardState state;
  // An import changed its front or back after it was answered; its next answer clears this.
  bool changed = false;
  // Its deck's file no longer lists it (rehearse orphans): neither asked nor counted.
  bool orphaned = false;
};

// What is wrong with an id an author chose (a card, deck, group or story id): empty, longer
// than `max_length`, or a character outside a-z A-Z 0-9 . _ - :. nullopt when nothing.
std::optional<std::string> id_problem(std::string_view id, std::size_t max_length);

// Whether `text` (UTF-8) shows nothing: empty, or only white space as Unicode defines it
// (White_Space: ASCII's, U+0085, no-break spaces, U+1680, U+2000-U+200A, the line and
// paragraph separators, U+205F, U+3000) and the invisible U+200B, U+2060 and U+FEFF.
bool is_blank_text(std::string_view text);

// A deck, identified by the author's stable id.
struct Deck {
  std::string id;
  std::string name;
  std::string description;

  bool operator==(const Deck&) const = default;
};

// The content of a deck file: a deck and its cards in order.
struct DeckFile {
  Deck deck;
  std::vector<CardContent> cards;
  // The file it was read from, absolute (io/file.hpp deck_source_path), which an import records
  // with the deck; empty for standard input or a deck made in memory. Not part of the content.
  std::filesystem::path source = {};
};

}  // namespace rehearse
