// Orphans: cards an import of their deck's file no longer finds there, and their removal.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "support/deck_files.hpp"
#include "support/moments.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::at;
using rehearse::test::error_of;
using rehearse::test::numbered_deck;
using rehearse::test::TempDir;
using std::chrono::days;

namespace {

const Day kDay = Day{std::chrono::year{2026} / 11 / 20};

std::vector<ImportReport> import_one(Collection& collection, const DeckFile& file) {
  return import_decks(collection, std::span<const DeckFile>(&file, 1));
}

// Deck "d" with cards d.0, d.1, d.2; d.1 answered twice (5 on kDay, 4 the day after).
Collection answered_deck(const std::filesystem::path& path = ":memory:") {
  Collection collection = Collection::open(path);
  import_one(collection, numbered_deck("d", 3));
  answer_card(collection, "d.1", Grade::from_int(5), at(kDay), {});
  answer_card(collection, "d.1", Grade::from_int(4), at(kDay + days{1}), {});
  return collection;
}

// Deck "d" without d.1.
DeckFile without_d1() {
  DeckFile file = numbered_deck("d", 3);
  file.cards.erase(file.cards.begin() + 1);
  return file;
}

std::vector<std::string> ids(const std::vector<Orphan>& orphans) {
  std::vector<std::string> out;
  for (const Orphan& orphan : orphans)
    out.push_back(orphan.card_id);
  return out;
}

}  // namespace

TEST_CASE("an import whose file no longer lists a card makes it an orphan, with its history") {
  Collection collection = answered_deck();
  const CardState before = collection.find_card("d.1")->state;
  const std::vector<ImportReport> reports = import_one(collection, without_d1());
  CHECK(reports[0].missing == std::vector<std::string>{"d.1"});
  const std::vector<Orphan> orphans = collection.orphans();
  REQUIRE(orphans.size() == 1);
  CHECK(orphans[0].card_id == "d.1");
  CHECK(orphans[0].deck_id == "d");
  CHECK(orphans[0].front == "Front 1");
  CHECK(orphans[0].answers == 2);
  CHECK(orphans[0].last_answered == kDay + days{1});
  CHECK(collection.find_card("d.1")->state == before);
  CHECK(collection.review_log("d.1").size() == 2);
  CHECK(collection.orphans("d").size() == 1);
  CHECK(collection.orphans("other").empty());
}

TEST_CASE("an orphan's answers are left out of the answers of each day, as of the statistics") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, numbered_deck("d", 3));
  answer_card(collection, "d.0", Grade::from_int(4), at(kDay), {});
  answer_card(collection, "d.1", Grade::from_int(5), at(kDay), {});
  const std::vector<std::pair<Day, int>> both{{kDay, 2}};
  REQUIRE(collection.answers_per_day({}, kDay, kDay) == both);
  import_one(collection, without_d1());
  const std::vector<std::pair<Day, int>> one{{kDay, 1}};
  CHECK(collection.answers_per_day({}, kDay, kDay) == one);
  CHECK(collection.answers_per_day({.deck = "d", .tag = {}, .search = {}}, kDay, kDay) == one);
  CHECK(collection.answers_per_week(kDay, kDay).at(0).answers == 1);
}

TEST_CASE("an orphan is neither asked, nor counted in its deck, the statistics or the forecast") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, numbered_deck("d", 3));
  answer_card(collection, "d.1", Grade::from_int(5), at(kDay), {});  // due the next day
  import_one(collection, without_d1());
  const Day later = kDay + days{10};
  const DeckCounts deck = collection.deck_counts(later).front();
  CHECK(deck.total == 2);
  CHECK(deck.new_cards == 2);
  CHECK(deck.due == 0);
  CHECK(deck.orphans == 1);
  CHECK(collection.due_candidates({}, later, 10).empty());
  CHECK(collection.new_candidates({}, later, 10).size() == 2);
  CHECK(collection.due_per_day({}, kDay, later).empty());
  CHECK(collection.earliest_due({}) == std::nullopt);
  const Stats stats = collection.stats(later);
  CHECK(stats.total == 2);
  CHECK(stats.new_cards == 2);
  CHECK(stats.learning == 0);
  CHECK(collection.card_facts().size() == 2);
  CHECK(collection.export_deck("d").cards.size() == 2);
  CHECK(collection.find_card("d.1")->orphaned);
}

