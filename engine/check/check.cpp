#include "check/check.hpp"

#include <algorithm>
#include <limits>

namespace rehearse {
namespace {

constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();

// The card's state just before the answer with sequence `before` (after its whole log by
// default): from the state of its last state record written before that answer (a new card
// when there is none), through the answers after that record that stood before it. An answer
// taken back by an undo recorded before that counts for nothing.
CardState state_before(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records,
                       const sm2::Config& config, std::int64_t before = kEnd) {
  CardState state = sm2::new_card(config);
  std::int64_t since = 0;
  for (const StateRecord& record : records) {
    if (record.after_sequence >= before) break;  // written after that answer
    state = record.state;
    since = record.after_sequence;
  }
  std::vector<sm2::LoggedAnswer> answers;
  for (const LogEntry& entry : log) {
    if (entry.sequence >= before) break;
    if (entry.sequence <= since) continue;
    if (entry.undone && entry.undone->after_sequence < before) continue;
    answers.push_back({entry.grade, entry.moment.day, entry.interview});
  }
  return sm2::replay_from(state, answers, config);
}

// The part of a state the review log keeps for before and after (docs/storage.md).
bool same_logged_state(const CardState& a, const CardState& b) {
  return a.repetitions == b.repetitions && a.ease == b.ease && a.interval_days == b.interval_days &&
         a.due == b.due;
}

// Whether an undo of one of this card's answers, or one of its state records, was written
// between row i - 1 and row i.
bool rewritten_before_row(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records,
                          std::size_t i) {
  const std::int64_t previous = i == 0 ? 0 : log[i - 1].sequence;
  const auto between = [&](std::int64_t after) {
    return after >= previous && after < log[i].sequence;
  };
  for (std::size_t j = 0; j < i; ++j) {
    const std::optional<Undo>& undo = log[j].undone;
    if (undo && between(undo->after_sequence)) return true;
  }
  return std::any_of(records.begin(), records.end(),
                     [&](const StateRecord& record) { return between(record.after_sequence); });
}

// Whether every row's before and after are the states replaying the log up to it gives: the
// answers that stood when the row was written, so an answer taken back counts until its undo,
// and a state record sets the state from its place on.
bool log_matches_replay(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records,
                        const sm2::Config& config) {
  CardState state = sm2::new_card(config);
  for (std::size_t i = 0; i < log.size(); ++i) {
    const LogEntry& entry = log[i];
    if (rewritten_before_row(log, records, i))
      state = state_before(log, records, config, entry.sequence);
    if (!same_logged_state(entry.before, state)) return false;
    state = sm2::answer(state, entry.grade, entry.moment.day, config, entry.interview).state;
    if (!same_logged_state(entry.after, state)) return false;
  }
  return true;
}

}  // namespace

CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config) {
  return state_before(collection.review_log(card_id), collection.state_records(card_id), config);
}

CheckReport check_collection(const Collection& collection, const sm2::Config& config,
                             const Progress& progress) {
  CheckReport report;
  report.integrity_problems = collection.integrity_problems();
  if (!report.integrity_problems.empty()) return report;
  const std::vector<Card> cards = collection.cards({});
  for (const Card& card : cards) {
    const std::vector<LogEntry> log = collection.review_log(card.content.id);
    const std::vector<StateRecord> records = collection.state_records(card.content.id);
    report.answers_replayed += static_cast<std::size_t>(
        std::count_if(log.begin(), log.end(), [](const LogEntry& entry) { return !entry.undone; }));
    report.state_records += records.size();
    if (state_before(log, records, config) != card.state) {
      report.mismatched_cards.push_back(card.content.id);
    }
    if (!log_matches_replay(log, records, config))
      report.mismatched_log_cards.push_back(card.content.id);
    ++report.cards_checked;
    if (progress && report.cards_checked % 1024 == 0) progress(report.cards_checked, cards.size());
  }
  if (progress) progress(cards.size(), cards.size());
  report.mismatched_answer_days = collection.answer_day_problems();
  return report;
}

}  // namespace rehearse
