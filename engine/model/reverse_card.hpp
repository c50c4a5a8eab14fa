#pragma once

// Reverse cards: a deck file's card with "reverse": true asks both ways. The file holds one
// card; an import adds two to the collection, the card and its reverse, front and back
// swapped, siblings of one group; export folds the two back into the one card
// (docs/deck-format.md, "Reverse cards").

#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"
#include "model/import_batch.hpp"

namespace rehearse {

// What a reverse card's id adds to the id of its card.
inline constexpr std::string_view kReverseSuffix = ".reverse";

// The longest id a card asking both ways may have: its reverse's id stays a valid id.
inline constexpr std::size_t kMaxReversibleIdLength = 200 - kReverseSuffix.size();

// "ID.reverse": the id of the reverse of card `card_id`.
std::string reverse_id(std::string_view card_id);

// The id of the card whose reverse has id `id`, if `id` ends with kReverseSuffix.
std::optional<std::string_view> card_of_reverse(std::string_view id);

// The two cards the collection holds for `card`, which asks both ways: the card itself and its
// reverse (id reverse_id, front and back swapped, the same tags), both in the card's group, or
// when it has none in a group named by the card's id. Neither has `reverse` set.
// REQUIRES: card.reverse.
CardContent forward_card(const CardContent& card);
CardContent reverse_card(const CardContent& card);

// `cards` as the collection holds them: each card that asks both ways followed by its reverse.
std::vector<CardContent> with_reverse_cards(std::span<const CardContent> cards);

// The deck files as the collection holds them (with_reverse_cards on each); the same files,
// copied, when no card asks both ways.
std::vector<DeckFile> with_reverse_cards(std::span<const DeckFile> files);

// Deck cards as the collection holds them, back in the deck file's form: a card directly
// followed by what forward_card and reverse_card make of it becomes that one card with
// `reverse` set. Inverse of with_reverse_cards; every other card stays as it is.
std::vector<CardContent> fold_reverse_cards(std::vector<CardContent> cards);

// A deck as export_deck gives it (the collection's cards), in the deck file's form: its cards
// folded with fold_reverse_cards, so that importing the file gives the same cards again.
DeckFile folded_deck_file(DeckFile exported);

// A batch handing out each file's cards as with_reverse_cards gives them, read from `source`
// as they come: an import writes the reverse cards with the others. A reverse card carries no
// progress of its own.
class WithReverseCards final : public ImportBatch {
 public:
  explicit WithReverseCards(ImportBatch& source);

  std::size_t files() const override { return source_.files(); }
  const Deck& deck(std::size_t file) override { return source_.deck(file); }
  std::filesystem::path source(std::size_t file) const override { return source_.source(file); }
  const CardContent* card(std::size_t file, std::size_t index) override;
  const CardProgress* progress(std::string_view card_id) const override {
    return source_.progress(card_id);
  }
  void settle() override { source_.settle(); }
  bool may_stall() const override { return source_.may_stall(); }
  std::size_t size() const override { return source_.size(); }
  std::size_t reached(std::size_t file, std::size_t index) override;

 private:
  // One file's cards as handed out so far: `source_`'s own, and the two made of each card
  // that asks both ways (in a deque: growing it never moves the earlier ones).
  struct Expanded {
    std::vector<const CardContent*> cards;
    std::deque<CardContent> made;
    std::vector<std::size_t> from;  // the index in `source_` of each card's card
    bool done = false;              // `source_` has no more cards in the file
  };

  ImportBatch& source_;
  std::vector<Expanded> files_;
};

}  // namespace rehearse
