// stats: every figure of a constructed history, computed by hand from its answers; and the
// counts of today as stats, decks and review's header show them.
#include <catch2/catch.hpp>

#include "support/numbered_collection.hpp"
#include "support/output_text.hpp"
#include "support/stats_history.hpp"

namespace rehearse::test {
namespace {}  // namespace

// Today (12-10): due a.1 (12-09) and b.0 (12-10); b.1 waits for its re-ask; a.2 is new; b.1
// is due tomorrow. Answers counted: 10 (a.2's undone): 10-01, 10-02, 10-08, 10-24 one each,
// 12-08 three (36 s), 12-09 two (34 s), 12-10 one (8 s). Retention of due cards: young a.0
// 10-02, 10-08, 10-24 passed, b.0 12-09 failed (3 of 4); mature a.0 12-08 passed (1 of 1).
// Learned cards a.0 (EF 2.9, I 131) and b.1 (EF 2.36, I 1): ease 2.63, interval 66.0. Days
// with answers end 12-08, 12-09, 12-10: a streak of 3, also the longest.
TEST_CASE("stats counts cards by state, answers, time, retention and streaks by hand") {
  const History h;
  const CliResult stats = h.rehearse({"stats"});
  CHECK(stats.exit_code == 0);
  CHECK(stats.out ==
        "Today, 2026-12-10\n"
        "  reviews              1  (1 card)\n"
        "  due                  2  (due today or overdue)\n"
        "  re-asks              1  (failed today, asked again today)\n"
        "  new                  1  (never answered)\n"
        "  left today           4  (2 due, 1 new, 1 re-ask: daily limits, siblings)\n"
        "  due tomorrow         1\n"
        "Cards                  5\n"
        "  new                  1  (never answered)\n"
        "  learning             1  (answered, not yet recalled)\n"
        "  lapsed               1  (forgotten after being learned, not yet recalled)\n"
        "  young                1  (interval under 21 days)\n"
        "  mature               1  (interval 21 days or more)\n"
        "  suspended            0\n"
        "  leech                0  (8 lapses or more)\n"
        "  average ease      2.63  (young and mature cards)\n"
        "  average interval  66.0  days\n"
        "Reviews          ANSWERS  TIME\n"
        "  today                1  8 s\n"
        "  last 7 days          6  1 min\n"
        "  last 30 days         6  1 min\n"
        "  last 365 days       10  1 min\n"
        "  all time            10\n"
        "Retention                 (answers to due cards graded 3 or more)\n"
        "  young            75.0%  (3 of 4)\n"
        "  mature          100.0%  (1 of 1)\n"
        "Streak                 3  days in a row, today included; longest 3\n"
        "\n"
        "DECK                   CARDS    NEW LEARN LAPSED  YOUNG MATURE SUSP LEECH RETAIN\n"
        "a                          3      1     1      0      0      1    0     0 100.0%\n"
        "b                          2      0     0      1      1      0    0     0   0.0%\n");
  for (const std::string& line : lines_of(stats.out))
    CHECK(line.size() <= 80);
}

TEST_CASE("stats --json holds the same figures, for the collection and each deck") {
  const History h;
  const std::string deck_a =
      R"({"id":"a","name":"Deck a","reviews_today":0,"cards_reviewed_today":0,"due_tomorrow":0,)"
      R"("cards":{"new":1,"learning":1,"lapsed":0,"young":0,"mature":1,"suspended":0,"leech":0,)"
      R"("total":3},"total_reviews":6,"reviews":[{"days":1,"reviews":0,"time_ms":0},)"
      R"({"days":7,"reviews":2,"time_ms":30000},{"days":30,"reviews":2,"time_ms":30000},)"
      R"({"days":365,"reviews":6,"time_ms":70000}],"retention":{"young":{"passed":3,)"
      R"("reviews":3,"share":1},"mature":{"passed":1,"reviews":1,"share":1}},)"
      R"("average_ease":2.9,"average_interval":131,"streak":{"current":0,"longest":2,)"
      R"("today":false}})";
  const std::string deck_b =
      R"({"id":"b","name":"Deck b","reviews_today":1,"cards_reviewed_today":1,"due_tomorrow":1,)"
      R"("cards":{"new":0,"learning":0,"lapsed":1,"young":1,"mature":0,"suspended":0,"leech":0,)"
      R"("total":2},"total_reviews":4,"reviews":[{"days":1,"reviews":1,"time_ms":8000},)"
      R"({"days":7,"reviews":4,"time_ms":48000},{"days":30,"reviews":4,"time_ms":48000},)"
      R"({"days":365,"reviews":4,"time_ms":48000}],"retention":{"young":{"passed":0,)"
      R"("reviews":1,"share":0},"mature":{"passed":0,"reviews":0,"share":null}},)"
      R"("average_ease":2.36,"average_interval":1,"streak":{"current":3,"longest":3,)"
      R"("today":true}})";
  CHECK(h.rehearse({"stats", "--json"}).out ==
        R"({"today":"2026-12-10","deck":null,"due_today":2,"reask_today":1,"new_today":1,)"
        R"("left_today":{"due":2,"new":1,"reask":1},"reviews_today":1,"cards_reviewed_today":1,)"
        R"("due_tomorrow":1,"cards":{"new":1,"learning":1,"lapsed":1,"young":1,"mature":1,)"
        R"("suspended":0,"leech":0,"total":5},"total_reviews":10,"reviews":[{"days":1,)"
        R"("reviews":1,"time_ms":8000},{"days":7,"reviews":6,"time_ms":78000},{"days":30,)"
        R"("reviews":6,"time_ms":78000},{"days":365,"reviews":10,"time_ms":118000}],)"
        R"("retention":{"young":{"passed":3,"reviews":4,"share":0.75},"mature":{"passed":1,)"
        R"("reviews":1,"share":1}},"average_ease":2.63,"average_interval":66,"streak":)"
        R"({"current":3,"longest":3,"today":true},"decks":[)" +
            deck_a + "," + deck_b + "]}\n");
}

// Deck a alone: a.0's days 10-01, 10-02 (a streak of 2), 10-08, 10-24, 12-08; a.1 12-08. Its
// today: a.1 due, a.2 new, nothing to re-ask.
TEST_CASE("stats DECK shows one deck's figures, and refuses a deck that is not there") {
  const History h;
  const CliResult stats = h.rehearse({"stats", "a"});
  CHECK(stats.exit_code == 0);
  CHECK(lines_of(stats.out).front() == "Deck a: Deck a");
  CHECK(stats.out.find("  due                  1  (due today or overdue)\n") != std::string::npos);
  CHECK(stats.out.find("  left today           2  (1 due, 1 new, 0 re-asks: daily limits, "
                       "siblings)\n") != std::string::npos);
  CHECK(stats.out.find("Streak                 0  days in a row; longest 2\n") !=
        std::string::npos);
  CHECK(stats.out.find("DECK ") == std::string::npos);
  CHECK(h.rehearse({"stats", "a", "--json"}).out.find(R"("deck":"a","due_today":1,)") !=
        std::string::npos);
  const CliResult missing = h.rehearse({"stats", "nope"});
  CHECK(missing.exit_code != 0);
  CHECK(missing.err ==
        "rehearse: no deck 'nope' in " + h.c.db + " ('rehearse decks' lists them)\n");
}

// b.0 failed after being learned (lapsed); a.1 failed on its first answer (learning): only one
// lapse, and b.0's last answer (a 4, a repeat) does not hide it.
TEST_CASE("a new card failed on its first answer is learning, not lapsed") {
  const History h;
  CHECK(h.rehearse({"stats", "--json"}).out.find(R"("learning":1,"lapsed":1,)") !=
        std::string::npos);
}

// With b.1 waiting for its re-ask: stats, decks and review's header count 2 due (a.1, b.0), 1
// new (a.2) and 1 re-ask (b.1), none of them twice.
TEST_CASE("stats, decks and review's header agree on today's counts when re-asks wait") {
  const History h;
  const std::string decks = h.rehearse({"decks"}).out;
  CHECK(decks.find("all       1      2      5") != std::string::npos);
  CHECK(h.rehearse({"decks", "--json"}).out ==
        R"([{"id":"a","name":"Deck a","description":"","new":1,"due":1,"reask":0,"total":3,)"
        R"("orphans":0,"source":")" +
            (h.c.dir / "a.json").string() +
            R"("},{"id":"b","name":"Deck b","description":"","new":0,"due":1,"reask":1,)"
            R"("total":2,"orphans":0,"source":")" +
            (h.c.dir / "b.json").string() + "\"}]\n");
  const std::string stats = h.rehearse({"stats"}).out;
  CHECK(stats.find("  due                  2") != std::string::npos);
  CHECK(stats.find("(2 due, 1 new, 1 re-ask: daily limits, siblings)") != std::string::npos);
  const CliResult review = h.rehearse({"review"});  // no input: stops at the first card
  CHECK(review.out.find("Reviewing all decks: 2 due, 1 new, 1 to repeat today.") !=
        std::string::npos);
}

}  // namespace rehearse::test
