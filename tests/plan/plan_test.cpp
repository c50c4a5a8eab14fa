// Pacing, the workload forecast and the study plan's weeks (docs/scheduler.md, "The interview
// date"; docs/cli.md, `plan`). Expected values worked by hand in the comments.
#include <catch2/catch.hpp>

#include "io/study_plan.hpp"
#include "model/error.hpp"
#include "plan/pacing.hpp"
#include "plan/workload.hpp"
#include "support/deck_files.hpp"

using namespace rehearse;
using std::chrono::days;

namespace {

Day date(int y, unsigned m, unsigned d) {
  return Day{std::chrono::year{y} / m / d};
}

const std::vector<plan::DeckNew> kDecks{{"a", 40}, {"b", 30}, {"c", 50}};  // 120 new cards

}  // namespace

TEST_CASE("pacing: 120 new cards over the 35 days to 10 days before the interview need 4 a day") {
  // Interview 15 Dec, last day to introduce 5 Dec; 1 Nov to 5 Dec is 35 days; 120 / 35 = 3.4.
  const plan::Pacing pacing = plan::pace(kDecks, 20, date(2026, 11, 1), date(2026, 12, 15));
  CHECK(pacing.last_day == date(2026, 12, 5));
  CHECK(pacing.days == 35);
  CHECK(pacing.new_cards == 120);
  CHECK(pacing.needed_per_day == 4);
  CHECK(pacing.fits());
  CHECK(pacing.to_suspend.empty());
}

TEST_CASE("pacing on a late start: 24 a day needed, 20 allowed, the last deck to suspend") {
  // 1 Dec to 5 Dec is 5 days; 120 / 5 = 24 > 20. 20 x 5 = 100 fit: suspending c (50) leaves 70.
  const plan::Pacing pacing = plan::pace(kDecks, 20, date(2026, 12, 1), date(2026, 12, 15));
  CHECK(pacing.days == 5);
  CHECK(pacing.needed_per_day == 24);
  CHECK_FALSE(pacing.fits());
  REQUIRE(pacing.to_suspend.size() == 1);
  CHECK(pacing.to_suspend[0].deck_id == "c");
}

TEST_CASE("pacing past the last day to introduce: every deck with new cards is to suspend") {
  const plan::Pacing pacing = plan::pace(kDecks, 20, date(2026, 12, 10), date(2026, 12, 15));
  CHECK(pacing.days == 0);
  CHECK(pacing.needed_per_day == 120);
  CHECK(pacing.to_suspend.size() == 3);
}

TEST_CASE("plan weeks count back from the interview, seven days each") {
  const Day interview = date(2027, 1, 24);
  const Day today = interview - days{60};
  CHECK(plan::plan_week(interview - days{1}, today, interview) == 8);
  CHECK(plan::plan_week(interview - days{7}, today, interview) == 8);
  CHECK(plan::plan_week(interview - days{8}, today, interview) == 7);
  CHECK(plan::plan_week(interview - days{56}, today, interview) == 1);
  CHECK(plan::plan_week(interview - days{57}, today, interview) == 0);
  CHECK(plan::compression(today, interview).empty());
}

TEST_CASE("with 30 days left weeks 1-7 share 23 days and week 8 keeps its 7") {
  const Day interview = date(2026, 12, 25);
  const Day today = interview - days{30};
  CHECK(plan::plan_week(today, today, interview) == 1);
  CHECK(plan::plan_week(today + days{4}, today, interview) == 2);   // 1 + 4 x 7 / 23
  CHECK(plan::plan_week(today + days{22}, today, interview) == 7);  // 1 + 22 x 7 / 23
  CHECK(plan::plan_week(today + days{23}, today, interview) == 8);
  CHECK(plan::compression(today, interview) ==
        "30 days left: weeks 1-7 share the 23 days before the last week (about 3.3 days each "
        "instead of 7); week 8 keeps its 7 days");
  CHECK(plan::compression(interview - days{5}, interview) ==
        "5 days left: only week 8 (the final review) remains; weeks 1-7 are left out, their decks "
        "reviewed as they come due");
}

TEST_CASE("the forecast answers every card 4 on its due day, capped into the final window") {
  // Interview 15 Dec (day 20), window days 17-19. A learned card (n 2, I 6, EF 2.5) due today:
  // day 0 I 15 -> day 15; I 38 -> day 53 = 20835, mod 3 = 0 -> day 17. Two new cards, one a day:
  // day 0: due 1, 7, then I 15 -> day 22 = 20804, mod 3 = 2 -> day 19; day 1: 2, 8, then day 23
  // = 20805, mod 3 = 0 -> day 17.
  const Day today = date(2026, 11, 25);  // day 20782
  const Day interview = today + days{20};
  CardState learned = sm2::new_card();
  learned.repetitions = 2;
  learned.interval_days = 6;
  learned.due = today;
  learned.last_answered = today - days{6};
  const std::vector<plan::DayLoad> load = plan::forecast({learned}, 2, 1, today, interview);
  REQUIRE(load.size() == 20);
  std::vector<int> reviews;
  for (const plan::DayLoad& day : load)
    reviews.push_back(day.reviews);
  CHECK(reviews == std::vector<int>{1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 1});
  CHECK(load[0].new_cards == 1);
  CHECK(load[1].new_cards == 1);
  CHECK(load[2].new_cards == 0);
  CHECK_FALSE(load[16].final_window);
  CHECK(load[17].final_window);
  CHECK(load[19].final_window);
}

TEST_CASE("the shipped study plan names its phases' decks by week") {
  const StudyPlan& plan = shipped_study_plan();
  CHECK(plan.id == "amazon-l8-sdm");
  REQUIRE(plan.phase_of(1) != nullptr);
  CHECK(plan.phase_of(1)->id == "foundations");
  CHECK(plan.phase_of(7)->id == "mock-interviews");
  CHECK(plan.phase_of(8)->id == "final-review");
  CHECK(plan.phase_of(9) == nullptr);
}

TEST_CASE("a study plan file with a phase missing its weeks is refused, naming the phase") {
  CHECK(test::error_of([] {
          parse_study_plan(
              R"({"format":"rehearse-plan/1","plan":{"id":"p","name":"P","phases":[{"id":"a",)"
              R"("title":"A","decks":[]}]}})",
              "p.json");
        }) == "p.json: phase 1 has no \"first_week\"");
  CHECK(test::error_of([] { parse_study_plan("[1]", "p.json"); }) ==
        "p.json: not a study plan (expected a JSON object with \"format\": "
        "\"rehearse-plan/1\")");
  CHECK(test::error_of([] { parse_study_plan("{", "p.json"); }) ==
        "p.json: not JSON (at byte 1: Missing a name for object member.)");
}
