#include "io/deck_checks.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "model/error.hpp"
#include "model/principle.hpp"
#include "model/reverse_card.hpp"

namespace rehearse {

std::string card_label(std::size_t index, const std::string& id) {
  return id.empty() ? fmt::format("card {}", index + 1)
                    : fmt::format("card {} (\"{}\")", index + 1, id);
}

void check_card(const CardContent& card, const CardLines& lines, bool seen_group, std::size_t index,
                std::string_view source) {
  const std::string label = card_label(index, card.id);
  if (const auto problem = id_problem(card.id, 200)) {
    throw Error("{}:{}: {}: id {}", source, lines.id, label, *problem);
  }
  if (is_blank_text(card.front))
    throw Error("{}:{}: {}: \"front\" is empty", source, lines.front, label);
  if (is_blank_text(card.back))
    throw Error("{}:{}: {}: \"back\" is empty", source, lines.back, label);
  // Absent is no group; present, it follows the rules of ids.
  if (const auto problem = id_problem(card.group, 200); seen_group && problem) {
    throw Error("{}:{}: {}: \"group\" {}", source, lines.group, label, *problem);
  }
  if (card.reverse && card.id.size() > kMaxReversibleIdLength) {
    throw Error(
        "{}:{}: {}: \"reverse\" needs an id of at most {} characters (its reverse's id adds "
        "\"{}\")",
        source, lines.reverse, label, kMaxReversibleIdLength, kReverseSuffix);
  }
  for (std::size_t i = 0; i < card.tags.size(); ++i) {
    if (const std::optional<std::string> problem = tag_problem(card.tags[i])) {
      throw Error("{}:{}: {}: {}", source, lines.tags, label, *problem);
    }
    if (std::find(card.tags.begin(), card.tags.begin() + static_cast<std::ptrdiff_t>(i),
                  card.tags[i]) != card.tags.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw Error("{}:{}: {}: tag '{}' is listed twice", source, lines.tags, label, card.tags[i]);
    }
  }
}

}  // namespace rehearse
