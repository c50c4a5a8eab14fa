#include "model/reverse_card.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace rehearse;

namespace {

CardContent both_ways(const std::string& id, const std::string& group = "") {
  CardContent card{id, id + "?", id + "!", {"t"}, group};
  card.reverse = true;
  return card;
}

}  // namespace

TEST_CASE("a card asking both ways is two cards: itself and its reverse, siblings") {
  const std::vector<CardContent> cards =
      with_reverse_cards(std::vector<CardContent>{both_ways("a"), {"b", "B?", "B!", {}}});
  REQUIRE(cards.size() == 3);
  CHECK(cards[0] == CardContent{"a", "a?", "a!", {"t"}, "a"});
  CHECK(cards[1] == CardContent{"a.reverse", "a!", "a?", {"t"}, "a"});
  CHECK(cards[2] == CardContent{"b", "B?", "B!", {}});
  // A card with a group of its own keeps it, and its reverse joins it.
  const std::vector<CardContent> grouped = with_reverse_cards(std::vector{both_ways("c", "g")});
  CHECK(grouped[0].group == "g");
  CHECK(grouped[1] == CardContent{"c.reverse", "c!", "c?", {"t"}, "g"});
}

TEST_CASE("folding the collection's cards gives back the deck file's, and nothing else folds") {
  const std::vector<CardContent> file{both_ways("a"), {"b", "B?", "B!", {}}, both_ways("c", "g")};
  CHECK(fold_reverse_cards(with_reverse_cards(file)) == file);
  // A reverse not right after its card, or whose text was edited, stays a card of its own.
  std::vector<CardContent> cards = with_reverse_cards(std::vector{both_ways("a")});
  std::swap(cards[0], cards[1]);
  CHECK(fold_reverse_cards(cards) == cards);
  cards = with_reverse_cards(std::vector{both_ways("a")});
  cards[1].back = "edited";
  CHECK(fold_reverse_cards(cards) == cards);
}

TEST_CASE("a reverse's id names its card") {
  CHECK(reverse_id("lp.x") == "lp.x.reverse");
  CHECK(card_of_reverse("lp.x.reverse") == "lp.x");
  CHECK(card_of_reverse(".reverse") == std::nullopt);
  CHECK(card_of_reverse("lp.x") == std::nullopt);
}
