#include "plan/pacing.hpp"

namespace rehearse::plan {
namespace {

int ceil_div(int numerator, int denominator) {
  return (numerator + denominator - 1) / denominator;
}

// The decks to suspend, from the last, until the new cards left fit in `capacity`.
std::vector<DeckNew> decks_to_suspend(const std::vector<DeckNew>& decks, int total, int capacity) {
  std::vector<DeckNew> suspend;
  for (auto deck = decks.rbegin(); deck != decks.rend() && total > capacity; ++deck) {
    if (deck->new_cards == 0) continue;
    suspend.push_back(*deck);
    total -= deck->new_cards;
  }
  return suspend;
}

}  // namespace

Pacing pace(const std::vector<DeckNew>& decks, int limit_per_day, Day today, Day interview) {
  Pacing pacing;
  pacing.last_day = interview - std::chrono::days{kIntroduceBeforeDays};
  pacing.days = std::max(0, static_cast<int>((pacing.last_day - today).count()) + 1);
  pacing.limit_per_day = limit_per_day;
  for (const DeckNew& deck : decks)
    pacing.new_cards += deck.new_cards;
  pacing.needed_per_day =
      pacing.days == 0 ? pacing.new_cards : ceil_div(pacing.new_cards, pacing.days);
  if (!pacing.fits()) {
    pacing.to_suspend = decks_to_suspend(decks, pacing.new_cards, limit_per_day * pacing.days);
  }
  return pacing;
}

}  // namespace rehearse::plan
