#include "stats/statistics.hpp"

#include <catch2/catch.hpp>

namespace rehearse {
namespace {

Day day(int n) {
  return parse_local_date_time("2026-12-10").day + std::chrono::days(n);
}

}  // namespace

TEST_CASE("streaks count days in a row with answers, up to today or yesterday") {
  struct Row {
    std::vector<int> days;  // relative to today
    int current;
    int longest;
    bool today;
  };
  // clang-format off
  const std::vector<Row> rows{
      {{},                        0, 0, false},
      {{0},                       1, 1, true},
      {{-1},                      1, 1, false},  // yesterday: still running
      {{-2},                      0, 1, false},  // broken
      {{-2, -1, 0},               3, 3, true},
      {{0, -1, -1, 0, -2},        3, 3, true},   // in any order, repeats counted once
      {{-9, -8, -7, -6, -1, 0},   2, 4, true},
      {{-9, -8, -7, -3},          0, 3, false},
  };
  // clang-format on
  for (const Row& row : rows) {
    std::vector<Day> days;
    for (const int d : row.days)
      days.push_back(day(d));
    const Streaks s = streaks_of(days, day(0));
    INFO(row.days.size() << " days");
    CHECK(s.current == row.current);
    CHECK(s.longest == row.longest);
    CHECK(s.today == row.today);
  }
}

TEST_CASE("retention has no share without reviews") {
  CHECK_FALSE(Retention{}.share().has_value());
  CHECK(Retention{3, 4}.share() == 0.75);
}

}  // namespace rehearse
