// End-to-end: `plan` and the interview cap through the real binary, with --now.
#include <catch2/catch.hpp>

#include "support/numbered_collection.hpp"
#include "support/output_text.hpp"

using rehearse::test::CliResult;
using rehearse::test::count_of;
using rehearse::test::lines_of;

namespace {

// Decks a (40 cards), b (30) and c (50), imported on 1 Dec, unless a test names others.
struct Fixture : rehearse::test::NumberedCollection {
  explicit Fixture(const std::vector<std::pair<std::string, int>>& decks = {{"a", 40},
                                                                            {"b", 30},
                                                                            {"c", 50}})
      : NumberedCollection(decks) {}
};

}  // namespace

TEST_CASE(
    "plan --interview stores the date, plan shows it with the days left, --clear removes it") {
  const Fixture f;
  const CliResult set = f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-21"});
  REQUIRE(set.exit_code == 0);
  CHECK(lines_of(set.out)[0] ==
        "Interview: 2026-12-21, 20 days left; final window 2026-12-18 to 2026-12-20.");
  CHECK(lines_of(f.rehearse("2026-12-11", {"plan"}).out)[0] ==
        "Interview: 2026-12-21, 10 days left; final window 2026-12-18 to 2026-12-20.");
  CHECK(f.rehearse("2026-12-11", {"plan", "--clear"}).out ==
        "Interview date cleared: SM-2 schedules as usual.\n");
  CHECK(f.rehearse("2026-12-11", {"plan"}).out ==
        "No interview date set: rehearse plan --interview YYYY-MM-DD\n");
  CHECK(f.rehearse("2026-12-11", {"plan", "--json"}).out == "{\"interview\":null}\n");
}

TEST_CASE("a malformed or past interview date gets one line and changes nothing") {
  const Fixture f;
  REQUIRE(f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-21"}).exit_code == 0);
  const CliResult bad = f.rehearse("2026-12-01", {"plan", "--interview", "2026-13-01"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err ==
        "rehearse: --interview '2026-13-01' is not a date: expected YYYY-MM-DD, e.g. "
        "2026-12-31\n");
  const CliResult past = f.rehearse("2026-12-01", {"plan", "--interview", "2026-11-30"});
  CHECK(past.exit_code == 1);
  CHECK(past.err ==
        "rehearse: --interview 2026-11-30 is in the past (today is 2026-12-01); nothing "
        "changed\n");
  CHECK(f.rehearse("2026-12-01", {"plan", "--interview", "12/21/2026"}).exit_code == 1);
  CHECK(lines_of(f.rehearse("2026-12-01", {"plan"}).out)[0] ==
        "Interview: 2026-12-21, 20 days left; final window 2026-12-18 to 2026-12-20.");
}

TEST_CASE("plan warns on a late start with the new cards a day needed and the deck to hold back") {
  // 120 new cards; interview 15 Dec, introduced by 5 Dec: 1-5 Dec is 5 days, 120 / 5 = 24 a day,
  // over the default limit of 20; 20 x 5 = 100 fit once c (50) is suspended.
  const Fixture f;
  const CliResult plan = f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-15"});
  REQUIRE(plan.exit_code == 0);
  CHECK(lines_of(plan.out)[1] ==
        "warning: 120 new cards in the 5 days to 2026-12-05 need 24 a day, over the limit of 20: "
        "raise it (rehearse config new-per-day 24) or hold back c (50 new cards: rehearse config "
        "deck.c.new-per-day 0).");
  // Held back as the warning says, the rest fits: 70 new cards, 14 a day.
  REQUIRE(f.rehearse("2026-12-01", {"config", "deck.c.new-per-day", "0"}).exit_code == 0);
  CHECK(lines_of(f.rehearse("2026-12-01", {"plan"}).out)[1] ==
        "New cards: 70 left; 14 a day introduces them all by 2026-12-05 (10 days before), "
        "within the limit of 20 a day.");
  // Early enough, no warning: 1 Nov to 5 Dec is 35 days, 70 cards (c held back) 2 a day.
  const CliResult early = f.rehearse("2026-11-01", {"plan"});
  CHECK(lines_of(early.out)[1] ==
        "New cards: 70 left; 2 a day introduces them all by 2026-12-05 (10 days before), "
        "within the limit of 20 a day.");
}

TEST_CASE("an interview in 5 days: too late to introduce anything, only week 8 remains") {
  const Fixture f;
  const CliResult plan = f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-06"});
  REQUIRE(plan.exit_code == 0);
  const std::vector<std::string> lines = lines_of(plan.out);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "Interview: 2026-12-06, 5 days left; final window 2026-12-03 to 2026-12-05.");
  CHECK(lines[1] ==
        "warning: 120 new cards cannot be introduced 10 days before the interview (2026-11-26 "
        "has passed): hold back c, b, a (120 new cards: rehearse config deck.DECK.new-per-day 0 "
        "for each), or move the date.");
  CHECK(lines[2] ==
        "Study plan: 5 days left: only week 8 (the final review) remains; weeks 1-7 are left "
        "out, their decks reviewed as they come due.");
  CHECK(count_of(plan.out, " rev ") == 5);
  CHECK(count_of(plan.out, "Week ") == 1);
}

TEST_CASE("an interview in 60 days: the whole 8-week plan, the days before it marked") {
  const Fixture f;
  const CliResult plan = f.rehearse("2026-12-01", {"plan", "--interview", "2027-01-30"});
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find("Study plan:") == std::string::npos);
  CHECK(plan.out.find("\nBefore week 1: review what comes due\n12-01 Tue ") != std::string::npos);
  CHECK(plan.out.find("\nWeek 1 (foundations):") != std::string::npos);
  CHECK(count_of(plan.out, " rev ") == 60);
  // 120 new cards, 20 a day: the forecast introduces them on the first 6 days.
  CHECK(count_of(plan.out, " rev  20 new") == 6);
}

