#include "import/import.hpp"

#include <fmt/core.h>

#include <unordered_map>
#include <unordered_set>

#include "model/error.hpp"
#include "model/reverse_card.hpp"

namespace rehearse {

namespace {

// Refuses files that share a deck id or a card id: importing them together is ambiguous.
// REQUIRES: batch settled.
void check_distinct(ImportBatch& batch) {
  if (batch.files() < 2) return;  // ids within one file are checked when it is read
  std::unordered_map<std::string_view, std::string_view> deck_of_card;
  std::unordered_set<std::string_view> decks;
  for (std::size_t f = 0; f < batch.files(); ++f) {
    const std::string& deck = batch.deck(f).id;
    if (!decks.insert(deck).second) {
      throw Error("deck '{}' is in two of the files; import one of them", deck);
    }
    for (std::size_t i = 0; const CardContent* card = batch.card(f, i); ++i) {
      const auto [it, added] = deck_of_card.emplace(card->id, deck);
      if (!added) {
        throw Error("card '{}' is in both deck '{}' and deck '{}'; card ids must be unique",
                    card->id, it->second, deck);
      }
    }
  }
}

// Runs `step` of an import of `batch` (opening the collection, planning, writing) under the
// import's error precedence (import.hpp): when the step throws, a wrong file, then files that
// share an id, are reported instead of what the step met. A card in two files, for one, may
// fail its second insert before the files are compared; and a collection that cannot be
// opened is the second thing to fix when a file is wrong too.
template <typename Step>
auto files_first(ImportBatch& batch, Step&& step) -> decltype(step()) {
  try {
    return step();
  } catch (...) {
    batch.settle();  // throws the first wrong file's Error
    check_distinct(batch);
    throw;
  }
}

// Refuses an import that would move cards from other decks into a file's deck, unless the
// policy allows it.
void refuse_moves(const std::vector<ImportReport>& reports, const ImportPolicy& policy) {
  if (policy.allow_moves) return;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const ImportReport& report = reports[i];
    if (report.moved.empty()) continue;
    const std::string& source = i < policy.sources.size() ? policy.sources[i] : report.deck_id;
    const std::size_t more = report.moved.size() - 1;
    throw Error(
        "{}: card {} is already in deck {}{}; nothing was imported; pass --move to move {} to "
        "deck {}",
        source, report.moved[0], report.moved_from[0],
        more == 0 ? std::string()
                  : fmt::format(" (and {} more card{} in other decks)", more, more == 1 ? "" : "s"),
        more == 0 ? "it" : "them", report.deck_id);
  }
}

// Whether the import changes cards the user already has, enough of them, in a collection that
// holds answers. Adding cards cannot harm what is there.
bool worth_a_backup(const Collection& collection, const std::vector<ImportReport>& reports) {
  std::size_t cards = 0;
  bool changes_cards = false;
  for (const ImportReport& r : reports) {
    cards += static_cast<std::size_t>(r.added + r.updated + r.unchanged);
    changes_cards = changes_cards || r.updated > 0 || r.progress_kept > 0 || r.reset > 0;
  }
  return cards >= kLargeImport && changes_cards && collection.has_reviews();
}

// What runs before the import commits: the policy's refusals, then its backup.
BeforeCommit policy_check(const Collection& collection, const ImportPolicy& policy,
                          ImportOutcome& outcome) {
  return [&collection, &policy, &outcome](const std::vector<ImportReport>& reports) {
    refuse_moves(reports, policy);
    if (policy.backup_label && worth_a_backup(collection, reports)) {
      outcome.backup = collection.backup_automatically(*policy.backup_label);
    }
  };
}

// `records` with the transition of imported answers: SM-2 under `config`, no interview cap
// (the answers were given in another program).
ImportRecords through_sm2(ImportRecords records, const sm2::Config& config) {
  records.transition = [&config](const CardState& before, Grade grade, Day day) {
    return sm2::answer(before, grade, day, config).state;
  };
  return records;
}

// The records an import under `policy` writes.
ImportRecords records_of(const ImportPolicy& policy) {
  ImportRecords records;
  records.reset_changed = policy.reset_changed;
  records.at = policy.at;
  return records;
}

}  // namespace

