#include "session/queue.hpp"

#include <algorithm>
#include <tuple>

namespace rehearse {
namespace {

int used(const std::map<std::string, int, std::less<>>& by_deck, std::string_view deck_id) {
  const auto found = by_deck.find(deck_id);
  return found == by_deck.end() ? 0 : found->second;
}

int left(int total_limit, int total_used, std::optional<int> deck_limit, int deck_used) {
  int allowed = total_limit - total_used;
  if (deck_limit) allowed = std::min(allowed, *deck_limit - deck_used);
  return std::max(allowed, 0);
}

// (today - due) / I compared without division: a is more overdue than b relative to their
// intervals when (today - a.due) * b.I > (today - b.due) * a.I.
bool more_overdue(const Candidate& a, const Candidate& b, Day today) {
  const auto late = [&](const Candidate& c) {
    return static_cast<long long>((today - *c.due).count());
  };
  const long long ia = std::max(a.interval_days, 1), ib = std::max(b.interval_days, 1);
  const long long lhs = late(a) * ib, rhs = late(b) * ia;
  if (lhs != rhs) return lhs > rhs;
  return std::tie(a.due, a.deck, a.position, a.card_id) <
         std::tie(b.due, b.deck, b.position, b.card_id);
}

bool waited_longer(const Reask& a, const Reask& b) {
  return a.answers_since != b.answers_since ? a.answers_since > b.answers_since
                                            : a.card_id < b.card_id;
}

// The first due card the review limits allow, most overdue first.
const Candidate* next_review(const std::vector<Candidate>& due, const DayProgress& progress,
                             const Settings& settings, Day today) {
  const Candidate* best = nullptr;
  for (const Candidate& c : due) {
    if (reviews_left(settings, progress, c.deck_id) == 0) continue;
    if (!best || more_overdue(c, *best, today)) best = &c;
  }
  return best;
}

// The new card the new limits allow next: interleaved, from the deck that introduced the fewest
// today (ties in deck order); deck by deck, the first in deck order.
const Candidate* next_new(const std::vector<Candidate>& fresh, const DayProgress& progress,
                          const Settings& settings) {
  const Candidate* best = nullptr;
  const auto key = [&](const Candidate& c) {
    const int introduced =
        settings.new_order == NewOrder::interleaved ? used(progress.new_by_deck, c.deck_id) : 0;
    return std::make_tuple(introduced, c.deck, c.position, std::string_view(c.card_id));
  };
  for (const Candidate& c : fresh) {
    if (new_left(settings, progress, c.deck_id) == 0) continue;
    if (!best || key(c) < key(*best)) best = &c;
  }
  return best;
}

// Spread: a new card when the share of the day's new cards done is behind the share of its
// reviews done, both out of what the day holds (done + still allowed).
bool new_turn(const QueueCandidates& candidates, const DayProgress& progress,
              const Settings& settings) {
  const long long new_done = progress.new_total, reviews_done = progress.reviews_total;
  const long long new_day = new_done + std::max(settings.new_per_day - progress.new_total, 0);
  const long long reviews_day =
      reviews_done +
      std::min<long long>(std::max(settings.reviews_per_day - progress.reviews_total, 0),
                          candidates.due_count);
  return new_done * reviews_day < reviews_done * new_day;
}

}  // namespace

bool reask_ready(const Reask& reask, const QueueConfig& config) {
  return reask.answers_since >= config.reask_gap;
}

int new_left(const Settings& settings, const DayProgress& progress, std::string_view deck_id) {
  return left(settings.new_per_day, progress.new_total, settings.deck_limits(deck_id).new_per_day,
              used(progress.new_by_deck, deck_id));
}

int reviews_left(const Settings& settings, const DayProgress& progress, std::string_view deck_id) {
  return left(settings.reviews_per_day, progress.reviews_total,
              settings.deck_limits(deck_id).reviews_per_day,
              used(progress.reviews_by_deck, deck_id));
}

std::vector<std::string> decks_out_of_reviews(const Settings& settings,
                                              const DayProgress& progress) {
  std::vector<std::string> decks;
  for (const auto& [deck, limits] : settings.decks) {
    if (limits.reviews_per_day && reviews_left(settings, progress, deck) == 0)
      decks.push_back(deck);
  }
  return decks;
}

std::optional<std::string> choose_next(const QueueCandidates& candidates,
                                       const DayProgress& progress, const Settings& settings,
                                       Day today, const QueueConfig& config) {
  std::vector<Reask> reasks = candidates.reasks;
  std::sort(reasks.begin(), reasks.end(), waited_longer);
  if (!reasks.empty() && reask_ready(reasks.front(), config)) return reasks.front().card_id;

  const Candidate* review = next_review(candidates.due, progress, settings, today);
  const Candidate* fresh = next_new(candidates.fresh, progress, settings);
  if (review && fresh) {
    const bool take_new =
        config.mix == NewMix::new_first ||
        (config.mix == NewMix::spread && new_turn(candidates, progress, settings));
    return (take_new ? fresh : review)->card_id;
  }
  if (review) return review->card_id;
  if (fresh) return fresh->card_id;
  if (!reasks.empty()) return reasks.front().card_id;
  return std::nullopt;
}

std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config) {
  const Settings settings = collection.settings();
  const DayProgress progress = collection.day_progress(today);
  QueueCandidates candidates;
  candidates.reasks = collection.reasks(filter, today);
  if (settings.reviews_per_day > progress.reviews_total) {
    // The first due card of a deck whose limit allows it: the store skips the others.
    candidates.due =
        collection.due_candidates(filter, today, 1, decks_out_of_reviews(settings, progress));
    if (!candidates.due.empty() && config.mix == NewMix::spread) {
      // new_turn reads no more of it than the reviews the day still allows.
      candidates.due_count =
          collection.due_count(filter, today, settings.reviews_per_day - progress.reviews_total);
    }
  }
  if (settings.new_per_day > progress.new_total) {
    candidates.fresh = collection.new_candidates(filter, today, 1);
  }
  const std::optional<std::string> id = choose_next(candidates, progress, settings, today, config);
  if (!id) return std::nullopt;
  return collection.find_card(*id);
}

TodayCounts today_counts(const Collection& collection, const CardFilter& filter, Day today) {
  const Settings settings = collection.settings();
  const DayProgress progress = collection.day_progress(today);
  TodayCounts counts{collection.waiting_counts(filter, today),
                     collection.queue_counts(filter, today)};
  const std::string deck = filter.deck.value_or("");
  counts.left.fresh = std::min(counts.left.fresh, new_left(settings, progress, deck));
  counts.left.due = std::min(counts.left.due, reviews_left(settings, progress, deck));
  return counts;
}

QueueCounts counts_today(const Collection& collection, const CardFilter& filter, Day today) {
  return today_counts(collection, filter, today).left;
}

}  // namespace rehearse
