// The rows the statistics count (stats/statistics.hpp): every card's state and every answer of
// the log that counts, read in one sequential pass each.
#include <algorithm>
#include <memory>

#include "store/collection_impl.hpp"

namespace rehearse::store {

std::vector<CardFacts> Queries::card_facts() const {
  return guarded(impl_->path, [&] {
    std::unordered_map<std::int64_t, std::size_t> deck_index;  // deck rowid -> import order
    {
      auto q = impl_->query("SELECT id FROM decks ORDER BY id");
      while (q->executeStep())
        deck_index.emplace(q->getColumn(0).getInt64(), deck_index.size());
    }
    auto q = impl_->query(
        "SELECT id, deck, suspended, repetitions, ease, interval_days, due, lapses FROM cards "
        "WHERE orphaned = 0 ORDER BY id");
    std::vector<CardFacts> cards;
    while (q->executeStep()) {
      CardFacts card;
      card.rowid = q->getColumn(0).getInt64();
      card.deck = deck_index.at(q->getColumn(1).getInt64());
      card.suspended = q->getColumn(2).getInt() != 0;
      card.state = read_state(*q, 3, 4);
      card.state.lapses = q->getColumn(7).getInt();
      cards.push_back(card);
    }
    return cards;
  });
}

void Queries::visit_answers(const std::function<void(std::span<const AnswerFacts>)>& visit) const {
  guarded(impl_->path, [&] {
    // The undos are few: their answers are skipped here rather than probed for on every row.
    std::vector<std::int64_t> undone;
    {
      auto q = impl_->query("SELECT review FROM undos ORDER BY review");
      while (q->executeStep())
        undone.push_back(q->getColumn(0).getInt64());
    }
    // Two million rows: read through SQLite's C API (each SQLiteCpp column costs a reference
    // count), and handed over a few thousand at a time.
    sqlite3_stmt* prepared = nullptr;
    const char* sql =
        "SELECT id, card, day, grade, duration_ms, repetitions_before, interval_before, "
        "due_before FROM reviews ORDER BY id";
    sqlite3* db = impl_->db.getHandle();
    // Each page is read once: a small page cache for this scan (kCacheSizePragma keeps up to 256 MB
    // for imports), so that it does not fill 100 MB of memory it never reads again.
    impl_->db.exec("PRAGMA cache_size = -8192");
    struct RestoreCache {
      SQLite::Database& db;
      ~RestoreCache() { db.tryExec(kCacheSizePragma); }
    } restore{impl_->db};
    if (sqlite3_prepare_v2(db, sql, -1, &prepared, nullptr) != SQLITE_OK) {
      throw SQLite::Exception(db, sqlite3_errcode(db));
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(prepared,
                                                                          sqlite3_finalize);
    sqlite3_stmt* row = statement.get();
    auto next_undone = undone.begin();
    std::vector<AnswerFacts> batch;
    batch.reserve(4096);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(row)) == SQLITE_ROW) {
      const std::int64_t id = sqlite3_column_int64(row, 0);
      while (next_undone != undone.end() && *next_undone < id)
        ++next_undone;
      if (next_undone != undone.end() && *next_undone == id) continue;
      AnswerFacts& answer = batch.emplace_back();
      answer.card = sqlite3_column_int64(row, 1);
      answer.day = day_from_number(sqlite3_column_int64(row, 2));
      answer.grade = Grade::from_int(sqlite3_column_int(row, 3));
      answer.duration = std::chrono::milliseconds(sqlite3_column_int64(row, 4));
      answer.before.repetitions = sqlite3_column_int(row, 5);
      answer.before.interval_days = sqlite3_column_int(row, 6);
      answer.before.due = sqlite3_column_type(row, 7) == SQLITE_NULL
                              ? std::nullopt
                              : std::optional(day_from_number(sqlite3_column_int64(row, 7)));
      if (batch.size() == batch.capacity()) {
        visit(batch);
        batch.clear();
      }
    }
    if (step != SQLITE_DONE) throw SQLite::Exception(db, step);
    if (!batch.empty()) visit(batch);
    return 0;
  });
}

}  // namespace rehearse::store