TEST_CASE("plan draws one bar per day within 80 columns, in ASCII off a terminal") {
  const Fixture f;
  const CliResult plan = f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-21"});
  REQUIRE(plan.exit_code == 0);
  int day_lines = 0;
  int window_lines = 0;
  for (const std::string& line : lines_of(plan.out)) {
    INFO(line);
    if (line.size() > 5 && line[2] == '-' && line.find(" rev ") != std::string::npos) {
      ++day_lines;
      if (line.substr(10, 1) == "F") ++window_lines;
      CHECK(line.size() <= 80);
    }
    CHECK(line.find("\u2588") == std::string::npos);
  }
  CHECK(day_lines == 20);
  CHECK(window_lines == 3);
  CHECK(plan.out.find("Week 8 (final-review): interview-loop,") != std::string::npos);
  CHECK(plan.out.find("Study plan: 20 days left: weeks 1-7 share the 13 days before the last "
                      "week (about 1.9 days each instead of 7); week 8 keeps its 7 days.") !=
        std::string::npos);
  CHECK(plan.out.find("12-01 Tue   ") != std::string::npos);
  const CliResult json = f.rehearse("2026-12-01", {"plan", "--json"});
  CHECK(json.out.starts_with(
      "{\"interview\":\"2026-12-21\",\"today\":\"2026-12-01\",\"days_left\":20,"
      "\"final_window\":[\"2026-12-18\",\"2026-12-20\"],\"pacing\":{\"new_cards\":120,"
      "\"introduce_by\":\"2026-12-11\",\"days\":11,\"needed_per_day\":11,\"limit_per_day\":20,"
      "\"fits\":true,\"suspend\":[]},"));
  CHECK(count_of(json.out, "\"final_window\":true") == 3);
  CHECK(count_of(json.out, "\"day\":") == 20);
}

TEST_CASE(
    "answers under an interview date are capped, and check passes after it moves and clears") {
  const Fixture f({{"a", 2}});
  REQUIRE(f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-15"}).exit_code == 0);
  REQUIRE(f.rehearse("2026-12-01", {"answer", "a.0", "5"}).exit_code == 0);
  REQUIRE(f.rehearse("2026-12-02", {"answer", "a.0", "5"}).exit_code == 0);  // due 8 Dec
  // I 16: 24 Dec is on or after 15 Dec; day 20811 mod 3 = 0: the window's first day, 12 Dec.
  const CliResult capped = f.rehearse("2026-12-08", {"answer", "a.0", "5", "--json"});
  CHECK(capped.out.find("\"interval_days\":16,\"due\":\"2026-12-12\"") != std::string::npos);
  CHECK(f.rehearse("2026-12-08", {"check"}).exit_code == 0);

  REQUIRE(f.rehearse("2026-12-08", {"plan", "--interview", "2026-12-28"}).exit_code == 0);
  REQUIRE(f.rehearse("2026-12-08", {"answer", "a.1", "5"}).exit_code == 0);
  CHECK(f.rehearse("2026-12-09", {"check"}).exit_code == 0);

  REQUIRE(f.rehearse("2026-12-09", {"plan", "--clear"}).exit_code == 0);
  // On the interview day itself no cap would apply either; cleared, plain SM-2: 16 x 2.8 -> 45.
  const CliResult plain = f.rehearse("2026-12-12", {"answer", "a.0", "5", "--json"});
  CHECK(plain.out.find("\"interval_days\":45,\"due\":\"2027-01-26\"") != std::string::npos);
  const CliResult check = f.rehearse("2026-12-12", {"check"});
  CHECK(check.exit_code == 0);
  const CliResult log = f.rehearse("2026-12-12", {"show", "a.0", "--log", "--json"});
  CHECK(count_of(log.out, "\"interview\":\"2026-12-15\"") == 3);
  CHECK(count_of(log.out, "\"interview\":null") == 1);
}

TEST_CASE("rehearse with no command counts down to the interview, the final window named") {
  const Fixture f({{"a", 1}});
  REQUIRE(f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-21"}).exit_code == 0);
  CHECK(lines_of(f.rehearse("2026-12-01", {}).out)[1] == "Interview: 2026-12-21, in 20 days.");
  CHECK(lines_of(f.rehearse("2026-12-20", {}).out)[1] ==
        "Interview: 2026-12-21, in 1 day (the final window: every learned card comes back once).");
  CHECK(lines_of(f.rehearse("2026-12-21", {}).out)[1] ==
        "Interview: today, 2026-12-21. Good luck.");
  CHECK(lines_of(f.rehearse("2026-12-22", {}).out)[1].find("Interview") == std::string::npos);
}
