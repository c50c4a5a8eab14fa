#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// The review log is the source of truth: replaying it gives every card's state.
namespace rehearse {

// What `check_collection` found.
struct CheckReport {
  std::vector<std::string> integrity_problems;  // from SQLite's integrity check
  std::vector<std::string> mismatched_cards;    // stored state differs from the replayed log
  // Cards with a log row whose state before or after the answer differs from the replay.
  std::vector<std::string> mismatched_log_cards;
  // Decks and days whose answers, added up for the statistics, differ from the log.
  std::vector<std::string> mismatched_answer_days;
  std::size_t cards_checked = 0;
  std::size_t answers_replayed = 0;
  std::size_t state_records = 0;  // imported progress and resets, each setting a card's state
  bool ok() const {
    return integrity_problems.empty() && mismatched_cards.empty() && mismatched_log_cards.empty() &&
           mismatched_answer_days.empty();
  }
};

// Checks the file's integrity, that every card's stored state is what replaying its review log
// through SM-2 gives, and that each log row's state before and after its answer is the
// replay's at that row (the four fields the log keeps: repetitions, ease, interval, due), and
// that the answers added up by deck and day for the statistics are the log's.
// Replay starts from a card's last state record (its state as given), else from a new card,
// and goes on through the answers after it (docs/scheduler.md, "Replay").
CheckReport check_collection(const Collection& collection, const sm2::Config& config = {},
                             const Progress& progress = {});

// The card's state recomputed from its review log alone (its state records included). Equal to the
// stored state unless the collection was altered behind rehearse's back.
CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config = {});

}  // namespace rehearse
