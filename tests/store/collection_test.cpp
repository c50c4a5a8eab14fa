#include "store/collection.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "model/error.hpp"
#include "scheduler/sm2.hpp"
#include "support/moments.hpp"
#include "support/older_schemas.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::at;
using rehearse::test::TempDir;
using rehearse::test::undo_orphans_schema;
using std::chrono::days;

namespace {

const Day kToday = Day{std::chrono::year{2026} / 11 / 25};

DeckFile sample_deck() {
  return {{"principles", "Principles", "Test deck"},
          {{"p.one", "One?", "1", {"lp:ownership", "x"}},
           {"p.two", "Two?", "2", {}},
           {"p.three", "Three?", "3", {"lp:ownership"}}}};
}

ImportReport import_one(Collection& collection, const DeckFile& file) {
  return import_decks(collection, std::span<const DeckFile>(&file, 1)).front();
}

}  // namespace

TEST_CASE("a collection keeps its decks, cards and answers across close and reopen") {
  const TempDir dir;
  const auto path = dir / "nested/folder/c.db";
  {
    Collection collection = Collection::open(path);
    import_one(collection, sample_deck());
    answer_card(collection, "p.one", Grade::from_int(5), at(kToday),
                std::chrono::milliseconds(1200));
  }
  Collection reopened = Collection::open(path);
  const std::optional<Card> card = reopened.find_card("p.one");
  REQUIRE(card);
  CHECK(card->deck_id == "principles");
  CHECK(card->content == CardContent{"p.one", "One?", "1", {"lp:ownership", "x"}});
  CHECK(card->state.repetitions == 1);
  CHECK(card->state.due == kToday + days{1});
  const std::vector<LogEntry> log = reopened.review_log("p.one");
  REQUIRE(log.size() == 1);
  CHECK(log[0].grade.value() == 5);
  CHECK(log[0].duration == std::chrono::milliseconds(1200));
  CHECK(log[0].before.is_new());
  CHECK(log[0].after.interval_days == 1);
}

TEST_CASE("importing the same deck twice changes nothing the second time") {
  Collection collection = Collection::open(":memory:");
  const ImportReport first = import_one(collection, sample_deck());
  CHECK(first.deck_added);
  CHECK(first.added == 3);
  const ImportReport second = import_one(collection, sample_deck());
  CHECK_FALSE(second.deck_added);
  CHECK(second.added == 0);
  CHECK(second.updated == 0);
  CHECK(second.unchanged == 3);
  CHECK(second.missing.empty());
}

TEST_CASE("re-importing an edited deck updates content by id and keeps scheduling") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  answer_card(collection, "p.two", Grade::from_int(4), at(kToday), {});
  const CardState before = collection.find_card("p.two")->state;

  DeckFile edited = sample_deck();
  edited.cards[1].front = "Two, reworded?";
  edited.cards[1].tags = {"new-tag"};
  edited.cards.erase(edited.cards.begin() + 2);          // p.three no longer listed
  edited.cards.push_back({"p.four", "Four?", "4", {}});  // a new card
  const ImportReport report = import_one(collection, edited);
  CHECK(report.added == 1);
  CHECK(report.updated == 1);
  CHECK(report.unchanged == 1);
  CHECK(report.missing == std::vector<std::string>{"p.three"});

  const Card two = *collection.find_card("p.two");
  CHECK(two.content.front == "Two, reworded?");
  CHECK(two.content.tags == std::vector<std::string>{"new-tag"});
  CHECK(two.state == before);
  CHECK(collection.review_log("p.two").size() == 1);
  CHECK(collection.find_card("p.three"));  // kept, not deleted
}

