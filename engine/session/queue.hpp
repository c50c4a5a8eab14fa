#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/settings.hpp"
#include "store/collection.hpp"

// What to ask next. The store hands over candidate lists (Collection::due_candidates,
// new_candidates, reasks) and what the day has used of its limits (day_progress); the rules
// between and within them are decided here, in C++ (docs/scheduler.md, "The queue").
namespace rehearse {

// Where new cards go among the day's reviews.
enum class NewMix {
  spread,         // spread evenly among the reviews. Default.
  new_first,      // before the reviews (review --new-first)
  reviews_first,  // after the reviews (review --reviews-first)
};

// How a session orders its questions.
struct QueueConfig {
  // A card failed today comes back once this many other answers have been given since, so that
  // the answer is not still on the screen. Default: 3.
  int reask_gap = 3;
  // Default: spread.
  NewMix mix = NewMix::spread;
};

// What the queue chooses from on one day.
struct QueueCandidates {
  std::vector<Candidate> due;    // due on or before the day, not suspended, not buried
  std::vector<Candidate> fresh;  // never answered, not suspended, not buried
  std::vector<Reask> reasks;     // waiting for a same-day re-ask
  // How many cards are due in all (due may hold only the first), counted up to the reviews
  // the day still allows: all that the spread of new cards reads.
  int due_count = 0;
};

// Whether a same-day re-ask has waited long enough to be asked before anything else.
bool reask_ready(const Reask& reask, const QueueConfig& config);

// How many more new cards and reviews the limits allow today from deck `deck_id` (the
// collection's limit, and inside it the deck's own).
int new_left(const Settings& settings, const DayProgress& progress, std::string_view deck_id);
int reviews_left(const Settings& settings, const DayProgress& progress, std::string_view deck_id);

// The decks whose own review limit is used up today.
std::vector<std::string> decks_out_of_reviews(const Settings& settings,
                                              const DayProgress& progress);

// The card to ask next on `today`, or nullopt when nothing is left:
//   1. a same-day re-ask that has waited reask_gap answers, longest waiting first;
//   2. a due review, the most overdue relative to its interval first ((today - due) / I), while
//      the review limits allow, with new cards mixed in as config.mix says (spread: a new card
//      whenever the share of the day's new cards done falls behind the share of reviews done);
//      new cards, while the new limits allow, one deck after another in turn (interleaved: the
//      deck that introduced the fewest today, ties in deck order) or deck by deck;
//   3. the remaining same-day re-asks, longest waiting first.
// Re-asks are never limited. A pure function of its arguments.
std::optional<std::string> choose_next(const QueueCandidates& candidates,
                                       const DayProgress& progress, const Settings& settings,
                                       Day today, const QueueConfig& config = {});

// The card to ask next on `today` among those `filter` selects under the collection's settings,
// or nullopt when nothing is left: choose_next over the collection's candidates.
std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config = {});

// Today's counts among the cards `filter` selects: what `stats`, `decks`, the today view and
// review's header show. Each card is counted once: a re-ask is not also due.
struct TodayCounts {
  QueueCounts waiting;  // due (overdue included), new and re-asks, not suspended; limits aside
  // What the queue still asks today: the due and new cards no sibling answered today buries,
  // capped by what the collection's limits (and, for one deck, the deck's) still allow, and
  // every re-ask (never limited). Its totals are review's "Reviewing ...: N due" header.
  QueueCounts left;
};
TodayCounts today_counts(const Collection& collection, const CardFilter& filter, Day today);

// today_counts(...).left.
QueueCounts counts_today(const Collection& collection, const CardFilter& filter, Day today);

}  // namespace rehearse
