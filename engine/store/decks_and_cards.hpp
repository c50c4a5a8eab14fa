#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "model/import_batch.hpp"
#include "model/settings.hpp"
#include "store/part.hpp"
#include "store/reports.hpp"

namespace rehearse::store {

// The collection's decks and cards: reading them, importing deck files, exporting a deck.
class DecksAndCards : protected Part {
 public:
  std::optional<Deck> find_deck(std::string_view deck_id) const;
  // The file the deck was last imported from (absolute); empty when none is known or there is
  // no such deck.
  std::filesystem::path deck_source(std::string_view deck_id) const;
  // The deck's content in deck order, its orphans left out. Throws Error when there is no such
  // deck.
  DeckFile export_deck(std::string_view deck_id) const;

  std::optional<Card> find_card(std::string_view card_id) const;
  // Cards matching the filter, by deck then deck order.
  std::vector<Card> cards(const CardFilter& filter) const;
  // Whether any card carries this exact tag.
  bool has_tag(std::string_view tag) const;

  // What import_decks would report, without writing anything. Settles `batch` first.
  std::vector<ImportReport> preview_imports(ImportBatch& batch,
                                            const ImportRecords& records = {}) const;
  std::vector<ImportReport> preview_imports(std::span<const DeckFile> files,
                                            const ImportRecords& records = {}) const;
  // Adds or updates each deck and its cards by id, all in one transaction, keeping the
  // scheduling of known cards, writing each card as `batch` hands it over, possibly while the
  // files are still being read; new cards start in `new_state`. One report per file, in
  // order. `records` adds the cards' progress the batch carries and resets changed cards, in
  // the same transaction (store/reports.hpp ImportRecords). The batch is settled before
  // `before_commit` runs, so nothing commits from a file that turns out wrong. Which of
  // several problems an import reports is the import pipeline's to decide (import/import.hpp).
  // Progress is in the batch's unit.
  // REQUIRES: every file passed parse_deck_file's checks, and no deck or card id is in two files.
  std::vector<ImportReport> import_decks(ImportBatch& batch, const CardState& new_state,
                                         const Progress& progress = {},
                                         const BeforeCommit& before_commit = {},
                                         const ImportRecords& records = {});
  // The same for deck files already read.
  std::vector<ImportReport> import_decks(std::span<const DeckFile> files,
                                         const CardState& new_state, const Progress& progress = {},
                                         const BeforeCommit& before_commit = {},
                                         const ImportRecords& records = {});

  // The orphans of deck `deck_id` (every deck when empty), by deck then deck order: cards an
  // import of their deck's file no longer found there. They keep their schedule and history
  // but are neither asked nor counted; an import that lists one again puts it back.
  std::vector<Orphan> orphans(std::string_view deck_id = {}) const;
  // Removes the orphans `card_ids` in one transaction, appending a removal record for each to
  // the log (store/schema.cpp, removals): their rows and answers stay in the append-only log,
  // but no query sees them again, and an import of the same id makes a new card. Returns how
  // many were removed. Throws Error, removing nothing, for an id that is not an orphan (an
  // import may have put it back since it was listed).
  std::size_t remove_orphans(std::span<const std::string> card_ids, const Moment& at);

  // The settings the user set (`rehearse config`), by key; the rest have their defaults.
  std::vector<StoredSetting> stored_settings() const;
  // The settings in force. Throws Error when a stored value is invalid (edited by hand).
  Settings settings() const;
  // Sets `key` to `value` after check_setting (which throws for an unknown key or a bad value).
  void set_setting(std::string_view key, std::string_view value);
  // Takes back a setting: its default applies again. False when it was not set.
  bool unset_setting(std::string_view key);

  // Suspends (keeps out of every queue) or unsuspends the cards, in one transaction, and
  // returns those whose state changed. Throws Error, changing nothing, for an unknown id.
  std::vector<std::string> set_suspended(std::span<const std::string> card_ids, bool suspended);

 protected:
  using Part::Part;
};

}  // namespace rehearse::store
