// Collection: the story bank. A story's row keeps its file in export form; its cards are
// ordinary cards of deck "stories" in sibling group "story:ID".
#include "store/stories.hpp"

#include <algorithm>
#include <unordered_set>

#include "store/collection_impl.hpp"

namespace rehearse::store {
namespace {

constexpr std::string_view kStoryDeck = "stories";

std::string group_of(std::string_view story_id) {
  return "story:" + std::string(story_id);
}

StoredStory read_story(SQLite::Statement& row) {
  return {row.getColumn(0).getString(), row.getColumn(1).getString(), split_tags(row.getColumn(2)),
          split_tags(row.getColumn(3)), split_tags(row.getColumn(4)), row.getColumn(5).getString()};
}

constexpr const char* kStoryColumns =
    "SELECT slug, title, principles, tags, answers, file FROM stories ";

std::optional<StoredStory> stored_story(Connection& c, std::string_view story_id) {
  auto q = c.query(std::string(kStoryColumns) + "WHERE slug = ?");
  q->bind(1, std::string(story_id));
  if (!q->executeStep()) return std::nullopt;
  return read_story(*q);
}

void save_story(Connection& c, const StoredStory& story) {
  auto upsert = c.query(
      "INSERT INTO stories (slug, title, principles, tags, answers, file) VALUES (?, ?, ?, ?, ?, "
      "?) "
      "ON CONFLICT (slug) DO UPDATE SET title = excluded.title, principles = excluded.principles, "
      "tags = excluded.tags, answers = excluded.answers, file = excluded.file");
  upsert->bind(1, story.id);
  upsert->bind(2, story.title);
  upsert->bind(3, join_tags(story.principles));
  upsert->bind(4, join_tags(story.tags));
  upsert->bind(5, join_tags(story.answers));
  upsert->bind(6, story.file);
  upsert->exec();
}

std::int64_t story_deck(Connection& c) {
  if (const auto deck = c.deck_rowid(std::string(kStoryDeck))) return *deck;
  auto insert = c.query("INSERT INTO decks (slug, name, description) VALUES (?, ?, ?)");
  insert->bind(1, std::string(kStoryDeck));
  insert->bind(2, "My stories");
  insert->bind(3, "Cards generated from your STAR stories (rehearse story import)");
  insert->exec();
  return c.db.getLastInsertRowid();
}

std::int64_t next_position(Connection& c, std::int64_t deck) {
  auto q = c.query("SELECT coalesce(max(position) + 1, 0) FROM cards WHERE deck = ?");
  q->bind(1, deck);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

// A card the story no longer generates retires: suspended and out of the story's group, so
// that a card the user suspended (still in the group) is told apart from a retired one.
void retire(Connection& c, std::int64_t card, Connection::TagIds& tag_ids) {
  auto update = c.query("UPDATE cards SET suspended = 1, sibling_group = NULL WHERE id = ?");
  update->bind(1, card);
  update->exec();
  tag_ids.regrouped = true;
}

void bring_back(Connection& c, std::int64_t card) {
  auto update = c.query("UPDATE cards SET suspended = 0 WHERE id = ?");
  update->bind(1, card);
  update->exec();
}

// The cards of a story's group (suspended ones included), by card id.
std::vector<std::pair<std::string, std::int64_t>> group_cards(Connection& c,
                                                              std::string_view story_id) {
  auto q = c.query(
      "SELECT c.slug, c.id FROM cards c JOIN sibling_groups g ON g.id = c.sibling_group "
      "WHERE g.name = ? ORDER BY c.position");
  q->bind(1, group_of(story_id));
  std::vector<std::pair<std::string, std::int64_t>> cards;
  while (q->executeStep())
    cards.emplace_back(q->getColumn(0).getString(), q->getColumn(1).getInt64());
  return cards;
}

bool is_suspended(Connection& c, std::int64_t card) {
  auto q = c.query("SELECT suspended FROM cards WHERE id = ?");
  q->bind(1, card);
  return q->executeStep() && q->getColumn(0).getInt() != 0;
}

// Writes a story's cards; true when any changed. Throws Error for a card id another deck holds.
bool write_cards(Connection& c, const StoryUpdate& update, std::int64_t deck,
                 const CardState& new_state, Connection::TagIds& tag_ids,
                 StoryImportReport& report) {
  bool changed = false;
  std::unordered_set<std::string> generated;
  for (const CardContent& content : update.cards) {
    generated.insert(content.id);
    const std::optional<Connection::Stored> stored = c.stored_card(content.id);
    if (!stored) {
      c.insert_card(content, {deck, next_position(c, deck)}, new_state, tag_ids);
      ++report.cards_added;
      changed = true;
      continue;
    }
    if (stored->placed.deck != deck) {
      throw Error("story \"{}\" generates card \"{}\", which is a card of another deck in {}",
                  update.story.id, content.id, c.path.string());
    }
    // Out of its group: retired earlier, and generated again now.
    const bool retired = stored->content.group != content.group && is_suspended(c, stored->rowid);
    if (retired) bring_back(c, stored->rowid);
    if (stored->content == content) continue;
    if (c.update_card(*stored, content, stored->placed, tag_ids)) ++report.cards_changed;
    ++report.cards_updated;
    changed = true;
  }
  for (const auto& [card_id, rowid] : group_cards(c, update.story.id)) {
    if (generated.contains(card_id)) continue;
    retire(c, rowid, tag_ids);
    ++report.cards_retired;
    changed = true;
  }
  return changed;
}

StoryImportReport import_all(Connection& c, std::span<const StoryUpdate> updates,
                             const CardState& new_state) {
  StoryImportReport report;
  Connection::TagIds tag_ids;
  const std::int64_t deck = story_deck(c);
  std::unordered_set<std::string> listed;
  for (const StoryUpdate& update : updates) {
    listed.insert(update.story.id);
    const std::optional<StoredStory> before = stored_story(c, update.story.id);
    if (before != update.story) save_story(c, update.story);
    const bool cards_changed = write_cards(c, update, deck, new_state, tag_ids, report);
    if (!before) {
      report.added.push_back(update.story.id);
    } else if (*before != update.story || cards_changed) {
      report.updated.push_back(update.story.id);
    } else {
      report.unchanged.push_back(update.story.id);
    }
  }
  auto all = c.query("SELECT slug FROM stories ORDER BY slug");
  while (all->executeStep()) {
    std::string id = all->getColumn(0).getString();
    if (!listed.contains(id)) report.not_listed.push_back(std::move(id));
  }
  if (tag_ids.unindexed) c.prune_tags();
  if (tag_ids.regrouped) c.prune_groups();
  return report;
}

}  // namespace

StoryImportReport Stories::import_stories(std::span<const StoryUpdate> stories,
                                          const CardState& new_state) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] { return import_all(*impl_, stories, new_state); });
  });
}

