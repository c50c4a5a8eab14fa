#pragma once

#include <chrono>
#include <span>
#include <string_view>
#include <vector>

#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// Answering: one answer, or a batch, each through the scheduler once and stored with its log
// row in the same transaction.
namespace rehearse {

// Records an answer at `moment` through SM-2: the card's new state and its log row are written
// together, and the card is returned as it is after the answer. With an interview day, the due
// day is capped by it (sm2::capped_due) and the day is logged with the answer. Throws Error
// when there is no such card.
AnsweredCard answer_card(Collection& collection, std::string_view card_id, Grade grade,
                         const Moment& moment, std::chrono::milliseconds duration,
                         const sm2::Config& config = {},
                         std::optional<Day> interview = std::nullopt);

// Takes back the last answer not yet taken back, at `moment`: an undo record is appended to the
// log and the card's state is replayed through SM-2 from its remaining answers (after its last
// state record, from that record's state), in one transaction. nullopt when there is nothing
// to take back. Throws Error, changing nothing, when that answer came before a state record of
// its card: an undo cannot take back an import or a reset.
std::optional<UndoneAnswer> undo_last_answer(Collection& collection, const Moment& moment,
                                             const sm2::Config& config = {});

// Records answers in order in one transaction, each through SM-2 (bulk history, tools).
std::vector<LogEntry> answer_cards(Collection& collection, std::span<const AnswerRecord> answers,
                                   const sm2::Config& config = {});

}  // namespace rehearse