TEST_CASE("an import flags exactly the answered cards whose front or back it edits") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  answer_card(collection, "p.one", Grade::from_int(4), at(kToday), {});
  answer_card(collection, "p.two", Grade::from_int(4), at(kToday), {});
  answer_card(collection, "p.three", Grade::from_int(4), at(kToday), {});
  REQUIRE(undo_last_answer(collection, at(kToday)));  // p.three: no answer stands
  const CardState one = collection.find_card("p.one")->state;

  DeckFile edited = sample_deck();
  edited.cards[0].back = "One, and only one";  // answered: flagged
  edited.cards[1].tags = {"new-tag"};          // answered, only its tags: not flagged
  edited.cards[2].front = "Three, reworded?";  // its answer undone: not flagged
  const std::vector<ImportReport> preview =
      collection.preview_imports(std::span<const DeckFile>(&edited, 1));
  CHECK(preview.at(0).updated == 3);
  CHECK(preview.at(0).changed == 1);
  CHECK_FALSE(collection.find_card("p.one")->changed);  // a preview writes nothing

  const ImportReport report = import_one(collection, edited);
  CHECK(report.updated == 3);
  CHECK(report.changed == 1);
  CHECK(collection.find_card("p.one")->changed);
  CHECK(collection.find_card("p.one")->state == one);
  CHECK_FALSE(collection.find_card("p.two")->changed);
  CHECK_FALSE(collection.find_card("p.three")->changed);
  CHECK(import_one(collection, edited).changed == 0);  // nothing edited this time

  answer_card(collection, "p.one", Grade::from_int(5), at(kToday + days{1}), {});
  CHECK_FALSE(collection.find_card("p.one")->changed);
}

TEST_CASE("a card listed by another deck's file moves there and keeps its history") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  answer_card(collection, "p.one", Grade::from_int(5), at(kToday), {});
  const DeckFile other{{"other", "Other", ""}, {{"p.one", "One?", "1", {"lp:ownership", "x"}}}};
  const ImportReport report = import_one(collection, other);
  CHECK(report.moved == std::vector<std::string>{"p.one"});
  CHECK(report.updated == 1);
  CHECK(collection.find_card("p.one")->deck_id == "other");
  CHECK(collection.find_card("p.one")->state.repetitions == 1);
}

TEST_CASE("an import's before-commit step sees its reports and can back up the state before it") {
  const TempDir dir;
  Collection collection = Collection::open(dir / "c.db");
  import_one(collection, sample_deck());
  DeckFile edited = sample_deck();
  edited.cards[1].back = "two, edited";
  std::vector<ImportReport> seen;
  const auto backup_then_look = [&](const std::vector<ImportReport>& reports) {
    seen = reports;
    collection.backup_to(dir / "before.db");
  };
  import_decks(collection, std::span<const DeckFile>(&edited, 1), {}, {}, backup_then_look);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].updated == 1);
  CHECK(seen[0].unchanged == 2);
  CHECK(Collection::open(dir / "before.db").find_card("p.two")->content.back == "2");
  CHECK(collection.find_card("p.two")->content.back == "two, edited");
}

TEST_CASE("an import whose before-commit step throws leaves the collection unchanged") {
  const TempDir dir;
  Collection collection = Collection::open(dir / "c.db");
  import_one(collection, sample_deck());
  DeckFile edited = sample_deck();
  edited.cards[0].front = "changed";
  edited.cards.push_back({"p.four", "Four?", "4", {}});
  const auto cancel = [](const std::vector<ImportReport>&) { throw Error("cancelled"); };
  CHECK_THROWS_WITH(import_decks(collection, std::span<const DeckFile>(&edited, 1), {}, {}, cancel),
                    "cancelled");
  CHECK(collection.find_card("p.one")->content.front == "One?");
  CHECK_FALSE(collection.find_card("p.four"));
}

TEST_CASE("two files sharing a card id are refused before anything is written") {
  Collection collection = Collection::open(":memory:");
  const DeckFile a{{"a", "A", ""}, {{"same", "F", "B", {}}}};
  const DeckFile b{{"b", "B", ""}, {{"same", "F", "B", {}}}};
  const std::vector<DeckFile> files{a, b};
  CHECK_THROWS_WITH(import_decks(collection, files),
                    "card 'same' is in both deck 'a' and deck 'b'; card ids must be unique");
  CHECK(collection.deck_counts(kToday).empty());
}

TEST_CASE("export gives back the imported deck exactly, in deck order with tag order kept") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  const DeckFile exported = collection.export_deck("principles");
  CHECK(exported.deck == sample_deck().deck);
  CHECK(exported.cards == sample_deck().cards);
  CHECK_THROWS_WITH(collection.export_deck("nope"),
                    "no deck 'nope' in :memory: ('rehearse decks' lists them)");
}

TEST_CASE("an answer and its log row are written together or not at all") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  CHECK_THROWS_WITH(collection.record_answer(
                        {"p.one", Grade::from_int(5), at(kToday), {}, {}},
                        [](const CardState&, Grade, Day, std::optional<Day>) -> sm2::Outcome {
                          throw Error("the scheduler failed");
                        }),
                    "the scheduler failed");
  CHECK(collection.review_log("p.one").empty());
  CHECK(collection.find_card("p.one")->state.is_new());
  CHECK_THROWS_WITH(answer_card(collection, "p.none", Grade::from_int(5), at(kToday), {}),
                    "no card 'p.none' in :memory:");
}

