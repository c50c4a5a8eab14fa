#include "store/schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "model/error.hpp"
#include "scheduler/sm2.hpp"
#include "store/backup.hpp"

namespace rehearse::store {
namespace {

// Migration i takes the schema from version i to version i + 1. Never edit a migration that
// has shipped: add a new one. docs/storage.md describes every table.
constexpr std::array<std::string_view, 16> kMigrations{
    // 0 -> 1: decks, cards, tags and the review log.
    R"sql(
CREATE TABLE decks (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL
) STRICT;

CREATE TABLE cards (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  deck          INTEGER NOT NULL REFERENCES decks(id),
  position      INTEGER NOT NULL,
  front         TEXT NOT NULL,
  back          TEXT NOT NULL,
  suspended     INTEGER NOT NULL DEFAULT 0,
  repetitions   INTEGER NOT NULL,
  ease          INTEGER NOT NULL,
  interval_days INTEGER NOT NULL,
  due           INTEGER,
  last_answered INTEGER,
  reask         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX cards_by_deck ON cards(deck, position);
CREATE INDEX cards_due ON cards(due, deck, position) WHERE suspended = 0 AND due IS NOT NULL;
CREATE INDEX cards_new ON cards(deck, position) WHERE suspended = 0 AND due IS NULL;
CREATE INDEX cards_reask ON cards(last_answered) WHERE reask = 1;

CREATE TABLE card_tags (
  card     INTEGER NOT NULL REFERENCES cards(id),
  tag      TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (card, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX card_tags_by_tag ON card_tags(tag, card);

CREATE TABLE reviews (
  id                 INTEGER PRIMARY KEY,
  card               INTEGER NOT NULL REFERENCES cards(id),
  at_ms              INTEGER NOT NULL,
  day                INTEGER NOT NULL,
  grade              INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
  duration_ms        INTEGER NOT NULL,
  repetitions_before INTEGER NOT NULL,
  ease_before        INTEGER NOT NULL,
  interval_before    INTEGER NOT NULL,
  due_before         INTEGER,
  repetitions_after  INTEGER NOT NULL,
  ease_after         INTEGER NOT NULL,
  interval_after     INTEGER NOT NULL,
  due_after          INTEGER
) STRICT;
CREATE INDEX reviews_by_card ON reviews(card, id);
CREATE INDEX reviews_by_day ON reviews(day);

-- The review log is the source of truth: rows are only ever appended.
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 1 -> 2: card texts and tags move to card_texts, so that the queue and the statistics
    // read narrow rows of scheduling state (for 100,000 cards: 5 MB instead of 100 MB), and
    // card_tags keeps one (tag, card) entry per tag, ordered by tag, for filters and counts;
    // two indexes let the statistics count without scanning.
    R"sql(
CREATE TABLE card_texts (
  card  INTEGER PRIMARY KEY REFERENCES cards(id),
  front TEXT NOT NULL,
  back  TEXT NOT NULL,
  tags  TEXT NOT NULL
) STRICT;
INSERT INTO card_texts (card, front, back, tags)
  SELECT c.id, c.front, c.back, coalesce((SELECT group_concat(tag, ' ') FROM
    (SELECT tag FROM card_tags t WHERE t.card = c.id ORDER BY t.position)), '')
  FROM cards c;
ALTER TABLE cards DROP COLUMN front;
ALTER TABLE cards DROP COLUMN back;

CREATE TABLE tag_index (
  tag  TEXT NOT NULL,
  card INTEGER NOT NULL REFERENCES cards(id),
  PRIMARY KEY (tag, card)
) STRICT, WITHOUT ROWID;
INSERT INTO tag_index (tag, card) SELECT tag, card FROM card_tags;
DROP TABLE card_tags;
ALTER TABLE tag_index RENAME TO card_tags;

CREATE INDEX cards_interval ON cards(interval_days) WHERE suspended = 0 AND repetitions > 0;
CREATE INDEX cards_suspended ON cards(id) WHERE suspended = 1;
)sql",
    // 2 -> 3: card_tags refers to tags by number. A (tag, card) entry shrinks from the tag's
    // text to two small integers, and adding one compares integers on its way down the tree
    // (an import of 100,000 cards makes some 400,000 entries).
    R"sql(
CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO tags (name) SELECT DISTINCT tag FROM card_tags ORDER BY tag;

CREATE TABLE tag_ids (
  tag  INTEGER NOT NULL REFERENCES tags(id),
  card INTEGER NOT NULL REFERENCES cards(id),
  PRIMARY KEY (tag, card)
) STRICT, WITHOUT ROWID;
INSERT INTO tag_ids (tag, card)
  SELECT t.id, c.card FROM card_tags c JOIN tags t ON t.name = c.tag ORDER BY 1, 2;
DROP TABLE card_tags;
ALTER TABLE tag_ids RENAME TO card_tags;
)sql",
    // 3 -> 4: sibling groups. A card names its group by number in its narrow row, so that the
    // queue asks "was a sibling answered today?" of one index (group, last answered day).
    R"sql(
CREATE TABLE sibling_groups (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
ALTER TABLE cards ADD COLUMN sibling_group INTEGER REFERENCES sibling_groups(id);
CREATE INDEX cards_by_group ON cards(sibling_group, last_answered)
  WHERE sibling_group IS NOT NULL;
)sql",
    // 4 -> 5: each answer records the interview day in force when it was given (NULL: none),
    // which capped its due day; replaying the log needs it (docs/scheduler.md).
    R"sql(
ALTER TABLE reviews ADD COLUMN interview_day INTEGER;
)sql",
    // 5 -> 6: the settings the user set (`rehearse config`); a key absent has its default.
    R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
)sql",
    // 6 -> 7: the story bank. A story keeps its file in export form (docs/stories.md) and, for
    // queries, its principles, tags and answers (space-joined, as card_texts keeps tags). Its
    // cards are ordinary cards of deck "stories" in sibling group "story:ID".
    R"sql(
CREATE TABLE stories (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  principles TEXT NOT NULL,
  tags       TEXT NOT NULL,
  answers    TEXT NOT NULL,
  file       TEXT NOT NULL
) STRICT;
)sql",
    // 7 -> 8: undo records. An undo takes an answer back by appending a row that names it; the
    // answer's row stays, and replay leaves it out. after_review places the undo in the log:
    // the newest answer when it was recorded. Append-only like the reviews.
    R"sql(
CREATE TABLE undos (
  id           INTEGER PRIMARY KEY,
  review       INTEGER NOT NULL UNIQUE REFERENCES reviews(id),
  at_ms        INTEGER NOT NULL,
  day          INTEGER NOT NULL,
  after_review INTEGER NOT NULL REFERENCES reviews(id)
) STRICT;
CREATE TRIGGER undos_no_update BEFORE UPDATE ON undos
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER undos_no_delete BEFORE DELETE ON undos
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 8 -> 9: each card's lapses (a recalled card graded below 3), which find leeches, counted
    // from the answers in the log that no undo took back.
    R"sql(
ALTER TABLE cards ADD COLUMN lapses INTEGER NOT NULL DEFAULT 0;
UPDATE cards SET lapses = (
  SELECT count(*) FROM reviews r
  WHERE r.card = cards.id AND r.grade < 3 AND r.repetitions_before > 0
    AND r.repetitions_after = 0 AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = r.id))
WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.card = cards.id);
)sql",
    // 9 -> 10: the file each deck was last imported from (absolute; NULL: none known, as for
    // standard input or a deck imported before this version), for add and review's edit key.
    R"sql(
ALTER TABLE decks ADD COLUMN source TEXT;
)sql",
    // 10 -> 11: cards_due also holds each due card's interval, sibling group and suspended flag
    // (SQLite does not count the index's own condition as covered), so that the queue orders
    // the due cards (most overdue relative to the interval) and checks their siblings from the
    // index alone instead of reading each card's row (docs/performance.md).
    R"sql(
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due, deck, position, interval_days, sibling_group, suspended)
  WHERE suspended = 0 AND due IS NOT NULL;
)sql",
    // 11 -> 12: a card whose front or back an import changed after it was answered keeps its
    // schedule and says so until its next answer (1: changed since that answer).
    R"sql(
ALTER TABLE cards ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
)sql",
    // 12 -> 13: cram answers, given ahead of time (rehearse cram). They move no card's state, so
    // they are kept apart from the review log that replay, statistics and limits read.
    // Append-only like the reviews.
    R"sql(
CREATE TABLE cram_answers (
  id          INTEGER PRIMARY KEY,
  card        INTEGER NOT NULL REFERENCES cards(id),
  at_ms       INTEGER NOT NULL,
  day         INTEGER NOT NULL,
  grade       INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
  duration_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX cram_answers_by_card ON cram_answers(card, id);
CREATE TRIGGER cram_answers_no_update BEFORE UPDATE ON cram_answers
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER cram_answers_no_delete BEFORE DELETE ON cram_answers
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 13 -> 14: state records. A record sets a card's state as given at its place in the log
    // (after_review: the newest answer when it was recorded; NULL: none yet): the progress an
    // import kept from another program ('import', `import --keep-scheduling`), or a start over
    // as new ('reset', `import --reset-changed`). Replay starts from a card's last record and
    // goes on through the answers after it; an undo cannot take one back (docs/storage.md).
    // The state's columns are those of `cards`. Append-only like the reviews.
    R"sql(
CREATE TABLE state_records (
  id            INTEGER PRIMARY KEY,
  card          INTEGER NOT NULL REFERENCES cards(id),
  kind          TEXT NOT NULL CHECK (kind IN ('import', 'reset')),
  at_ms         INTEGER NOT NULL,
  day           INTEGER NOT NULL,
  after_review  INTEGER REFERENCES reviews(id),
  source        TEXT,
  repetitions   INTEGER NOT NULL,
  ease          INTEGER NOT NULL,
  interval_days INTEGER NOT NULL,
  due           INTEGER,
  last_answered INTEGER,
  reask         INTEGER NOT NULL,
  lapses        INTEGER NOT NULL,
  suspended     INTEGER NOT NULL
) STRICT;
CREATE INDEX state_records_by_card ON state_records(card, id);
CREATE TRIGGER state_records_no_update BEFORE UPDATE ON state_records
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER state_records_no_delete BEFORE DELETE ON state_records
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 14 -> 15: orphans. cards.orphaned is 0 for a card its deck's file lists, 1 for an orphan
    // (the last import of the deck's file did not list it; an import that lists it again sets
    // 0) and 2 for an orphan removed by `orphans --delete`, which a removals row names. Only
    // cards at 0 are asked or counted, so the queue's and the statistics' partial indexes say
    // so. A removal is appended to the log like an undo: the card's row and its answers stay,
    // its id (slug) is freed for a new card, and replay leaves the card out. Append-only.
    R"sql(
ALTER TABLE cards ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due, deck, position, interval_days, sibling_group, suspended)
  WHERE suspended = 0 AND orphaned = 0 AND due IS NOT NULL;
