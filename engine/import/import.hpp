#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/import_batch.hpp"
#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// Import orchestration: the one pipeline every import goes through, whatever its source (deck
// files, other tools' formats, Anki packages: model/import_batch.hpp). What is imported together
// is checked together, then written in one transaction.
//
// Which problem an import reports, when several arise, is decided here and nowhere else: a
// wrong file first, then files that share an id, then what the collection said (it cannot be
// opened, a move the policy refuses, a failed backup). The user fixes the files first.
namespace rehearse {

// Imports `batch` in one transaction, writing each card as the batch hands it over; new cards
// start in SM-2's initial state. Throws Error, importing nothing, when a file turns out wrong
// or two files share a deck id or a card id.
// `before_commit` runs once everything is imported, before it is committed (collection.hpp).
// `records` resets changed cards in the same transaction and says when the records are
// written; the progress the batch carries is kept (store/reports.hpp ImportRecords), its
// answers moving the log's states through SM-2. Progress is in the batch's unit.
std::vector<ImportReport> import_decks(Collection& collection, ImportBatch& batch,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {},
                                       const ImportRecords& records = {});
// The same for deck files already read.
std::vector<ImportReport> import_decks(Collection& collection, std::span<const DeckFile> files,
                                       const sm2::Config& config = {},
                                       const Progress& progress = {},
                                       const BeforeCommit& before_commit = {},
                                       const ImportRecords& records = {});

// What import_decks would report, without writing anything (import --dry-run).
std::vector<ImportReport> preview_imports(const Collection& collection, ImportBatch& batch,
                                          const ImportRecords& records = {});
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

// The collection an import writes to, which the import opens itself: opening may create the
// collection or upgrade its schema, a change that waits until the batch is known to be right
// (open_for_import).
struct ImportTarget {
  std::filesystem::path path;         // where the collection is
  std::function<Collection&()> open;  // opens it, creating it when it is missing
};

// import_decks under `policy`. Throws Error, importing nothing, for a move the policy refuses.
// A card takes the progress the batch carries only when the collection holds no history of it
// (store/reports.hpp ImportRecords): a card answered here keeps its own, so importing the same
// batch again changes nothing.
ImportOutcome import_files(Collection& collection, ImportBatch& batch, const ImportPolicy& policy,
                           const Progress& progress = {});
// Opens the collection `target` names for an import of `batch`: at once, while the batch is
// still being read, when opening it changes nothing and the batch cannot stall
// (ImportBatch::may_stall); otherwise once the batch is read and checked. When opening throws,
// a wrong file, then files that share an id, are reported instead.
Collection& open_for_import(const ImportTarget& target, ImportBatch& batch);
// The same for deck files already read, with their cards' progress in another program
// (import --keep-scheduling).
ImportOutcome import_files(Collection& collection, std::span<const DeckFile> files,
                           const ImportPolicy& policy, const Progress& progress = {},
                           const ProgressByCard& kept = {});
// preview_imports under `policy`: refuses what import_files would refuse.
std::vector<ImportReport> preview_files(const Collection& collection, ImportBatch& batch,
                                        const ImportPolicy& policy);
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