TEST_CASE("an orphan the file lists again is back in its deck with its progress") {
  Collection collection = answered_deck();
  const CardState before = collection.find_card("d.1")->state;
  import_one(collection, without_d1());
  const std::vector<ImportReport> reports = import_one(collection, numbered_deck("d", 3));
  CHECK(reports[0].returned == 1);
  CHECK(reports[0].updated == 2);  // d.1 back, d.2 back to its place after it
  CHECK(reports[0].unchanged == 1);
  CHECK(reports[0].missing.empty());
  CHECK(collection.orphans().empty());
  CHECK(collection.find_card("d.1")->state == before);
  CHECK(collection.deck_counts(kDay).front().total == 3);
  CHECK(import_one(collection, numbered_deck("d", 3))[0].returned == 0);
}

TEST_CASE("a dry run reports the cards that would become orphans and makes none") {
  Collection collection = answered_deck();
  const DeckFile file = without_d1();
  const std::vector<ImportReport> reports =
      preview_imports(collection, std::span<const DeckFile>(&file, 1));
  CHECK(reports[0].missing == std::vector<std::string>{"d.1"});
  CHECK(collection.orphans().empty());
}

TEST_CASE("removing orphans appends a removal record per card and leaves the log as it was") {
  TempDir dir;
  const std::filesystem::path path = dir / "collection.db";
  {
    Collection collection = answered_deck(path);
    import_one(collection, without_d1());
    const OrphanRemoval removal =
        remove_orphans(collection, collection.orphans(), at(kDay + days{2}), "test");
    CHECK(removal.removed == 1);
    REQUIRE(removal.backup);
    CHECK(std::filesystem::exists(*removal.backup));
    CHECK(collection.orphans().empty());
    CHECK_FALSE(collection.find_card("d.1"));
    CHECK(collection.cards({}).size() == 2);
    CHECK(check_collection(collection).ok());
    CHECK(collection.stats(kDay).total == 2);
    CHECK(collection.deck_counts(kDay).front().orphans == 0);
  }
  SQLite::Database db(path.string());
  CHECK(db.execAndGet("SELECT count(*) FROM reviews").getInt() == 2);
  CHECK(db.execAndGet("SELECT slug || ' ' || deck || ' ' || day || ' ' || after_review "
                      "FROM removals")
            .getString() == "d.1 d " + std::to_string(day_number(kDay + days{2})) + " 2");
}

TEST_CASE("after its removal, an orphan's id makes a new card and its answers are not undone") {
  Collection collection = answered_deck();
  import_one(collection, without_d1());
  remove_orphans(collection, collection.orphans(), at(kDay + days{2}));
  // d.1's answers are the newest in the log: undo finds nothing else to take back.
  CHECK_FALSE(undo_last_answer(collection, at(kDay + days{2})));
  const std::vector<ImportReport> reports = import_one(collection, numbered_deck("d", 3));
  CHECK(reports[0].added == 1);
  CHECK(reports[0].returned == 0);
  CHECK(collection.find_card("d.1")->state.is_new());
  CHECK(collection.review_log("d.1").empty());
  CHECK(check_collection(collection).ok());
}

TEST_CASE("removing a card that is no orphan removes nothing and says so") {
  Collection collection = answered_deck();
  import_one(collection, without_d1());
  const std::vector<std::string> both{"d.1", "d.0"};
  CHECK(error_of([&] { collection.remove_orphans(both, at(kDay)); }) ==
        "card 'd.0' is not an orphan; nothing was removed ('rehearse orphans' lists them)");
  CHECK(ids(collection.orphans()) == std::vector<std::string>{"d.1"});
}

TEST_CASE("removing no orphans takes no backup") {
  Collection collection = answered_deck();
  const OrphanRemoval removal = remove_orphans(collection, {}, at(kDay), "test");
  CHECK(removal.removed == 0);
  CHECK_FALSE(removal.backup);
}
