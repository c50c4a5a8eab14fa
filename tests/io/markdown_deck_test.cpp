#include "io/markdown_deck.hpp"

#include <catch2/catch.hpp>

#include "io/interop_text.hpp"
#include "model/error.hpp"

using namespace rehearse;

namespace {

std::string deck_error(std::string_view text) {
  try {
    parse_markdown_deck(text, "deck.md");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

constexpr std::string_view kFrontMatter = "---\nid: sd\nname: System design\n---\n";

}  // namespace

TEST_CASE("a Markdown deck takes its deck from the front matter and a card per heading") {
  const DeckFile file = parse_markdown_deck(
      "---\nid: sd\nname: System design\ndescription: \"Basics: the words\"\n---\n"
      "# System design\n\n"
      "## What is a *two-way* door?\n"
      "id: sd.door\n"
      "tags: decisions lp:bias-for-action\n\n"
      "A decision that is **cheap** to reverse.\n\n"
      "- undo it\n- learn\n\n"
      "## What does `CAP` name?\n\n"
      "Consistency, availability, partition tolerance.\n",
      "deck.md");
  CHECK(file.deck == Deck{"sd", "System design", "Basics: the words"});
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[0] == CardContent{"sd.door",
                                     "What is a two-way door?",
                                     "A decision that is cheap to reverse.\n\n- undo it\n- learn",
                                     {"decisions", "lp:bias-for-action"}});
  CHECK(file.cards[1] == CardContent{derived_card_id("sd", "What does CAP name?"),
                                     "What does CAP name?",
                                     "Consistency, availability, partition tolerance.",
                                     {}});
}

TEST_CASE("a Markdown deck reads Q: and A: blocks with their id and tags lines") {
  const DeckFile file = parse_markdown_deck(
      std::string(kFrontMatter) +
          "\nQ: What is a two-way door?\nid: sd.door\ntags: decisions\nA: A cheap decision.\n\n"
          "Q: Two\nlines?\nA: One answer\nover two lines.\n\n1. first\n2. second\n",
      "deck.md");
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[0] ==
        CardContent{"sd.door", "What is a two-way door?", "A cheap decision.", {"decisions"}});
  CHECK(file.cards[1].front == "Two\nlines?");
  CHECK(file.cards[1].back == "One answer\nover two lines.\n\n1. first\n2. second");
  CHECK(file.cards[1].id == derived_card_id("sd", "Two\nlines?"));
}

TEST_CASE("images, entities and links in a Markdown deck become plain text") {
  const DeckFile file = parse_markdown_deck(
      std::string(kFrontMatter) + "Q: See ![a chart](chart.png) &amp; [docs](http://x)\nA: Yes\n",
      "deck.md");
  CHECK(file.cards.at(0).front == "See [image: chart.png] & docs");
}

TEST_CASE("a Markdown deck that does not fit is refused naming its line") {
  CHECK(deck_error("# no front matter\n") ==
        "deck.md:1: no front matter (the file starts with a \"---\" line, then \"id:\" and "
        "\"name:\", then \"---\")");
  CHECK(deck_error("---\nid: x\nname: X\n") ==
        "deck.md:1: the front matter is never closed by \"---\"");
  CHECK(deck_error("---\nid: x\nname: X\nauthor: me\n---\n") ==
        "deck.md:4: front matter: unknown key \"author\" (expected id, name, description)");
  CHECK(deck_error("---\nname: X\n---\n") == "deck.md:1: front matter: no \"id\"");
  CHECK(deck_error(std::string(kFrontMatter) + "\nIntro text.\n\n## Q\n\nA\n") ==
        "deck.md:6: text before the first card (start a card with \"## question\" or \"Q: "
        "question\")");
  CHECK(deck_error(std::string(kFrontMatter) + "\n## Q one\n\nA\n\n## Q two\nid: x\n") ==
        "deck.md:10: card \"Q two\" has no answer (write it below the question, or after \"A:\")");
  CHECK(
      deck_error(std::string(kFrontMatter) + "\nQ: a\nid: same\nA: b\n\nQ: c\nid: same\nA: d\n") ==
      "deck.md:10: card id \"same\" is also used on line 6");
}

TEST_CASE("a deck written as Markdown reads back to the same deck and cards") {
  const DeckFile file{
      {"d.md", "A \"deck\": with colon", "Line: two"},
      {{"c.1",
        "What is *not* emphasis?",
        "- a bullet\n1. not a list\nQ: not a card\nid: text",
        {"t1", "lp:ownership"}},
       {"c.2", "Two\nlines", "First paragraph\n\nSecond <b>html</b> & [x](y) `code` # hash", {}}}};
  const std::string text = format_markdown_deck(file);
  const DeckFile again = parse_markdown_deck(text, "d.md");
  CHECK(again.deck == file.deck);
  CHECK(again.cards == file.cards);
  CHECK(format_markdown_deck(again) == text);
}