DROP INDEX cards_new;
CREATE INDEX cards_new ON cards(deck, position) WHERE suspended = 0 AND orphaned = 0 AND due IS NULL;
DROP INDEX cards_interval;
CREATE INDEX cards_interval ON cards(interval_days)
  WHERE suspended = 0 AND orphaned = 0 AND repetitions > 0;
DROP INDEX cards_suspended;
CREATE INDEX cards_suspended ON cards(id) WHERE suspended = 1 AND orphaned = 0;
CREATE INDEX cards_orphaned ON cards(orphaned, deck, position) WHERE orphaned > 0;

CREATE TABLE removals (
  id           INTEGER PRIMARY KEY,
  card         INTEGER NOT NULL UNIQUE REFERENCES cards(id),
  slug         TEXT NOT NULL,
  deck         TEXT NOT NULL,
  at_ms        INTEGER NOT NULL,
  day          INTEGER NOT NULL,
  after_review INTEGER
) STRICT;
CREATE TRIGGER removals_no_update BEFORE UPDATE ON removals
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER removals_no_delete BEFORE DELETE ON removals
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
)sql",
    // 15 -> 16: answer_days, the answers that count added up by deck and study day, so that
    // the statistics read a row per deck and day instead of the whole log. An answer counts
    // when no undo took it back and its card is in a deck (not an orphan), under the deck the
    // card is in now. Triggers keep the sums in the transaction of each change: an answer, an
    // undo, a card moved to another deck, orphaned or back. answer_tallies says what one
    // answer adds (fresh: a card's first answer, or its first after a reset; passed: graded
    // sm2::kPassingGrade or more; young and mature: a scheduled
    // answer, due on or before its day, to a card young or mature before it, sm2::is_mature),
    // and an undo or a card move goes through answer_day_changes, which adds a row's figures
    // to its deck and day and drops a row that no answer counts in any more (a new answer
    // adds to its row directly: the indirection cost it 30 % of `answer --batch`). Derived
    // from the log like an index: `check` compares the sums with the log (docs/storage.md).
    R"sql(
CREATE TABLE answer_days (
  deck           INTEGER NOT NULL REFERENCES decks(id),
  day            INTEGER NOT NULL,
  answers        INTEGER NOT NULL,
  new_answers    INTEGER NOT NULL,
  passed         INTEGER NOT NULL,
  duration_ms    INTEGER NOT NULL,
  young_reviews  INTEGER NOT NULL,
  young_passed   INTEGER NOT NULL,
  mature_reviews INTEGER NOT NULL,
  mature_passed  INTEGER NOT NULL,
  PRIMARY KEY (deck, day)
) STRICT, WITHOUT ROWID;

