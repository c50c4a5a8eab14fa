// End-to-end: the daily-session rules (settings, the day's start, suspending) through the real
// binary on a temporary collection, with --now.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

// A deck file `id` with `count` cards `<id>.1` ... in order, each optionally in a group.
std::string deck_text(const std::string& id, int count, const std::string& group = "") {
  std::string cards;
  for (int i = 1; i <= count; ++i) {
    cards +=
        fmt::format(R"({}{{"id": "{}.{}", "front": "F{}", "back": "B{}"{}}})", i == 1 ? "" : ",\n",
                    id, i, i, i, group.empty() ? "" : fmt::format(R"(, "group": "{}")", group));
  }
  return fmt::format(
      R"({{"format": "rehearse-deck/1", "deck": {{"id": "{}", "name": "Deck {}"}}, "cards": [
{}
]}}
)",
      id, id, cards);
}

struct Collection {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  // Imports one deck file per (id, count).
  void import(const std::vector<std::pair<std::string, int>>& decks) const {
    std::vector<std::string> args{"import"};
    for (const auto& [id, count] : decks) {
      const auto path = dir / (id + ".json");
      std::ofstream(path) << deck_text(id, count);
      args.push_back(path.string());
    }
    REQUIRE(rehearse(args).exit_code == 0);
  }

  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db});
    return run_rehearse(args, input);
  }
};

}  // namespace

TEST_CASE("config lists every setting with its value, default and whether it was set") {
  const Collection c;
  c.import({{"a", 1}});
  CHECK(c.rehearse({"config", "new-per-day", "15"}).out == "new-per-day = 15\n");
  CHECK(c.rehearse({"config", "deck.a.reviews-per-day", "50"}).out ==
        "deck.a.reviews-per-day = 50\n");
  const CliResult list = c.rehearse({"config"});
  CHECK(list.exit_code == 0);
  CHECK(list.out ==
        "new-per-day             15           (set; default 20)      new cards a day, all decks "
        "together\n"
        "reviews-per-day         200          (default)              due reviews a day, all decks "
        "together (re-asks not counted)\n"
        "new-order               interleaved  (default)              new cards of several decks: "
        "interleaved or deck-by-deck\n"
        "day-starts-at           4            (default)              the hour (0-23, local time) "
        "at which a new day begins\n"
        "leech-threshold         8            (default)              lapses that make a card a "
        "leech: tagged leech and suspended\n"
        "deck.a.reviews-per-day  50           (set; default none)    due reviews a day from this "
        "deck, inside reviews-per-day\n");
  CHECK(c.rehearse({"config", "new-per-day"}).out == "15\n");
  CHECK(c.rehearse({"config", "deck.a.new-per-day"}).out == "none\n");
  CHECK(c.rehearse({"config", "--unset", "new-per-day"}).out ==
        "new-per-day: back to its default\n");
  CHECK(c.rehearse({"config", "new-per-day"}).out == "20\n");
}

TEST_CASE("a bad setting is refused with one line and changes nothing") {
  const Collection c;
  c.import({{"a", 1}});
  const CliResult unknown_deck = c.rehearse({"config", "deck.b.new-per-day", "5"});
  CHECK(unknown_deck.exit_code == 1);
  CHECK(unknown_deck.err ==
        "rehearse: no deck 'b' in " + c.db + " ('rehearse decks' lists them)\n");
  CHECK(c.rehearse({"config", "new-per-day", "-3"}).err ==
        "rehearse: new-per-day must be a whole number of cards from 0 to 100000, not '-3'\n");
  CHECK(c.rehearse({"config", "new-orders", "interleaved"})
            .err.starts_with("rehearse: no setting 'new-orders' (settings: new-per-day, "));
  CHECK(c.rehearse({"config", "new-per-day"}).out == "20\n");
}

TEST_CASE("an answer at 02:00 counts for the day before, when days start at 4:00") {
  const Collection c;
  c.import({{"a", 2}});
  const CliResult answer = c.rehearse({"--now", "2026-11-26T02:00", "answer", "a.1", "5"});
  CHECK(answer.out == "a.1: grade 5 recorded; next: tomorrow (2026-11-26)\n");
  CHECK(c.rehearse({"--now", "2026-11-26T02:00", "show", "a.1", "--log"})
            .out.find("  2026-11-25  grade 5") != std::string::npos);
  // At 03:59 it is still the 25th: a.1 is not due; at 04:00 the 26th has begun and it is.
  CHECK(c.rehearse({"--now", "2026-11-26T03:59", "next", "--json"})
            .out.starts_with(R"({"id":"a.2")"));
  CHECK(c.rehearse({"--now", "2026-11-26T04:00", "next", "--json"})
            .out.starts_with(R"({"id":"a.1")"));
  // With days starting at midnight, 02:00 is the 26th already.
  REQUIRE(c.rehearse({"config", "day-starts-at", "0"}).exit_code == 0);
  CHECK(c.rehearse({"--now", "2026-11-26T02:00", "next", "--json"})
            .out.starts_with(R"({"id":"a.1")"));
}

TEST_CASE("a suspended card is kept out of reviews until unsuspended, its progress kept") {
  const Collection c;
  c.import({{"a", 2}});
  CHECK(c.rehearse({"suspend", "a.1"}).out ==
        "a.1: suspended (kept out of reviews until 'rehearse unsuspend')\n");
  CHECK(c.rehearse({"suspend", "a.1"}).out == "a.1: already suspended\n");
  CHECK(c.rehearse({"--now", "2026-11-25", "next", "--json"}).out.starts_with(R"({"id":"a.2")"));
  CHECK(c.rehearse({"cards", "--suspended"}).out.starts_with("a.1 "));
  CHECK(c.rehearse({"cards", "--suspended", "--json"}).out.find("a.2") == std::string::npos);
  CHECK(c.rehearse({"show", "a.1", "--json"}).out.find(R"("suspended":true)") != std::string::npos);
  const CliResult unknown = c.rehearse({"unsuspend", "a.1", "a.9"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == "rehearse: no card 'a.9' in " + c.db + "\n");
  CHECK(c.rehearse({"cards", "--suspended"}).out.starts_with("a.1 "));  // unchanged
  CHECK(c.rehearse({"unsuspend", "a.1", "a.1"}).out == "a.1: back in reviews\n");
  CHECK(c.rehearse({"--now", "2026-11-25", "next", "--json"}).out.starts_with(R"({"id":"a.1")"));
}
