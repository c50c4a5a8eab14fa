#include "io/card_template.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "io/deck_text.hpp"
#include "io/interop_text.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"

namespace rehearse {
namespace {

constexpr std::size_t kMaxCardIdLength = 200;

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<std::string> text_problem(std::string_view side, std::string_view text) {
  if (is_blank_text(text)) return fmt::format("the {} is empty", side);
  if (const std::optional<unsigned> code = text::refused_character(text)) {
    return fmt::format(
        "the {} holds the control character U+{:04X}, which deck files do not allow (only "
        "newlines and tabs)",
        side, *code);
  }
  return std::nullopt;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for (std::size_t at = text.find_first_not_of(" \t"); at != std::string_view::npos;
       at = text.find_first_not_of(" \t", at)) {
    const std::size_t stop = std::min(text.find_first_of(" \t", at), text.size());
    words.emplace_back(text.substr(at, stop - at));
    at = stop;
  }
  return words;
}

}  // namespace

std::string format_card_template(std::string_view deck_id, std::string_view file,
                                 const CardContent& card) {
  std::string tags;
  for (const std::string& tag : card.tags)
    tags += (tags.empty() ? "" : " ") + tag;
  return fmt::format(
      "# A new card for deck {} ({}).\n"
      "# Save to add it, or save an empty file to cancel. The id may stay empty: it is then\n"
      "# made from the front. Tags are separated by spaces (lp:SLUG, round:NAME, your own).\n"
      "# The front runs to the back: line, the back to the end; lines starting with # are\n"
      "# left out above front:.\n"
      "id: {}\n"
      "tags: {}\n"
      "front:\n{}\n"
      "back:\n{}\n",
      deck_id, file, card.id, tags, card.front, card.back);
}

CardContent parse_card_template(std::string_view text, std::string_view deck_id) {
  std::string id, tags, front, back;
  std::string* open = nullptr;  // the front or the back, once its field started
  std::size_t start = 0;
  for (int number = 1; start < text.size(); ++number) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);  // saved with CRLF line ends
    start = end + 1;
    if (open == &back || (open == &front && !line.starts_with("back:"))) {
      *open += std::string(line) + "\n";
    } else if (line.starts_with("front:") || line.starts_with("back:")) {
      open = line.starts_with("front:") ? &front : &back;
      *open = std::string(line.substr(line.find(':') + 1)) + "\n";
    } else if (line.starts_with("id:")) {
      id = trimmed(line.substr(3));
    } else if (line.starts_with("tags:")) {
      tags = line.substr(5);
    } else if (!line.starts_with("#") && !trimmed(line).empty()) {
      throw Error("line {}: expected id:, tags:, front: or back:", number);
    }
  }
  if (open != &back) throw Error("the card needs a front: line and a back: line below it");
  CardContent card{id, trimmed(front), trimmed(back), words_of(tags)};
  if (card.id.empty() && !card.front.empty()) card.id = derived_card_id(deck_id, card.front);
  return card;
}

std::optional<std::string> new_card_problem(const CardContent& card) {
  if (auto problem = text_problem("front", card.front)) return problem;
  if (auto problem = text_problem("back", card.back)) return problem;
  if (const auto problem = id_problem(card.id, kMaxCardIdLength)) {
    return fmt::format("the card id {}", *problem);
  }
  for (std::size_t i = 0; i < card.tags.size(); ++i) {
    if (std::optional<std::string> problem = tag_problem(card.tags[i])) return problem;
    if (std::find(card.tags.begin(), card.tags.begin() + static_cast<std::ptrdiff_t>(i),
                  card.tags[i]) != card.tags.begin() + static_cast<std::ptrdiff_t>(i)) {
      return fmt::format("tag '{}' is listed twice", card.tags[i]);
    }
  }
  return std::nullopt;
}

}  // namespace rehearse
