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
  std::size_t cards_checked = 0;
  std::size_t answers_replayed = 0;
  bool ok() const { return integrity_problems.empty() && mismatched_cards.empty(); }
};

// Checks the file's integrity and that every card's stored state is what replaying its
// review log through SM-2 gives.
CheckReport check_collection(const Collection& collection, const sm2::Config& config = {},
                             const Progress& progress = {});

// The card's state recomputed from its review log alone. Equal to the stored state unless the
// collection was altered behind rehearse's back.
CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config = {});

}  // namespace rehearse
