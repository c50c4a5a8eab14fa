// End-to-end: the daily-session rules (settings, the day's start, suspending) through the real
// binary on a temporary collection, with --now.
#include <SQLiteCpp/Database.h>
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
        "interview-date          none         (default)              the interview day, "
        "YYYY-MM-DD (rehearse plan)\n"
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

namespace {

// The ids `next --json` offers at `now`, answering each with 5, until it says done (at most
// `most` cards).
std::vector<std::string> day_of_answers(const Collection& c, const std::string& now,
                                        int most = 50) {
  std::vector<std::string> ids;
  for (int i = 0; i < most; ++i) {
    const std::string out = c.rehearse({"--now", now, "next", "--json"}).out;
    if (!out.starts_with(R"({"id":")")) break;
    const std::string id = out.substr(7, out.find('"', 7) - 7);
    REQUIRE(c.rehearse({"--now", now, "answer", id, "5"}).exit_code == 0);
    ids.push_back(id);
  }
  return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("new cards stop at the collection's daily limit, interleaved by deck") {
  const Collection c;
  c.import({{"a", 5}, {"b", 5}});
  REQUIRE(c.rehearse({"config", "new-per-day", "3"}).exit_code == 0);
  CHECK(day_of_answers(c, "2026-11-25T09:00") == Ids{"a.1", "b.1", "a.2"});
  CHECK(c.rehearse({"--now", "2026-11-25T09:00", "next", "--json"}).out ==
        R"({"done":true,"next_due":"2026-11-26"})"
        "\n");
  // Days start at 4:00: at 03:00 on the 26th the limit of the 25th still holds.
  CHECK(c.rehearse({"--now", "2026-11-26T03:00", "next", "--json"})
            .out.starts_with(R"({"done":true)"));
  // The next day: the three due reviews and three more new cards, spread among them; the
  // turns start again (a.3, b.2, a.4: the decks' counts are the day's).
  const Ids next_day = day_of_answers(c, "2026-11-26T09:00");
  CHECK(next_day.size() == 6);
  Ids fresh;
  std::copy_if(next_day.begin(), next_day.end(), std::back_inserter(fresh),
               [](const std::string& id) { return id != "a.1" && id != "b.1" && id != "a.2"; });
  CHECK(fresh == Ids{"a.3", "b.2", "a.4"});
}

TEST_CASE("a deck's own new limit caps it inside the collection's, and deck-by-deck order") {
  const Collection c;
  c.import({{"a", 5}, {"b", 5}});
  REQUIRE(c.rehearse({"config", "new-per-day", "4"}).exit_code == 0);
  REQUIRE(c.rehearse({"config", "deck.a.new-per-day", "1"}).exit_code == 0);
  CHECK(day_of_answers(c, "2026-11-25") == Ids{"a.1", "b.1", "b.2", "b.3"});
  REQUIRE(c.rehearse({"config", "--unset", "deck.a.new-per-day"}).exit_code == 0);
  REQUIRE(c.rehearse({"config", "new-order", "deck-by-deck"}).exit_code == 0);
  REQUIRE(c.rehearse({"config", "new-per-day", "3"}).exit_code == 0);
  // A new day: the four reviews are due (spread puts the new cards among them, a review first).
  const Ids ids = day_of_answers(c, "2026-11-26");
  CHECK(ids.size() == 7);
  Ids fresh;
  std::copy_if(ids.begin(), ids.end(), std::back_inserter(fresh), [](const std::string& id) {
    return id == "a.2" || id == "a.3" || id == "a.4" || id == "b.4";
  });
  CHECK(fresh == Ids{"a.2", "a.3", "a.4"});
}

TEST_CASE("due reviews stop at the collection's daily limit and at a deck's own") {
  const Collection c;
  c.import({{"a", 3}, {"b", 3}});
  for (const char* id : {"a.1", "a.2", "a.3", "b.1", "b.2", "b.3"})
    REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", id, "4"}).exit_code == 0);
  REQUIRE(c.rehearse({"config", "reviews-per-day", "3"}).exit_code == 0);
  REQUIRE(c.rehearse({"config", "deck.a.reviews-per-day", "1"}).exit_code == 0);
  // All six are due on the 26th, equally overdue: deck order, a held to one.
  CHECK(day_of_answers(c, "2026-11-26T09:00") == Ids{"a.1", "b.1", "b.2"});
  CHECK(c.rehearse({"--now", "2026-11-26T09:00", "next", "--json"})
            .out.starts_with(R"({"done":true)"));
  CHECK(c.rehearse({"--now", "2026-11-26T09:00", "next", "b", "--json"})
            .out.starts_with(R"({"done":true)"));
  // The next day the limits are new again: what waited comes first, most overdue.
  CHECK(day_of_answers(c, "2026-11-27T09:00", 2) == Ids{"a.2", "b.3"});
}

TEST_CASE("an answer to a card the caller names is recorded and counts toward the limit") {
  const Collection c;
  c.import({{"a", 5}});
  REQUIRE(c.rehearse({"config", "new-per-day", "2"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", "a.5", "4"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", "a.4", "4"}).exit_code == 0);
  const CliResult past_limit = c.rehearse({"--now", "2026-11-25", "answer", "a.3", "4"});
  CHECK(past_limit.exit_code == 0);  // named: always recorded
  CHECK(c.rehearse({"--now", "2026-11-25", "next", "--json"}).out.starts_with(R"({"done":true)"));
}

TEST_CASE("once a card is answered, its siblings wait until the next day") {
  const Collection c;
  const auto path = c.dir / "s.json";
  std::ofstream(path) << R"({"format": "rehearse-deck/1", "deck": {"id": "s", "name": "S"},
"cards": [
{"id": "s.1", "front": "F", "back": "B", "group": "pair"},
{"id": "s.2", "front": "F", "back": "B", "group": "pair"},
{"id": "s.3", "front": "F", "back": "B"}
]}
)";
  REQUIRE(c.rehearse({"import", path.string()}).exit_code == 0);
  CHECK(day_of_answers(c, "2026-11-25") == Ids{"s.1", "s.3"});
  CHECK(c.rehearse({"--now", "2026-11-25", "review"}, "").out.find("Nothing left for today") !=
        std::string::npos);
  // The next day s.1 is due and comes first (deck order among equals): s.2 waits again. The
  // day after, s.2 comes.
  CHECK(day_of_answers(c, "2026-11-26") == Ids{"s.1", "s.3"});
  CHECK(day_of_answers(c, "2026-11-27") == Ids{"s.2"});
}

TEST_CASE("after a break the most overdue relative to the interval come first, and review --max") {
  const Collection c;
  c.import({{"a", 3}});
  // a.1: answered on the 1st and 2nd (interval 6, due the 8th). a.2: first answered on the 10th
  // (interval 1, due the 11th). a.3 never. On the 20th: a.1 is 12 days late on 6 (2.0), a.2 9
  // days late on 1 (9.0): a.2 first although a.1 has been due longer.
  REQUIRE(c.rehearse({"--now", "2026-11-01", "answer", "a.1", "5"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-02", "answer", "a.1", "5"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-10", "answer", "a.2", "5"}).exit_code == 0);
  CHECK(c.rehearse({"--now", "2026-11-20", "next", "--json", "--reviews-first"})
            .out.starts_with(R"({"id":"a.2")"));
  CHECK(c.rehearse({"--now", "2026-11-20", "next", "--json", "--new-first"})
            .out.starts_with(R"({"id":"a.3")"));
  const CliResult review =
      c.rehearse({"--now", "2026-11-20", "review", "--max", "1", "--reviews-first"}, "\n5\n\n5\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("a.2") != std::string::npos);
  CHECK(review.out.find("Session done: 1 answer on 1 card") != std::string::npos);
  CHECK(c.rehearse({"--now", "2026-11-20", "next", "--json", "--reviews-first"})
            .out.starts_with(R"({"id":"a.1")"));
}

TEST_CASE("undo takes back the last answer, then the one before, and check still passes") {
  const Collection c;
  c.import({{"a", 2}});
  REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", "a.1", "4"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-26", "answer", "a.1", "2"}).exit_code == 0);  // a slip
  const std::string before_slip = R"("state":{"repetitions":1,"ease":2.5,"interval_days":1,)"
                                  R"("due":"2026-11-26"})";
  const CliResult first = c.rehearse({"--now", "2026-11-26T10:00", "undo"});
  CHECK(first.exit_code == 0);
  CHECK(first.out.starts_with("Took back a.1: grade 2 on 2026-11-26. The card is back to: "));
  CHECK(c.rehearse({"show", "a.1", "--json"}).out.find(before_slip) != std::string::npos);
  CHECK(c.rehearse({"check"}).exit_code == 0);
  // The slip's row stays in the log, marked; the day's review count no longer holds it.
  const std::string log = c.rehearse({"show", "a.1", "--log", "--json"}).out;
  CHECK(log.find(R"("grade":2,)") != std::string::npos);
  CHECK(log.find(R"("undone":{"at_ms":)") != std::string::npos);
  CHECK(log.find(R"(,"day":"2026-11-26","after_sequence":2}})") != std::string::npos);
  CHECK(c.rehearse({"--now", "2026-11-26", "next", "--json"}).out.starts_with(R"({"id":"a.1")"));

  const CliResult second = c.rehearse({"--now", "2026-11-26T10:01", "undo", "--json"});
  CHECK(second.out.starts_with(
      R"({"undone":{"card":"a.1","sequence":1,"grade":4,"day":"2026-11-25"},"card":{"id":"a.1")"));
  CHECK(second.out.find(R"("due":null)") != std::string::npos);  // new again
  CHECK(c.rehearse({"check"}).exit_code == 0);
  const std::string text_log = c.rehearse({"show", "a.1", "--log"}).out;
  CHECK(text_log.ends_with(
      "reviews:\n"
      "  2026-11-25  grade 4  new -> n=1, ease 2.5, interval 1 day, due 2026-11-26  (undone on "
      "2026-11-26)\n"
      "  2026-11-26  grade 2  n=1, ease 2.5, interval 1 day, due 2026-11-26 -> n=0, ease 2.18, "
      "interval 1 day, due 2026-11-27  (undone on 2026-11-26)\n"));
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"undo"}, std::vector<std::string>{"undo", "--json"}}) {
    const CliResult nothing = c.rehearse(args);
    CHECK(nothing.exit_code == 1);
    CHECK(nothing.out.empty());
    CHECK(nothing.err == "rehearse: nothing to undo: no answer is left to take back\n");
  }
  CHECK(c.rehearse({"check"}).exit_code == 0);

  // Answering again after undos: the log and the state agree.
  REQUIRE(c.rehearse({"--now", "2026-11-27", "answer", "a.1", "5"}).exit_code == 0);
  CHECK(c.rehearse({"check"}).exit_code == 0);
  CHECK(c.rehearse({"show", "a.1", "--json"}).out.find(R"("repetitions":1,"ease":2.6)") !=
        std::string::npos);
}

