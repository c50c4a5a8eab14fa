// Collection: orphans, the cards an import no longer found in their deck's file, and their
// removal as records appended to the log.
#include "store/collection_impl.hpp"

namespace rehearse::store {
namespace {

Orphan read_orphan(SQLite::Statement& row) {
  return {row.getColumn(0).getString(), row.getColumn(1).getString(), row.getColumn(2).getString(),
          row.getColumn(3).getInt(), optional_day(row.getColumn(4))};
}

// The orphan's row and tags, or nullopt when `card_id` names no orphan.
std::optional<std::pair<std::int64_t, std::vector<std::string>>> orphan_row(
    Connection& c, const std::string& card_id) {
  auto q = c.query(
      "SELECT c.id, x.tags FROM cards c JOIN card_texts x ON x.card = c.id "
      "WHERE c.slug = ? AND c.orphaned = 1");
  q->bind(1, card_id);
  if (!q->executeStep()) return std::nullopt;
  return std::pair{q->getColumn(0).getInt64(), split_tags(q->getColumn(1))};
}

// Appends the removal record of orphan `card`, then takes it out of every query: its text and
// tags go (they are not the log), its group is left, and its id is freed for a new card (a
// space is in no card id).
void remove_orphan(Connection& c, std::int64_t card, const std::vector<std::string>& tags,
                   const Moment& at, Connection::TagIds& tag_ids) {
  {
    auto record = c.query(
        "INSERT INTO removals (card, slug, deck, at_ms, day, after_review) "
        "SELECT c.id, c.slug, d.slug, ?, ?, (SELECT max(id) FROM reviews) "
        "FROM cards c JOIN decks d ON d.id = c.deck WHERE c.id = ?");
    record->bind(1, static_cast<std::int64_t>(at.instant.time_since_epoch().count()));
    record->bind(2, day_number(at.day));
    record->bind(3, card);
    record->exec();
  }
  c.unindex_tags(card, tags, tag_ids);
  auto texts = c.query("DELETE FROM card_texts WHERE card = ?");
  texts->bind(1, card);
  texts->exec();
  auto row = c.query(
      "UPDATE cards SET orphaned = 2, slug = 'removed ' || id, sibling_group = NULL WHERE id = ?");
  row->bind(1, card);
  row->exec();
}

}  // namespace

std::vector<Orphan> DecksAndCards::orphans(std::string_view deck_id) const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(
        "SELECT c.slug, d.slug, x.front, (SELECT count(*) FROM reviews r WHERE r.card = c.id "
        "AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = r.id)), c.last_answered "
        "FROM cards c JOIN decks d ON d.id = c.deck JOIN card_texts x ON x.card = c.id "
        "WHERE c.orphaned = 1 AND (:deck = '' OR d.slug = :deck) "
        "ORDER BY c.deck, c.position, c.slug");
    q->bind(":deck", std::string(deck_id));
    std::vector<Orphan> found;
    while (q->executeStep())
      found.push_back(read_orphan(*q));
    return found;
  });
}

std::size_t DecksAndCards::remove_orphans(std::span<const std::string> card_ids, const Moment& at) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      Connection::TagIds tag_ids;
      for (const std::string& id : card_ids) {
        const auto orphan = orphan_row(*impl_, id);
        if (!orphan) {
          throw Error(
              "card '{}' is not an orphan; nothing was removed ('rehearse orphans' lists them)",
              id);
        }
        remove_orphan(*impl_, orphan->first, orphan->second, at, tag_ids);
      }
      if (tag_ids.unindexed) impl_->prune_tags();
      impl_->prune_groups();
      return card_ids.size();
    });
  });
}

}  // namespace rehearse::store
