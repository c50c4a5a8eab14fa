#include "check/check.hpp"

namespace rehearse {
namespace {

// What the scheduler needs from a card's log to replay it: grades and days, in order.
std::vector<sm2::LoggedAnswer> logged_answers(const Collection& collection,
                                              std::string_view card_id) {
  std::vector<sm2::LoggedAnswer> answers;
  for (const LogEntry& entry : collection.review_log(card_id)) {
    answers.push_back({entry.grade, entry.moment.day});
  }
  return answers;
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
    const std::vector<sm2::LoggedAnswer> answers = logged_answers(collection, card.content.id);
    report.answers_replayed += answers.size();
    if (sm2::replay(answers, config) != card.state) {
      report.mismatched_cards.push_back(card.content.id);
    }
    ++report.cards_checked;
    if (progress && report.cards_checked % 1024 == 0) progress(report.cards_checked, cards.size());
  }
  if (progress) progress(cards.size(), cards.size());
  return report;
}

}  // namespace rehearse
