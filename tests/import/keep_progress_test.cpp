// Imported progress and resets: state records in the review log, replayed by check and undo.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "stats/statistics.hpp"
#include "support/deck_files.hpp"
#include "support/moments.hpp"
#include "support/older_schemas.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::at;
using rehearse::test::error_of;
using rehearse::test::TempDir;
using rehearse::test::undo_orphans_schema;
using std::chrono::days;

namespace {

constexpr auto kJan = std::chrono::year{2026} / 1;
const Day kImportDay = Day{std::chrono::year{2026} / 3 / 1};

DeckFile deck(std::string a_front = "A?") {
  DeckFile file{{"d", "D", ""}, {{"a", std::move(a_front), "A", {}}, {"b", "B?", "B", {}}}};
  file.source = "/packages/anki.apkg";
  return file;
}

CardState state(int repetitions, int ease, int interval, Day due) {
  CardState s;
  s.repetitions = repetitions;
  s.ease = Ease::from_hundredths(ease);
  s.interval_days = interval;
  s.due = due;
  return s;
}

// Card "a" as another program knew it: 5 in a row, ease 2.36, 12 days, due on February 10, one
// lapse; answered 4, 1, 5 on January 1, 3 and 4.
CardProgress a_progress() {
  CardProgress progress;
  progress.state = state(5, 236, 12, Day{kJan / 1} + days{40});
  progress.state.last_answered = Day{kJan / 4};
  progress.state.lapses = 1;
  for (const auto& [grade, day] : {std::pair{4, 1}, {1, 3}, {5, 4}}) {
    const Day d = Day{kJan / day};
    progress.answers.push_back(
        {Grade::from_int(grade), at(d), std::chrono::milliseconds(1000 * grade)});
  }
  return progress;
}

ImportPolicy policy(bool reset_changed = false) {
  ImportPolicy policy;
  policy.reset_changed = reset_changed;
  policy.at = at(kImportDay);
  return policy;
}

ImportReport import_with(Collection& collection, const ProgressByCard& kept,
                         const DeckFile& file = deck()) {
  return import_files(collection, std::span<const DeckFile>(&file, 1), policy(), {}, kept)
      .reports.at(0);
}

}  // namespace

TEST_CASE("imported progress sets the card's state after its answers, which SM-2 logs from new") {
  Collection collection = Collection::open(":memory:");
  const ImportReport report = import_with(collection, {{"a", a_progress()}});
  CHECK(report.added == 2);
  CHECK(report.progress_kept == 1);
  CHECK(report.answers_kept == 3);
  CHECK(report.progress_left == 0);
  const Card a = *collection.find_card("a");
  CHECK(a.state == a_progress().state);
  CHECK(collection.find_card("b")->state.is_new());

  // The answers' before and after, by hand: 4 on Jan 1 (n 1, I 1, due Jan 2), 1 on Jan 3 (a
  // lapse: n 0, EF 2.5 - 0.54, due Jan 4), 5 on Jan 4 (n 1, EF 1.96 + 0.1, due Jan 5).
  const std::vector<LogEntry> log = collection.review_log("a");
  REQUIRE(log.size() == 3);
  const CardState after[] = {state(1, 250, 1, Day{kJan / 2}), state(0, 196, 1, Day{kJan / 4}),
                             state(1, 206, 1, Day{kJan / 5})};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(log[i].after.repetitions == after[i].repetitions);
    CHECK(log[i].after.ease == after[i].ease);
    CHECK(log[i].after.interval_days == after[i].interval_days);
    CHECK(log[i].after.due == after[i].due);
  }
  CHECK(log[1].duration == std::chrono::milliseconds(1000));
  CHECK(log[2].moment.day == Day{kJan / 4});

  const std::vector<StateRecord> records = collection.state_records("a");
  REQUIRE(records.size() == 1);
  CHECK(records[0].kind == StateRecord::Kind::import);
  CHECK(records[0].after_sequence == log[2].sequence);
  CHECK(records[0].source == "/packages/anki.apkg");
  CHECK(records[0].moment.day == kImportDay);
  CHECK(records[0].state == a_progress().state);

  CHECK(replay_card(collection, "a") == a.state);
  const CheckReport check = check_collection(collection);
  CHECK(check.ok());
  CHECK(check.answers_replayed == 3);
  CHECK(check.state_records == 1);
}

