#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// Import orchestration: what is imported together is checked together, then written in one
// transaction.
namespace rehearse {

// Imports deck files' content in one transaction; new cards start in SM-2's initial state.
// Throws Error, importing nothing, when two files share a deck id or a card id.
// `before_commit` runs once everything is imported, before it is committed (collection.hpp).
// `records` adds cards' progress from another program and resets changed cards in the same
// transaction (store/reports.hpp); imported answers move the log's states through SM-2.
std::vector<ImportReport> import_decks(Collection& collection, std::span<const DeckFile> files,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {},
                                       const ImportRecords& records = {});

// The same, writing each card as `source` hands it over (io/deck_stream.hpp reads files on a
// thread of its own): a file that turns out wrong, or two sharing an id, are refused before
// anything commits. Progress is in the source's unit.
std::vector<ImportReport> import_decks(Collection& collection, DeckSource& source,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {},
                                       const ImportRecords& records = {});

// What import_decks would report, without writing anything (import --dry-run).
std::vector<ImportReport> preview_imports(const Collection& collection,
                                          std::span<const DeckFile> files,
                                          const ImportRecords& records = {});

// An import as `rehearse import` makes one: the decisions besides the cards themselves, made
// here and nowhere else, inside the import's transaction.
struct ImportPolicy {
  // What each file is called in messages, by file; the deck id when there are fewer names.
  std::vector<std::string> sources;
  // Default: false. Whether a card another deck holds may move to a file's deck; when not, an
  // import that would move one is refused whole (an id copied from another deck's file).
  bool allow_moves = false;
  // Default: none. When set, an import of kLargeImport cards or more that changes cards of a
  // collection holding answers is first backed up under this label
  // (Collection::backup_automatically), from the state before the import.
  std::optional<std::string> backup_label;
  // Default: false. Whether the files' cards flagged changed, those this import flags included,
  // start over as new (import --reset-changed): a reset record each, in the same transaction.
  bool reset_changed = false;
  // When the import's state records are written (kept progress, resets). Default: the epoch.
  Moment at{};
};

// Imports of at least this many cards are worth a backup when they change cards.
inline constexpr std::size_t kLargeImport = 1000;

struct ImportOutcome {
  std::vector<ImportReport> reports;            // one per file, in order
  std::optional<std::filesystem::path> backup;  // the backup taken before it committed
};

// import_decks under `policy`. Throws Error, importing nothing, for a move the policy refuses.
ImportOutcome import_files(Collection& collection, DeckSource& source, const ImportPolicy& policy,
                           const Progress& progress = {});
// The same for an import batch that carries, beside the decks, cards' progress in another
// program (import --keep-scheduling). A card takes its progress only when the collection holds
// no history of it (store/reports.hpp ImportRecords): a card answered here keeps its own, so
// importing the same batch again changes nothing.
ImportOutcome import_files(Collection& collection, std::span<const DeckFile> files,
                           const ImportPolicy& policy, const Progress& progress = {},
                           const ProgressByCard& kept = {});
// preview_imports under `policy`: refuses what import_files would refuse.
std::vector<ImportReport> preview_files(const Collection& collection,
                                        std::span<const DeckFile> files, const ImportPolicy& policy,
                                        const ProgressByCard& kept = {});

// What removing orphans did.
struct OrphanRemoval {
  std::size_t removed = 0;
  std::optional<std::filesystem::path> backup;  // the backup taken before anything was removed
};

// Removes `orphans` (DecksAndCards::remove_orphans) at `at`, as `rehearse orphans --delete`
// does: when `backup_label` is set, the collection is first backed up under it
// (Collection::backup_automatically). Nothing is backed up or removed when `orphans` is empty.
OrphanRemoval remove_orphans(Collection& collection, std::span<const Orphan> orphans,
                             const Moment& at,
                             const std::optional<std::string>& backup_label = std::nullopt);

}  // namespace rehearse
