// Deck files are written with cereal's JSON archive (the reader is io/deck_file.cpp).
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/json_escape.hpp"
#include "io/rapidjson.hpp"

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

// "group" only when the card has one, so that a file without groups exports as it always did.
void save(cereal::JSONOutputArchive& archive, const CardOut& out) {
  archive(cereal::make_nvp("id", out.card.id), cereal::make_nvp("front", out.card.front),
          cereal::make_nvp("back", out.card.back), cereal::make_nvp("tags", out.card.tags));
  if (!out.card.group.empty()) archive(cereal::make_nvp("group", out.card.group));
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

void write_deck_file(const DeckFile& file, const std::filesystem::path& path) {
  write_file_atomically(path, format_deck_file(file));
}

}  // namespace rehearse
