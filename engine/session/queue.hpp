#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/collection.hpp"

// What to ask next. The store hands over candidate lists (Collection::due_candidates,
// new_candidates, reasks); the order between and within them is decided here, in C++.
namespace rehearse {

// How a session orders its questions.
struct QueueConfig {
  // A card failed today comes back once this many other answers have been given since, so that
  // the answer is not still on the screen. Default: 3.
  int reask_gap = 3;
};

// What the queue chooses from on one day.
struct QueueCandidates {
  std::vector<Candidate> due;    // due on or before the day, not suspended
  std::vector<Candidate> fresh;  // never answered, not suspended
  std::vector<Reask> reasks;     // waiting for a same-day re-ask
};

// Whether a same-day re-ask has waited long enough to be asked before anything else.
bool reask_ready(const Reask& reask, const QueueConfig& config);

// The candidates' card ids in the order they are to be asked, as of now (an answer changes
// the re-asks' waiting, so ask again after each one):
//   1. same-day re-asks that have waited reask_gap answers, longest waiting first;
//   2. due cards, earliest due day first, then in deck order;
//   3. new cards, in deck order;
//   4. the remaining same-day re-asks, longest waiting first.
// Ties between re-asks that waited alike go by card id. A pure function of its arguments.
std::vector<std::string> order_queue(QueueCandidates candidates, const QueueConfig& config = {});

// The card to ask next on `today` among those `filter` selects, or nullopt when nothing is
// left: the first of order_queue over the collection's candidates.
std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config = {});

}  // namespace rehearse
