// Deck files are written with cereal's JSON archive (the reader is io/deck_file.cpp).
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <optional>
#include <sstream>
#include <utility>

#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/json_escape.hpp"
#include "io/rapidjson.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

struct DeckOut {
  const Deck& deck;
};

struct CardOut {
  const CardContent& card;
};

void save(cereal::JSONOutputArchive& archive, const DeckOut& out) {
  archive(cereal::make_nvp("id", out.deck.id), cereal::make_nvp("name", out.deck.name),
          cereal::make_nvp("description", out.deck.description));
}

// "group" only when the card has one and "reverse" only when it is true, so that a file without
// them exports as it always did.
void save(cereal::JSONOutputArchive& archive, const CardOut& out) {
  archive(cereal::make_nvp("id", out.card.id), cereal::make_nvp("front", out.card.front),
          cereal::make_nvp("back", out.card.back), cereal::make_nvp("tags", out.card.tags));
  if (!out.card.group.empty()) archive(cereal::make_nvp("group", out.card.group));
  if (out.card.reverse) archive(cereal::make_nvp("reverse", true));
}

}  // namespace

std::string format_deck_file(const DeckFile& file) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(
        out, cereal::JSONOutputArchive::Options(
                 324, cereal::JSONOutputArchive::Options::IndentChar::space, 2));
    std::vector<CardOut> cards;
    cards.reserve(file.cards.size());
    for (const CardContent& card : file.cards)
      cards.push_back({card});
    archive(cereal::make_nvp("format", std::string(kDeckFormat)),
            cereal::make_nvp("deck", DeckOut{file.deck}), cereal::make_nvp("cards", cards));
  }
  out << '\n';
  return escape_control_characters(std::move(out).str());
}

namespace {

// The offsets of the '[' and the ']' of the root object's "cards" array in deck file text.
std::pair<std::size_t, std::size_t> cards_array(std::string_view text) {
  int depth = 0;
  std::string_view last_string;  // the last string at the root object's level: a member name
  std::optional<std::size_t> open;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (depth == 1) last_string = text.substr(start, i - start);
    } else if (c == '{' || c == '[') {
      if (depth == 1 && c == '[' && last_string == "cards") open = i;
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
      if (depth == 1 && c == ']' && open) return {*open, i};
    }
  }
  throw Error("cannot find where the deck file's \"cards\" end");
}

}  // namespace

std::string with_card_appended(std::string_view text, const CardContent& card) {
  // The card as export writes it, four spaces in: the lines between "cards": [ and its ].
  const std::string formatted = format_deck_file({{"d", "d", ""}, {card}});
  const std::size_t object = formatted.find('{', formatted.find("\"cards\": ["));
  const std::size_t from = formatted.rfind('\n', object) + 1;
  const std::size_t to = formatted.rfind('}', formatted.rfind(']')) + 1;
  const std::string card_text = formatted.substr(from, to - from);
  const auto [opening, closing] = cards_array(text);
  const std::size_t last = text.find_last_not_of(" \t\r\n", closing - 1);
  std::string result(text.substr(0, last + 1));
  if (last == opening) {
    result += "\n" + card_text + "\n  ";
    result += text.substr(closing);
  } else {
    result += ",\n" + card_text;
    result += text.substr(last + 1);
  }
  return result;
}

void write_deck_file(const DeckFile& file, const std::filesystem::path& path) {
  write_file_atomically(path, format_deck_file(file));
}

}  // namespace rehearse
