#pragma once

// The inside of Collection: the connection its parts share, and the helpers of the store's
// source files (collection.cpp: opening and queries; import.cpp; answers.cpp;
// maintenance.cpp). Not part of the engine's public surface.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>
#include <sqlite3.h>

#include <unordered_map>
#include <unordered_set>

#include "model/error.hpp"
#include "store/collection.hpp"

namespace rehearse {
namespace store {

// How long one attempt at a write waits for a lock another process holds (set_busy_timeout),
// and how many attempts a write makes before it fails as busy.
int busy_timeout_ms();
inline constexpr int kWriteAttempts = 5;

// Throws an SQLite failure as an Error with a message a user can act on (a BusyError for a lock
// held too long).
[[noreturn]] void throw_storage_error(const std::filesystem::path& path,
                                      const SQLite::Exception& e);

// Runs `work` and reports an SQLite failure as an Error naming the collection file.
template <typename Work>
auto guarded(const std::filesystem::path& path, Work&& work) {
  try {
    return work();
  } catch (const SQLite::Exception& e) {
    throw_storage_error(path, e);
  }
}

// `path` as an SQLite URI, with the characters URIs reserve escaped.
std::string file_uri(const std::filesystem::path& path);

std::optional<Day> optional_day(const SQLite::Column& column);
void bind_day(SQLite::Statement& statement, int index, std::optional<Day> day);

// A card's tags as card_texts keeps them, in the author's order: tags contain no white space,
// so a space joins them safely.
std::string join_tags(const std::vector<std::string>& tags);
std::vector<std::string> split_tags(const SQLite::Column& column);

// A card's scheduling state as columns, always in this order: repetitions, ease (in
// hundredths), interval_days, due, last_answered, reask, lapses. `cards` keeps all seven; the
// review log keeps the first four, before and after each answer (repetitions_before, ...).
inline constexpr int kStateColumns = 7;
inline constexpr int kLoggedStateColumns = 4;
inline constexpr std::string_view kStateColumnNames =
    "repetitions, ease, interval_days, due, last_answered, reask, lapses";
// Reads `count` state columns starting at column `first`; the others keep new_card's values.
CardState read_state(SQLite::Statement& row, int first, int count = kStateColumns);
// Binds `count` state columns to the parameters numbered from `first` (?N, from 1).
void bind_state(SQLite::Statement& statement, int first, const CardState& state,
                int count = kStateColumns);

// The start of every card query: its columns, in the order read_card expects (the state's
// from kStateColumnNames, then tags, group, the changed and orphaned flags, the card's rowid
// last), and the
// tables they come from, ending in a space for the WHERE that follows.
const std::string& card_query();
inline constexpr int kCardStateColumn = 5;  // the first state column
inline constexpr int kCardRowidColumn = kCardStateColumn + kStateColumns + 4;
Card read_card(SQLite::Statement& row);

// Due on the study day `day` (an SQL parameter): not suspended, in its deck, due that day or
// before. The queue's kDueCondition and the search's is:due (store/search_sql.cpp).
inline std::string due_on(std::string_view day) {
  return fmt::format("c.suspended = 0 AND c.orphaned = 0 AND c.due IS NOT NULL AND c.due <= {}",
                     day);
}
// Waiting for a same-day re-ask on the study day `day` (an SQL parameter):
// sm2::waiting_for_reask (scheduler/sm2.hpp) in SQL. The queue's kReaskCondition and the
// search's is:reask.
inline std::string reask_on(std::string_view day) {
  return fmt::format("c.reask = 1 AND c.last_answered = {}", day);
}

// The cards the queue asks, as conditions on `cards c` with a :today parameter, each written
// once. Orphans (cards.orphaned, store/schema.cpp) are neither asked nor counted: only cards in
// their deck.
inline const std::string kDueCondition = due_on(":today");
inline constexpr std::string_view kNewCondition =
    "c.suspended = 0 AND c.orphaned = 0 AND c.due IS NULL";
inline const std::string kReaskCondition =
    reask_on(":today") + " AND c.suspended = 0 AND c.orphaned = 0";
// Cards outside their deck: orphans, and the orphans removed.
inline constexpr std::string_view kOutsideDeckCondition = "c.orphaned > 0";
// Not buried: no card of the same sibling group was answered on :today (the card itself
// included, which for a due or new card cannot be). Walks the index cards_by_group.
inline constexpr std::string_view kNotBuriedCondition =
    "(c.sibling_group IS NULL OR NOT EXISTS (SELECT 1 FROM cards s WHERE "
    "s.sibling_group = c.sibling_group AND s.last_answered = :today))";

// How a tag filter is evaluated. A query that stops at its first row walks an index in its
// own order and probes each card's tags; a query that reads every match is better served by
// the list of the tag's cards.
enum class TagMatch { probe, list };

// The WHERE conditions (after the first) for a filter, with :deck, :tag and the search's
// parameters (:q0, :q1, ...).
std::string filter_sql(const CardFilter& filter, TagMatch match = TagMatch::probe);
void bind_filter(SQLite::Statement& statement, const CardFilter& filter);

// A search as conditions on `cards c`, " AND (...)" for each term (store/search_sql.cpp), and
// the binding of their parameters.
std::string search_sql(const Search& search);
void bind_search(SQLite::Statement& statement, const Search& search);

// `flags` for opening a connection that one thread uses at a time (a Collection is never
// shared between threads at once): SQLite then takes no mutex per call. The first call also
// turns off SQLite's global memory statistics, which take a lock on every allocation.
int connection_flags(int flags);

// A cached statement in use; resets it when the scope ends, so that no read lock outlives
// the query.
class Query {
 public:
  explicit Query(SQLite::Statement& statement) : statement_(statement) {}
  ~Query() { statement_.tryReset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

// The page cache of every connection: 256 MB at most, for large imports.
inline constexpr const char* kCacheSizePragma = "PRAGMA cache_size = -262144";

struct Connection {
  std::filesystem::path path;
  SQLite::Database db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
  std::unordered_map<const char*, SQLite::Statement*> literals;

  Connection(std::filesystem::path file, int flags)
      : path(std::move(file)),
        db(path.string(), store::connection_flags(flags), store::busy_timeout_ms()) {}
  // `name` is what SQLite opens (a URI with flags), `file` what messages name.
  Connection(std::filesystem::path file, const std::string& name, int flags)
      : path(std::move(file)), db(name, store::connection_flags(flags), store::busy_timeout_ms()) {}

  // A prepared statement, compiled once per collection and reused.
  Query query(const std::string& sql) {
    auto& slot = statements[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
    return Query(*slot);
  }
  // The same for SQL that is a string literal, found by its address: the hot paths (imports,
  // answers) skip building and hashing the text on every call.
  Query query(const char* literal) {
    SQLite::Statement*& slot = literals[literal];
    if (!slot) {
      auto& owned = statements[literal];
      if (!owned) owned = std::make_unique<SQLite::Statement>(db, literal);
      slot = owned.get();
    }
    return Query(*slot);
  }

  // Runs `work` in one IMMEDIATE transaction, retrying the whole of it when another process
  // holds the lock beyond the busy timeout.
  template <typename Work>
  auto write(Work&& work) {
    for (int attempt = 1;; ++attempt) {
      try {
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        auto result = work();
        transaction.commit();
        return result;
      } catch (const SQLite::Exception& e) {
        const bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
        if (!busy || attempt == store::kWriteAttempts) throw;
      }
    }
  }

  std::optional<Card> find_card(std::string_view card_id);
  // Up to `limit` cards meeting `condition` and `filter`, in `order` (SQL over `cards c`).
  // A condition naming :deck_row gets `deck_row` bound.
  std::vector<Candidate> candidates(std::string_view condition, std::string_view order,
                                    const CardFilter& filter, std::optional<Day> today,
                                    std::size_t limit,
                                    std::optional<std::int64_t> deck_row = std::nullopt);

  std::int64_t card_rowid(std::string_view card_id) {
    auto q = query("SELECT id FROM cards WHERE slug = ?");
    q->bind(1, std::string(card_id));
    if (!q->executeStep()) throw Error("no card '{}' in {}", card_id, path.string());
    return q->getColumn(0).getInt64();
  }

  // Where a card sits: its deck and its place in the deck file.
  struct Placed {
    std::int64_t deck;
    std::int64_t position;
    bool operator==(const Placed&) const = default;
  };
  // What the collection holds of a card, to compare with a deck file.
  struct Stored {
    std::int64_t rowid;
    Placed placed;
    CardContent content;
    std::string deck_id;  // the deck at placed.deck
    bool answered;        // not new: answered, or given progress by an import
    bool changed;         // flagged changed (Card::changed)
    bool suspended;
    bool orphaned = false;  // its deck's file no longer listed it (cards.orphaned = 1)
  };
  std::optional<Stored> stored_card(const std::string& card_id);
  // The ids of the tags one write transaction has looked up or added, by name. It must not
  // outlive the transaction: a rollback takes back the ids it added.
  struct TagIds {
    std::unordered_map<std::string, std::int64_t> ids;
    bool unindexed = false;  // a card lost a tag: some tag may have no card left
    bool regrouped = false;  // a card changed group: some group may have no card left
  };
  // Adds a card; returns its rowid.
  std::int64_t insert_card(const CardContent& content, const Placed& placed, const CardState& state,
                           TagIds& tag_ids);
  // Updates a stored card to `content` at `placed`, keeping its schedule. Returns whether the
  // update edits an answered card's text (edits_answered_text), which flags it changed.
  bool update_card(const Stored& stored, const CardContent& content, const Placed& placed,
                   TagIds& tag_ids);
  // Whether `content` changes the front or back of a card that is not new (answered, or given
  // progress by an import).
  static bool edits_answered_text(const Stored& stored, const CardContent& content);
  // card_tags lists each (tag id, card) pair, for filters and counts by tag; tags names them.
  std::int64_t tag_id(const std::string& name, TagIds& tag_ids);
  void index_tags(std::int64_t card, const std::vector<std::string>& tags, TagIds& tag_ids);
  void unindex_tags(std::int64_t card, const std::vector<std::string>& tags, TagIds& tag_ids);
  // Forgets the names of tags no card carries any more.
  void prune_tags();
  // The row of sibling group `name`, added when new; nullopt for no group (an empty name).
  std::optional<std::int64_t> group_id(const std::string& name);
  // Forgets the names of groups no card belongs to any more.
  void prune_groups();
  std::optional<std::int64_t> deck_rowid(const std::string& deck_id);
  // What importing card `position` of a file does to the collection: add it, keep it or
  // update it. `deck` is the file's deck as stored before the import, `known` (when given)
  // every card id in the collection; `stored` receives the card when the collection has it.
  enum class Step : std::uint8_t { add, keep, update };
  Step classify(const CardContent& content, std::size_t position, std::optional<std::int64_t> deck,
                const std::unordered_set<std::string>* known, std::optional<Stored>& stored);
  // Counts a classified card in its file's report.
  // `edited_answered`: the update edits an answered card's text.
  static void tally(ImportReport& report, Step step, const std::optional<Stored>& stored,
                    std::optional<std::int64_t> deck, const std::string& card_id,
                    bool edited_answered);
  // The deck's cards that `listed` does not hold, in deck order (removed orphans left out).
  std::vector<std::string> unlisted_cards(std::int64_t deck,
                                          const std::unordered_set<std::string>& listed);
  // Makes the cards orphans (cards.orphaned = 1), schedule and history kept.
  void orphan_cards(const std::vector<std::string>& card_ids);
  // Whether plan_imports writes what it finds (apply) or only reports it (preview).
  enum class Planning : std::uint8_t { preview, apply };
  // Classifies every card of every file as the source hands it over (classify), counts it in
  // its file's report and, to apply, writes it: preview and apply share every decision.
  // `records` says what it appends to the review log besides (store/reports.hpp).
  std::vector<ImportReport> plan_imports(ImportBatch& source, const CardState& new_state,
                                         const ImportRecords& records, const Progress& progress,
                                         Planning planning);
  // Starts card `card`, flagged changed, over as new: a reset record of `new_state` that keeps
  // its suspension, and the flag cleared.
  void reset_changed(std::int64_t card, const CardState& new_state, const Moment& at,
                     const std::filesystem::path& source, bool suspended);
  // Appends card `card`'s progress from another program: its answers from `new_state` on
  // (records.transition), then a state record of its state (ImportBatch::progress).
  // REQUIRES: has_no_history(card), so its state is `new_state`.
  void keep_progress(std::int64_t card, const std::string& card_id, const CardProgress& kept,
                     const CardState& new_state, const ImportRecords& records,
                     const std::filesystem::path& source);
  // Adds the file's deck or updates its name, description and source; returns its row.
  std::int64_t store_deck(const Deck& deck, const std::filesystem::path& file_source);
  std::unordered_set<std::string> card_ids();
  // The card's rowid and scheduling state, read for an answer. Throws Error when there is no
  // such card.
  std::pair<std::int64_t, CardState> answering(const std::string& card_id);
  // The settings the user set, by key.
  std::vector<StoredSetting> stored_settings();
  // The due, new and re-ask counts of the cards `filter` selects on `today`, due and new as
  // the conditions `due` and `fresh` select them (store/collection.cpp).
  QueueCounts counts(const CardFilter& filter, Day today, std::string_view due,
                     std::string_view fresh);
  // How many cards `filter` and `condition` (on `cards c`, with :today) select.
  int count_cards(const CardFilter& filter, Day today, std::string_view condition);
  // Whether an answer that took a card from `before` to `after` suspends it as a leech under
  // the collection's leech-threshold (reads the settings only when the answer was a lapse).
  bool suspends_as_leech(const CardState& before, const CardState& after);
  // Suspends or unsuspends card `card`.
  void store_suspended(std::int64_t card, bool suspended);
  // Stores `state` as card `card`'s scheduling state.
  void store_state(std::int64_t card, const CardState& state);
  // Stores `after` as card `card`'s state and appends the answer's log row.
  LogEntry append_answer(const AnswerRecord& answer, std::int64_t card, const CardState& before,
                         const CardState& after);

  // Appends a state record of card `card` (store/reports.hpp StateRecord), placed after the
  // newest answer, and stores its state as the card's, with its suspension.
  void append_state_record(std::int64_t card, StateRecord::Kind kind, const Moment& at,
                           const std::filesystem::path& source, const CardState& state,
                           bool suspended);
  // Card `card`'s state records, oldest first.
  std::vector<StateRecord> state_records(std::int64_t card, std::string_view card_id);
  // Whether the collection holds no history of card `card`: no answer no undo took back, and
  // no state record. Only such a card takes progress from an import.
  bool has_no_history(std::int64_t card);

  static std::unique_ptr<Connection> open_writable(const std::filesystem::path& path,
                                                   const OpenOptions& options);
  static std::unique_ptr<Connection> open_read_only(const std::filesystem::path& path);
};

}  // namespace store
}  // namespace rehearse
