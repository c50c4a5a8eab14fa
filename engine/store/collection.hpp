#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"
#include "model/deck_source.hpp"
#include "scheduler/sm2.hpp"

namespace rehearse {

// Which cards a query looks at. Empty fields match everything.
struct CardFilter {
  std::optional<std::string> deck;  // a deck id
  std::optional<std::string> tag;   // an exact tag
};

// A deck and how much of it there is to do on a day.
struct DeckCounts {
  Deck deck;
  int new_cards = 0;  // never answered
  int due = 0;        // due on or before the day (overdue included), not suspended
  int total = 0;
};

// What an import did, for the user to read.
struct ImportReport {
  std::string deck_id;
  bool deck_added = false;
  int added = 0;
  int updated = 0;  // content, tags, order or deck changed; scheduling kept
  int unchanged = 0;
  std::vector<std::string> moved;    // ids that came from another deck
  std::vector<std::string> missing;  // ids in the deck that the file no longer lists (kept)
};

// Called during long jobs with the number of items done and the total.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Called inside an import's transaction once every change is made, before it commits, with
// what the import did. It may back the collection up (Collection::backup_to then copies the
// state before the import) or throw to cancel the import, leaving the collection unchanged.
using BeforeCommit = std::function<void(const std::vector<ImportReport>& reports)>;

// One row of the review log.
struct LogEntry {
  std::int64_t sequence = 0;  // increases with every answer in the collection
  std::string card_id;
  Moment moment;
  Grade grade = Grade::from_int(0);
  std::chrono::milliseconds duration{0};
  CardState before;  // repetitions, ease, interval and due
  CardState after;
};

// An answer to record.
struct AnswerRecord {
  std::string card_id;
  Grade grade;
  Moment moment;
  std::chrono::milliseconds duration{0};
};

// An answer as recorded: the card as it is after it, read in the answer's transaction.
struct AnsweredCard {
  Card card;  // after the answer
  LogEntry entry;
  sm2::AnswerKind kind;
};

// A card the queue may ask next (session/queue.hpp orders them): what orders it, not its text.
struct Candidate {
  std::string card_id;
  std::optional<Day> due;     // nullopt for a new card
  std::int64_t deck = 0;      // the deck's place in import order
  std::int64_t position = 0;  // the card's place in its deck
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
  int mature = 0;  // interval of 21 days or more
  int due = 0;     // due on or before the day, not suspended
};

// The state of the whole collection on a day.
struct Stats {
  int reviews_today = 0;         // answers logged today, re-asks included
  int cards_reviewed_today = 0;  // distinct cards among them
  int due_today = 0;             // due on or before today (overdue included)
  int due_tomorrow = 0;          // due exactly tomorrow
  int reask_today = 0;           // waiting for a same-day re-ask
  // Cards by state (each card in exactly one): never answered; lapsed (last answer failed,
  // n = 0); young (interval < 21 days); mature (interval >= 21 days); suspended.
  int new_cards = 0;
  int lapsed = 0;
  int young = 0;
  int mature = 0;
  int suspended = 0;
  int total = 0;
  std::int64_t total_reviews = 0;
};

// The collection: one SQLite file holding decks, cards with their scheduling state, and the
// append-only review log. Every write is one transaction. Errors are thrown as Error, naming
// the file. Not thread-safe; several processes may share one file (they wait for each other).
// How far a committed write is guaranteed to survive.
enum class Durability {
  // Every commit reaches the disk before it returns (WAL, synchronous=FULL): a power cut loses
  // nothing committed. Costs one fsync per commit.
  power_loss,
  // A commit survives any crash of the process (WAL, synchronous=NORMAL); a power cut or an
  // OS crash may roll back the commits since the last checkpoint, never corrupting the file.
  // Closing the collection checkpoints, making everything durable. For bulk work.
  process_crash,
};

struct OpenOptions {
  // Default: power_loss.
  Durability durability = Durability::power_loss;
};

class Collection {
 public:
  // Opens the collection at `path`, creating it and its folder when missing, and brings an
  // older schema up to date. ":memory:" opens a private, temporary collection. A collection
  // whose file or folder cannot be written opens read-only: reading works, writing throws.
  // Throws Error when the file is not a rehearse collection, or is from a newer rehearse.
  static Collection open(const std::filesystem::path& path, const OpenOptions& options = {});
  // Whether `open` would leave the file as it is: it holds a collection at the latest schema
  // version (opening creates a missing file and brings an older one up to date). False when
  // in doubt.
  static bool opens_unchanged(const std::filesystem::path& path);

