#include "io/anki_schedule.hpp"

#include <algorithm>

namespace rehearse {

Day utc_day(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return day_from_number(days);
}

AnkiProgress sm2_progress(const AnkiSchedule& schedule, std::int64_t created,
                          std::optional<Day> last_review) {
  AnkiProgress progress;
  progress.suspended = schedule.queue == -1;
  if (schedule.type == 0) return progress;
  CardState& state = progress.state;
  state.repetitions = std::max(schedule.repetitions, 0);
  const int hundredths = schedule.factor == 0 ? 250 : schedule.factor / 10;
  state.ease = Ease::from_hundredths(std::max(hundredths, 130));
  state.interval_days = std::max(schedule.interval_days, 1);
  state.lapses = std::max(schedule.lapses, 0);
  if (schedule.queue == 1) {
    state.due = utc_day(schedule.due);
  } else {
    state.due = utc_day(created) + std::chrono::days{schedule.due};
  }
  state.last_answered = last_review;
  return progress;
}

std::unordered_map<std::string, AnkiProgress> anki_progress(const AnkiPackage& package) {
  std::unordered_map<std::string, Day> last_review;
  for (const AnkiReview& review : package.reviews) {  // oldest first: the last one stays
    if (!grade_of_button(review.button)) continue;    // a reschedule answered nothing
    last_review.insert_or_assign(review.card_id, utc_day(review.time_ms / 1000));
  }
  std::unordered_map<std::string, AnkiProgress> progress;
  for (const AnkiCard& card : package.cards) {
    const auto last = last_review.find(card.content.id);
    progress.emplace(
        card.content.id,
        sm2_progress(card.schedule, package.created,
                     last == last_review.end() ? std::nullopt : std::optional<Day>(last->second)));
  }
  return progress;
}

ProgressByCard kept_progress(const AnkiPackage& package) {
  ProgressByCard kept;
  for (auto& [card_id, progress] : anki_progress(package)) {
    kept.emplace(card_id, CardProgress{progress.state, progress.suspended, {}});
  }
  for (const AnkiReview& review : package.reviews) {  // oldest first
    const std::optional<Grade> grade = grade_of_button(review.button);
    const auto card = kept.find(review.card_id);
    if (!grade || card == kept.end()) continue;
    const std::chrono::sys_time<std::chrono::milliseconds> instant{
        std::chrono::milliseconds{review.time_ms}};
    card->second.answers.push_back({*grade,
                                    {instant, utc_day(review.time_ms / 1000)},
                                    std::chrono::milliseconds{std::max(review.duration_ms, 0)}});
  }
  std::erase_if(kept, [](const auto& entry) { return !entry.second.any(); });
  return kept;
}

std::optional<Grade> grade_of_button(int button) {
  switch (button) {
    case 1:
      return Grade::from_int(1);
    case 2:
      return Grade::from_int(3);
    case 3:
      return Grade::from_int(4);
    case 4:
      return Grade::from_int(5);
    default:
      return std::nullopt;
  }
}

}  // namespace rehearse
