#include "check/check.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "import/import.hpp"
#include "support/moments.hpp"
#include "support/older_schemas.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::at;
using rehearse::test::TempDir;
using rehearse::test::undo_orphans_schema;
using std::chrono::days;

namespace {

const Day kDay0 = Day{std::chrono::year{2026} / 11 / 1};

// A collection at `path` whose card "a" was answered 2 on day 0 and 5 on day 1.
void answered_collection(const std::filesystem::path& path) {
  Collection collection = Collection::open(path);
  const DeckFile file{{"deck", "Deck", ""}, {{"a", "A?", "A", {}}, {"b", "B?", "B", {}}}};
  import_decks(collection, std::span<const DeckFile>(&file, 1));
  answer_card(collection, "a", Grade::from_int(2), at(kDay0), {});
  answer_card(collection, "a", Grade::from_int(5), at(kDay0 + days{1}), {});
}

// Rewrites one column of the log's row `id`, as a tool working behind rehearse's back could,
// putting back the trigger that forbids it (check would report it missing otherwise).
void tamper(const std::filesystem::path& path, const std::string& assignment, int id) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  const std::string trigger =
      db.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'reviews_no_update'").getString();
  db.exec("DROP TRIGGER reviews_no_update");
  db.exec("UPDATE reviews SET " + assignment + " WHERE id = " + std::to_string(id));
  db.exec(trigger);
}

}  // namespace

TEST_CASE("check finds every log row's before and after as the replay gives them") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  const CheckReport report = check_collection(Collection::open(dir / "c.db"));
  CHECK(report.ok());
  CHECK(report.answers_replayed == 2);
  CHECK(report.mismatched_log_cards.empty());
}

TEST_CASE("check reports a log row whose state after the answer is not the replay's") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  // The first answer (grade 2 on day 0) made "a" due on day 1; say it stayed as before.
  tamper(dir / "c.db", "due_after = due_before", 1);
  const CheckReport report = check_collection(Collection::open(dir / "c.db"));
  CHECK_FALSE(report.ok());
  CHECK(report.mismatched_log_cards == std::vector<std::string>{"a"});
  CHECK(report.mismatched_cards.empty());  // the card's own state still matches
}

TEST_CASE("check reports a log row whose state before the answer is not the replay's") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  tamper(dir / "c.db", "ease_before = 130", 2);
  CHECK(check_collection(Collection::open(dir / "c.db")).mismatched_log_cards ==
        std::vector<std::string>{"a"});
}

TEST_CASE("an undo appends a record, keeps the answer's row, and replays the card without it") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  Collection collection = Collection::open(dir / "c.db");
  const std::optional<UndoneAnswer> undone = undo_last_answer(collection, at(kDay0 + days{1}));
  REQUIRE(undone);
  CHECK(undone->entry.sequence == 2);
  CHECK(undone->entry.grade == Grade::from_int(5));
  // What the card was after its first answer alone (2 on day 0: n = 0, again tomorrow).
  const CardState first = sm2::answer(sm2::new_card(), Grade::from_int(2), kDay0).state;
  CHECK(undone->card.state == first);
  CHECK(collection.find_card("a")->state == first);
  {
    SQLite::Database db((dir / "c.db").string());
    CHECK(db.execAndGet("SELECT count(*) FROM reviews").getInt() == 2);
    CHECK(db.execAndGet("SELECT review || ' ' || after_review FROM undos").getString() == "2 2");
  }
  const CheckReport report = check_collection(collection);
  CHECK(report.ok());
  CHECK(report.answers_replayed == 1);
}

TEST_CASE("check replays undo records: a card left as it was before its undo is reported") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  const CardState before_undo = Collection::open(dir / "c.db").find_card("a")->state;
  {
    Collection collection = Collection::open(dir / "c.db");
    REQUIRE(undo_last_answer(collection, at(kDay0 + days{1})));
  }
  {
    SQLite::Database db((dir / "c.db").string(), SQLite::OPEN_READWRITE);
    // Undone: answered on day 0, due on day 1; before the undo: answered on day 1, due day 2.
    db.exec(
        fmt::format("UPDATE cards SET repetitions = {}, ease = {}, interval_days = {}, "
                    "due = due + 1, last_answered = last_answered + 1, reask = {} "
                    "WHERE slug = 'a'",
                    before_undo.repetitions, before_undo.ease.hundredths(),
                    before_undo.interval_days, before_undo.reask ? 1 : 0));
  }
  REQUIRE(Collection::open(dir / "c.db").find_card("a")->state == before_undo);
  const CheckReport report = check_collection(Collection::open(dir / "c.db"));
  CHECK(report.mismatched_cards == std::vector<std::string>{"a"});
  CHECK(report.mismatched_log_cards.empty());
}

