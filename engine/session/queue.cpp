#include "session/queue.hpp"

#include <algorithm>
#include <tuple>

namespace rehearse {
namespace {

// Deck order: the decks in the order they were first imported, each in its file's order.
auto deck_order(const Candidate& c) {
  return std::tie(c.deck, c.position, c.card_id);
}

bool sooner_due(const Candidate& a, const Candidate& b) {
  return std::tie(a.due, a.deck, a.position, a.card_id) <
         std::tie(b.due, b.deck, b.position, b.card_id);
}

bool waited_longer(const Reask& a, const Reask& b) {
  return a.answers_since != b.answers_since ? a.answers_since > b.answers_since
                                            : a.card_id < b.card_id;
}

template <typename List>
void append_ids(std::vector<std::string>& ids, List& list) {
  for (auto& item : list)
    ids.push_back(std::move(item.card_id));
}

}  // namespace

bool reask_ready(const Reask& reask, const QueueConfig& config) {
  return reask.answers_since >= config.reask_gap;
}

std::vector<std::string> order_queue(QueueCandidates candidates, const QueueConfig& config) {
  std::sort(candidates.due.begin(), candidates.due.end(), sooner_due);
  std::sort(candidates.fresh.begin(), candidates.fresh.end(),
            [](const Candidate& a, const Candidate& b) { return deck_order(a) < deck_order(b); });
  std::vector<Reask>& reasks = candidates.reasks;
  std::sort(reasks.begin(), reasks.end(), waited_longer);
  // Sorted longest waiting first, the ready re-asks are a prefix.
  const auto ready_end = std::partition_point(
      reasks.begin(), reasks.end(), [&](const Reask& r) { return reask_ready(r, config); });
  std::vector<Reask> waiting(std::make_move_iterator(ready_end),
                             std::make_move_iterator(reasks.end()));
  reasks.erase(ready_end, reasks.end());

  std::vector<std::string> ids;
  ids.reserve(candidates.due.size() + candidates.fresh.size() + reasks.size() + waiting.size());
  append_ids(ids, reasks);
  append_ids(ids, candidates.due);
  append_ids(ids, candidates.fresh);
  append_ids(ids, waiting);
  return ids;
}

std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config) {
  // Only the first card is asked for: the first due and the first new candidate are enough.
  QueueCandidates candidates{collection.due_candidates(filter, today, 1),
                             collection.new_candidates(filter, 1),
                             collection.reasks(filter, today)};
  const std::vector<std::string> order = order_queue(std::move(candidates), config);
  if (order.empty()) return std::nullopt;
  return collection.find_card(order.front());
}

}  // namespace rehearse