TEST_CASE("the log refuses to lose an undo record") {
  const Collection c;
  c.import({{"a", 1}});
  REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", "a.1", "4"}).exit_code == 0);
  REQUIRE(c.rehearse({"undo"}).exit_code == 0);
  SQLite::Database db(c.db, SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(db.exec("DELETE FROM undos"), "the review log is append-only");
  CHECK_THROWS_WITH(db.exec("DELETE FROM reviews"), "the review log is append-only");
}

TEST_CASE("an answer taken back gives its place in the day's new limit back") {
  const Collection c;
  c.import({{"a", 2}});
  REQUIRE(c.rehearse({"config", "new-per-day", "1"}).exit_code == 0);
  REQUIRE(c.rehearse({"--now", "2026-11-25", "answer", "a.1", "5"}).exit_code == 0);
  CHECK(c.rehearse({"--now", "2026-11-25", "next", "--json"}).out ==
        "{\"done\":true,\"next_due\":\"2026-11-26\"}\n");
  REQUIRE(c.rehearse({"--now", "2026-11-25T12:00", "undo"}).exit_code == 0);
  CHECK(c.rehearse({"--now", "2026-11-25", "next", "--json"}).out.starts_with(R"({"id":"a.1")"));
  CHECK(c.rehearse({"--now", "2026-11-25", "stats", "--json"}).out.find(R"("reviews_today":0,)") !=
        std::string::npos);
}

TEST_CASE("a card forgotten leech-threshold times is suspended as a leech, and the user told why") {
  const Collection c;
  c.import({{"a", 2}});
  REQUIRE(c.rehearse({"config", "leech-threshold", "2"}).exit_code == 0);
  // Learned (4), forgotten (1: lapse 1), relearned (4), forgotten again (1: lapse 2).
  const std::vector<std::pair<std::string, std::string>> answers{
      {"2026-11-20", "4"}, {"2026-11-21", "1"}, {"2026-11-22", "4"}};
  for (const auto& [day, grade] : answers) {
    REQUIRE(c.rehearse({"--now", day, "answer", "a.1", grade}).exit_code == 0);
  }
  CHECK(c.rehearse({"show", "a.1", "--json"})
            .out.find(R"("suspended":false,"leech":false,)"
                      R"("lapses":1,"changed":false,)") != std::string::npos);
  const CliResult leech = c.rehearse({"--now", "2026-11-23", "answer", "a.1", "1"});
  CHECK(leech.out ==
        "a.1: grade 1 recorded; next: again later today\n"
        "a.1 is a leech: forgotten 2 times after being learned, so it is suspended. Rewrite it (a "
        "clearer prompt, one fact) or split it in two, import the deck again, then 'rehearse "
        "unsuspend a.1'.\n");
  CHECK(c.rehearse({"show", "a.1", "--json"})
            .out.find(R"("suspended":true,"leech":true,)"
                      R"("lapses":2,"changed":false,)") != std::string::npos);
  CHECK(c.rehearse({"show", "a.1"})
            .out.find("state: n=0, ease 1.42, interval 1 day, due "
                      "2026-11-24, suspended, lapsed 2 times: a leech\n") != std::string::npos);
  CHECK(c.rehearse({"cards", "--leech"}).out.starts_with("a.1 "));
  CHECK(c.rehearse({"cards", "--leech", "--json"}).out.find(R"("id":"a.2")") == std::string::npos);
  // Kept out of the queue, even its same-day re-ask.
  CHECK(c.rehearse({"--now", "2026-11-23T12:00", "next", "--json"})
            .out.starts_with(R"({"id":"a.2")"));
  CHECK(c.rehearse({"check"}).exit_code == 0);

  // Taking the answer back takes the suspension back with it.
  const CliResult undo = c.rehearse({"--now", "2026-11-23T12:00", "undo"});
  CHECK(undo.out.ends_with("That answer had suspended it as a leech; it is back in reviews.\n"));
  CHECK(c.rehearse({"show", "a.1", "--json"})
            .out.find(R"("suspended":false,"leech":false,)"
                      R"("lapses":1,"changed":false,)") != std::string::npos);
  CHECK(c.rehearse({"cards", "--leech"}).out.empty());
  CHECK(c.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("a threshold of 8 by default: seven lapses leave a card in reviews") {
  const Collection c;
  c.import({{"a", 1}});
  // Each pair of days: learned with a 4, forgotten with a 0 the next day; seven times.
  for (int day = 1; day <= 14; ++day) {
    const std::string now = fmt::format("2026-11-{:02}", day);
    REQUIRE(c.rehearse({"--now", now, "answer", "a.1", day % 2 == 1 ? "4" : "0"}).exit_code == 0);
  }
  CHECK(c.rehearse({"show", "a.1", "--json"})
            .out.find(R"("suspended":false,"leech":false,)"
                      R"("lapses":7,"changed":false,)") != std::string::npos);
  REQUIRE(c.rehearse({"--now", "2026-11-15", "answer", "a.1", "4"}).exit_code == 0);
  const CliResult eighth = c.rehearse({"--now", "2026-11-16", "answer", "a.1", "0", "--json"});
  CHECK(eighth.out.find(R"("suspended":true,"leech":true,"lapses":8,"changed":false,)") !=
        std::string::npos);
  CHECK(eighth.out.ends_with(
      R"("answer":{"grade":0,"counted":"scheduled","suspended_as_leech":true}})"
      "\n"));
  CHECK(c.rehearse({"check"}).exit_code == 0);
}
