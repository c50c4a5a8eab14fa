#pragma once

#include <string>
#include <vector>

#include "model/card.hpp"
#include "scheduler/sm2.hpp"

// The workload until an interview (`rehearse plan`): reviews and new cards per day, forecast
// by the scheduler itself, and the week of the 8-week study plan each day falls in.
namespace rehearse::plan {

// Weeks in the shipped study plan (decks/plans/amazon-l8-sdm.json).
inline constexpr int kPlanWeeks = 8;

struct DayLoad {
  Day day;
  int reviews = 0;    // cards due that day (overdue ones on the first day)
  int new_cards = 0;  // new cards introduced that day
  bool final_window = false;
  int week = 0;  // the study plan's week (1-8); 0 before week 1
};

// One day per day from `today` to the day before `interview`. Every learned card is answered
// 4 on each day it comes due (SM-2 with the interview cap), overdue cards today; `new_cards` new
// cards are introduced `new_per_day` a day from today, also answered 4. A forecast: the real
// grades move it. REQUIRES: today < interview, new_per_day >= 0.
std::vector<DayLoad> forecast(const std::vector<CardState>& learned, int new_cards, int new_per_day,
                              Day today, Day interview, const sm2::Config& config = {});

// The study plan's week for `day`, counted back from the interview: the 7 days before it are
// week 8, the 7 before those week 7, and so on; 0 before week 1. When fewer than 8 weeks are
// left from `today`, week 8 keeps its last 7 days (all that is left when fewer) and weeks 1-7
// share the days before it in equal parts, earliest first.
int plan_week(Day day, Day today, Day interview);

// How the plan fits the days left: empty when 8 weeks or more are left, else one sentence
// naming the compressed weeks, e.g. "30 days left: weeks 1-7 share the 23 days before the last
// week (about 3.3 days each); week 8 keeps its 7 days".
std::string compression(Day today, Day interview);

}  // namespace rehearse::plan
