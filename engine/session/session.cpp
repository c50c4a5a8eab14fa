#include "session/session.hpp"

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/error.hpp"

namespace rehearse {

std::optional<Card> next_card(const Collection& collection, const CardFilter& filter, Day today,
                              const QueueConfig& config) {
  const std::vector<Reask> reasks = collection.reasks(filter, today);
  const bool reask_ready = !reasks.empty() && reasks.front().answers_since >= config.reask_gap;
  if (!reask_ready) {
    if (auto due = collection.first_due(filter, today)) return due;
    if (auto fresh = collection.first_new(filter)) return fresh;
  }
  if (reasks.empty()) return std::nullopt;
  return collection.find_card(reasks.front().card_id);
}

namespace {

// What the scheduler needs from a card's log to replay it: grades and days, in order.
std::vector<sm2::LoggedAnswer> logged_answers(const Collection& collection,
                                              std::string_view card_id) {
  std::vector<sm2::LoggedAnswer> answers;
  for (const LogEntry& entry : collection.review_log(card_id)) {
    answers.push_back({entry.grade, entry.moment.day});
  }
  return answers;
}

Collection::Transition sm2_transition(const sm2::Config& config) {
  return [&config](const CardState& before, Grade grade, Day day) {
    return sm2::answer(before, grade, day, config);
  };
}

}  // namespace

AnsweredCard answer_card(Collection& collection, std::string_view card_id, Grade grade,
                         const Moment& moment, std::chrono::milliseconds duration,
                         const sm2::Config& config) {
  return collection.record_answer({std::string(card_id), grade, moment, duration},
                                  sm2_transition(config));
}

std::vector<LogEntry> answer_cards(Collection& collection, std::span<const AnswerRecord> answers,
                                   const sm2::Config& config) {
  return collection.record_answers(answers, sm2_transition(config));
}

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

CardState replay_card(const Collection& collection, std::string_view card_id,
                      const sm2::Config& config) {
  return sm2::replay(logged_answers(collection, card_id), config);
}

CheckReport check_collection(const Collection& collection, const sm2::Config& config,
                             const Progress& progress) {
  CheckReport report;
  report.integrity_problems = collection.integrity_problems();
  if (!report.integrity_problems.empty()) return report;
  const std::vector<Card> cards = collection.cards({});
  for (const Card& card : cards) {
    const std::vector<sm2::LoggedAnswer> answers = logged_answers(collection, card.content.id);
    report.answers_replayed += answers.size();
    if (sm2::replay(answers, config) != card.state) {
      report.mismatched_cards.push_back(card.content.id);
    }
    ++report.cards_checked;
    if (progress && report.cards_checked % 1024 == 0) progress(report.cards_checked, cards.size());
  }
  if (progress) progress(cards.size(), cards.size());
  return report;
}

}  // namespace rehearse
