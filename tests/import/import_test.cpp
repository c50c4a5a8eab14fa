// Imports from a DeckStream: cards are written while the files are still being read.
#include "import/import.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "answer/answer.hpp"
#include "io/deck_file.hpp"
#include "io/deck_stream.hpp"
#include "support/deck_files.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::error_of;
using rehearse::test::numbered_deck;
using rehearse::test::TempDir;
using rehearse::test::write_text;

namespace {

const Day kDay = Day{std::chrono::year{2026} / 11 / 20};

std::filesystem::path write_deck(const TempDir& dir, const DeckFile& file) {
  const std::filesystem::path path = dir / (file.deck.id + ".json");
  write_deck_file(file, path);
  return path;
}

// Everything an import can change, as text, to compare two collections.
std::string contents(const Collection& collection) {
  std::string out;
  for (const DeckCounts& deck : collection.deck_counts(kDay))
    out += deck.deck.id + " " + deck.deck.name + " " + std::to_string(deck.total) + "\n";
  for (const Card& card : collection.cards({})) {
    out += card.content.id + " " + card.deck_id + " " + card.content.front + " " +
           card.content.back + " " + std::to_string(card.state.repetitions) + " " +
           std::to_string(card.state.ease.hundredths());
    for (const std::string& tag : card.content.tags)
      out += " " + tag;
    out += "\n";
  }
  return out;
}

std::string describe(const std::vector<ImportReport>& reports) {
  std::string out;
  for (const ImportReport& r : reports) {
    out += r.deck_id + (r.deck_added ? " new" : "") + " +" + std::to_string(r.added) + " ~" +
           std::to_string(r.updated) + " =" + std::to_string(r.unchanged) + " moved";
    for (const std::string& id : r.moved)
      out += " " + id;
    out += " missing";
    for (const std::string& id : r.missing)
      out += " " + id;
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE(
    "a streamed import writes and reports what an import of the read files does, as the dry run "
    "said") {
  const TempDir dir;
  // Both collections hold deck a, with a.0 answered; then deck a is edited (a.1 changed, a.2
  // dropped, a.3 added) and deck b takes a.4 over from it.
  const DeckFile before = numbered_deck("a", 5);
  DeckFile a = before;
  a.cards[1].back = "Changed";
  a.cards.erase(a.cards.begin() + 2);
  a.cards.push_back({"a.new", "New front", "New back", {"round:technical"}});
  DeckFile b = numbered_deck("b", 2);
  b.cards.push_back(a.cards[3]);  // a.4
  a.cards.erase(a.cards.begin() + 3);
  const std::vector<DeckFile> files{a, b};

  Collection streamed = Collection::open(":memory:");
  Collection read = Collection::open(":memory:");
  for (Collection* c : {&streamed, &read}) {
    import_decks(*c, std::span<const DeckFile>(&before, 1));
    answer_card(*c, "a.0", Grade::from_int(4), {{}, kDay}, {});
  }
  const std::string preview = describe(preview_imports(read, files));
  DeckStream stream({write_deck(dir, a), write_deck(dir, b)});
  const std::string streamed_reports = describe(import_decks(streamed, stream));
  const std::string read_reports = describe(import_decks(read, files));

  CHECK(streamed_reports == read_reports);
  CHECK(preview == read_reports);
  // a.4 is not missing from deck a: deck b takes it over.
  CHECK(streamed_reports ==
        "a +1 ~2 =1 moved missing a.2\n"
        "b new +2 ~1 =0 moved a.4 missing\n");
  CHECK(contents(streamed) == contents(read));
  CHECK(streamed.find_card("a.0")->state.repetitions == 1);
}

TEST_CASE("a streamed file found wrong after its first cards were written changes nothing") {
  const TempDir dir;
  Collection collection = Collection::open(":memory:");
  const DeckFile kept = numbered_deck("kept", 3);
  import_decks(collection, std::span<const DeckFile>(&kept, 1));
  const std::string before = contents(collection);

  SECTION("a card checked when it ends: an empty back, late in the file") {
    DeckFile file = numbered_deck("late", 5000);
    file.cards[4999].back = " ";
    const auto path = write_deck(dir, file);
    const std::string expected = error_of([&] { read_deck_file(path); });
    CHECK(expected.ends_with("card 5000 (\"late.4999\"): \"back\" is empty"));
    DeckStream stream({path});
    CHECK(error_of([&] { import_decks(collection, stream); }) == expected);
  }
  SECTION("an id used twice, the second time after many cards: the database refuses it first") {
    DeckFile file = numbered_deck("twice", 5000);
    file.cards[4600].id = file.cards[4500].id;
    const auto path = write_deck(dir, file);
    const std::string expected = error_of([&] { read_deck_file(path); });
    CHECK(
        expected.ends_with("card id \"twice.4500\" is used twice (cards 4501 and 4601); ids "
                           "must be unique"));
    DeckStream stream({path});
    CHECK(error_of([&] { import_decks(collection, stream); }) == expected);
  }
  SECTION("the file ends too soon") {
    std::string text = format_deck_file(numbered_deck("cut", 5000));
    text.resize(text.size() / 2);
    const auto path = write_text(dir, "cut.json", text);
    const std::string expected = error_of([&] { read_deck_file(path); });
    CHECK(expected.find("invalid JSON") != std::string::npos);
    DeckStream stream({path});
    CHECK(error_of([&] { import_decks(collection, stream); }) == expected);
  }
  CHECK(contents(collection) == before);
}

TEST_CASE("a card in two streamed files is refused as the files' problem, not the database's") {
  const TempDir dir;
  Collection collection = Collection::open(":memory:");
  // Past 4,096 cards the import stops looking ids up one by one: the shared card is then
  // inserted twice, and the database refuses the second insert before the files are compared.
  const DeckFile first = numbered_deck("first", 5000);
  DeckFile second = numbered_deck("second", 2);
  second.cards.push_back(first.cards.back());
  DeckStream stream({write_deck(dir, first), write_deck(dir, second)});
  CHECK(error_of([&] { import_decks(collection, stream); }) ==
        "card 'first.4999' is in both deck 'first' and deck 'second'; card ids must be unique");
  CHECK(collection.deck_counts(kDay).empty());
}

TEST_CASE("a streamed import reports its progress in bytes read, up to the files' size") {
  const TempDir dir;
  Collection collection = Collection::open(":memory:");
  const auto path = write_deck(dir, numbered_deck("big", 5000));
  DeckStream stream({path});
  std::vector<std::size_t> seen;
  import_decks(collection, stream, {}, [&](std::size_t done, std::size_t total) {
    CHECK(total == std::filesystem::file_size(path));
    seen.push_back(done);
  });
  REQUIRE(seen.size() >= 4);  // every 1,024 cards, then the end
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.front() > 0);
  CHECK(seen.back() == std::filesystem::file_size(path));
}

TEST_CASE("opening the collection for an import reports a wrong file before the collection") {
  const TempDir dir;
  int opened = 0;
  Collection collection = Collection::open(":memory:");
  const ImportTarget refused{dir / "missing.db", [&]() -> Collection& {
                               ++opened;
                               throw Error("cannot open the collection");
                             }};
  SECTION("a wrong file: read whole first, since opening would create the collection") {
    DeckFile file = numbered_deck("late", 50);
    file.cards[49].back = " ";
    DeckStream stream({write_deck(dir, file)});
    CHECK(error_of([&] {
            open_for_import(refused, stream);
          }).ends_with("card 50 (\"late.49\"): \"back\" is empty"));
    CHECK(opened == 0);
  }
  SECTION("two files sharing a card, and a collection that cannot be opened") {
    const DeckFile first = numbered_deck("first", 3);
    DeckFile second = numbered_deck("second", 1);
    second.cards.push_back(first.cards[0]);
    DeckStream stream({write_deck(dir, first), write_deck(dir, second)});
    CHECK(error_of([&] { open_for_import(refused, stream); }) ==
          "card 'first.0' is in both deck 'first' and deck 'second'; card ids must be unique");
    CHECK(opened == 1);
  }
  SECTION("right files: the collection's own error") {
    DeckStream stream({write_deck(dir, numbered_deck("fine", 3))});
    CHECK(error_of([&] { open_for_import(refused, stream); }) == "cannot open the collection");
    CHECK(opened == 1);
  }
  SECTION("right files and a collection that opens: the one it opened") {
    const ImportTarget target{":memory:", [&]() -> Collection& {
                                ++opened;
                                return collection;
                              }};
    DeckStream stream({write_deck(dir, numbered_deck("fine", 3))});
    CHECK(&open_for_import(target, stream) == &collection);
    CHECK(import_files(collection, stream, ImportPolicy{}).reports.at(0).added == 3);
    CHECK(opened == 1);
  }
}

TEST_CASE("a batch's progress for a card comes in with it, a reverse card taking none") {
  Collection collection = Collection::open(":memory:");
  DeckFile file = numbered_deck("p", 2);
  file.cards[0].reverse = true;
  ProgressByCard kept;
  CardProgress& progress = kept["p.0"];
  progress.suspended = true;
  ReadBatch batch(std::span<const DeckFile>(&file, 1), &kept);
  const ImportReport report = import_files(collection, batch, ImportPolicy{}).reports.at(0);
  CHECK(report.added == 3);
  CHECK(report.progress_kept == 1);
  CHECK(collection.find_card("p.0")->suspended);
  CHECK_FALSE(collection.find_card("p.0.reverse")->suspended);
  CHECK_FALSE(collection.find_card("p.1")->suspended);
}
