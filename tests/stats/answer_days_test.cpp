// The answers added up by deck and day (answer_days, schema 16), which the statistics read
// instead of the whole log: kept by the collection through answers, undos, moves and orphans,
// rebuilt by the migration, and compared with the log by check.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "support/deck_files.hpp"
#include "support/moments.hpp"
#include "support/older_schemas.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::numbered_deck;
using rehearse::test::TempDir;
using rehearse::test::undo_answer_days_schema;
using std::chrono::days;
using std::chrono::milliseconds;

namespace {

const Day kDay = Day{std::chrono::year{2026} / 11 / 20};

// One row of answer_days as a test writes it: deck place, day offset, answers, passed,
// milliseconds, young reviews and passed, mature reviews and passed.
using Row = std::array<long long, 9>;
using rehearse::test::at;

std::vector<Row> rows_of(const Collection& collection, Day last = kDay + days{30}) {
  std::vector<Row> rows;
  for (const AnswerDay& d : collection.answer_sums(last)) {
    rows.push_back({static_cast<long long>(d.deck), (d.day - kDay).count(), d.answers, d.passed,
                    d.time.count(), d.young_reviews, d.young_passed, d.mature_reviews,
                    d.mature_passed});
  }
  return rows;
}

void import_with_moves(Collection& collection, const DeckFile& file) {
  ImportPolicy policy;
  policy.allow_moves = true;
  import_files(collection, std::span<const DeckFile>(&file, 1), policy);
}

// Decks a (a.0, a.1, a.2) and b (b.0). On kDay: a.0 graded 4 in 1 s, a.1 graded 2 in 0.5 s.
// The day after: a.0 graded 5 in 2 s (due that day: a scheduled answer to a young card) and
// b.0 graded 1 in 0.3 s.
Collection answered(const std::filesystem::path& path = ":memory:") {
  Collection collection = Collection::open(path);
  const std::array files{numbered_deck("a", 3), numbered_deck("b", 1)};
  import_decks(collection, files);
  answer_card(collection, "a.0", Grade::from_int(4), at(kDay), milliseconds(1000));
  answer_card(collection, "a.1", Grade::from_int(2), at(kDay), milliseconds(500));
  answer_card(collection, "a.0", Grade::from_int(5), at(kDay + days{1}), milliseconds(2000));
  answer_card(collection, "b.0", Grade::from_int(1), at(kDay + days{1}), milliseconds(300));
  return collection;
}

}  // namespace

TEST_CASE("each answer adds to its deck and day: how many, passed, time, scheduled young") {
  const Collection collection = answered();
  CHECK(rows_of(collection) == std::vector<Row>{{0, 0, 2, 1, 1500, 0, 0, 0, 0},
                                                {0, 1, 1, 1, 2000, 1, 1, 0, 0},
                                                {1, 1, 1, 0, 300, 0, 0, 0, 0}});
  CHECK(collection.cards_answered(kDay) == std::vector<int>{2, 0});
  CHECK(collection.cards_answered(kDay + days{1}) == std::vector<int>{1, 1});
  CHECK(rows_of(collection, kDay) == std::vector<Row>{{0, 0, 2, 1, 1500, 0, 0, 0, 0}});
  CHECK(collection.answer_day_problems().empty());
}

TEST_CASE("an undo takes its answer out of its day, and a day left without answers goes") {
  Collection collection = answered();
  undo_last_answer(collection, at(kDay + days{1}));  // b.0's
  CHECK(rows_of(collection) ==
        std::vector<Row>{{0, 0, 2, 1, 1500, 0, 0, 0, 0}, {0, 1, 1, 1, 2000, 1, 1, 0, 0}});
  undo_last_answer(collection, at(kDay + days{1}));  // a.0's second
  CHECK(rows_of(collection) == std::vector<Row>{{0, 0, 2, 1, 1500, 0, 0, 0, 0}});
  CHECK(collection.cards_answered(kDay + days{1}) == std::vector<int>{0, 0});
  CHECK(collection.answer_day_problems().empty());
}

