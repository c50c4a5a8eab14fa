#pragma once

// The checks of a deck file's content that its grammar cannot express: ids, blank texts,
// groups and tags, with the line of the member at fault.

#include <cstddef>
#include <string>
#include <string_view>

#include "model/card.hpp"

namespace rehearse {

// The lines of a card's members, for the checks made when the card ends.
struct CardLines {
  int start = 1;
  int id = 1;
  int front = 1;
  int back = 1;
  int tags = 1;
  int group = 1;
  int reverse = 1;
};

// "card 3" or "card 3 ("x.1")": a card as messages name it, from its index in the file.
std::string card_label(std::size_t index, const std::string& id);

// Throws Error "SOURCE:LINE: card N ("ID"): what is wrong" for the first problem of card
// `index`: an id that is not one, a blank front or back, a bad "group" (when `seen_group`),
// a tag that is wrong or listed twice, an id too long for its reverse's (when it asks both
// ways, model/reverse_card.hpp).
void check_card(const CardContent& card, const CardLines& lines, bool seen_group, std::size_t index,
                std::string_view source);

}  // namespace rehearse
