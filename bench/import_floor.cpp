// What SQLite alone costs for an import: the rows `rehearse import` writes for a deck file's
// new cards (the card, its text, its tags, with the same schema, indexes and settings), written
// through the C API with prepared statements and nothing else: no parse (the file is read
// before the clock starts), no plan, no progress. The import cannot be faster than this on the
// same machine and collection. See docs/performance.md.
//
//   rehearse-import-floor COLLECTION DECK.json    (COLLECTION is changed: pass a copy)
#include <fmt/core.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "io/deck_file.hpp"
#include "model/error.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(sqlite3* db, int code, const char* what) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW)
    throw rehearse::Error("{}: {}", what, sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
  check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  check(db, sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), sql);
  return statement;
}

void step(sqlite3* db, sqlite3_stmt* statement) {
  check(db, sqlite3_step(statement), sqlite3_sql(statement));
  sqlite3_reset(statement);
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void run(const char* collection, const char* deck_path) {
  const rehearse::DeckFile file = rehearse::read_deck_file(deck_path);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // as rehearse opens collections
  sqlite3* db = nullptr;
  check(db, sqlite3_open_v2(collection, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr),
        collection);
  exec(db, "PRAGMA foreign_keys = ON");
  exec(db, "PRAGMA cache_size = -262144");
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");

  const Clock::time_point start = Clock::now();
  exec(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* deck = prepare(db, "INSERT INTO decks (slug, name, description) VALUES (?, ?, ?)");
  bind_text(deck, 1, file.deck.id);
  bind_text(deck, 2, file.deck.name);
  bind_text(deck, 3, file.deck.description);
  step(db, deck);
  const sqlite3_int64 deck_row = sqlite3_last_insert_rowid(db);
  sqlite3_stmt* card = prepare(db,
                               "INSERT INTO cards (slug, deck, position, repetitions, ease, "
                               "interval_days) VALUES (?, ?, ?, 0, 250, 0)");
  sqlite3_stmt* text =
      prepare(db, "INSERT INTO card_texts (card, front, back, tags) VALUES (?, ?, ?, ?)");
  sqlite3_stmt* find_tag = prepare(db, "SELECT id FROM tags WHERE name = ?");
  sqlite3_stmt* add_tag = prepare(db, "INSERT INTO tags (name) VALUES (?)");
  sqlite3_stmt* tag = prepare(db, "INSERT INTO card_tags (tag, card) VALUES (?, ?)");
  std::unordered_map<std::string, sqlite3_int64> tag_ids;  // as the import keeps them
  const auto tag_id = [&](const std::string& name) {
    if (const auto known = tag_ids.find(name); known != tag_ids.end()) return known->second;
    bind_text(find_tag, 1, name);
    sqlite3_int64 id = 0;
    if (sqlite3_step(find_tag) == SQLITE_ROW) {
      id = sqlite3_column_int64(find_tag, 0);
    } else {
      bind_text(add_tag, 1, name);
      step(db, add_tag);
      id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_reset(find_tag);
    tag_ids.emplace(name, id);
    return id;
  };
  std::string tags;
  for (std::size_t position = 0; position < file.cards.size(); ++position) {
    const rehearse::CardContent& content = file.cards[position];
    bind_text(card, 1, content.id);
    sqlite3_bind_int64(card, 2, deck_row);
    sqlite3_bind_int64(card, 3, static_cast<sqlite3_int64>(position));
    step(db, card);
    const sqlite3_int64 card_row = sqlite3_last_insert_rowid(db);
    tags.clear();
    for (const std::string& t : content.tags)
      tags += (tags.empty() ? "" : " ") + t;
    sqlite3_bind_int64(text, 1, card_row);
    bind_text(text, 2, content.front);
    bind_text(text, 3, content.back);
    bind_text(text, 4, tags);
    step(db, text);
    for (const std::string& t : content.tags) {
      sqlite3_bind_int64(tag, 1, tag_id(t));
      sqlite3_bind_int64(tag, 2, card_row);
      step(db, tag);
    }
  }
  const double inserted = seconds_since(start);
  exec(db, "COMMIT");  // includes the automatic checkpoint of the WAL into the collection
  const double committed = seconds_since(start);
  for (sqlite3_stmt* statement : {deck, card, text, find_tag, add_tag, tag})
    sqlite3_finalize(statement);
  sqlite3_close(db);
  const double closed = seconds_since(start);
  fmt::print(
      "{} cards: inserts {:.3f} s, commit and checkpoint {:.3f} s, close {:.3f} s, "
      "total {:.3f} s\n",
      file.cards.size(), inserted, committed - inserted, closed - committed, closed);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: rehearse-import-floor COLLECTION-COPY DECK.json\n");
    return 2;
  }
  try {
    run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rehearse-import-floor: %s\n", e.what());
    return 1;
  }
  return 0;
}
