#include "check/check.hpp"

namespace rehearse {
namespace {

// What the scheduler needs from a card's log to replay it: grades, days and the interview day
// in force at each answer, in order.
std::vector<sm2::LoggedAnswer> logged_answers(const Collection& collection,
                                              std::string_view card_id) {
  std::vector<sm2::LoggedAnswer> answers;
  for (const LogEntry& entry : collection.review_log(card_id)) {
    answers.push_back({entry.grade, entry.moment.day, entry.interview});
  }
  return answers;
}

// The part of a state the review log keeps for before and after (docs/storage.md).
bool same_logged_state(const CardState& a, const CardState& b) {
  return a.repetitions == b.repetitions && a.ease == b.ease && a.interval_days == b.interval_days &&
         a.due == b.due;
}

// Whether every row's before and after are the states replaying the log up to it gives.
bool log_matches_replay(const std::vector<LogEntry>& log, const sm2::Config& config) {
  CardState state = sm2::new_card(config);
  for (const LogEntry& entry : log) {
    if (!same_logged_state(entry.before, state)) return false;
    state = sm2::answer(state, entry.grade, entry.moment.day, config, entry.interview).state;
    if (!same_logged_state(entry.after, state)) return false;
  }
  return true;
}

}  // namespace

CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config) {
  return sm2::replay(logged_answers(collection, card_id), config);
}

CheckReport check_collection(const Collection& collection, const sm2::Config& config,
                             const Progress& progress) {
  CheckReport report;
  report.integrity_problems = collection.integrity_problems();
  if (!report.integrity_problems.empty()) return report;
  const std::vector<Card> cards = collection.cards({});
  for (const Card& card : cards) {
    const std::vector<LogEntry> log = collection.review_log(card.content.id);
    std::vector<sm2::LoggedAnswer> answers;
    for (const LogEntry& entry : log)
      answers.push_back({entry.grade, entry.moment.day, entry.interview});
    report.answers_replayed += answers.size();
    if (sm2::replay(answers, config) != card.state) {
      report.mismatched_cards.push_back(card.content.id);
    }
    if (!log_matches_replay(log, config)) report.mismatched_log_cards.push_back(card.content.id);
    ++report.cards_checked;
    if (progress && report.cards_checked % 1024 == 0) progress(report.cards_checked, cards.size());
  }
  if (progress) progress(cards.size(), cards.size());
  return report;
}

}  // namespace rehearse
