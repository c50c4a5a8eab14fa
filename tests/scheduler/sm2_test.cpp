// Expected values are computed by hand from the SM-2 formulas (docs/scheduler.md):
//   q >= 3: I = 1 if n = 0, 6 if n = 1, else round(I * EF) with the EF before the answer; n += 1
//   q <  3: n = 0, I = 1
//   EF += 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02), at least 1.3
//   EF change by grade: 5: +0.10, 4: 0, 3: -0.14, 2: -0.32, 1: -0.54, 0: -0.80
#include "scheduler/sm2.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace rehearse;
using std::chrono::days;

namespace {

const Day kStart = Day{std::chrono::year{2026} / 11 / 25};

struct Expected {
  int grade;
  int repetitions;
  int ease_hundredths;
  int interval_days;
};

// Answers each grade on the day the card falls due and checks the state after each answer.
void check_table(const std::vector<Expected>& table) {
  CardState state = sm2::new_card();
  Day today = kStart;
  for (std::size_t i = 0; i < table.size(); ++i) {
    INFO("answer " << i + 1 << ", grade " << table[i].grade);
    const sm2::Outcome outcome = sm2::answer(state, Grade::from_int(table[i].grade), today);
    CHECK(outcome.kind == sm2::AnswerKind::scheduled);
    CHECK(outcome.state.repetitions == table[i].repetitions);
    CHECK(outcome.state.ease.hundredths() == table[i].ease_hundredths);
    CHECK(outcome.state.interval_days == table[i].interval_days);
    REQUIRE(outcome.state.due == today + days{table[i].interval_days});
    state = outcome.state;
    today = *state.due;
  }
}

}  // namespace

TEST_CASE("a new card has n = 0, EF = 2.5, I = 0 and no due day") {
  const CardState state = sm2::new_card();
  CHECK(state.repetitions == 0);
  CHECK(state.ease.hundredths() == 250);
  CHECK(state.interval_days == 0);
  CHECK(state.is_new());
}

TEST_CASE("perfect answers give intervals 1, 6, then I x EF as EF rises by 0.1") {
  // 6 x 2.7 = 16.2 -> 16; 16 x 2.8 = 44.8 -> 45; 45 x 2.9 = 130.5 -> 131
  check_table({{5, 1, 260, 1}, {5, 2, 270, 6}, {5, 3, 280, 16}, {5, 4, 290, 45}, {5, 5, 300, 131}});
}

TEST_CASE("a mixed history follows the table computed by hand") {
  // 4: I 1, EF 2.5; 3: I 6, EF 2.36; 5: 6 x 2.36 = 14.16 -> 14, EF 2.46;
  // 2: lapse, I 1, EF 2.14; 4: n was 0 so I 1; 4: n was 1 so I 6.
  check_table({{4, 1, 250, 1},
               {3, 2, 236, 6},
               {5, 3, 246, 14},
               {2, 0, 214, 1},
               {4, 1, 214, 1},
               {4, 2, 214, 6}});
}

TEST_CASE("blackouts lower the ease to its floor of 1.3 and keep the interval at one day") {
  // 2.5 - 0.8 = 1.7; 1.7 - 0.8 = 0.9, floored to 1.3; stays 1.3.
  check_table({{0, 0, 170, 1}, {0, 0, 130, 1}, {0, 0, 130, 1}, {0, 0, 130, 1}});
}

TEST_CASE(
    "ease is exact where a double drifts: 2,1,3,4,4,4 ends at EF 1.5 and 9 x 1.5 = 13.5 -> 14") {
  // 2: EF 2.18; 1: EF 1.64; 3: EF 1.50, I 1; 4: I 6; 4: 6 x 1.5 = 9; 4: 9 x 1.5 = 13.5 -> 14.
  check_table({{2, 0, 218, 1},
               {1, 0, 164, 1},
               {3, 1, 150, 1},
               {4, 2, 150, 6},
               {4, 3, 150, 9},
               {4, 4, 150, 14}});
}

TEST_CASE("every grade changes the ease by its SM-2 amount") {
  const int change[6] = {-80, -54, -32, -14, 0, 10};
  for (int q = 0; q <= 5; ++q) {
    const CardState next = sm2::answer(sm2::new_card(), Grade::from_int(q), kStart).state;
    CHECK(next.ease.hundredths() == 250 + change[q]);
  }
}

