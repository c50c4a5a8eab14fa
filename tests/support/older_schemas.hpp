#pragma once

// Collections taken back to an older schema by hand, as an older rehearse left them, for the
// tests of migrations.

#include <SQLiteCpp/Database.h>

namespace rehearse::test {

// Takes a collection back from schema 16 to 15: no answer_days, and none of its views and
// triggers.
inline void undo_answer_days_schema(SQLite::Database& db) {
  db.exec(R"sql(
DROP TRIGGER answer_days_on_card_move;
DROP TRIGGER answer_days_on_undo;
DROP TRIGGER answer_days_on_answer;
DROP VIEW answer_day_changes;
DROP VIEW answer_tallies;
DROP TABLE answer_days;
)sql");
}

// Takes a collection back from schema 16 to 14: no answer_days (above), no removals, no
// cards.orphaned, and the indexes that leave orphans out as schema 14 made them.
inline void undo_orphans_schema(SQLite::Database& db) {
  undo_answer_days_schema(db);
  db.exec(R"sql(
DROP TABLE removals;
DROP INDEX cards_orphaned;
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due, deck, position, interval_days, sibling_group, suspended)
  WHERE suspended = 0 AND due IS NOT NULL;
DROP INDEX cards_new;
CREATE INDEX cards_new ON cards(deck, position) WHERE suspended = 0 AND due IS NULL;
DROP INDEX cards_interval;
CREATE INDEX cards_interval ON cards(interval_days) WHERE suspended = 0 AND repetitions > 0;
DROP INDEX cards_suspended;
CREATE INDEX cards_suspended ON cards(id) WHERE suspended = 1;
ALTER TABLE cards DROP COLUMN orphaned;
)sql");
}

}  // namespace rehearse::test
