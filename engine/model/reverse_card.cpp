#include "model/reverse_card.hpp"

#include <algorithm>

namespace rehearse {

std::string reverse_id(std::string_view card_id) {
  std::string id(card_id);
  id += kReverseSuffix;
  return id;
}

std::optional<std::string_view> card_of_reverse(std::string_view id) {
  if (id.size() <= kReverseSuffix.size() || !id.ends_with(kReverseSuffix)) return std::nullopt;
  return id.substr(0, id.size() - kReverseSuffix.size());
}

CardContent forward_card(const CardContent& card) {
  CardContent forward = card;
  forward.reverse = false;
  if (forward.group.empty()) forward.group = card.id;
  return forward;
}

CardContent reverse_card(const CardContent& card) {
  CardContent reverse = forward_card(card);
  reverse.id = reverse_id(card.id);
  std::swap(reverse.front, reverse.back);
  return reverse;
}

std::vector<CardContent> with_reverse_cards(std::span<const CardContent> cards) {
  std::vector<CardContent> out;
  out.reserve(cards.size());
  for (const CardContent& card : cards) {
    if (card.reverse) {
      out.push_back(forward_card(card));
      out.push_back(reverse_card(card));
    } else {
      out.push_back(card);
    }
  }
  return out;
}

std::vector<DeckFile> with_reverse_cards(std::span<const DeckFile> files) {
  std::vector<DeckFile> out(files.begin(), files.end());
  for (DeckFile& file : out) {
    const auto reverses = [](const CardContent& card) { return card.reverse; };
    if (std::any_of(file.cards.begin(), file.cards.end(), reverses)) {
      file.cards = with_reverse_cards(file.cards);
    }
  }
  return out;
}

namespace {

// Whether `card` and `next` are what forward_card and reverse_card make of `card` with
// `reverse` set, in either of the groups that gives (the card's own, or one named by its id).
bool pair_of_one(const CardContent& card, const CardContent& next) {
  if (card.reverse || next.reverse || card.group.empty()) return false;
  CardContent original = card;
  original.reverse = true;
  if (original.group == original.id) original.group.clear();
  return forward_card(original) == card && reverse_card(original) == next;
}

}  // namespace

std::vector<CardContent> fold_reverse_cards(std::vector<CardContent> cards) {
  std::vector<CardContent> out;
  out.reserve(cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (i + 1 < cards.size() && pair_of_one(cards[i], cards[i + 1])) {
      CardContent& card = out.emplace_back(std::move(cards[i]));
      card.reverse = true;
      if (card.group == card.id) card.group.clear();
      ++i;
    } else {
      out.push_back(std::move(cards[i]));
    }
  }
  return out;
}

DeckFile folded_deck_file(DeckFile exported) {
  exported.cards = fold_reverse_cards(std::move(exported.cards));
  return exported;
}

WithReverseCards::WithReverseCards(ImportBatch& source) : source_(source), files_(source.files()) {}

const CardContent* WithReverseCards::card(std::size_t file, std::size_t index) {
  Expanded& expanded = files_.at(file);
  while (index >= expanded.cards.size() && !expanded.done) {
    const std::size_t next = expanded.from.empty() ? 0 : expanded.from.back() + 1;
    const CardContent* card = source_.card(file, next);
    if (!card) {
      expanded.done = true;
    } else if (card->reverse) {
      expanded.cards.push_back(&expanded.made.emplace_back(forward_card(*card)));
      expanded.cards.push_back(&expanded.made.emplace_back(reverse_card(*card)));
      expanded.from.insert(expanded.from.end(), 2, next);
    } else {
      expanded.cards.push_back(card);
      expanded.from.push_back(next);
    }
  }
  return index < expanded.cards.size() ? expanded.cards[index] : nullptr;
}

std::size_t WithReverseCards::reached(std::size_t file, std::size_t index) {
  const Expanded& expanded = files_.at(file);
  return source_.reached(file, index < expanded.from.size() ? expanded.from[index] : index);
}

}  // namespace rehearse
