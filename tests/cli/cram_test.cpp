// End-to-end: cram asks cards ahead of time as review does, and leaves every card's state, the
// review log, the statistics and the daily limits exactly as they were.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/numbered_collection.hpp"
#include "support/output_text.hpp"

using rehearse::test::CliResult;
using rehearse::test::count_of;
using rehearse::test::NumberedCollection;

namespace {

// Deck a, cards a.0-a.3, answered on 12-01: a.0 5, a.1 4, a.2 1 (failed); a.3 new. On 12-02
// a.0, a.1 and a.2 are due.
struct Crammed : NumberedCollection {
  Crammed() : NumberedCollection({{"a", 4}, {"b", 1}}) {
    answer("a.0", "5");
    answer("a.1", "4");
    answer("a.2", "1");
  }
  void answer(const std::string& card, const std::string& grade) const {
    REQUIRE(rehearse("2026-12-01T09:00", {"answer", card, grade}).exit_code == 0);
  }
  CliResult on_day_two(std::vector<std::string> args, const std::string& input = "") const {
    return rehearse("2026-12-02T09:00", std::move(args), input);
  }
  // Every row of `table`, every column as SQLite gives it back as text (NULL as "NULL").
  std::vector<std::string> rows(const std::string& table) const {
    SQLite::Database database(db, SQLite::OPEN_READONLY);
    SQLite::Statement query(database, "SELECT * FROM " + table + " ORDER BY id");
    std::vector<std::string> rows;
    while (query.executeStep()) {
      std::string row;
      for (int i = 0; i < query.getColumnCount(); ++i) {
        const SQLite::Column column = query.getColumn(i);
        row += (column.isNull() ? std::string("NULL") : column.getString()) + "|";
      }
      rows.push_back(row);
    }
    return rows;
  }
};

}  // namespace

TEST_CASE("cram leaves every card's state byte for byte unchanged and logs its answers apart") {
  const Crammed c;
  const std::vector<std::string> cards = c.rows("cards");
  const std::vector<std::string> reviews = c.rows("reviews");
  const std::string stats = c.on_day_two({"stats", "--json"}).out;
  const std::string next = c.on_day_two({"next", "--json"}).out;
  // Due order, new cards last: a.0, a.1, a.2, a.3, b.0; a.2 graded 1 is asked again at the end.
  // A line u at the first prompt takes nothing back.
  const CliResult cram = c.on_day_two({"cram"}, "u\n\n5\n\n4\n\n1\n\n3\n\n2\n\n4\n\n3\n");
  INFO(cram.out << cram.err);
  CHECK(cram.exit_code == 0);
  CHECK(cram.err.empty());
  CHECK(cram.out.find("Cramming all decks: 5 cards. Answers are kept apart and leave every "
                      "schedule as it is.\n") == 0);
  CHECK(cram.out.find("Nothing to undo: cram answers leave every schedule as it was.\n") !=
        std::string::npos);
  CHECK(cram.out.find("--- a | a.0 | 5 left ---\n") != std::string::npos);
  // a.3 comes with a.2 to be asked again: b.0 and the second a.2 and b.0 count those waiting.
  CHECK(cram.out.find("--- a | a.3 | 3 left ---\n") != std::string::npos);
  CHECK(cram.out.find("--- a | a.2 | 2 left ---\n") != std::string::npos);
  CHECK(cram.out.find("--- b | b.0 | 1 left ---\n") != std::string::npos);
  CHECK(count_of(cram.out, "-> schedule unchanged; asked again in this cram\n") == 2);
  CHECK(count_of(cram.out, "-> schedule unchanged\n") == 5);
  CHECK(cram.out.find("Cram done: 7 answers on 5 cards, 71% graded 3 or better, in ") !=
        std::string::npos);
  CHECK(cram.out.find("No card's schedule changed.\n") != std::string::npos);

  CHECK(c.rows("cards") == cards);
  CHECK(c.rows("reviews") == reviews);
  CHECK(c.rows("undos").empty());
  const std::vector<std::string> crams = c.rows("cram_answers");
  REQUIRE(crams.size() == 7);
  // id, card (rowid: a.0 is 1), at_ms, day (12-02 is day 20789), grade, duration.
  CHECK(crams[0].starts_with("1|1|1796202000000|20789|5|"));
  CHECK(crams[2].starts_with("3|3|1796202000000|20789|1|"));
  CHECK(c.on_day_two({"stats", "--json"}).out == stats);
  CHECK(c.on_day_two({"next", "--json"}).out == next);
  CHECK(c.on_day_two({"check"}).exit_code == 0);
}

TEST_CASE("cram --due-within and --failed-since choose the cards, with deck, tag and search") {
  const Crammed c;
  const auto intro = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "cram");
    const CliResult result = c.on_day_two(args, "q\n");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    return result.out.substr(0, result.out.find('\n'));
  };
  CHECK(intro({"--due-within", "0d"}) ==
        "Cramming all decks, due within 0 days: 3 cards. Answers are kept apart and leave every "
        "schedule as it is.");
  CHECK(intro({"b", "--due-within", "7"}) == "Nothing to cram in deck b, due within 7 days.");
  // a.2 failed on 12-01: the last 2 days, today included, reach it; the last 1 does not.
  CHECK(intro({"--failed-since", "2d"}) ==
        "Cramming all decks, failed in the last 2 days: 1 card. Answers are kept apart and leave "
        "every schedule as it is.");
  CHECK(intro({"--failed-since", "1d"}) ==
        "Nothing to cram in all decks, failed in the last 1 days.");
  CHECK(intro({"--tag", "lp:ownership", "--search", "is:new"}) ==
        "Cramming tag lp:ownership, search 'is:new': 2 cards. Answers are kept apart and leave "
        "every schedule as it is.");
}

TEST_CASE("cram refuses a number of days it cannot read, and changes nothing") {
  const Crammed c;
  const CliResult soon = c.on_day_two({"cram", "--due-within", "soon"});
  CHECK(soon.exit_code == 1);
  CHECK(soon.out.empty());
  CHECK(soon.err ==
        "rehearse: --due-within: expected a number of days such as 7d (at least 0d), not "
        "'soon'\n");
  const CliResult zero = c.on_day_two({"cram", "--failed-since", "0d"});
  CHECK(zero.exit_code == 1);
  CHECK(zero.err ==
        "rehearse: --failed-since: expected a number of days such as 7d (at least 1d), not "
        "'0d'\n");
  CHECK(c.rows("cram_answers").empty());
}

TEST_CASE("cram --help says that schedules are left as they are") {
  const Crammed c;
  const CliResult help = c.on_day_two({"cram", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("without touching their schedules") != std::string::npos);
  CHECK(help.out.find("--failed-since") != std::string::npos);
}
