#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
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
  // none of them a sibling of a card answered on `today` (same sibling group: buried until the
  // next day):
  // due on or before `today`, not in a deck of `skip_decks`: the `limit` most overdue relative
  // to their interval ((today - due) / I, largest first), ties by due day, then deck order;
  std::vector<Candidate> due_candidates(const CardFilter& filter, Day today, std::size_t limit,
                                        std::span<const std::string> skip_decks = {}) const;
  // never answered: the first `per_deck` of each deck, in deck order;
  std::vector<Candidate> new_candidates(const CardFilter& filter, Day today,
                                        std::size_t per_deck) const;
  // waiting for a same-day re-ask on `today`: all of them, in no particular order;
  std::vector<Reask> reasks(const CardFilter& filter, Day today) const;
  // the first of due_candidates, read whole;
  std::optional<Card> first_due(const CardFilter& filter, Day today) const;
  // how many of each there are (siblings buried not counted; limits not applied);
  QueueCounts queue_counts(const CardFilter& filter, Day today) const;
  // queue_counts(...).due alone, counted up to `at_most` (the queue needs no more than what
  // the day's review limit still allows: the count stops there instead of walking every due
  // card);
  int due_count(const CardFilter& filter, Day today,
                int at_most = std::numeric_limits<int>::max()) const;
  // the same with the cards buried by a sibling counted too: what is due, new and waiting.
  QueueCounts waiting_counts(const CardFilter& filter, Day today) const;
  // what the day's answers used of the limits, over the whole collection;
  DayProgress day_progress(Day today) const;
  // the earliest due day of any card (not suspended) that matches.
  std::optional<Day> earliest_due(const CardFilter& filter) const;
  // The cards (not suspended) that come due each day from `today` to `last`, both included,
  // in day order; a card overdue counts on `today`, a day with none is left out.
  std::vector<std::pair<Day, int>> due_per_day(const CardFilter& filter, Day today, Day last) const;
  // The answers given each day from `first` to `last`, both included, of the cards that match,
  // in day order; answers taken back by undo and those of orphans left out (as the statistics
  // count them), a day with none left out.
  std::vector<std::pair<Day, int>> answers_per_day(const CardFilter& filter, Day first,
                                                   Day last) const;
  // The answers given each week (7 days from `first`, then the next 7, ...) up to `last`, both
  // included, and how many of them were graded sm2::kPassingGrade or more, over the whole
  // collection, in week order; answers taken back by undo and those of orphans left out, a
  // week with none left out.
  std::vector<WeekAnswers> answers_per_week(Day first, Day last) const;

  // The ids of the cards a cram session asks: those `filter` and `scope` select, not
  // suspended, in due order (new cards last), then deck order.
  std::vector<std::string> cram_cards(const CardFilter& filter, const CramScope& scope,
                                      Day today) const;

  // Decks, in the order they were first imported, with their counts on `today`.
  std::vector<DeckCounts> deck_counts(Day today) const;
  Stats stats(Day today) const;
  // The state of every card in a deck (orphans left out), in rowid order; its deck as the place
  // of the deck in deck_counts.
  std::vector<CardFacts> card_facts() const;
  // Each deck's answers of each day up to `last` (AnswerDay), a day with none left out; read
  // from the sums the collection keeps, not from the log.
  std::vector<AnswerDay> answer_sums(Day last) const;
  // How many distinct cards of each deck (by its place in import order) were answered on `day`:
  // answers that count, as answer_days counts them.
  std::vector<int> cards_answered(Day day) const;
  // Counts for every tag that starts with `prefix` ("lp:"), in tag order.
  std::vector<TagCounts> tag_counts(std::string_view prefix, Day today) const;

 protected:
  using Part::Part;
};

}  // namespace rehearse::store