TEST_CASE("SM-2 replays the answers after imported progress, and an undo takes them back") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {{"a", a_progress()}});
  // Due on February 10: 4 gives I = round(12 * 2.36) = 28, n = 6, EF unchanged.
  const Day due = Day{kJan / 1} + days{40};
  const AnsweredCard answered = answer_card(collection, "a", Grade::from_int(4), at(due), {});
  CHECK(answered.entry.before.interval_days == 12);
  CHECK(answered.card.state.repetitions == 6);
  CHECK(answered.card.state.ease == Ease::from_hundredths(236));
  CHECK(answered.card.state.interval_days == 28);
  CHECK(answered.card.state.due == due + days{28});
  CHECK(answered.card.state.lapses == 1);
  CHECK(replay_card(collection, "a") == answered.card.state);
  CHECK(check_collection(collection).ok());

  const std::optional<UndoneAnswer> undone = undo_last_answer(collection, at(due));
  REQUIRE(undone);
  CHECK(undone->card.state == a_progress().state);
  CHECK(check_collection(collection).ok());

  // A lapse after the import counts on from Anki's lapses.
  answer_card(collection, "a", Grade::from_int(1), at(due + days{1}), {});
  CHECK(collection.find_card("a")->state.lapses == 2);
  CHECK(check_collection(collection).ok());
}

TEST_CASE("an undo cannot take back an imported answer: the import stands, nothing is written") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {{"a", a_progress()}});
  CHECK(error_of([&] { undo_last_answer(collection, at(kImportDay)); }) ==
        "nothing was undone: the last answer, to a on 2026-01-04, came with the card's progress "
        "imported from anki.apkg; an undo cannot take back an import");
  CHECK(collection.find_card("a")->state == a_progress().state);
  CHECK(collection.review_log("a").at(2).undone == std::nullopt);
  CHECK(check_collection(collection).ok());
}

TEST_CASE("importing the same progress again changes nothing") {
  Collection collection = Collection::open(":memory:");
  const ProgressByCard kept{{"a", a_progress()}};
  import_with(collection, kept);
  const ImportReport again = import_with(collection, kept);
  CHECK(again.unchanged == 2);
  CHECK(again.progress_kept == 0);
  CHECK(again.answers_kept == 0);
  CHECK(again.progress_left == 1);
  CHECK(collection.review_log("a").size() == 3);
  CHECK(collection.state_records("a").size() == 1);
  CHECK(check_collection(collection).ok());
}

TEST_CASE("a card answered here keeps its own progress over a package's") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {});
  answer_card(collection, "a", Grade::from_int(5), at(kImportDay), {});
  const CardState mine = collection.find_card("a")->state;
  CardProgress b = a_progress();
  b.answers.clear();
  const DeckFile file = deck();
  const std::vector<ImportReport> preview = preview_files(
      collection, std::span<const DeckFile>(&file, 1), policy(), {{"a", a_progress()}, {"b", b}});
  CHECK(preview.at(0).progress_kept == 1);
  CHECK(preview.at(0).progress_left == 1);
  CHECK(collection.find_card("b")->state.is_new());  // a preview writes nothing
  const ImportReport report = import_with(collection, {{"a", a_progress()}, {"b", b}});
  CHECK(report.progress_kept == 1);  // b: imported new, never answered
  CHECK(report.answers_kept == 0);
  CHECK(report.progress_left == 1);  // a
  CHECK(collection.find_card("a")->state == mine);
  CHECK(collection.find_card("b")->state == b.state);
  CHECK(collection.state_records("a").empty());
  CHECK(check_collection(collection).ok());
}

