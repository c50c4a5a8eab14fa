#include "answer/answer.hpp"

namespace rehearse {
namespace {

Collection::Transition sm2_transition(const sm2::Config& config) {
  return [&config](const CardState& before, Grade grade, Day day, std::optional<Day> interview) {
    return sm2::answer(before, grade, day, config, interview);
  };
}

}  // namespace

AnsweredCard answer_card(Collection& collection, std::string_view card_id, Grade grade,
                         const Moment& moment, std::chrono::milliseconds duration,
                         const sm2::Config& config, std::optional<Day> interview) {
  return collection.record_answer({std::string(card_id), grade, moment, duration, interview},
                                  sm2_transition(config));
}

std::optional<UndoneAnswer> undo_last_answer(Collection& collection, const Moment& moment,
                                             const sm2::Config& config) {
  return collection.undo_last_answer(moment, [&config](const std::optional<CardState>& start,
                                                       std::span<const sm2::LoggedAnswer> answers) {
    return sm2::replay_from(start.value_or(sm2::new_card(config)), answers, config);
  });
}

std::vector<LogEntry> answer_cards(Collection& collection, std::span<const AnswerRecord> answers,
                                   const sm2::Config& config) {
  return collection.record_answers(answers, sm2_transition(config));
}

}  // namespace rehearse
