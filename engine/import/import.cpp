#include "import/import.hpp"

#include <unordered_map>
#include <unordered_set>

#include "model/error.hpp"

namespace rehearse {

namespace {

// Refuses files that share a deck id or a card id: importing them together is ambiguous.
// REQUIRES: source settled.
void check_distinct(DeckSource& source) {
  if (source.files() < 2) return;  // ids within one file are checked when it is read
  std::unordered_map<std::string_view, std::string_view> deck_of_card;
  std::unordered_set<std::string_view> decks;
  for (std::size_t f = 0; f < source.files(); ++f) {
    const std::string& deck = source.deck(f).id;
    if (!decks.insert(deck).second) {
      throw Error("deck '{}' is in two of the files; import one of them", deck);
    }
    for (std::size_t i = 0; const CardContent* card = source.card(f, i); ++i) {
      const auto [it, added] = deck_of_card.emplace(card->id, deck);
      if (!added) {
        throw Error("card '{}' is in both deck '{}' and deck '{}'; card ids must be unique",
                    card->id, it->second, deck);
      }
    }
  }
}

void check_distinct(std::span<const DeckFile> files) {
  ReadDecks source(files);
  check_distinct(source);
}

}  // namespace

std::vector<ImportReport> import_decks(Collection& collection, std::span<const DeckFile> files,
                                       const sm2::Config& config, const Progress& progress,
                                       const BeforeCommit& before_commit) {
  check_distinct(files);
  return collection.import_decks(files, sm2::new_card(config), progress, before_commit);
}

std::vector<ImportReport> import_decks(Collection& collection, DeckSource& source,
                                       const sm2::Config& config, const Progress& progress,
                                       const BeforeCommit& before_commit) {
  try {
    return collection.import_decks(source, sm2::new_card(config), progress,
                                   [&](const std::vector<ImportReport>& reports) {
                                     check_distinct(source);
                                     if (before_commit) before_commit(reports);
                                   });
  } catch (...) {
    // A card in two files may fail its second insert before the check above runs: the files
    // are then the problem to report. (A wrong file rethrows its own Error from here.)
    check_distinct(source);
    throw;
  }
}

std::vector<ImportReport> preview_imports(const Collection& collection,
                                          std::span<const DeckFile> files) {
  check_distinct(files);
  return collection.preview_imports(files);
}

}  // namespace rehearse
