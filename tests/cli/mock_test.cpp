// End-to-end: `mock` through the real binary, piped input, a fixed seed.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/deck_file.hpp"
#include "support/deck_files.hpp"
#include "support/output_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::count_of;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

// Deck p: questions p.0 (ownership) .. p.5 (lp by index) of the people round, each with one
// follow-up drill; p.0 known well, p.5 lapsed three times.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Fixture() {
    const std::vector<std::string> lps{"ownership",  "frugality",     "dive-deep",
                                       "earn-trust", "have-backbone", "deliver-results"};
    rehearse::DeckFile deck{{"p", "People", ""}, {}};
    for (int i = 0; i < 6; ++i) {
      const std::string id = "p." + std::to_string(i);
      const std::vector<std::string> tags{"topic:behavioral", "round:people", "lp:" + lps[i]};
      deck.cards.push_back({id, "Tell me about " + id, "Show " + id, tags, id});
      deck.cards.push_back({id + ".follow-up-1", "Follow-up on " + id, "More", tags, id});
    }
    deck.cards.push_back(
        {"t.0", "A technical one", "Yes", {"topic:behavioral", "round:technical"}});
    const std::filesystem::path path = dir / "p.json";
    std::ofstream(path) << rehearse::format_deck_file(deck);
    REQUIRE(rehearse({"import", path.string()}).exit_code == 0);
  }

  CliResult rehearse(std::vector<std::string> args, const std::string& input = "",
                     const std::string& now = "2026-12-01") const {
    args.insert(args.begin(), {"--db", db, "--now", now});
    return run_rehearse(args, input);
  }
};

}  // namespace

TEST_CASE("mock --list counts each round's question cards, not their drills") {
  const Fixture f;
  const CliResult list = f.rehearse({"mock", "--list"});
  CHECK(list.exit_code == 0);
  CHECK(list.out ==
        "ROUND      QUESTIONS  STORIES\n"
        "people             6        0\n"
        "technical          1        0\n"
        "strategy           0        0\n"
        "culture            0        0\n");
  CHECK(f.rehearse({"mock", "--list", "--json"}).out ==
        "[{\"round\":\"people\",\"questions\":6,\"stories\":0},{\"round\":\"technical\","
        "\"questions\":1,\"stories\":0},{\"round\":\"strategy\",\"questions\":0,\"stories\":0},"
        "{\"round\":\"culture\",\"questions\":0,\"stories\":0}]\n");
}

TEST_CASE("a mock round asks its questions, saves each grade as a review and reports") {
  const Fixture f;
  const CliResult round =
      f.rehearse({"mock", "people", "--questions", "3", "--seed", "7"}, "\n4\n\n2\n\n5\n");
  INFO(round.out << round.err);
  REQUIRE(round.exit_code == 0);
  CHECK(round.out.starts_with(
      "Mock people round: 3 questions, 45 minutes (seed 7: --seed 7 asks them again).\n"));
  CHECK(count_of(round.out, "--- Question ") == 3);
  CHECK(round.out.find("--- Question 3 of 3 | p.") != std::string::npos);
  CHECK(round.out.find("Round over: 3 of 3 questions in 0:0") != std::string::npos);
  CHECK(round.out.find("Stories told: none.\n") != std::string::npos);
  CHECK(count_of(round.out, "follow-up") == 0);
  // The same seed on the same collection asks the same questions (here a fresh copy: the
  // grades above changed what this one knows).
  const Fixture fresh;
  const CliResult again =
      fresh.rehearse({"mock", "people", "--questions", "3", "--seed", "7"}, "q\n");
  const auto first_question = [](const std::string& out) {
    const auto at = out.find("--- Question 1 of 3 | ");
    return out.substr(at, out.find('\n', at) - at);
  };
  CHECK(first_question(again.out) == first_question(round.out));
  CHECK(again.out.find("Round stopped: 0 of 3 questions") != std::string::npos);
  // Three answers were saved, in the log of three distinct cards, and check agrees.
  const CliResult stats = f.rehearse({"stats", "--json"});
  CHECK(stats.out.find("\"reviews_today\":3") != std::string::npos);
  CHECK(f.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("mock --json prints the report alone on standard output, weakest principle first") {
  const Fixture f;
  const CliResult round =
      f.rehearse({"mock", "people", "--questions", "2", "--seed", "1", "--json"}, "\n1\n\n5\n");
  REQUIRE(round.exit_code == 0);
  CHECK(round.out.starts_with(
      "{\"round\":\"people\",\"planned\":2,\"minutes\":45,\"seconds\":0,\"finished\":true,"
      "\"questions\":[{\"card\":\"p."));
  CHECK(round.out.find("\"grade\":1,\"story\":null}") != std::string::npos);
  CHECK(round.out.find("],\"stories\":{}}\n") != std::string::npos);
  CHECK(count_of(round.out, "\n") == 1);
  CHECK(round.err.find("--- Question 1 of 2") != std::string::npos);
  // The principle graded 1 comes first.
  const auto first = round.out.find("\"principles\":[{\"principle\":\"");
  REQUIRE(first != std::string::npos);
  CHECK(round.out.find("\"questions\":1,\"grade_sum\":1}", first) <
        round.out.find("\"grade_sum\":5", first));
}

TEST_CASE("mock draws towards the cards the user knows least") {
  const Fixture f;
  // p.5 lapses three times (learned, then failed), the others are answered 5 once.
  for (int i = 0; i < 5; ++i)
    REQUIRE(f.rehearse({"answer", "p." + std::to_string(i), "5"}).exit_code == 0);
  for (const char* day : {"2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05",
                          "2026-12-06", "2026-12-07"}) {
    REQUIRE(f.rehearse({"answer", "p.5", day[9] % 2 ? "5" : "1"}, "", day).exit_code == 0);
  }
  int weak_first = 0;
  for (int seed = 0; seed < 10; ++seed) {
    const CliResult round =
        f.rehearse({"mock", "people", "--questions", "1", "--seed", std::to_string(seed)}, "q\n",
                   "2026-12-08");
    weak_first += round.out.find("--- Question 1 of 1 | p.5 ---") != std::string::npos ? 1 : 0;
  }
  CHECK(weak_first >= 5);
}

TEST_CASE("mock refuses an unknown round, a round without questions and a bad count") {
  const Fixture f;
  const CliResult unknown = f.rehearse({"mock", "coding"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err ==
        "rehearse: mock: 'coding' is not a round (expected people, technical, strategy or "
        "culture; mock --list shows them)\n");
  const CliResult empty = f.rehearse({"mock", "culture"});
  CHECK(empty.exit_code == 1);
  CHECK(empty.err ==
        "rehearse: mock: no question card is tagged round:culture (import the shipped decks: "
        "rehearse import --shipped)\n");
  CHECK(f.rehearse({"mock"}).err ==
        "rehearse: mock needs a ROUND (people, technical, strategy or culture), or --list\n");
  CHECK(f.rehearse({"mock", "people", "--questions", "0"}).exit_code != 0);
  CHECK(f.rehearse({"stats", "--json"}).out.find("\"reviews_today\":0") != std::string::npos);
}
