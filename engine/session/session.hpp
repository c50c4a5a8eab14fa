#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

namespace rehearse {

// How a session orders its questions.
struct QueueConfig {
  // A card failed today comes back once this many other answers have been given since, so that
  // the answer is not still on the screen. Default: 3.
  int reask_gap = 3;
};

// The card to ask next on `today`, or nullopt when nothing is left. Order:
//   1. same-day re-asks that have waited reask_gap answers, longest waiting first;
//   2. due cards, earliest due day first, then in deck order;
//   3. new cards, in deck order;
//   4. the remaining same-day re-asks, longest waiting first.
std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config = {});

// Records an answer at `moment` through SM-2: the card's new state and its log row are written
// together, and the card is returned as it is after the answer. Throws Error when there is no
// such card.
AnsweredCard answer_card(Collection& collection, std::string_view card_id, Grade grade,
                         const Moment& moment, std::chrono::milliseconds duration,
                         const sm2::Config& config = {});

// Records answers in order in one transaction, each through SM-2 (bulk history, tools).
std::vector<LogEntry> answer_cards(Collection& collection, std::span<const AnswerRecord> answers,
                                   const sm2::Config& config = {});

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

// What `check_collection` found.
struct CheckReport {
  std::vector<std::string> integrity_problems;  // from SQLite's integrity check
  std::vector<std::string> mismatched_cards;    // stored state differs from the replayed log
  std::size_t cards_checked = 0;
  std::size_t answers_replayed = 0;
  bool ok() const { return integrity_problems.empty() && mismatched_cards.empty(); }
};

// Checks the file's integrity and that every card's stored state is what replaying its
// review log through SM-2 gives.
CheckReport check_collection(const Collection& collection, const sm2::Config& config = {},
                             const Progress& progress = {});

// What import_decks would report, without writing anything (import --dry-run).
std::vector<ImportReport> preview_imports(const Collection& collection,
                                          std::span<const DeckFile> files);

// The card's state recomputed from its review log alone. Equal to the stored state unless the
// collection was altered behind rehearse's back.
CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config = {});

}  // namespace rehearse
