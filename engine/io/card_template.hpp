#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/card.hpp"

// The text a new card is written in by `add` in the user's editor (docs/cli.md, "add"):
//
//   # comments (only above front:)
//   id: ID            (may stay empty: the id is then made from the deck and the front)
//   tags: T1 T2       (separated by blanks)
//   front:
//   the front, any number of lines, up to the back: line
//   back:
//   the back, to the end
namespace rehearse {

// The template for a card of deck `deck_id`, whose file is `file`, holding `card`'s fields (an
// empty front and back for a new card).
std::string format_card_template(std::string_view deck_id, std::string_view file,
                                 const CardContent& card);

// The card a saved template holds, front and back trimmed of blank lines and spaces around
// them, lines ending in CR LF read as LF. Throws Error "line N: expected id:, tags:, front: or
// back:" for a line above front: that is none of them, and Error when no back: line ends the
// template (a back: with no front: above it gives an empty front).
CardContent parse_card_template(std::string_view text, std::string_view deck_id);

// What stops `card` from being added to a deck file, as one line: a blank front or back, a
// control character deck files refuse (all but newline and tab), an id that is not one, a tag
// that is wrong or listed twice; nullopt when nothing does.
std::optional<std::string> new_card_problem(const CardContent& card);

}  // namespace rehearse
