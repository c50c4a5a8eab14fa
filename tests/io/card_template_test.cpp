#include "io/card_template.hpp"

#include <catch2/catch.hpp>

#include "model/error.hpp"

namespace rehearse {
namespace {

TEST_CASE("a card template reads its fields, trims the sides and takes CR LF line ends") {
  const CardContent card = parse_card_template(
      "# a comment\r\nid: x.1 \r\ntags:  lp:ownership  mine\r\nfront: What is\r\nthe "
      "question?\r\n\r\nback:\r\n\r\n  The answer.\r\n",
      "d");
  CHECK(card ==
        CardContent{"x.1", "What is\nthe question?", "The answer.", {"lp:ownership", "mine"}});
}

TEST_CASE("a card template without an id gets one made from its deck and front") {
  const CardContent card = parse_card_template("front:\nQ\nback:\nA\n", "d");
  CHECK(card.id.starts_with("d."));
  CHECK(card.id == parse_card_template("id:\nfront: Q\nback: A", "d").id);
}

TEST_CASE("a formatted card template reads back to its card") {
  const CardContent card{
      "x.1", "Front\n# not a comment\nfront: too", "Back\nback: also", {"a", "b"}};
  CHECK(parse_card_template(format_card_template("d", "d.json", card), "d") == card);
}

TEST_CASE("a card template that is not one is refused with the line at fault") {
  CHECK_THROWS_WITH(parse_card_template("id: x\nname: y\nfront:\nQ\nback:\nA\n", "d"),
                    "line 2: expected id:, tags:, front: or back:");
  CHECK_THROWS_WITH(parse_card_template("front:\nQ\n", "d"),
                    "the card needs a front: line and a back: line below it");
  // No front: line is an empty front, which new_card_problem refuses.
  CHECK(parse_card_template("back:\nA\n", "d").front.empty());
}

TEST_CASE("a new card's problems are told in one line each") {
  CHECK_FALSE(new_card_problem({"x.1", "Q", "A", {"lp:ownership"}}));
  CHECK(new_card_problem({"x.1", " \n", "A", {}}) == "the front is empty");
  CHECK(new_card_problem({"x.1", "Q", "A\x1b[2J", {}}) ==
        "the back holds the control character U+001B, which deck files do not allow (only "
        "newlines and tabs)");
  CHECK(new_card_problem({"x.1", "Q\r", "A", {}}) ==
        "the front holds the control character U+000D, which deck files do not allow (only "
        "newlines and tabs)");
  CHECK(new_card_problem({"x.1", "Q \xc2\x9b", "A", {}}) ==
        "the front holds the control character U+009B, which deck files do not allow (only "
        "newlines and tabs)");
  CHECK(new_card_problem({"x 1", "Q", "A", {}})->starts_with("the card id "));
  CHECK(new_card_problem({"x.1", "Q", "A", {"a", "a"}}) == "tag 'a' is listed twice");
  CHECK(new_card_problem({"x.1", "Q", "A", {"lp:nope"}}) ==
        "tag 'lp:nope' names no Leadership Principle (see 'rehearse principles')");
}

}  // namespace
}  // namespace rehearse
