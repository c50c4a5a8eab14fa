#include "io/deck_stream.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "io/deck_file.hpp"
#include "support/deck_files.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::error_of;
using rehearse::test::numbered_deck;
using rehearse::test::TempDir;
using rehearse::test::write_text;

TEST_CASE(
    "a deck stream hands over each file's deck and cards in order, as read_deck_file reads them") {
  const TempDir dir;
  const DeckFile one = numbered_deck("one", 300);
  const DeckFile two = numbered_deck("two", 5);
  const auto path_one = write_text(dir, "one.json", format_deck_file(one));
  const auto path_two = write_text(dir, "two.json", format_deck_file(two));

  DeckStream stream({path_one, path_two});
  REQUIRE(stream.files() == 2);
  CHECK(stream.size() ==
        std::filesystem::file_size(path_one) + std::filesystem::file_size(path_two));
  std::size_t last_reached = 0;
  for (std::size_t f = 0; f < 2; ++f) {
    const DeckFile& expected = f == 0 ? one : two;
    CHECK(stream.deck(f) == expected.deck);
    std::size_t i = 0;
    for (; const CardContent* card = stream.card(f, i); ++i) {
      REQUIRE(i < expected.cards.size());
      CHECK(*card == expected.cards[i]);
      const std::size_t reached = stream.reached(f, i);
      CHECK(reached > last_reached);
      CHECK(reached <= stream.size());
      last_reached = reached;
    }
    CHECK(i == expected.cards.size());
  }
  stream.settle();
  // Handed-out cards stay where they are: the first is still the first.
  CHECK(*stream.card(0, 0) == one.cards[0]);
}

TEST_CASE(
    "a deck stream gives a wrong file's error once it is read, after handing over its first "
    "cards") {
  const TempDir dir;
  std::string text = format_deck_file(numbered_deck("d", 50));
  text.resize(text.size() - 8);  // cut inside the last card
  const auto path = write_text(dir, "cut.json", text);
  const std::string expected = error_of([&] { read_deck_file(path); });
  REQUIRE(expected.starts_with(path.string() + ":"));

  DeckStream stream({path});
  CHECK(stream.deck(0).id == "d");
  REQUIRE(stream.card(0, 0) != nullptr);  // read before the cut
  CHECK(error_of([&] { stream.settle(); }) == expected);
  CHECK(error_of([&] {
          for (std::size_t i = 0; stream.card(0, i); ++i) {
          }
        }) == expected);
}

TEST_CASE("a deck stream reports the first wrong file and reads none after it") {
  const TempDir dir;
  const auto good = write_text(dir, "good.json", format_deck_file(numbered_deck("good", 3)));
  const auto bad = write_text(dir, "bad.json", "{\"format\": \"rehearse-deck/1\"");
  const auto missing = dir / "missing.json";
  const std::string expected = error_of([&] { read_deck_file(bad); });

  DeckStream stream({good, bad, missing});
  CHECK(stream.deck(0).id == "good");
  CHECK(error_of([&] { stream.settle(); }) == expected);
  CHECK(error_of([&] { stream.deck(2); }) == expected);
}

TEST_CASE("a deck stream may be destroyed halfway through a file, and a new one reads it all") {
  const TempDir dir;
  const auto path = write_text(dir, "big.json", format_deck_file(numbered_deck("big", 20'000)));
  {
    DeckStream stream({path});
    CHECK(stream.card(0, 0)->id == "big.0");
  }  // the destructor stops the reader at its next card and joins it
  DeckStream again({path});
  std::size_t count = 0;
  while (again.card(0, count))
    ++count;
  CHECK(count == 20'000);
}
