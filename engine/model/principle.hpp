#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rehearse {

// One of Amazon's sixteen Leadership Principles. The slug is the one name every part of
// rehearse uses for it: tags (`lp:SLUG`), stories and commands.
struct Principle {
  std::string_view slug;
  std::string_view name;
};

// The sixteen principles in their canonical order.
std::span<const Principle> principles();

// The principle with this slug, or nullptr.
const Principle* find_principle(std::string_view slug);

// The principle whose slug is nearest to `text`, for "did you mean" suggestions: the first
// whose slug starts with `text`, else the nearest in edit distance (the first in canonical
// order on a tie). Never nullptr.
const Principle* nearest_principle(std::string_view text);

// A round of the interview loop (`round:SLUG` tags).
struct Round {
  std::string_view slug;
  std::string_view name;
};

// The four rounds in loop order.
std::span<const Round> rounds();

// The round with this slug, or nullptr.
const Round* find_round(std::string_view slug);

// Tags are free text except two checked namespaces: `lp:` must name a principle and `round:`
// a round. Returns what is wrong with `tag`, or nullopt when it is acceptable.
std::optional<std::string> tag_problem(std::string_view tag);

}  // namespace rehearse
