#pragma once

// The values the collection's parts take and return (store/collection.hpp): filters, counts,
// reports and log rows. Plain values, no SQLite.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/card.hpp"
#include "model/search.hpp"
#include "scheduler/sm2.hpp"

namespace rehearse {

// Which cards a query looks at. Empty fields match everything.
struct CardFilter {
  std::optional<std::string> deck;  // a deck id
  std::optional<std::string> tag;   // an exact tag
  std::optional<Search> search;     // cards --search and the like (model/search.hpp)
};

// A deck and how much of it there is to do on a day.
struct DeckCounts {
  Deck deck;
  int new_cards = 0;  // never answered, not suspended
  int due = 0;        // due on or before the day (overdue included), not suspended
  int reask = 0;      // failed on the day, waiting for a same-day re-ask (not in `due`)
  int total = 0;      // in the deck: orphans are not
  int orphans = 0;    // no longer in the deck's file (rehearse orphans), kept with their history
  std::filesystem::path source;  // the file the deck was last imported from; empty: none
};

// What an import did, for the user to read.
struct ImportReport {
  std::string deck_id;
  bool deck_added = false;
  int added = 0;
  int updated = 0;  // content, tags, order or deck changed; scheduling kept
  int unchanged = 0;
  // Of `updated`: cards answered before whose front or back changed, now flagged changed.
  int changed = 0;
  std::vector<std::string> moved;       // ids that came from another deck
  std::vector<std::string> moved_from;  // the deck each of `moved` was in, in the same order
  // Ids in the deck that the file no longer lists: orphans now, kept with their history
  // (DecksAndCards::orphans), in deck order.
  std::vector<std::string> missing;
  // Cards that took their progress from the batch (ImportBatch::progress), and the answers of
  // their history appended to the review log.
  int progress_kept = 0;
  int answers_kept = 0;
  // Cards with progress in the file that already have a history in the collection, which they
  // keep: the file's progress is left out.
  int progress_left = 0;
  // With ImportRecords::reset_changed: cards flagged changed that started over as new.
  int reset = 0;
  // Of `updated`: orphans the file lists again, back in the deck with their progress.
  int returned = 0;
};

// What an import appends to the review log besides the cards it writes (docs/storage.md,
// "state_records").
// The progress a card carries in the batch (ImportBatch::progress, `import --keep-scheduling`)
// is kept only when the collection holds no history of the card yet (no answer standing, no
// state record): its answers are appended to the log, then a state record with its state and
// suspension.
struct ImportRecords {
  // How an imported answer moves a card's state in the log's before and after columns (SM-2
  // from the state before; no interview cap). Required when the batch carries answers.
  std::function<CardState(const CardState& before, Grade grade, Day day)> transition;
  // Default: false. Cards of the files flagged changed, those this import flags included,
  // start over as new by a reset record (`import --reset-changed`).
  bool reset_changed = false;
  // When the records are written.
  Moment at{};
};

// A card whose deck's file no longer lists it (store/schema.cpp, cards.orphaned).
struct Orphan {
  std::string card_id;
  std::string deck_id;
  std::string front;
  int answers = 0;                   // in the log, not taken back by an undo
  std::optional<Day> last_answered;  // nullopt: never answered
};

// Called during long jobs with the number of items done and the total. A display-only
// observer (the CLI's progress bar): an import calls it from inside its write transaction, the
// one call the store makes from a transaction's body up into the CLI (BeforeCommit and
// ImportRecords::transition reach only engine/import). REQUIRES: it does not touch the
// collection, neither to read nor to write; it only shows `done` of `total`.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Called inside an import's transaction once every change is made, before it commits, with
// what the import did. It may back the collection up (Collection::backup_to then copies the
// state before the import) or throw to cancel the import, leaving the collection unchanged.
using BeforeCommit = std::function<void(const std::vector<ImportReport>& reports)>;

// An undo record: when an answer was taken back, and where in the log.
struct Undo {
  Moment moment;
  // The newest answer's sequence when the undo was recorded: answers with a larger sequence
  // came after the undo (their state before already leaves the answer out).
  std::int64_t after_sequence = 0;
};

// One row of the review log.
struct LogEntry {
  std::int64_t sequence = 0;  // increases with every answer in the collection
  std::string card_id;
  Moment moment;
  Grade grade = Grade::from_int(0);
  std::chrono::milliseconds duration{0};
  CardState before;  // repetitions, ease, interval and due
  CardState after;
  std::optional<Day> interview;  // the interview day in force for this answer, if any
  // The undo that took this answer back, if one did: the answer then counts for nothing, and
  // replay leaves it out.
  std::optional<Undo> undone = std::nullopt;
};

// A state record: sets a card's state as given at its place in the log. Replay starts from the
// card's last record, and an undo cannot take an answer back past one.
struct StateRecord {
  enum class Kind : std::uint8_t {
    import,  // progress kept from another program (import --keep-scheduling)
    reset,   // a changed card started over as new (import --reset-changed)
  };
  std::int64_t sequence = 0;  // increases with every state record in the collection
  std::string card_id;
  Kind kind = Kind::import;
  Moment moment;
  // The newest answer's sequence when the record was written (0: none): answers with a larger
  // sequence came after it.
  std::int64_t after_sequence = 0;
  std::filesystem::path source;  // the file it came from; empty: none on disk
  CardState state;               // all of it: the seven columns of a card
  bool suspended = false;        // the card's suspension when it was written
};

// An answer an undo took back, and the card as it is after the undo.
struct UndoneAnswer {
  LogEntry entry;  // the answer taken back
  Card card;       // its state recomputed from the log without it
  // The answer taken back had suspended the card as a leech; the undo unsuspended it.
  bool unsuspended_leech = false;
};

// An answer to record.
struct AnswerRecord {
  std::string card_id;
  Grade grade;
  Moment moment;
  std::chrono::milliseconds duration{0};
  // The interview day in force (sm2::answer caps the due day by it); logged with the answer.
  std::optional<Day> interview;
};

// An answer as recorded: the card as it is after it, read in the answer's transaction.
struct AnsweredCard {
  Card card;  // after the answer
  LogEntry entry;
  sm2::AnswerKind kind;
  // This answer's lapse made the card a leech (Settings::leech_threshold): it is suspended.
  bool suspended_as_leech = false;
};

// Which cards a cram session asks, besides a filter's. Unset fields select everything.
struct CramScope {
  std::optional<int> due_within;    // due on or before today + N days (overdue included)
  std::optional<int> failed_since;  // graded below 3 in the last N days, today included
};

// A cram answer as recorded: it moved no card's state.
struct CramAnswer {
  std::int64_t sequence = 0;  // increases with every cram answer in the collection
  std::string card_id;
  Moment moment;
  Grade grade = Grade::from_int(0);
  std::chrono::milliseconds duration{0};
};

// A card the queue may ask next (session/queue.hpp orders them): what orders it, not its text.
struct Candidate {
  std::string card_id;
  std::optional<Day> due;     // nullopt for a new card
  std::int64_t deck = 0;      // the deck's place in import order
  std::int64_t position = 0;  // the card's place in its deck
  int interval_days = 0;      // I: how late a due card is is measured against it
  std::string deck_id = {};   // the author's deck id, for the deck's limits
};

// What a day's answers have used of the daily limits (session/queue.hpp), by deck id.
struct DayProgress {
  std::map<std::string, int, std::less<>> new_by_deck;      // cards answered for the first time
  std::map<std::string, int, std::less<>> reviews_by_deck;  // scheduled answers to due cards
  int new_total = 0;
  int reviews_total = 0;
};

// A card answered today below the re-ask grade, waiting for another try.
struct Reask {
  std::string card_id;
  std::int64_t answers_since = 0;  // answers logged after this card's last one
};

// What is left to do on a day among the cards a filter selects.
struct QueueCounts {
  int due = 0;    // due on or before the day, not suspended
  int fresh = 0;  // never answered, not suspended
  int reask = 0;  // waiting for a same-day re-ask
  int total() const { return due + fresh + reask; }
};

// How far the cards carrying one tag have come.
struct TagCounts {
  std::string tag;
  int cards = 0;   // carrying the tag, suspended included
  int seen = 0;    // answered at least once
  int mature = 0;  // sm2::is_mature: interval of 21 days or more
  int due = 0;     // due on or before the day, not suspended
};

// A card as the statistics count it (stats/statistics.hpp): its state, not its text.
struct CardFacts {
  std::int64_t rowid = 0;
  std::size_t deck = 0;  // the deck's place in import order (as deck_counts lists decks)
  bool suspended = false;
  CardState state;  // repetitions, ease, interval, due and lapses
};

// The answers of one deck on one study day that count (no undo took them back, their card in
// the deck, not an orphan), added up as the collection keeps them (docs/storage.md,
// answer_days).
struct AnswerDay {
  std::size_t deck = 0;  // as CardFacts::deck
  Day day;               // the study day (the day rollover applied)
  int answers = 0;
  int new_answers = 0;                // first answers to a card (its state before had no due day)
  int passed = 0;                     // graded sm2::kPassingGrade or more
  std::chrono::milliseconds time{0};  // the answers' durations added up
  // Scheduled answers (the card due on or before the day: not new, not a same-day re-ask or
  // practice ahead of time) to cards young or mature before the answer (sm2::is_mature), and
  // how many of them passed.
  int young_reviews = 0;
  int young_passed = 0;
  int mature_reviews = 0;
  int mature_passed = 0;
};

// The answers of one week (Queries::answers_per_week).
struct WeekAnswers {
  Day first;        // the week's first day
  int answers = 0;  // every answer that counts
  int passed = 0;   // those graded sm2::kPassingGrade or more
};

// The state of the whole collection on a day.
struct Stats {
  int reviews_today = 0;         // answers logged today, re-asks included
  int cards_reviewed_today = 0;  // distinct cards among them
  int due_today = 0;             // due on or before today (overdue included)
  int due_tomorrow = 0;          // due exactly tomorrow
  int reask_today = 0;           // waiting for a same-day re-ask
  // Cards by state (each card in exactly one): never answered; learning (answered, never
  // recalled on a scheduled answer: n = 0, no lapse); lapsed (forgotten after being learned:
  // n = 0 after a lapse); young and mature (sm2::is_mature: interval >= 21 days); suspended.
  int new_cards = 0;
  int learning = 0;
  int lapsed = 0;
  int young = 0;
  int mature = 0;
  int suspended = 0;
  int total = 0;
  std::int64_t total_reviews = 0;
};

}  // namespace rehearse