TEST_CASE("a lapse resets repetitions and the interval but keeps lowering the ease") {
  CardState state = sm2::new_card();
  state = sm2::answer(state, Grade::from_int(5), kStart).state;      // n 1, EF 2.6, I 1
  state = sm2::answer(state, Grade::from_int(5), *state.due).state;  // n 2, EF 2.7, I 6
  const Day lapse_day = *state.due;
  state = sm2::answer(state, Grade::from_int(1), lapse_day).state;  // EF 2.7 - 0.54
  CHECK(state.repetitions == 0);
  CHECK(state.interval_days == 1);
  CHECK(state.ease.hundredths() == 216);
  CHECK(state.due == lapse_day + days{1});
}

TEST_CASE(
    "a lapse is a failed answer to a recalled card, never to a new, relearning or early one") {
  // Grades on the days the card falls due, and the lapses after each, by hand: the first 1 is
  // a new card failed (n = 0: no lapse); 4 makes n = 1; 1 then lapses it (1); a 2 the next day
  // fails a card with n = 0 again (still 1); 5, 5 relearn it (n = 2); 0 lapses it (2).
  const std::vector<std::pair<int, int>> table{{1, 0}, {4, 0}, {1, 1}, {2, 1},
                                               {5, 1}, {5, 1}, {0, 2}};
  CardState state = sm2::new_card();
  Day today = kStart;
  for (const auto& [grade, lapses] : table) {
    state = sm2::answer(state, Grade::from_int(grade), today).state;
    CHECK(state.lapses == lapses);
    today = *state.due;
  }
  // Same-day repeats and practice before the due day never count.
  CHECK(sm2::answer(state, Grade::from_int(0), state.last_answered.value()).state.lapses == 2);
  state = sm2::answer(state, Grade::from_int(5), today).state;
  state = sm2::answer(state, Grade::from_int(5), *state.due).state;  // n = 2, due in 6 days
  CHECK(sm2::answer(state, Grade::from_int(0), *state.due - days{2}).state.lapses == 2);
  CHECK(sm2::answer(state, Grade::from_int(0), *state.due).state.lapses == 3);
}

TEST_CASE("a lapse is an answer below 3 to a card recalled before (n > 0)") {
  CardState before = sm2::new_card();
  struct Row {
    int repetitions;
    int grade;
    bool lapse;
  };
  const std::vector<Row> rows = {{0, 0, false}, {0, 2, false}, {0, 3, false}, {1, 2, true},
                                 {2, 0, true},  {2, 3, false}, {5, 5, false}};
  for (const Row& row : rows) {
    INFO("n " << row.repetitions << ", grade " << row.grade);
    before.repetitions = row.repetitions;
    CHECK(sm2::is_lapse(before, Grade::from_int(row.grade)) == row.lapse);
  }
  // answer counts the lapses it finds: one for n 2 graded 1.
  CardState state = sm2::answer(sm2::new_card(), Grade::from_int(5), kStart).state;
  state = sm2::answer(state, Grade::from_int(5), *state.due).state;
  CHECK(sm2::answer(state, Grade::from_int(1), *state.due).state.lapses == 1);
}

TEST_CASE("an answer below 4 asks the card again the same day without rescheduling it") {
  const sm2::Outcome first = sm2::answer(sm2::new_card(), Grade::from_int(3), kStart);
  REQUIRE(first.kind == sm2::AnswerKind::scheduled);
  CHECK(first.state.reask);

  // Same day, still below 4: logged as a repeat; n, EF, I and due unchanged; still re-asked.
  const sm2::Outcome again = sm2::answer(first.state, Grade::from_int(2), kStart);
  CHECK(again.kind == sm2::AnswerKind::repeat);
  CHECK(again.state.repetitions == first.state.repetitions);
  CHECK(again.state.ease == first.state.ease);
  CHECK(again.state.interval_days == first.state.interval_days);
  CHECK(again.state.due == first.state.due);
  CHECK(again.state.reask);

  // Scoring 4 ends the day's repeats, still without touching the schedule.
  const sm2::Outcome done = sm2::answer(again.state, Grade::from_int(4), kStart);
  CHECK(done.kind == sm2::AnswerKind::repeat);
  CHECK_FALSE(done.state.reask);
  CHECK(done.state.due == first.state.due);
}