CREATE VIEW answer_tallies AS
SELECT id AS review, card, day, due_before IS NULL AS fresh, grade >= 3 AS passed, duration_ms,
  coalesce(due_before <= day, 0) AND NOT (repetitions_before > 0 AND interval_before >= 21)
    AS young,
  coalesce(due_before <= day, 0) AND repetitions_before > 0 AND interval_before >= 21 AS mature
FROM reviews;

CREATE VIEW answer_day_changes AS SELECT * FROM answer_days WHERE 0;
CREATE TRIGGER answer_day_changes_add INSTEAD OF INSERT ON answer_day_changes
BEGIN
  INSERT INTO answer_days VALUES (NEW.deck, NEW.day, NEW.answers, NEW.new_answers, NEW.passed,
    NEW.duration_ms, NEW.young_reviews, NEW.young_passed, NEW.mature_reviews, NEW.mature_passed)
  ON CONFLICT (deck, day) DO UPDATE SET answers = answers + excluded.answers,
    new_answers = new_answers + excluded.new_answers, passed = passed + excluded.passed, duration_ms = duration_ms + excluded.duration_ms,
    young_reviews = young_reviews + excluded.young_reviews,
    young_passed = young_passed + excluded.young_passed,
    mature_reviews = mature_reviews + excluded.mature_reviews,
    mature_passed = mature_passed + excluded.mature_passed;
  DELETE FROM answer_days WHERE deck = NEW.deck AND day = NEW.day AND answers = 0;
END;

CREATE TRIGGER answer_days_on_answer AFTER INSERT ON reviews
BEGIN
  INSERT INTO answer_days
  SELECT c.deck, t.day, 1, t.fresh, t.passed, t.duration_ms, t.young, t.young AND t.passed,
    t.mature, t.mature AND t.passed
  FROM answer_tallies t JOIN cards c ON c.id = t.card WHERE t.review = NEW.id AND c.orphaned = 0
  ON CONFLICT (deck, day) DO UPDATE SET answers = answers + excluded.answers,
    new_answers = new_answers + excluded.new_answers, passed = passed + excluded.passed, duration_ms = duration_ms + excluded.duration_ms,
    young_reviews = young_reviews + excluded.young_reviews,
    young_passed = young_passed + excluded.young_passed,
    mature_reviews = mature_reviews + excluded.mature_reviews,
    mature_passed = mature_passed + excluded.mature_passed;
END;

CREATE TRIGGER answer_days_on_undo AFTER INSERT ON undos
BEGIN
  INSERT INTO answer_day_changes
  SELECT c.deck, t.day, -1, -t.fresh, -t.passed, -t.duration_ms, -t.young,
    -(t.young AND t.passed), -t.mature, -(t.mature AND t.passed)
  FROM answer_tallies t JOIN cards c ON c.id = t.card
  WHERE t.review = NEW.review AND c.orphaned = 0;
END;

CREATE TRIGGER answer_days_on_card_move AFTER UPDATE OF deck, orphaned ON cards
WHEN OLD.deck IS NOT NEW.deck OR (OLD.orphaned = 0) IS NOT (NEW.orphaned = 0)
BEGIN
  INSERT INTO answer_day_changes
  SELECT OLD.deck, t.day, -count(*), -sum(t.fresh), -sum(t.passed), -sum(t.duration_ms),
    -sum(t.young), -sum(t.young AND t.passed), -sum(t.mature), -sum(t.mature AND t.passed)
  FROM answer_tallies t
  WHERE t.card = OLD.id AND OLD.orphaned = 0
    AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = t.review)
  GROUP BY t.day;
  INSERT INTO answer_day_changes
  SELECT NEW.deck, t.day, count(*), sum(t.fresh), sum(t.passed), sum(t.duration_ms),
    sum(t.young), sum(t.young AND t.passed), sum(t.mature), sum(t.mature AND t.passed)
  FROM answer_tallies t
  WHERE t.card = NEW.id AND NEW.orphaned = 0
    AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = t.review)
  GROUP BY t.day;
END;

INSERT INTO answer_days
SELECT c.deck, t.day, count(*), sum(t.fresh), sum(t.passed), sum(t.duration_ms), sum(t.young),
  sum(t.young AND t.passed), sum(t.mature), sum(t.mature AND t.passed)