TEST_CASE("a batch of answers is recorded whole or not at all") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  const std::vector<AnswerRecord> batch{{"p.one", Grade::from_int(5), at(kToday), {}, {}},
                                        {"p.two", Grade::from_int(4), at(kToday), {}, {}},
                                        {"p.nothing", Grade::from_int(3), at(kToday), {}, {}}};
  CHECK_THROWS_WITH(answer_cards(collection, batch), "no card 'p.nothing' in :memory:");
  CHECK(collection.stats(kToday).total_reviews == 0);
  CHECK(collection.find_card("p.one")->state.is_new());

  const std::vector<AnswerRecord> good(batch.begin(), batch.begin() + 2);
  const std::vector<LogEntry> entries = answer_cards(collection, good);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].sequence == entries[0].sequence + 1);
  CHECK(collection.find_card("p.two")->state.interval_days == 1);
}

TEST_CASE("the review log refuses changes: it is append-only") {
  const TempDir dir;
  const auto path = dir / "c.db";
  {
    Collection collection = Collection::open(path);
    import_one(collection, sample_deck());
    answer_card(collection, "p.one", Grade::from_int(5), at(kToday), {});
  }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(db.exec("UPDATE reviews SET grade = 0"), "the review log is append-only");
  CHECK_THROWS_WITH(db.exec("DELETE FROM reviews"), "the review log is append-only");
}

TEST_CASE("a file that is not a rehearse collection is refused and left untouched") {
  const TempDir dir;
  SECTION("not SQLite at all") {
    const auto path = dir / "notes.txt";
    std::ofstream(path) << "these are my notes, not a database\n";
    CHECK_THROWS_WITH(Collection::open(path),
                      path.string() +
                          " is not a rehearse collection (not an SQLite database); "
                          "choose another file with --db");
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    CHECK(content == "these are my notes, not a database\n");
  }
  SECTION("another program's SQLite database") {
    const auto path = dir / "other.db";
    {
      SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      other.exec("CREATE TABLE mine (x INTEGER)");
    }
    CHECK_THROWS_WITH(Collection::open(path),
                      path.string() +
                          " is not a rehearse collection (it is an SQLite database "
                          "of another program); choose another file with --db");
  }
  SECTION("a collection from a newer rehearse") {
    const auto path = dir / "newer.db";
    Collection::open(path);
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(Collection::open(path),
                      path.string() +
                          " was written by a newer rehearse (schema version 99, this "
                          "build knows up to 16); upgrade rehearse to open it");
  }
}

TEST_CASE("stats count reviews today, due cards and cards by state") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  answer_card(collection, "p.one", Grade::from_int(5), at(kToday), {});  // due tomorrow
  // Failed on its first answer: learning (not lapsed: it was never recalled), re-asked today.
  answer_card(collection, "p.two", Grade::from_int(1), at(kToday), {});
  answer_card(collection, "p.two", Grade::from_int(4), at(kToday), {});  // same-day repeat
  const Stats stats = collection.stats(kToday);
  CHECK(stats.reviews_today == 3);
  CHECK(stats.cards_reviewed_today == 2);
  CHECK(stats.due_today == 0);
  CHECK(stats.due_tomorrow == 2);
  CHECK(stats.reask_today == 0);
  CHECK(stats.new_cards == 1);
  CHECK(stats.learning == 1);
  CHECK(stats.lapsed == 0);
  CHECK(stats.young == 1);
  CHECK(stats.mature == 0);
  CHECK(stats.total == 3);
  CHECK(stats.total_reviews == 3);
  const Stats tomorrow = collection.stats(kToday + days{1});
  CHECK(tomorrow.reviews_today == 0);
  CHECK(tomorrow.due_today == 2);
}

TEST_CASE("deck counts give new, due and total per deck, in import order") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  import_one(collection, DeckFile{{"empty", "Empty", ""}, {}});
  answer_card(collection, "p.one", Grade::from_int(5), at(kToday), {});
  const std::vector<DeckCounts> decks = collection.deck_counts(kToday + days{1});
  REQUIRE(decks.size() == 2);
  CHECK(decks[0].deck.id == "principles");
  CHECK(decks[0].new_cards == 2);
  CHECK(decks[0].due == 1);
  CHECK(decks[0].total == 3);
  CHECK(decks[1].deck.id == "empty");
  CHECK(decks[1].total == 0);
}