std::vector<StoredStory> Stories::stories() const {
  return guarded(impl_->path, [&] {
    auto q = impl_->query(std::string(kStoryColumns) + "ORDER BY slug");
    std::vector<StoredStory> out;
    while (q->executeStep())
      out.push_back(read_story(*q));
    return out;
  });
}

std::optional<StoredStory> Stories::find_story(std::string_view story_id) const {
  return guarded(impl_->path, [&] { return stored_story(*impl_, story_id); });
}

int Stories::remove_story(std::string_view story_id) {
  return guarded(impl_->path, [&] {
    return impl_->write([&] {
      if (!stored_story(*impl_, story_id)) {
        throw Error("no story '{}' in {} ('rehearse story list' lists them)", story_id,
                    impl_->path.string());
      }
      int retired = 0;
      Connection::TagIds tag_ids;
      for (const auto& card : group_cards(*impl_, story_id)) {
        retire(*impl_, card.second, tag_ids);
        ++retired;
      }
      impl_->prune_groups();
      auto remove = impl_->query("DELETE FROM stories WHERE slug = ?");
      remove->bind(1, std::string(story_id));
      remove->exec();
      return retired;
    });
  });
}

std::vector<std::string> Stories::missing_cards(std::span<const std::string> card_ids) const {
  return guarded(impl_->path, [&] {
    std::vector<std::string> missing;
    for (const std::string& id : card_ids) {
      auto q = impl_->query("SELECT 1 FROM cards WHERE slug = ?");
      q->bind(1, id);
      if (!q->executeStep()) missing.push_back(id);
    }
    return missing;
  });
}

std::vector<StoryCardCounts> Stories::story_card_counts(Day today) const {
  return guarded(impl_->path, [&] {
    // A card is known when its last answer (one not taken back by an undo) was graded 4 or
    // better and it is not overdue.
    auto q = impl_->query(
        "SELECT s.slug, count(c.id), coalesce(sum(c.due >= :today AND (SELECT r.grade FROM "
        "reviews r WHERE r.card = c.id AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = "
        "r.id) ORDER BY r.id DESC LIMIT 1) >= 4), 0) "
        "FROM stories s JOIN sibling_groups g ON g.name = 'story:' || s.slug "
        "JOIN cards c ON c.sibling_group = g.id AND c.suspended = 0 "
        "GROUP BY s.slug ORDER BY s.slug");
    q->bind(":today", day_number(today));
    std::vector<StoryCardCounts> out;
    while (q->executeStep()) {
      out.push_back(
          {q->getColumn(0).getString(), q->getColumn(1).getInt(), q->getColumn(2).getInt()});
    }
    return out;
  });
}

}  // namespace rehearse::store
