#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "store/part.hpp"
#include "store/reports.hpp"

namespace rehearse::store {

// What the queue chooses from, and the counts and statistics of a day.
class Queries : protected Part {
 public:
  // The queue's candidates (session/queue.hpp orders them). Each list holds the cards a filter
  // selects, not suspended:
  // due on or before `today`: the `limit` with the earliest due day, ties in deck order;
  std::vector<Candidate> due_candidates(const CardFilter& filter, Day today,
                                        std::size_t limit) const;
  // never answered: the first `limit` in deck order;
  std::vector<Candidate> new_candidates(const CardFilter& filter, std::size_t limit) const;
  // waiting for a same-day re-ask on `today`: all of them, in no particular order;
  std::vector<Reask> reasks(const CardFilter& filter, Day today) const;
  // the first of due_candidates, read whole;
  std::optional<Card> first_due(const CardFilter& filter, Day today) const;
  // how many of each there are;
  QueueCounts queue_counts(const CardFilter& filter, Day today) const;
  // the earliest due day of any card (not suspended) that matches.
  std::optional<Day> earliest_due(const CardFilter& filter) const;

  // Decks, in the order they were first imported, with their counts on `today`.
  std::vector<DeckCounts> deck_counts(Day today) const;
  Stats stats(Day today) const;
  // Counts for every tag that starts with `prefix` ("lp:"), in tag order.
  std::vector<TagCounts> tag_counts(std::string_view prefix, Day today) const;

 protected:
  using Part::Part;
};

}  // namespace rehearse::store
