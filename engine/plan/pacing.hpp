#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/time.hpp"

// New-card pacing before an interview (docs/scheduler.md, "The interview date"): how many new
// cards a day introduce every card at least kIntroduceBeforeDays days before the interview,
// and what to change when the daily limit cannot.
namespace rehearse::plan {

// Every card is to be introduced at least this many days before the interview. Default: 10.
inline constexpr int kIntroduceBeforeDays = 10;

// The new cards a deck still holds (not suspended), in the queue's deck order.
struct DeckNew {
  std::string deck_id;
  int new_cards = 0;
};

struct Pacing {
  Day last_day;            // the last day to introduce a card: interview - 10 days
  int days = 0;            // days from today to last_day, both counted (0 when past)
  int new_cards = 0;       // all decks together
  int needed_per_day = 0;  // ceil(new_cards / days); new_cards when days is 0
  int limit_per_day = 0;   // the daily new limit in force
  bool fits() const { return needed_per_day <= limit_per_day; }
  // When it does not fit: the decks, last in order first, whose suspension makes the rest fit
  // under the limit (every deck when even one a day is too late).
  std::vector<DeckNew> to_suspend;
};

// The pacing from `today` for an interview on `interview` under a daily limit of
// `limit_per_day` new cards.
Pacing pace(const std::vector<DeckNew>& decks, int limit_per_day, Day today, Day interview);

}  // namespace rehearse::plan
