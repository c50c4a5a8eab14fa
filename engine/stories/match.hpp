#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/story.hpp"

// The question bank meets the story bank: which of the user's stories fit a question card.
namespace rehearse {

// The stories of `stories` that fit the question card `card_id` carrying `card_tags`, as
// indices into `stories`, best first: those that name the card in `answers:`, then by how
// many of their principles the card's `lp:` tags name (more first), then those sharing a
// `round:` tag with the card, then by id. A story neither naming the card nor sharing a
// principle with it does not fit.
std::vector<std::size_t> stories_for_card(std::string_view card_id,
                                          std::span<const std::string> card_tags,
                                          std::span<const Story> stories);

}  // namespace rehearse
