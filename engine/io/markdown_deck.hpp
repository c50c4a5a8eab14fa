#pragma once

#include <string>
#include <string_view>

#include "model/card.hpp"

namespace rehearse {

// Reads a Markdown deck (docs/deck-format.md, "Markdown decks"): YAML front matter between
// "---" lines with the deck's `id`, `name` and optional `description` (read with yaml-cpp),
// then cards, parsed as CommonMark with md4c. A card starts at a level-2 heading (its text is
// the question, the blocks below it the answer) or at a paragraph whose first line starts
// with "Q:" (the question runs to a line starting with "A:", which starts the answer; the
// answer runs to the next card). Lines "id: ID" and "tags: TAG TAG" right after a heading, or
// between the Q: and A: lines, give the card's id and tags; without an id line the id is
// derived_card_id of the deck id and the question. Level-1 headings are titles and are
// ignored. Text becomes plain: emphasis markers and link targets dropped, list items
// "- item" / "1. item", code kept, images "[image: src]", paragraphs separated by a blank
// line. `source` names the file in messages. Throws Error "SOURCE:LINE: ..." for missing or
// invalid front matter, text before the first card, a card without an answer, or an id used
// twice.
DeckFile parse_markdown_deck(std::string_view text, std::string_view source);

// The Markdown deck for `file`, every card in the Q:/A: form with its id and tags lines,
// Markdown's special characters escaped so that parse_markdown_deck reads the same cards back
// (lines' leading spaces are not kept).
std::string format_markdown_deck(const DeckFile& file);

}  // namespace rehearse