TEST_CASE("a card moved to another deck takes its answers with it") {
  Collection collection = answered();
  DeckFile b = numbered_deck("b", 1);
  b.cards.push_back(numbered_deck("a", 2).cards[1]);  // a.1, moved from deck a
  import_with_moves(collection, b);
  CHECK(rows_of(collection) == std::vector<Row>{{0, 0, 1, 1, 1000, 0, 0, 0, 0},
                                                {0, 1, 1, 1, 2000, 1, 1, 0, 0},
                                                {1, 0, 1, 0, 500, 0, 0, 0, 0},
                                                {1, 1, 1, 0, 300, 0, 0, 0, 0}});
  CHECK(collection.cards_answered(kDay) == std::vector<int>{1, 1});
  CHECK(collection.answer_day_problems().empty());
}

TEST_CASE("an orphan's answers leave the sums, and come back with it, and go with its removal") {
  Collection collection = answered();
  DeckFile a = numbered_deck("a", 3);
  a.cards.erase(a.cards.begin());  // a.0 no longer in the file: an orphan
  import_decks(collection, std::span<const DeckFile>(&a, 1));
  CHECK(rows_of(collection) ==
        std::vector<Row>{{0, 0, 1, 0, 500, 0, 0, 0, 0}, {1, 1, 1, 0, 300, 0, 0, 0, 0}});
  CHECK(collection.answer_day_problems().empty());

  const DeckFile whole = numbered_deck("a", 3);
  import_decks(collection, std::span<const DeckFile>(&whole, 1));  // a.0 back
  CHECK(rows_of(collection) == rows_of(answered()));

  import_decks(collection, std::span<const DeckFile>(&a, 1));
  const std::array removed{std::string("a.0")};
  collection.remove_orphans(removed, at(kDay + days{2}));
  CHECK(rows_of(collection) ==
        std::vector<Row>{{0, 0, 1, 0, 500, 0, 0, 0, 0}, {1, 1, 1, 0, 300, 0, 0, 0, 0}});
  CHECK(collection.answer_day_problems().empty());
  CHECK(check_collection(collection).ok());
}

TEST_CASE("a collection migrated from schema 15 adds up its log, undos and orphans left out") {
  const TempDir dir;
  const auto path = dir / "c.db";
  {
    Collection collection = answered(path);
    undo_last_answer(collection, at(kDay + days{1}));  // b.0's
    DeckFile a = numbered_deck("a", 3);
    a.cards.erase(a.cards.begin() + 1);  // a.1 an orphan
    import_decks(collection, std::span<const DeckFile>(&a, 1));
  }
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    undo_answer_days_schema(db);
    db.exec("PRAGMA user_version = 15");
  }
  const Collection collection = Collection::open(path);
  CHECK(std::filesystem::exists(dir / "backups/c-auto-schema-v15.db"));
  CHECK(rows_of(collection) ==
        std::vector<Row>{{0, 0, 1, 1, 1000, 0, 0, 0, 0}, {0, 1, 1, 1, 2000, 1, 1, 0, 0}});
  CHECK(check_collection(collection).ok());
}

TEST_CASE("check names each deck and day whose sums differ from the log") {
  const TempDir dir;
  const auto path = dir / "c.db";
  answered(path);
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE answer_days SET answers = 3 WHERE day = " + std::to_string(day_number(kDay)) +
            " AND deck = 1");
    db.exec("UPDATE answer_days SET passed = 0 WHERE day = " +
            std::to_string(day_number(kDay + days{1})) + " AND deck = 1");
    db.exec("DELETE FROM answer_days WHERE deck = 2");
  }
  const CheckReport report = check_collection(Collection::open(path));
  CHECK_FALSE(report.ok());
  CHECK(report.mismatched_cards.empty());
  CHECK(report.mismatched_answer_days ==
        std::vector<std::string>{
            "deck 'a', 2026-11-20: 3 answers counted where the log has 2",
            "deck 'a', 2026-11-21: passed, time or retention figures differ from the log",
            "deck 'b', 2026-11-21: 0 answers counted where the log has 1"});
}