TEST_CASE("undos in a row across cards, then new answers: every row matches the replay") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  Collection collection = Collection::open(dir / "c.db");
  answer_card(collection, "b", Grade::from_int(4), at(kDay0 + days{1}), {});
  CHECK(undo_last_answer(collection, at(kDay0 + days{1}))->entry.card_id == "b");
  CHECK(undo_last_answer(collection, at(kDay0 + days{1}))->entry.card_id == "a");
  CHECK(undo_last_answer(collection, at(kDay0 + days{1}))->entry.card_id == "a");
  CHECK_FALSE(undo_last_answer(collection, at(kDay0 + days{1})));
  CHECK(collection.find_card("a")->state == sm2::new_card());
  // Answers after the undos start from the replayed state, not from the rows taken back.
  answer_card(collection, "a", Grade::from_int(4), at(kDay0 + days{2}), {});
  answer_card(collection, "a", Grade::from_int(5), at(kDay0 + days{3}), {});
  CHECK(undo_last_answer(collection, at(kDay0 + days{3}))->entry.sequence == 5);
  answer_card(collection, "a", Grade::from_int(3), at(kDay0 + days{3}), {});
  const CheckReport report = check_collection(collection);
  CHECK(report.ok());
  CHECK(report.answers_replayed == 2);
  CHECK(collection.review_log("a").size() == 5);
}

TEST_CASE("an undo replays the remaining answers with the interview day each was given with") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  Collection collection = Collection::open(dir / "c.db");
  const Day interview = kDay0 + days{12};
  // Day 2: 5 with the interview in force, I = 6: due day 8, before the interview. Day 8: 5,
  // I = 6 * EF (over 12 days) would pass the interview, so the due day moves into days 9-11.
  answer_card(collection, "a", Grade::from_int(5), at(kDay0 + days{2}), {}, {}, interview);
  answer_card(collection, "a", Grade::from_int(5), at(kDay0 + days{8}), {}, {}, interview);
  const CardState capped = collection.find_card("a")->state;
  REQUIRE(capped.due < kDay0 + days{8 + capped.interval_days});  // the cap moved it
  answer_card(collection, "a", Grade::from_int(1), at(kDay0 + days{9}), {}, {}, interview);
  CHECK(undo_last_answer(collection, at(kDay0 + days{9}))->card.state == capped);
  CHECK(check_collection(collection).ok());
}

TEST_CASE("migrating to schema 9 counts each card's lapses from the answers still standing") {
  const TempDir dir;
  answered_collection(dir / "c.db");  // a: 2 (new, no lapse), 5 (n = 1)
  {
    Collection collection = Collection::open(dir / "c.db");
    answer_card(collection, "a", Grade::from_int(1), at(kDay0 + days{2}), {});  // lapse 1
    answer_card(collection, "a", Grade::from_int(4), at(kDay0 + days{3}), {});
    answer_card(collection, "a", Grade::from_int(0), at(kDay0 + days{4}), {});  // lapse 2, undone
    REQUIRE(collection.find_card("a")->state.lapses == 2);
    REQUIRE(undo_last_answer(collection, at(kDay0 + days{4})));
    REQUIRE(collection.find_card("a")->state.lapses == 1);
  }
  {
    // The collection as schema 8 left it: no lapses column (nor the later decks.source).
    SQLite::Database db((dir / "c.db").string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE cards DROP COLUMN lapses");
    db.exec("ALTER TABLE decks DROP COLUMN source");
    db.exec("ALTER TABLE cards DROP COLUMN changed");
    undo_orphans_schema(db);
    db.exec("DROP TABLE cram_answers");
    db.exec("DROP TABLE state_records");
    db.exec("PRAGMA user_version = 8");
  }
  Collection collection = Collection::open(dir / "c.db");
  CHECK(collection.find_card("a")->state.lapses == 1);
  CHECK(collection.find_card("b")->state.lapses == 0);
  CHECK(check_collection(collection).ok());
}