FROM answer_tallies t JOIN cards c ON c.id = t.card
WHERE c.orphaned = 0 AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = t.review)
GROUP BY c.deck, t.day;
)sql",
};
// Migration 15 -> 16 counts passed, young and mature answers with the scheduler's facts of
// then; when they change, a new migration must write answer_tallies anew.
static_assert(sm2::kPassingGrade == 3 && sm2::kMatureIntervalDays == 21);

int read_pragma(SQLite::Database& db, const char* name) {
  return db.execAndGet(std::string("PRAGMA ") + name).getInt();
}

void check_ownership(SQLite::Database& db, const std::filesystem::path& path) {
  const int application_id = read_pragma(db, "application_id");
  if (application_id == kApplicationId) return;
  const bool empty = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 0;
  if (application_id == 0 && empty) return;
  throw Error(
      "{} is not a rehearse collection (it is an SQLite database of another program); "
      "choose another file with --db",
      path.string());
}

void check_not_newer(int version, const std::filesystem::path& path) {
  if (version > latest_schema_version()) {
    throw Error(
        "{} was written by a newer rehearse (schema version {}, this build knows up to {}); "
        "upgrade rehearse to open it",
        path.string(), version, latest_schema_version());
  }
}

// The tables, indexes and triggers of `db` ("table cards"), with the SQL that made them.
std::map<std::string, std::string> schema_objects(SQLite::Database& db) {
  std::map<std::string, std::string> objects;
  SQLite::Statement query(db,
                          "SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                          "WHERE substr(name, 1, 7) != 'sqlite_'");
  while (query.executeStep()) {
    objects[query.getColumn(0).getString() + " " + query.getColumn(1).getString()] =
        query.getColumn(2).getString();
  }
  return objects;
}

}  // namespace

std::vector<std::string> schema_problems(SQLite::Database& db) {
  // What rehearse makes at that version: the same migrations, on an empty database.
  SQLite::Database made(":memory:", SQLite::OPEN_READWRITE);
  const int version = std::min(read_pragma(db, "user_version"), latest_schema_version());
  for (int v = 0; v < version; ++v)
    made.exec(std::string(kMigrations[v]));
  const std::map<std::string, std::string> expected = schema_objects(made);
  const std::map<std::string, std::string> found = schema_objects(db);
  std::vector<std::string> problems;
  for (const auto& [name, sql] : expected) {
    const auto it = found.find(name);
    if (it == found.end()) {
      problems.push_back(fmt::format("{} is missing", name));
    } else if (it->second != sql) {
      problems.push_back(fmt::format("{} is not as rehearse made it", name));
    }
  }
  for (const auto& [name, sql] : found) {
    if (!expected.contains(name)) problems.push_back(fmt::format("{} is not rehearse's", name));
  }
  SQLite::Statement keys(db, "PRAGMA foreign_key_check");
  while (keys.executeStep()) {
    problems.push_back(fmt::format("{} row {} refers to a missing row of {}",
                                   keys.getColumn(0).getString(), keys.getColumn(1).getInt64(),
                                   keys.getColumn(2).getString()));
  }
  return problems;
}

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

int schema_version(SQLite::Database& db) {
  return read_pragma(db, "user_version");
}

void check_collection(SQLite::Database& db, const std::filesystem::path& path) {
  check_ownership(db, path);
  check_not_newer(read_pragma(db, "user_version"), path);
}

void migrate(SQLite::Database& db, const std::filesystem::path& path) {
  check_collection(db, path);
  const int latest = latest_schema_version();
  const int found = read_pragma(db, "user_version");
  if (found == latest) return;
  // Another process may be migrating the same file: decide, back up and migrate inside the
  // write lock. The process that waited for it then finds the schema current.
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  check_collection(db, path);
  const int version = read_pragma(db, "user_version");
  if (version == latest) return;  // the transaction rolls back: nothing was written
  if (version > 0 && path != ":memory:") {
    // A connection in a write transaction cannot be a backup's source; a second one reads
    // the committed collection beside it (WAL).
    SQLite::Database committed(path.string(), SQLite::OPEN_READONLY);
    copy_database(committed, automatic_backup_path(path, fmt::format("schema-v{}", version)),
                  IfExists::keep);
    prune_automatic_backups(path, kAutomaticBackupsKept);
  }
  for (int v = version; v < latest; ++v)
    db.exec(std::string(kMigrations[v]));
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  db.exec(fmt::format("PRAGMA user_version = {}", latest));
  transaction.commit();
}

}  // namespace rehearse::store
