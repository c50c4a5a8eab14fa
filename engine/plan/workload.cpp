#include "plan/workload.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace rehearse::plan {
namespace {

constexpr int kWeekDays = 7;

int days_between(Day from, Day to) {
  return static_cast<int>((to - from).count());
}

// Adds a card's forecast reviews: answered 4 on each day it is due, up to the interview.
void add_reviews(CardState state, Day first, std::vector<DayLoad>& days, Day interview,
                 const sm2::Config& config) {
  while (state.due && *state.due < interview) {
    const Day day = std::max(*state.due, first);
    ++days[static_cast<std::size_t>(days_between(first, day))].reviews;
    state = sm2::answer(state, Grade::from_int(4), day, config, interview).state;
  }
}

}  // namespace

int plan_week(Day day, Day today, Day interview) {
  const int before = days_between(day, interview);  // 1 on the day before the interview
  if (before <= kWeekDays) return kPlanWeeks;
  const int left = days_between(today, interview);
  if (left >= kPlanWeeks * kWeekDays) {
    const int week = kPlanWeeks - (before - 1) / kWeekDays;
    return std::max(week, 0);
  }
  // Compressed: weeks 1-7 share the days before the last week.
  const int shared = left - kWeekDays;
  const int index = days_between(today, day);  // 0 .. shared - 1
  return 1 + index * (kPlanWeeks - 1) / shared;
}

std::string compression(Day today, Day interview) {
  const int left = days_between(today, interview);
  if (left >= kPlanWeeks * kWeekDays) return "";
  if (left <= kWeekDays) {
    return fmt::format(
        "{} days left: only week 8 (the final review) remains; weeks 1-7 are left "
        "out, their decks reviewed as they come due",
        left);
  }
  const int shared = left - kWeekDays;
  return fmt::format(
      "{} days left: weeks 1-7 share the {} days before the last week (about {:.1f} "
      "days each instead of 7); week 8 keeps its 7 days",
      left, shared, static_cast<double>(shared) / (kPlanWeeks - 1));
}

std::vector<DayLoad> forecast(const std::vector<CardState>& learned, int new_cards, int new_per_day,
                              Day today, Day interview, const sm2::Config& config) {
  std::vector<DayLoad> days;
  const Day window = sm2::final_window_start(interview);
  for (Day day = today; day < interview; day += std::chrono::days{1})
    days.push_back({day, 0, 0, day >= window, plan_week(day, today, interview)});
  for (const CardState& state : learned)
    add_reviews(state, today, days, interview, config);
  int remaining = new_cards;
  for (DayLoad& load : days) {
    load.new_cards = std::min(remaining, new_per_day);
    remaining -= load.new_cards;
    if (load.new_cards == 0) continue;
    // The day's new cards share one path: the same grades on the same days.
    const CardState first =
        sm2::answer(sm2::new_card(config), Grade::from_int(4), load.day, config, interview).state;
    std::vector<DayLoad> path(days.size());
    for (std::size_t i = 0; i < days.size(); ++i)
      path[i].day = days[i].day;
    add_reviews(first, today, path, interview, config);
    for (std::size_t i = 0; i < days.size(); ++i)
      days[i].reviews += path[i].reviews * load.new_cards;
  }
  return days;
}

}  // namespace rehearse::plan