std::vector<ImportReport> import_decks(Collection& collection, ImportBatch& batch,
                                       const sm2::Config& config, const Progress& progress,
                                       const BeforeCommit& before_commit,
                                       const ImportRecords& records) {
  // The collection holds each card that asks both ways as two cards (model/reverse_card.hpp).
  WithReverseCards source(batch);
  return files_first(source, [&] {
    return collection.import_decks(
        source, sm2::new_card(config), progress,
        [&](const std::vector<ImportReport>& reports) {
          check_distinct(source);  // settled by now
          if (before_commit) before_commit(reports);
        },
        through_sm2(records, config));
  });
}

std::vector<ImportReport> import_decks(Collection& collection, std::span<const DeckFile> files,
                                       const sm2::Config& config, const Progress& progress,
                                       const BeforeCommit& before_commit,
                                       const ImportRecords& records) {
  ReadBatch batch(files);
  return import_decks(collection, batch, config, progress, before_commit, records);
}

std::vector<ImportReport> preview_imports(const Collection& collection, ImportBatch& batch,
                                          const ImportRecords& records) {
  WithReverseCards source(batch);
  source.settle();  // a wrong file, then files that share an id, before anything else
  check_distinct(source);
  return collection.preview_imports(source, records);
}

std::vector<ImportReport> preview_imports(const Collection& collection,
                                          std::span<const DeckFile> files,
                                          const ImportRecords& records) {
  ReadBatch batch(files);
  return preview_imports(collection, batch, records);
}

ImportOutcome import_files(Collection& collection, ImportBatch& batch, const ImportPolicy& policy,
                           const Progress& progress) {
  ImportOutcome outcome;
  outcome.reports = import_decks(collection, batch, {}, progress,
                                 policy_check(collection, policy, outcome), records_of(policy));
  return outcome;
}

Collection& open_for_import(const ImportTarget& target, ImportBatch& batch) {
  WithReverseCards source(batch);  // the ids as the collection would hold them
  // A wrong file changes nothing: opening a collection that is missing or older than this
  // rehearse creates or upgrades it, so that waits until the files are read and checked. A
  // batch that may stall is read whole before the write lock is taken, so that no other
  // rehearse waits for it.
  if (source.may_stall() || !Collection::opens_unchanged(target.path)) source.settle();
  return files_first(source, [&]() -> Collection& { return target.open(); });
}

ImportOutcome import_files(Collection& collection, std::span<const DeckFile> files,
                           const ImportPolicy& policy, const Progress& progress,
                           const ProgressByCard& kept) {
  ReadBatch batch(files, &kept);
  return import_files(collection, batch, policy, progress);
}

std::vector<ImportReport> preview_files(const Collection& collection, ImportBatch& batch,
                                        const ImportPolicy& policy) {
  std::vector<ImportReport> reports = preview_imports(collection, batch, records_of(policy));
  refuse_moves(reports, policy);
  return reports;
}

std::vector<ImportReport> preview_files(const Collection& collection,
                                        std::span<const DeckFile> files, const ImportPolicy& policy,
                                        const ProgressByCard& kept) {
  ReadBatch batch(files, &kept);
  return preview_files(collection, batch, policy);
}

OrphanRemoval remove_orphans(Collection& collection, std::span<const Orphan> orphans,
                             const Moment& at, const std::optional<std::string>& backup_label) {
  OrphanRemoval removal;
  if (orphans.empty()) return removal;
  if (backup_label) removal.backup = collection.backup_automatically(*backup_label);
  std::vector<std::string> ids;
  for (const Orphan& orphan : orphans)
    ids.push_back(orphan.card_id);
  removal.removed = collection.remove_orphans(ids, at);
  return removal;
}

}  // namespace rehearse
