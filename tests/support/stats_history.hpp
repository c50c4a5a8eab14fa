#pragma once

// A constructed history for the end-to-end tests of stats and report; stats_test.cpp computes
// every figure of it by hand.

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "support/numbered_collection.hpp"

namespace rehearse::test {

// Decks a (a.0-a.2) and b (b.0, b.1), days starting at 4:00, and this history (study days):
//   a.0: 10-01 5, 10-02 5, 10-08 5, 10-24 5 (n 1 2 3 4, I 1 6 16 45: EF 2.6 2.7 2.8 2.9),
//        12-08 4 (due, mature before: I 45 -> round(45 * 2.9) = 131, EF 2.9)        -> mature
//   a.1: 12-08 2 (new, failed: n 0, no lapse)                                      -> learning
//   b.0: 12-08 4 (new: n 1, I 1), 12-09 1 (due, young: a lapse, n 0, EF 1.96),
//        12-10 02:00 4 (counts for 12-09; not due: a repeat, not in retention)    -> lapsed
//   b.1: 12-10 3 (new: n 1, I 1, EF 2.36, due 12-11; below 4: a re-ask today)      -> young
//   a.2: 12-10 5, taken back by undo                                                -> new
// Durations: a.0 10 s each, a.1 20 s, b.0 6 s, 30 s, 4 s, b.1 8 s, a.2 1 s (undone).
struct History {
  NumberedCollection c{{{"a", 3}, {"b", 2}}, "2026-10-01"};

  void answer(const std::string& now, const std::string& card, const std::string& grade,
              const std::string& ms) const {
    REQUIRE(c.rehearse(now, {"answer", card, grade, "--duration", ms}).exit_code == 0);
  }

  History() {
    for (const char* day : {"2026-10-01", "2026-10-02", "2026-10-08", "2026-10-24"})
      answer(std::string(day) + "T09:00", "a.0", "5", "10000");
    answer("2026-12-08T09:00", "a.0", "4", "10000");
    answer("2026-12-08T09:05", "a.1", "2", "20000");
    answer("2026-12-08T09:10", "b.0", "4", "6000");
    answer("2026-12-09T09:00", "b.0", "1", "30000");
    answer("2026-12-10T02:00", "b.0", "4", "4000");
    answer("2026-12-10T09:00", "b.1", "3", "8000");
    answer("2026-12-10T09:30", "a.2", "5", "1000");
    REQUIRE(c.rehearse("2026-12-10T09:31", {"undo"}).exit_code == 0);
  }

  CliResult rehearse(std::vector<std::string> args) const {
    return c.rehearse("2026-12-10T10:00", std::move(args));
  }
};

}  // namespace rehearse::test
