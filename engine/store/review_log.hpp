#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "scheduler/sm2.hpp"
#include "store/part.hpp"
#include "store/reports.hpp"

namespace rehearse::store {

// The append-only review log, and the answers that grow it.
class ReviewLog : protected Part {
 public:
  // Records one answer in a single transaction: reads the card, computes the outcome with
  // `transition` (called once), stores the new state and appends the log row. Both commit or
  // neither does. Returns the card as it is after the answer. Throws Error when there is no
  // such card.
  using Transition = std::function<sm2::Outcome(const CardState& before, Grade grade, Day day,
                                                std::optional<Day> interview)>;
  AnsweredCard record_answer(const AnswerRecord& answer, const Transition& transition);
  // Records answers in order, all in one transaction (bulk history, imports, sync); reads only
  // each card's state.
  std::vector<LogEntry> record_answers(std::span<const AnswerRecord> answers,
                                       const Transition& transition);

  // The card's log, oldest first, answers taken back included (with their undo). Throws Error
  // when there is no such card.
  std::vector<LogEntry> review_log(std::string_view card_id) const;

  // The card's state records, oldest first (store/reports.hpp StateRecord). Throws Error when
  // there is no such card.
  std::vector<StateRecord> state_records(std::string_view card_id) const;

  // Takes back the last answer no undo has taken back yet, in one transaction: appends an undo
  // record naming it at `at`, and stores as the card's state what `replay` gives from the
  // state of the card's last state record (nullopt: none, a new card) through its remaining
  // answers after that record (oldest first). nullopt when there is no answer left to take
  // back. Throws Error, changing nothing, when that answer came before a state record of its
  // card: an undo cannot take back an import or a reset.
  using Replay = std::function<CardState(const std::optional<CardState>& start,
                                         std::span<const sm2::LoggedAnswer> answers)>;
  std::optional<UndoneAnswer> undo_last_answer(const Moment& at, const Replay& replay);
  // Appends a cram answer (rehearse cram) in one transaction: the card's state is left exactly
  // as it is, and the review log, which replay, statistics and daily limits read, is not
  // touched. Throws Error when there is no such card.
  CramAnswer record_cram_answer(const AnswerRecord& answer);
  // The card's cram answers, oldest first. Throws Error when there is no such card.
  std::vector<CramAnswer> cram_answers(std::string_view card_id) const;
  // Whether any answer has been recorded.
  bool has_reviews() const;
  // The days on which answers were recorded, from `since` on, latest first.
  std::vector<Day> answer_days(Day since) const;

 protected:
  using Part::Part;
};

}  // namespace rehearse::store