TEST_CASE("cards can be listed by deck and by tag") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, sample_deck());
  CHECK(collection.cards({}).size() == 3);
  CHECK(collection.cards({.deck = "principles", .tag = {}, .search = {}}).size() == 3);
  const std::vector<Card> tagged =
      collection.cards({.deck = {}, .tag = "lp:ownership", .search = {}});
  REQUIRE(tagged.size() == 2);
  CHECK(tagged[0].content.id == "p.one");
  CHECK(tagged[1].content.id == "p.three");
  CHECK(collection.has_tag("x"));
  CHECK_FALSE(collection.has_tag("y"));
}

TEST_CASE("a tag no card carries any more is forgotten, and filters and counts follow the edit") {
  const TempDir dir;
  Collection collection = Collection::open(dir / "c.db");
  DeckFile deck = sample_deck();
  import_one(collection, deck);
  deck.cards[0].tags = {"lp:frugality"};  // p.one gives up lp:ownership and x
  CHECK(import_one(collection, deck).updated == 1);

  CHECK_FALSE(collection.has_tag("x"));
  CHECK(collection.has_tag("lp:frugality"));
  const std::vector<Card> owned =
      collection.cards({.deck = {}, .tag = "lp:ownership", .search = {}});
  REQUIRE(owned.size() == 1);
  CHECK(owned[0].content.id == "p.three");
  const std::vector<TagCounts> counts = collection.tag_counts("lp:", kToday);
  REQUIRE(counts.size() == 2);
  CHECK(counts[0].tag == "lp:frugality");
  CHECK(counts[0].cards == 1);
  CHECK(counts[1].tag == "lp:ownership");
  CHECK(counts[1].cards == 1);
  SQLite::Database raw((dir / "c.db").string(), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("SELECT group_concat(name, ' ') FROM (SELECT name FROM tags ORDER BY name)")
            .getString() == "lp:frugality lp:ownership");
}

