// The heatmap's grid (cli/heatmap.hpp) by hand, and the heatmap command end to end.
#include "heatmap.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/numbered_collection.hpp"
#include "support/output_text.hpp"

using rehearse::test::NumberedCollection;

namespace rehearse::cli {
namespace {

using Lines = std::vector<std::string>;
using std::chrono::December;
using std::chrono::November;

constexpr Day kWednesday{std::chrono::year{2026} / December / 2};

TEST_CASE("the heatmap's weeks start on a Monday and the last one holds today") {
  CHECK(heatmap_first_day(kWednesday, 1) == Day{std::chrono::year{2026} / November / 30});
  CHECK(heatmap_first_day(kWednesday, 2) == Day{std::chrono::year{2026} / November / 23});
  CHECK(heatmap_first_day(kWednesday, 53) == Day{std::chrono::year{2025} / December / 1});
  const Day monday{std::chrono::year{2026} / November / 30};
  CHECK(heatmap_first_day(monday, 1) == monday);
  const Day sunday{std::chrono::year{2026} / November / 29};
  CHECK(heatmap_first_day(sunday, 1) == Day{std::chrono::year{2026} / November / 23});
}

TEST_CASE("the heatmap shows each day at a quarter of the busiest day's count, blank after today") {
  // 11-23 (Mon) to 12-02 (Wed); the busiest day has 8: 1-2 is a quarter, 3-4 a half, 8 all.
  const std::vector<int> answers{0, 1, 2, 3, 4, 0, 8, 0, 8, 2};
  CHECK(heatmap_grid(answers, kWednesday, 2, false) ==
        Lines{"     Dec", "Mon ..", "Tue -#", "Wed --", "Thu +", "Fri +", "Sat .", "Sun #"});
  CHECK(heatmap_grid(answers, kWednesday, 2, true) ==
        Lines{"     Dec", "Mon \u00b7\u00b7", "Tue \u2591\u2588", "Wed \u2591\u2591", "Thu \u2592",
              "Fri \u2592", "Sat \u00b7", "Sun \u2588"});
  CHECK(heatmap_legend(false) == "less . - + * # more");
  CHECK(heatmap_legend(true) == "less \u00b7 \u2591 \u2592 \u2593 \u2588 more");
}

TEST_CASE("the heatmap with no answers shows every past day at the lowest level") {
  const std::vector<int> none(10, 0);
  CHECK(heatmap_grid(none, kWednesday, 2, false) ==
        Lines{"     Dec", "Mon ..", "Tue ..", "Wed ..", "Thu .", "Fri .", "Sat .", "Sun ."});
}

TEST_CASE("the heatmap's month names sit over the week of the first and never overlap") {
  const Lines grid = heatmap_grid(std::vector<int>(367, 0), kWednesday, 53, false);
  CHECK(grid[0] == "    Dec Jan Feb Mar  Apr May  Jun Jul Aug  Sep Oct Nov  Dec");
  for (const std::string& line : grid)
    CHECK(line.size() <= 4 + 53 + 2);
}

TEST_CASE("heatmap counts each day's answers, leaves undone ones out, and fits 80 columns") {
  const NumberedCollection c({{"a", 5}, {"b", 5}}, "2026-11-30");
  REQUIRE(
      c.rehearse("2026-11-30T09:00", {"answer", "--batch"}, "a.0 4\na.1 4\nb.0 5\n").exit_code ==
      0);
  REQUIRE(c.rehearse("2026-12-02T08:00", {"answer", "a.2", "4"}).exit_code == 0);
  REQUIRE(c.rehearse("2026-12-02T08:30", {"answer", "a.3", "1"}).exit_code == 0);
  REQUIRE(c.rehearse("2026-12-02T08:40", {"undo"}).exit_code == 0);

  const auto shown = c.rehearse("2026-12-02T09:00", {"heatmap", "--weeks", "2"});
  REQUIRE(shown.exit_code == 0);
  CHECK(shown.out ==
        "Answers in the last 2 weeks (all decks): 4 on 2 days, at most 3 (2026-11-30).\n"
        "     Dec\n"
        "Mon .#\n"
        "Tue ..\n"
        "Wed .+\n"
        "Thu .\n"
        "Fri .\n"
        "Sat .\n"
        "Sun .\n"
        "    less . - + * # more\n");

  const auto deck = c.rehearse("2026-12-02T09:00", {"heatmap", "b", "--weeks", "1"});
  CHECK(
      deck.out.starts_with("Answers in the last 1 week (deck b): 1 on 1 day, at most 1 "
                           "(2026-11-30).\n"));

  const auto year = c.rehearse("2026-12-02T09:00", {"heatmap"});
  REQUIRE(year.exit_code == 0);
  for (const std::string& line : rehearse::test::lines_of(year.out))
    CHECK(line.size() <= 80);
  CHECK(year.out.find("Answers in the last 53 weeks") == 0);

  const auto json = c.rehearse("2026-12-02T09:00", {"heatmap", "--weeks", "1", "--json"});
  CHECK(json.out ==
        "{\"today\":\"2026-12-02\",\"first\":\"2026-11-30\",\"days\":["
        "{\"day\":\"2026-11-30\",\"answers\":3},{\"day\":\"2026-12-01\",\"answers\":0},"
        "{\"day\":\"2026-12-02\",\"answers\":1}]}\n");
}

TEST_CASE("heatmap refuses a number of weeks it cannot show and an unknown deck") {
  const NumberedCollection c({{"a", 1}});
  const auto weeks = c.rehearse("2026-12-02T09:00", {"heatmap", "--weeks", "54"});
  CHECK(weeks.exit_code != 0);
  CHECK(weeks.err == "rehearse: --weeks: Value 54 not in range 1 to 53 (see 'rehearse --help')\n");
  const auto deck = c.rehearse("2026-12-02T09:00", {"heatmap", "nope"});
  CHECK(deck.exit_code == 1);
  CHECK(deck.err == "rehearse: no deck 'nope' in " + c.db + " ('rehearse decks' lists them)\n");
}

}  // namespace
}  // namespace rehearse::cli
