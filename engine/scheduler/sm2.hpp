#pragma once

#include <optional>
#include <span>

#include "model/card.hpp"

namespace rehearse::sm2 {

// SM-2 as Wozniak described it in 1990; docs/scheduler.md gives the rules, the choices where
// sources differ, and worked examples. Every field states its default, the SM-2 value.
struct Config {
  // Ease of a card never answered. Default: 250 (2.5).
  int initial_ease_hundredths = 250;
  // The ease never falls below this. Default: 130 (1.3).
  int minimum_ease_hundredths = 130;
  // Interval after the first and the second successful answer in a row. Default: 1 and 6.
  int first_interval_days = 1;
  int second_interval_days = 6;
  // Not part of SM-2: intervals are capped so that they stay representable and meaningful.
  // Default: 36500 (a hundred years, as Anki).
  int maximum_interval_days = 36500;
};

// Lowest grade that counts as recalled; below it the card lapses. SM-2: 3.
inline constexpr int kPassingGrade = 3;
// Lowest grade that ends a day's re-asks. SM-2 (step 7): 4.
inline constexpr int kReaskUntilGrade = 4;
// Interval from which a card counts as mature, as Anki counts it: 21 days.
inline constexpr int kMatureIntervalDays = 21;

// Whether `grade` counts as recalled; below it the card lapses.
constexpr bool passed(Grade grade) {
  return grade.value() >= kPassingGrade;
}
// Whether answering a card in state `before` with `grade` forgets it after it was recalled: a
// lapse. answer counts one when the answer is scheduled (a repeat changes nothing); leeches are
// the cards with many (CardState::lapses).
constexpr bool is_lapse(const CardState& before, Grade grade) {
  return before.repetitions > 0 && !passed(grade);
}
// Whether the card is mature: recalled at its last answer, with an interval of
// kMatureIntervalDays or more.
constexpr bool is_mature(const CardState& state) {
  return state.repetitions > 0 && state.interval_days >= kMatureIntervalDays;
}
// Whether the card waits for a same-day re-ask on `today`: answered today below
// kReaskUntilGrade. (The store writes the same condition in SQL once: reask_on in
// store/collection_impl.hpp.)
constexpr bool waiting_for_reask(const CardState& state, Day today) {
  return state.reask && state.last_answered == today;
}

// How an answer was counted.
enum class AnswerKind {
  scheduled,  // the card was new or due: SM-2 moved n, EF, I and the due day
  repeat,     // the card was not due (a same-day re-ask, or practice ahead of time):
              // logged, but n, EF, I and due are unchanged
};

struct Outcome {
  CardState state;
  AnswerKind kind;
};

// The state a new card starts in.
CardState new_card(const Config& config = {});

// The interview-date extension (docs/scheduler.md, "The interview date"). Not part of SM-2.
// The final window is the last kFinalWindowDays days before the interview day.
inline constexpr int kFinalWindowDays = 3;

// The first day of the final window before `interview`.
Day final_window_start(Day interview);

// The day a card answered on `today` comes due, when SM-2 computed `due` and the interview is
// on `interview`: `due` itself, unless the answer came before the final window and `due` falls
// on the interview day or later; then a day of the final window, chosen by `due` (day number
// modulo kFinalWindowDays), so that cards spread across the window. Answers given in the window,
// on the interview day or after it are not capped.
Day capped_due(Day today, Day due, Day interview);

// The pure SM-2 transition: the state after answering `grade` on local day `today`. With an
// interview day, the due day (only the due day: never n, EF or I) is capped by capped_due.
// REQUIRES: state was produced by new_card() or answer() with the same config.
Outcome answer(const CardState& state, Grade grade, Day today, const Config& config = {},
               std::optional<Day> interview = std::nullopt);

// One answer as the review log keeps it: enough to replay the scheduler.
struct LoggedAnswer {
  Grade grade;
  Day day;
  std::optional<Day> interview;  // the interview day in force when the answer was given
};

// The state a card reaches from new_card() through these answers, in order. The review log is
// the source of truth; this is how a card's state is recomputed from it.
CardState replay(std::span<const LoggedAnswer> answers, const Config& config = {});
// The state a card reaches from `start` through these answers: replay from a state record (an
// imported card's progress, a reset), which sets the state as given at its place in the log.
CardState replay_from(const CardState& start, std::span<const LoggedAnswer> answers,
                      const Config& config = {});

}  // namespace rehearse::sm2
