#include "check/check.hpp"

#include <limits>

namespace rehearse {
namespace {

// What the scheduler needs from a card's log to replay it: grades, days and the interview day
// in force at each answer, in order, of the answers that stood before the one with sequence
// `before` (all of them by default). An answer taken back by an undo recorded before that
// counts for nothing.
std::vector<sm2::LoggedAnswer> standing_answers(
    const std::vector<LogEntry>& log,
    std::int64_t before = std::numeric_limits<std::int64_t>::max()) {
  std::vector<sm2::LoggedAnswer> answers;
  for (const LogEntry& entry : log) {
    if (entry.sequence >= before) break;
    if (entry.undone && entry.undone->after_sequence < before) continue;
    answers.push_back({entry.grade, entry.moment.day, entry.interview});
  }
  return answers;
}

// The part of a state the review log keeps for before and after (docs/storage.md).
bool same_logged_state(const CardState& a, const CardState& b) {
  return a.repetitions == b.repetitions && a.ease == b.ease && a.interval_days == b.interval_days &&
         a.due == b.due;
}

// Whether an undo of one of this card's answers was recorded between row i - 1 and row i.
bool undone_before_row(const std::vector<LogEntry>& log, std::size_t i) {
  const std::int64_t previous = i == 0 ? 0 : log[i - 1].sequence;
  for (std::size_t j = 0; j < i; ++j) {
    const std::optional<Undo>& undo = log[j].undone;
    if (undo && undo->after_sequence >= previous && undo->after_sequence < log[i].sequence)
      return true;
  }
  return false;
}

// Whether every row's before and after are the states replaying the log up to it gives: the
// answers that stood when the row was written, so an answer taken back counts until its undo.
bool log_matches_replay(const std::vector<LogEntry>& log, const sm2::Config& config) {
  CardState state = sm2::new_card(config);
  for (std::size_t i = 0; i < log.size(); ++i) {
    const LogEntry& entry = log[i];
    if (undone_before_row(log, i))
      state = sm2::replay(standing_answers(log, entry.sequence), config);
    if (!same_logged_state(entry.before, state)) return false;
    state = sm2::answer(state, entry.grade, entry.moment.day, config, entry.interview).state;
    if (!same_logged_state(entry.after, state)) return false;
  }
  return true;
}

}  // namespace

CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config) {
  return sm2::replay(standing_answers(collection.review_log(card_id)), config);
}

CheckReport check_collection(const Collection& collection, const sm2::Config& config,
                             const Progress& progress) {
  CheckReport report;
  report.integrity_problems = collection.integrity_problems();
  if (!report.integrity_problems.empty()) return report;
  const std::vector<Card> cards = collection.cards({});
  for (const Card& card : cards) {
    const std::vector<LogEntry> log = collection.review_log(card.content.id);
    const std::vector<sm2::LoggedAnswer> answers = standing_answers(log);
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
