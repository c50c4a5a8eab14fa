#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"
#include "store/part.hpp"

namespace rehearse {

// A story as the collection keeps it (docs/storage.md, table stories): the fields queries
// need, and the whole story file in export form (docs/stories.md), which the story parser
// reads back.
struct StoredStory {
  std::string id;
  std::string title;
  std::vector<std::string> principles;  // the primary one first
  std::vector<std::string> tags;
  std::vector<std::string> answers;
  std::string file;

  bool operator==(const StoredStory&) const = default;
};

// A story to import and the cards it generates now (stories/cards.hpp).
struct StoryUpdate {
  StoredStory story;
  std::vector<CardContent> cards;
};

// What a story import did, for the user to read. Ids in import order, `not_listed` by id.
struct StoryImportReport {
  std::vector<std::string> added;
  std::vector<std::string> updated;  // the file or the cards changed; scheduling kept
  std::vector<std::string> unchanged;
  std::vector<std::string> not_listed;  // in the collection, not in this import (kept)
  int cards_added = 0;
  int cards_updated = 0;
  int cards_changed = 0;  // of cards_updated: answered before, front or back edited (flagged)
  int cards_retired = 0;  // no longer generated: suspended, their history kept
};

// How far one story's active (not retired) cards have come on a day.
struct StoryCardCounts {
  std::string story_id;
  int cards = 0;
  int strong = 0;  // last answered 4 or better, and not overdue
};

}  // namespace rehearse

namespace rehearse::store {

// The story bank: stories, and the cards they generate, kept in step in one transaction.
// The cards of story ID are ordinary cards of deck "stories" whose sibling group is
// "story:ID".
class Stories : protected Part {
 public:
  // Adds or updates each story by id and its cards by card id, in one transaction: a card
  // that exists keeps its scheduling (and comes back if it was retired; one the user
  // suspended stays suspended), a new one starts in `new_state`, a card of the story's group
  // that the story no longer generates is retired (suspended and taken out of the group, its
  // review history kept). Creates the deck "stories" when missing. Throws Error, writing
  // nothing, when a card id is a card of another deck.
  // REQUIRES: story ids distinct; every story valid (io/story_file.hpp) and every card id of
  // `answers` a card; card ids distinct.
  StoryImportReport import_stories(std::span<const StoryUpdate> stories,
                                   const CardState& new_state);
  // Every story, by id.
  std::vector<StoredStory> stories() const;
  std::optional<StoredStory> find_story(std::string_view story_id) const;
  // Removes the story and retires its cards. Returns how many cards were retired. Throws
  // Error when there is no such story.
  int remove_story(std::string_view story_id);
  // The ids of `card_ids` that are no card of the collection, in order.
  std::vector<std::string> missing_cards(std::span<const std::string> card_ids) const;
  // For each story, its active cards and how many are known on `today`, by story id.
  std::vector<StoryCardCounts> story_card_counts(Day today) const;

 protected:
  using Part::Part;
};

}  // namespace rehearse::store
