#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "session/queue.hpp"
#include "store/collection.hpp"

// `stats`: how the collection and each deck stand on a day, counted from the review log (the
// source of truth), answers taken back by undo left out (docs/cli.md, "stats").
namespace rehearse {

// Cards by state; each card in exactly one, in this order of precedence.
struct StateCounts {
  int leech = 0;      // lapses reached leech-threshold (suspended or not)
  int suspended = 0;  // suspended, not a leech
  int fresh = 0;      // never answered
  int learning = 0;   // answered, never recalled on a scheduled answer (n = 0, no lapse)
  int lapsed = 0;     // forgotten after being learned: n = 0 since a lapse
  int young = 0;      // learned (n > 0), interval under sm2::kMatureIntervalDays
  int mature = 0;     // learned, interval sm2::kMatureIntervalDays or more
  int total() const { return leech + suspended + fresh + learning + lapsed + young + mature; }
};

// The answers given over a span of days, and the time they took (duration of each answer).
struct Activity {
  int days = 0;  // the span: today and the days-1 before it
  int reviews = 0;
  std::chrono::milliseconds time{0};
};

// True retention: the share of scheduled answers to due cards (not new, not a same-day re-ask
// or practice ahead of time) graded sm2::kPassingGrade or more.
struct Retention {
  int passed = 0;
  int reviews = 0;
  std::optional<double> share() const;  // nullopt without reviews
};

// Days with at least one answer, in a row.
struct Streaks {
  int current = 0;  // up to today, or up to yesterday when today has no answer yet
  int longest = 0;
  bool today = false;  // today has an answer
};

// The spans of kActivitySpans: today, the last 7, 30 and 365 days.
inline constexpr std::array<int, 4> kActivitySpans{1, 7, 30, 365};

// The statistics of one deck, or of the whole collection.
struct DeckStatistics {
  std::string deck_id;  // empty for the whole collection
  std::string name;
  StateCounts cards;
  int due_tomorrow = 0;          // due exactly tomorrow, not suspended
  int cards_reviewed_today = 0;  // distinct cards among today's answers
  std::array<Activity, kActivitySpans.size()> activity;
  Retention young;   // answers to cards young before the answer (lapsed cards included)
  Retention mature;  // answers to cards mature before the answer
  // Over the learned cards (young and mature, not suspended); nullopt when there are none.
  std::optional<double> average_ease;
  std::optional<double> average_interval;  // days
  Streaks streaks;
  std::int64_t total_reviews = 0;  // every answer that counts, all time
};

struct Statistics {
  Day today;
  TodayCounts counts;                 // of the deck asked for, or of the whole collection
  DeckStatistics total;               // the deck asked for, or the whole collection
  std::vector<DeckStatistics> decks;  // each deck in import order (empty for one deck)
};

// The statistics on `today` of deck `deck_id`, or of the whole collection and each deck when
// empty. Throws Error when there is no deck `deck_id`.
Statistics statistics(const Collection& collection, const std::string& deck_id, Day today);

// The streaks of `days` (each a day with at least one answer, in any order, repeats allowed).
Streaks streaks_of(std::vector<Day> days, Day today);

}  // namespace rehearse