TEST_CASE("an answer of 4 or 5 needs no same-day repeat") {
  CHECK_FALSE(sm2::answer(sm2::new_card(), Grade::from_int(4), kStart).state.reask);
  CHECK_FALSE(sm2::answer(sm2::new_card(), Grade::from_int(5), kStart).state.reask);
}

TEST_CASE("answering a card before its due day is practice: logged, schedule unchanged") {
  CardState learnt = sm2::answer(sm2::new_card(), Grade::from_int(5), kStart).state;
  learnt = sm2::answer(learnt, Grade::from_int(5), *learnt.due).state;  // due 6 days later
  const sm2::Outcome early = sm2::answer(learnt, Grade::from_int(0), *learnt.due - days{3});
  CHECK(early.kind == sm2::AnswerKind::repeat);
  CHECK(early.state.due == learnt.due);
  CHECK(early.state.ease == learnt.ease);
}

TEST_CASE("an overdue card is scheduled from its stored interval, not from the delay") {
  CardState state = sm2::new_card();
  state = sm2::answer(state, Grade::from_int(4), kStart).state;      // I 1
  state = sm2::answer(state, Grade::from_int(4), *state.due).state;  // I 6
  const Day late = *state.due + days{30};
  state = sm2::answer(state, Grade::from_int(4), late).state;  // 6 x 2.5 = 15
  CHECK(state.interval_days == 15);
  CHECK(state.due == late + days{15});
}

TEST_CASE("intervals are capped at the configured maximum") {
  sm2::Config config;
  config.maximum_interval_days = 100;
  CardState state = sm2::new_card(config);
  Day today = kStart;
  for (int i = 0; i < 6; ++i) {  // 1, 6, 16, 45, 131 -> 100, 100 x 3.0 -> 100
    state = sm2::answer(state, Grade::from_int(5), today, config).state;
    today = *state.due;
  }
  CHECK(state.interval_days == 100);
}

TEST_CASE("replaying the log reproduces the state answer by answer") {
  const std::vector<sm2::LoggedAnswer> log = {
      {Grade::from_int(3), kStart, {}},           {Grade::from_int(2), kStart, {}},
      {Grade::from_int(4), kStart, {}},           {Grade::from_int(5), kStart + days{1}, {}},
      {Grade::from_int(1), kStart + days{7}, {}}, {Grade::from_int(4), kStart + days{8}, {}}};
  CardState expected = sm2::new_card();
  for (const auto& entry : log)
    expected = sm2::answer(expected, entry.grade, entry.day).state;
  CHECK(sm2::replay(log) == expected);
  CHECK(expected.repetitions == 1);
  CHECK(expected.interval_days == 1);
  // 3: 2.36; 2 and 4 same day: repeats; 5: 2.46; 1: 1.92; 4: 1.92
  CHECK(expected.ease.hundredths() == 192);
}

TEST_CASE("random histories keep SM-2's invariants") {
  std::mt19937 random(20261125);
  for (int trial = 0; trial < 2000; ++trial) {
    CardState state = sm2::new_card();
    Day today = kStart;
    std::vector<sm2::LoggedAnswer> log;
    for (int step = 0; step < 40; ++step) {
      const Grade grade = Grade::from_int(static_cast<int>(random() % 6));
      // Sometimes the same day, sometimes early, often on or after the due day.
      const int pick = static_cast<int>(random() % 3);
      const int jump = static_cast<int>(random() % 10);
      today += days{pick == 0 ? 0 : pick == 1 ? jump : state.interval_days + jump};
      const sm2::Outcome outcome = sm2::answer(state, grade, today);
      log.push_back({grade, today, {}});
      const CardState& next = outcome.state;
      REQUIRE(next.ease.hundredths() >= 130);
      REQUIRE(next.interval_days >= 1);
      REQUIRE(next.interval_days <= 36500);
      REQUIRE(next.due.has_value());
      REQUIRE(*next.due > today);
      if (outcome.kind == sm2::AnswerKind::scheduled && grade.value() < 3) {
        REQUIRE(next.repetitions == 0);
      }
      if (outcome.kind == sm2::AnswerKind::repeat) {
        REQUIRE(next.due == state.due);
        REQUIRE(next.repetitions == state.repetitions);
      }
      state = next;
    }
    REQUIRE(sm2::replay(log) == state);
  }
}