TEST_CASE("a collection written by schema 2 gets tag ids, with every tag and answer kept") {
  const TempDir dir;
  const auto path = dir / "collection-v2.db";
  std::filesystem::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db", path);
  const Collection collection = Collection::open(path);

  // The fixture (tests/data/README.md): fx.2 lost old:tag and gained lp:ownership.
  CHECK(collection.find_card("fx.2")->content ==
        CardContent{"fx.2", "Front two", "Back two", {"lp:frugality", "lp:ownership"}});
  const std::vector<Card> owned =
      collection.cards({.deck = {}, .tag = "lp:ownership", .search = {}});
  REQUIRE(owned.size() == 2);
  CHECK(owned[0].content.id == "fx.1");
  CHECK(owned[1].content.id == "fx.2");
  CHECK(collection.cards({.deck = {}, .tag = "round:people", .search = {}}).size() == 1);
  CHECK_FALSE(collection.has_tag("old:tag"));
  const std::vector<TagCounts> counts = collection.tag_counts("", kToday);
  REQUIRE(counts.size() == 3);
  CHECK(counts[0].tag == "lp:frugality");
  CHECK(counts[1].tag == "lp:ownership");
  CHECK(counts[1].cards == 2);
  CHECK(counts[2].tag == "round:people");
  // Grade 2 then 4: the ease falls by 0.32 and then stays (SM-2), 2.50 - 0.32 = 2.18.
  CHECK(collection.find_card("fx.2")->state.ease.hundredths() == 218);
  CHECK(collection.review_log("fx.2").size() == 2);
  CHECK(check_collection(collection).ok());

  const auto backup = dir / "backups/collection-v2-auto-schema-v2.db";
  REQUIRE(std::filesystem::exists(backup));
  SQLite::Database old(backup.string(), SQLite::OPEN_READONLY);
  CHECK(old.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(old.execAndGet("SELECT count(*) FROM card_tags WHERE tag = 'lp:ownership'").getInt() == 2);
}

TEST_CASE("only a collection at the latest schema opens unchanged") {
  const TempDir dir;
  CHECK_FALSE(Collection::opens_unchanged(dir / "missing.db"));
  CHECK_FALSE(Collection::opens_unchanged(dir.path()));  // a folder
  { const Collection created = Collection::open(dir / "c.db"); }
  CHECK(Collection::opens_unchanged(dir / "c.db"));
  std::filesystem::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db", dir / "v2.db");
  CHECK_FALSE(Collection::opens_unchanged(dir / "v2.db"));
  std::ofstream(dir / "notes.txt") << "not a database\n";
  CHECK_FALSE(Collection::opens_unchanged(dir / "notes.txt"));
  {
    SQLite::Database empty((dir / "empty.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  }
  CHECK_FALSE(Collection::opens_unchanged(dir / "empty.db"));
}

TEST_CASE("a collection written by schema 1 is backed up, then migrated with nothing lost") {
  const TempDir dir;
  const auto path = dir / "collection-v1.db";
  std::filesystem::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v1.db", path);
  const Collection collection = Collection::open(path);

  // The fixture (tests/data/README.md): fx.1 answered 5 then 4, fx.2 answered 2 then 4 the
  // same day, fx.3 never.
  const Card one = *collection.find_card("fx.1");
  CHECK(one.content ==
        CardContent{"fx.1", "Front one", "Back one", {"lp:ownership", "round:people"}});
  CHECK(one.state.repetitions == 2);
  CHECK(one.state.ease.hundredths() == 260);
  CHECK(one.state.interval_days == 6);
  CHECK(collection.find_card("fx.2")->state.ease.hundredths() == 218);
  CHECK(collection.find_card("fx.3")->state.is_new());
  CHECK(collection.review_log("fx.2").size() == 2);
  CHECK(check_collection(collection).ok());

  const auto backup = dir / "backups/collection-v1-auto-schema-v1.db";
  REQUIRE(std::filesystem::exists(backup));
  SQLite::Database old(backup.string(), SQLite::OPEN_READONLY);
  CHECK(old.execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK(old.execAndGet("SELECT front FROM cards WHERE slug = 'fx.2'").getString() == "Front two");
}

TEST_CASE("a card's group is stored, compared and updated by import, and exported back") {
  const TempDir dir;
  Collection collection = Collection::open(dir / "c.db");
  DeckFile deck = sample_deck();
  deck.cards[0].group = "g.pair";
  deck.cards[1].group = "g.pair";
  import_one(collection, deck);
  CHECK(collection.find_card("p.one")->content.group == "g.pair");
  CHECK(collection.find_card("p.three")->content.group.empty());
  CHECK(import_one(collection, deck).unchanged == 3);

  deck.cards[1].group = "g.other";  // p.two changes group, p.three gains one
  deck.cards[2].group = "g.other";
  const ImportReport report = import_one(collection, deck);
  CHECK(report.updated == 2);
  CHECK(report.unchanged == 1);
  CHECK(collection.find_card("p.two")->content.group == "g.other");
  CHECK(collection.export_deck("principles").cards == deck.cards);

  deck.cards[0].group.clear();  // g.pair has no card left: forgotten
  import_one(collection, deck);
  CHECK(collection.find_card("p.one")->content.group.empty());
  SQLite::Database raw((dir / "c.db").string(), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("SELECT group_concat(name, ' ') FROM sibling_groups").getString() ==
        "g.other");
}

TEST_CASE("a collection migrated from schema 2 has cards without groups") {
  const TempDir dir;
  const auto path = dir / "collection-v2.db";
  std::filesystem::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db", path);
  const Collection collection = Collection::open(path);
  for (const Card& card : collection.cards({}))
    CHECK(card.content.group.empty());
  CHECK(check_collection(collection).ok());
}

TEST_CASE(
    "a collection migrated from schema 10 has no changed card and the schema rehearse makes") {
  const TempDir dir;
  const auto path = dir / "c.db";
  {
    Collection collection = Collection::open(path);
    import_one(collection, sample_deck());
    answer_card(collection, "p.one", Grade::from_int(4), at(kToday), {});
  }
  {
    // The collection as schema 11 left it: no cards.changed column.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE cards DROP COLUMN changed");
    undo_orphans_schema(db);
    db.exec("DROP TABLE cram_answers");
    db.exec("DROP TABLE state_records");
    db.exec("PRAGMA user_version = 11");
  }
  Collection collection = Collection::open(path);
  CHECK(std::filesystem::exists(dir / "backups/c-auto-schema-v11.db"));
  CHECK_FALSE(collection.find_card("p.one")->changed);
  CHECK(collection.find_card("p.one")->state.repetitions == 1);
  CHECK(collection.integrity_problems().empty());
  CHECK(check_collection(collection).ok());
}

TEST_CASE(
    "a collection migrated from schema 12 has no cram answers and the schema rehearse makes") {
  const TempDir dir;
  const auto path = dir / "c.db";
  {
    Collection collection = Collection::open(path);
    import_one(collection, sample_deck());
  }
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    undo_orphans_schema(db);
    db.exec("DROP TABLE cram_answers");
    db.exec("DROP TABLE state_records");
    db.exec("PRAGMA user_version = 12");
  }
  Collection collection = Collection::open(path);
  CHECK(collection.cram_answers("p.one").empty());
  CHECK(collection.integrity_problems().empty());
}

TEST_CASE("a cram answer is appended apart and moves neither the card nor the review log") {
  const TempDir dir;
  const auto path = dir / "c.db";
  Collection collection = Collection::open(path);
  import_one(collection, sample_deck());
  answer_card(collection, "p.one", Grade::from_int(4), at(kToday), {});
  const Card before = *collection.find_card("p.one");
  const CramAnswer first = collection.record_cram_answer(
      {"p.one", Grade::from_int(1), at(kToday + days{1}), std::chrono::milliseconds(900), {}});
  collection.record_cram_answer({"p.one", Grade::from_int(5), at(kToday + days{1}), {}, {}});
  CHECK(first.sequence == 1);
  const Card after = *collection.find_card("p.one");
  CHECK(after.state == before.state);
  CHECK(after.suspended == before.suspended);
  CHECK(collection.review_log("p.one").size() == 1);
  CHECK(collection.stats(kToday + days{1}).total_reviews == 1);
  const std::vector<CramAnswer> crams = collection.cram_answers("p.one");
  REQUIRE(crams.size() == 2);
  CHECK(crams[0].grade.value() == 1);
  CHECK(crams[0].moment.day == kToday + days{1});
  CHECK(crams[0].duration == std::chrono::milliseconds(900));
  CHECK(crams[1].grade.value() == 5);
  CHECK(check_collection(collection).ok());
  CHECK_THROWS_WITH(
      collection.record_cram_answer({"p.none", Grade::from_int(5), at(kToday), {}, {}}),
      "no card 'p.none' in " + path.string());
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(db.exec("DELETE FROM cram_answers"), "the review log is append-only");
  CHECK_THROWS_WITH(db.exec("UPDATE cram_answers SET grade = 0"), "the review log is append-only");
}

TEST_CASE("a collection migrated from schema 9 knows no deck's file until the deck is imported") {
  const TempDir dir;
  const auto path = dir / "c.db";
  DeckFile file = sample_deck();
  file.source = dir / "principles.json";
  {
    Collection collection = Collection::open(path);
    import_one(collection, file);
    answer_card(collection, "p.one", Grade::from_int(5), at(kToday), {});
    REQUIRE(collection.deck_source("principles") == dir / "principles.json");
  }
  {
    // The collection as schema 9 left it: no decks.source column.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE decks DROP COLUMN source");
    db.exec("ALTER TABLE cards DROP COLUMN changed");
    undo_orphans_schema(db);
    db.exec("DROP TABLE cram_answers");
    db.exec("DROP TABLE state_records");
    db.exec("PRAGMA user_version = 9");
  }
  Collection collection = Collection::open(path);
  CHECK(collection.deck_source("principles").empty());
  CHECK(collection.deck_counts(kToday).at(0).source.empty());
  CHECK(collection.find_card("p.one")->state.repetitions == 1);
  CHECK(check_collection(collection).ok());
  CHECK(std::filesystem::exists(dir / "backups/c-auto-schema-v9.db"));

  // An import from standard input (no file) keeps it unknown; one from a file records it, and
  // one from another file replaces it.
  import_one(collection, sample_deck());
  CHECK(collection.deck_source("principles").empty());
  import_one(collection, file);
  CHECK(collection.deck_source("principles") == dir / "principles.json");
  file.source = dir / "moved/principles.json";
  import_one(collection, file);
  import_one(collection, sample_deck());
  CHECK(collection.deck_source("principles") == dir / "moved/principles.json");
  CHECK(collection.deck_counts(kToday).at(0).source == dir / "moved/principles.json");
  CHECK(collection.deck_source("no-such-deck").empty());
}
