#pragma once

#include <span>
#include <vector>

#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// Import orchestration: what is imported together is checked together, then written in one
// transaction.
namespace rehearse {

// Imports deck files' content in one transaction; new cards start in SM-2's initial state.
// Throws Error, importing nothing, when two files share a deck id or a card id.
// `before_commit` runs once everything is imported, before it is committed (collection.hpp).
std::vector<ImportReport> import_decks(Collection& collection, std::span<const DeckFile> files,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {});

// The same, writing each card as `source` hands it over (io/deck_stream.hpp reads files on a
// thread of its own): a file that turns out wrong, or two sharing an id, are refused before
// anything commits. Progress is in the source's unit.
std::vector<ImportReport> import_decks(Collection& collection, DeckSource& source,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {});

// What import_decks would report, without writing anything (import --dry-run).
std::vector<ImportReport> preview_imports(const Collection& collection,
                                          std::span<const DeckFile> files);

}  // namespace rehearse