TEST_CASE("a suspension in the package comes in with the progress") {
  Collection collection = Collection::open(":memory:");
  CardProgress suspended_new;
  suspended_new.suspended = true;
  const ImportReport report = import_with(collection, {{"b", suspended_new}});
  CHECK(report.progress_kept == 1);
  CHECK(collection.find_card("b")->suspended);
  CHECK(collection.find_card("b")->state.is_new());
  CHECK(check_collection(collection).ok());
}

TEST_CASE("a reset starts a changed card over as new by a record that replay honours") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {});
  const Day day = Day{std::chrono::year{2026} / 2 / 1};
  answer_card(collection, "a", Grade::from_int(4), at(day), {});
  const DeckFile edited = deck("A, edited?");
  const std::span<const DeckFile> files(&edited, 1);
  const ImportReport preview = preview_files(collection, files, policy(true)).at(0);
  CHECK(preview.changed == 1);
  CHECK(preview.reset == 1);
  const ImportReport report = import_files(collection, files, policy(true)).reports.at(0);
  CHECK(report.updated == 1);
  CHECK(report.changed == 1);
  CHECK(report.reset == 1);
  const Card a = *collection.find_card("a");
  CHECK(a.state == sm2::new_card());
  CHECK_FALSE(a.changed);
  const std::vector<StateRecord> records = collection.state_records("a");
  REQUIRE(records.size() == 1);
  CHECK(records[0].kind == StateRecord::Kind::reset);
  CHECK(collection.review_log("a").size() == 1);  // the answer stays, as history
  CHECK(check_collection(collection).ok());
  CHECK(error_of([&] { undo_last_answer(collection, at(day)); }) ==
        "nothing was undone: the last answer, to a on 2026-02-01, came before the card started "
        "over as new (import --reset-changed); an undo cannot take back a reset");

  // From new again: 4 gives n 1, I 1; the undo of that answer goes back to new.
  const AnsweredCard again = answer_card(collection, "a", Grade::from_int(4), at(day), {});
  CHECK(again.entry.before == sm2::new_card());
  CHECK(again.card.state.interval_days == 1);
  CHECK(check_collection(collection).ok());
  CHECK(undo_last_answer(collection, at(day))->card.state == sm2::new_card());
  CHECK(check_collection(collection).ok());
}

TEST_CASE("a reset also takes the cards an earlier import flagged changed") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {});
  answer_card(collection, "a", Grade::from_int(4), at(kImportDay), {});
  const DeckFile edited = deck("A, edited?");
  const std::span<const DeckFile> files(&edited, 1);
  CHECK(import_files(collection, files, policy()).reports.at(0).changed == 1);
  CHECK(collection.find_card("a")->changed);
  const ImportReport report = import_files(collection, files, policy(true)).reports.at(0);
  CHECK(report.unchanged == 2);
  CHECK(report.reset == 1);
  CHECK(collection.find_card("a")->state.is_new());
  CHECK(import_files(collection, files, policy(true)).reports.at(0).reset == 0);
  CHECK(check_collection(collection).ok());
}

TEST_CASE("statistics count imported answers like any other") {
  Collection collection = Collection::open(":memory:");
  import_with(collection, {{"a", a_progress()}});
  const Statistics stats = statistics(collection, "", kImportDay);
  CHECK(stats.total.total_reviews == 3);
  CHECK(stats.total.cards.young == 1);
  // Retention counts the answers to due cards: Jan 3 (failed) and Jan 4 (passed), not the
  // first answer to the new card.
  CHECK(stats.total.young.reviews == 2);
  CHECK(stats.total.young.passed == 1);
}

TEST_CASE(
    "a collection migrated from schema 13 has no state records and the schema rehearse makes") {
  const TempDir dir;
  const auto path = dir / "c.db";
  {
    Collection collection = Collection::open(path);
    import_with(collection, {});
  }
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    undo_orphans_schema(db);
    db.exec("DROP TABLE state_records");
    db.exec("PRAGMA user_version = 13");
  }
  Collection collection = Collection::open(path);
  CHECK(collection.state_records("a").empty());
  CHECK(collection.integrity_problems().empty());
  CHECK(check_collection(collection).ok());
}
