#include "scheduler/sm2.hpp"

#include <algorithm>
#include <cstdint>

namespace rehearse::sm2 {
namespace {

// EF' = EF + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)), in hundredths:
// q = 5: +10, 4: 0, 3: -14, 2: -32, 1: -54, 0: -80.
int ease_change_hundredths(Grade grade) {
  const int miss = 5 - grade.value();
  return 10 - miss * (8 + miss * 2);
}

// round(interval * ease), halves away from zero, computed exactly in integers.
std::int64_t scaled_interval(int interval_days, Ease ease) {
  const std::int64_t hundredths = std::int64_t{interval_days} * ease.hundredths();
  return (hundredths + 50) / 100;
}

int next_interval(const CardState& state, const Config& config) {
  if (state.repetitions == 0) return config.first_interval_days;
  if (state.repetitions == 1) return config.second_interval_days;
  const std::int64_t interval = scaled_interval(state.interval_days, state.ease);
  return static_cast<int>(std::min<std::int64_t>(interval, config.maximum_interval_days));
}

bool is_due(const CardState& state, Day today) {
  return !state.due || *state.due <= today;
}

}  // namespace

CardState new_card(const Config& config) {
  CardState state;
  state.ease = Ease::from_hundredths(config.initial_ease_hundredths);
  return state;
}

Day final_window_start(Day interview) {
  return interview - std::chrono::days{kFinalWindowDays};
}

Day capped_due(Day today, Day due, Day interview) {
  const Day window = final_window_start(interview);
  if (today >= window || due < interview) return due;
  const std::int64_t offset = ((day_number(due) % kFinalWindowDays) + kFinalWindowDays) %
                              kFinalWindowDays;  // floor modulo: days before 1970 too
  return window + std::chrono::days{offset};
}

Outcome answer(const CardState& state, Grade grade, Day today, const Config& config,
               std::optional<Day> interview) {
  if (!is_due(state, today)) {
    CardState next = state;
    next.reask = state.last_answered == today && grade.value() < kReaskUntilGrade;
    return {next, AnswerKind::repeat};
  }

  CardState next = state;
  if (passed(grade)) {
    next.interval_days = next_interval(state, config);  // uses the ease before this answer
    next.repetitions = state.repetitions + 1;
  } else {
    if (is_lapse(state, grade)) ++next.lapses;  // a recalled card forgotten
    next.repetitions = 0;
    next.interval_days = config.first_interval_days;
  }
  next.ease = Ease::from_hundredths(std::max(
      config.minimum_ease_hundredths, state.ease.hundredths() + ease_change_hundredths(grade)));
  next.due = today + std::chrono::days{next.interval_days};
  if (interview) next.due = capped_due(today, *next.due, *interview);
  next.last_answered = today;
  next.reask = grade.value() < kReaskUntilGrade;
  return {next, AnswerKind::scheduled};
}

CardState replay(std::span<const LoggedAnswer> answers, const Config& config) {
  return replay_from(new_card(config), answers, config);
}

CardState replay_from(const CardState& start, std::span<const LoggedAnswer> answers,
                      const Config& config) {
  CardState state = start;
  for (const LoggedAnswer& logged : answers)
    state = answer(state, logged.grade, logged.day, config, logged.interview).state;
  return state;
}

}  // namespace rehearse::sm2
