// Importing cards that ask both ways: the reverse is a card of the collection's own.
#include <catch2/catch.hpp>
#include <string>

#include "answer/answer.hpp"
#include "import/import.hpp"
#include "io/deck_file.hpp"
#include "io/deck_stream.hpp"
#include "model/reverse_card.hpp"
#include "session/queue.hpp"
#include "support/deck_files.hpp"
#include "support/moments.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::at;
using rehearse::test::error_of;
using rehearse::test::TempDir;

namespace {

const Day kDay = Day{std::chrono::year{2026} / 11 / 20};

const char* const kDeck = R"({"format": "rehearse-deck/1", "deck": {"id": "geo", "name": "Geo"},
  "cards": [
    {"id": "geo.france", "front": "Capital of France?", "back": "Paris", "tags": ["t"],
     "reverse": true},
    {"id": "geo.peru", "front": "Capital of Peru?", "back": "Lima", "group": "andes",
     "reverse": true},
    {"id": "geo.chile", "front": "Capital of Chile?", "back": "Santiago"}
  ]})";

DeckFile deck() {
  return parse_deck_file(kDeck, "geo.json");
}

ImportReport import_one(Collection& collection, const DeckFile& file) {
  return import_decks(collection, std::span<const DeckFile>(&file, 1)).front();
}

std::string next_id(const Collection& collection, Day day, const QueueConfig& config = {}) {
  const std::optional<Card> card = next_card(collection, {}, day, config);
  return card ? card->content.id : "(none)";
}

}  // namespace

TEST_CASE("an import adds a card asking both ways and its reverse, siblings of one group") {
  Collection collection = Collection::open(":memory:");
  const ImportReport report = import_one(collection, deck());
  CHECK(report.added == 5);
  const std::optional<Card> reverse = collection.find_card("geo.france.reverse");
  REQUIRE(reverse);
  CHECK(reverse->content ==
        CardContent{"geo.france.reverse", "Paris", "Capital of France?", {"t"}, "geo.france"});
  CHECK(reverse->deck_id == "geo");
  CHECK(collection.find_card("geo.france")->content.group == "geo.france");
  // A card with a group of its own shares it with its reverse.
  CHECK(collection.find_card("geo.peru.reverse")->content.group == "andes");
  CHECK(collection.find_card("geo.peru")->content.group == "andes");
  // Importing the same file again changes nothing.
  const ImportReport again = import_one(collection, deck());
  CHECK(again.added == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 5);
}

TEST_CASE("a reverse has its own schedule and waits for the next day once its card is answered") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, deck());
  CHECK(next_id(collection, kDay) == "geo.france");
  answer_card(collection, "geo.france", Grade::from_int(5), at(kDay), {});
  CHECK(collection.find_card("geo.france.reverse")->state.is_new());
  // Its sibling answered today, the reverse is buried: the next card is another.
  CHECK(next_id(collection, kDay) == "geo.peru");
  answer_card(collection, "geo.peru", Grade::from_int(4), at(kDay), {});
  CHECK(next_id(collection, kDay) == "geo.chile");
  answer_card(collection, "geo.chile", Grade::from_int(4), at(kDay), {});
  CHECK(next_id(collection, kDay) == "(none)");
  // The next day the reverses are asked, new, beside their cards, due.
  const Day tomorrow = kDay + std::chrono::days(1);
  QueueConfig new_first;
  new_first.mix = NewMix::new_first;
  CHECK(next_id(collection, tomorrow, new_first) == "geo.france.reverse");
  answer_card(collection, "geo.france.reverse", Grade::from_int(3), at(tomorrow), {});
  CHECK(collection.find_card("geo.france.reverse")->state.due == tomorrow + std::chrono::days(1));
  CHECK(collection.find_card("geo.france")->state.due == tomorrow);
}

TEST_CASE("export folds a reverse back into its card, and the file imports to the same cards") {
  Collection collection = Collection::open(":memory:");
  const DeckFile file = deck();
  import_one(collection, file);
  const DeckFile exported = folded_deck_file(collection.export_deck("geo"));
  CHECK(exported.cards == file.cards);
  CHECK(format_deck_file(exported) == format_deck_file(file));
  const ImportReport again = import_one(collection, exported);
  CHECK(again.unchanged == 5);
  CHECK(again.added + again.updated == 0);
}

TEST_CASE("a streamed import and a dry run see the reverses as an import of the read file does") {
  const TempDir dir;
  const std::filesystem::path path = rehearse::test::write_text(dir, "geo.json", kDeck);
  Collection streamed = Collection::open(":memory:");
  DeckStream stream({path});
  CHECK(import_decks(streamed, stream).front().added == 5);
  CHECK(streamed.find_card("geo.peru.reverse"));
  const DeckFile file = deck();
  Collection empty = Collection::open(":memory:");
  CHECK(preview_imports(empty, std::span<const DeckFile>(&file, 1)).front().added == 5);
}

TEST_CASE("a reverse whose id another file's card has is refused, importing nothing") {
  Collection collection = Collection::open(":memory:");
  const std::vector<DeckFile> files{
      deck(), {{"other", "Other", ""}, {{"geo.france.reverse", "F", "B", {}}}}};
  CHECK(error_of([&] { import_decks(collection, files); }) ==
        "card 'geo.france.reverse' is in both deck 'geo' and deck 'other'; card ids must be "
        "unique");
  CHECK(collection.cards({}).empty());
}

TEST_CASE("a card that stops asking both ways leaves its reverse an orphan, with its history") {
  Collection collection = Collection::open(":memory:");
  import_one(collection, deck());
  answer_card(collection, "geo.france.reverse", Grade::from_int(4), at(kDay), {});
  DeckFile edited = deck();
  edited.cards[0].reverse = false;
  const ImportReport report = import_one(collection, edited);
  CHECK(report.missing == std::vector<std::string>{"geo.france.reverse"});
  CHECK(collection.find_card("geo.france.reverse")->state.repetitions == 1);
  CHECK(collection.find_card("geo.france")->content.group.empty());
  const std::vector<Orphan> orphans = collection.orphans("geo");
  REQUIRE(orphans.size() == 1);
  CHECK(orphans[0].card_id == "geo.france.reverse");
  CHECK(orphans[0].answers == 1);
  // Exported, the orphan is left out, and geo.france no longer asks both ways.
  const DeckFile exported = folded_deck_file(collection.export_deck("geo"));
  CHECK_FALSE(exported.cards[0].reverse);
  REQUIRE(exported.cards.size() == 3);
  CHECK(exported.cards[1].reverse);  // geo.peru still asks both ways
}