  Collection(Collection&&) noexcept;
  Collection& operator=(Collection&&) noexcept;
  ~Collection();

  const std::filesystem::path& path() const;

  // Decks, in the order they were first imported.
  std::vector<DeckCounts> deck_counts(Day today) const;
  std::optional<Deck> find_deck(std::string_view deck_id) const;

  // What import_decks would report, without writing anything.
  std::vector<ImportReport> preview_imports(std::span<const DeckFile> files) const;
  // Adds or updates each deck and its cards by id, all in one transaction, keeping the
  // scheduling of known cards; new cards start in `new_state`. One report per file, in order.
  // REQUIRES: every file passed parse_deck_file's checks, and no deck or card id is in two files.
  std::vector<ImportReport> import_decks(std::span<const DeckFile> files,
                                         const CardState& new_state, const Progress& progress = {},
                                         const BeforeCommit& before_commit = {});
  // The same, writing each card as `source` hands it over, possibly while the files are still
  // being read. The source is settled before `before_commit` runs; when a file turns out wrong,
  // its Error is thrown, even over a failure its early cards met, and nothing is written.
  // Progress is in the source's unit.
  std::vector<ImportReport> import_decks(DeckSource& source, const CardState& new_state,
                                         const Progress& progress = {},
                                         const BeforeCommit& before_commit = {});
  // The deck's content in deck order. Throws Error when there is no such deck.
  DeckFile export_deck(std::string_view deck_id) const;

  std::optional<Card> find_card(std::string_view card_id) const;
  // Cards matching the filter, by deck then deck order.
  std::vector<Card> cards(const CardFilter& filter) const;
  // Whether any card carries this exact tag.
  bool has_tag(std::string_view tag) const;

  // The queue's candidates (session/queue.hpp orders them). Each list holds the cards a filter
  // selects, not suspended:
  // due on or before `today`: the `limit` with the earliest due day, ties in deck order;
  std::vector<Candidate> due_candidates(const CardFilter& filter, Day today,
                                        std::size_t limit) const;
  // never answered: the first `limit` in deck order;
  std::vector<Candidate> new_candidates(const CardFilter& filter, std::size_t limit) const;
  // waiting for a same-day re-ask on `today`: all of them, in no particular order;
  std::vector<Reask> reasks(const CardFilter& filter, Day today) const;
  // the first of due_candidates, read whole;
  std::optional<Card> first_due(const CardFilter& filter, Day today) const;
  // how many of each there are;
  QueueCounts queue_counts(const CardFilter& filter, Day today) const;
  // the earliest due day of any card (not suspended) that matches.
  std::optional<Day> earliest_due(const CardFilter& filter) const;

  // Records one answer in a single transaction: reads the card, computes the outcome with
  // `transition` (called once), stores the new state and appends the log row. Both commit or
  // neither does. Returns the card as it is after the answer. Throws Error when there is no
  // such card.
  using Transition = std::function<sm2::Outcome(const CardState& before, Grade grade, Day day)>;
  AnsweredCard record_answer(const AnswerRecord& answer, const Transition& transition);
  // Records answers in order, all in one transaction (bulk history, imports, sync); reads only
  // each card's state.
  std::vector<LogEntry> record_answers(std::span<const AnswerRecord> answers,
                                       const Transition& transition);

  // The card's log, oldest first. Throws Error when there is no such card.
  std::vector<LogEntry> review_log(std::string_view card_id) const;

  Stats stats(Day today) const;
  // Whether any answer has been recorded.
  bool has_reviews() const;
  // Counts for every tag that starts with `prefix` ("lp:"), in tag order.
  std::vector<TagCounts> tag_counts(std::string_view prefix, Day today) const;

  // Copies the whole collection, consistent as of the call, to `destination` (replaced if it
  // exists) with SQLite's online backup; other processes may go on reading and writing. Only
  // committed changes are copied: called in an import's BeforeCommit, it copies the collection
  // as it was before the import (except for ":memory:", which only its own connection sees).
  void backup_to(const std::filesystem::path& destination) const;
  // Replaces the collection at `path` with the collection at `source`, which must be a sound
  // rehearse collection (checked first; nothing changes otherwise), and brings its schema up
  // to date. The collection as it was is first copied to `safety`: through SQLite when it can
  // be opened, byte for byte when it is too damaged to open.
  static void restore(const std::filesystem::path& path, const std::filesystem::path& source,
                      const std::filesystem::path& safety);
  // SQLite's integrity check: empty when the file is sound, else what is wrong.
  std::vector<std::string> integrity_problems() const;

 private:
  struct Impl;
  explicit Collection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rehearse
