// The rows the statistics count (stats/statistics.hpp): every card's state, read in one
// sequential pass, and the answers added up by deck and day (answer_days, schema 16), which
// the collection keeps in the transaction of every answer, undo and card move.
#include <fmt/format.h>

#include <unordered_map>

#include "store/collection_impl.hpp"
#include "store/maintenance.hpp"

namespace rehearse::store {
namespace {

// Deck rowid -> the deck's place in import order (as deck_counts lists decks).
std::unordered_map<std::int64_t, std::size_t> deck_places(Connection& impl) {
  std::unordered_map<std::int64_t, std::size_t> places;
  auto q = impl.query("SELECT id FROM decks ORDER BY id");
  while (q->executeStep())
    places.emplace(q->getColumn(0).getInt64(), places.size());
  return places;
}

// The figures of answer_days, in its column order, recomputed from the log: what the triggers
// of schema 16 keep, and what `check` compares them with.
constexpr const char* kAnswerDaysFromLog =
    "SELECT c.deck AS deck, t.day AS day, count(*) AS answers, sum(t.fresh), sum(t.passed), "
    "sum(t.duration_ms), sum(t.young), sum(t.young AND t.passed), sum(t.mature), "
    "sum(t.mature AND t.passed) "
    "FROM answer_tallies t JOIN cards c ON c.id = t.card "
    "WHERE c.orphaned = 0 AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.review = t.review) "
    "GROUP BY c.deck, t.day";

}  // namespace

std::vector<CardFacts> Queries::card_facts() const {
  return guarded(impl_->path, [&] {
    const auto places = deck_places(*impl_);
    auto q = impl_->query(
        "SELECT id, deck, suspended, repetitions, ease, interval_days, due, lapses FROM cards "
        "WHERE orphaned = 0 ORDER BY id");
    std::vector<CardFacts> cards;
    while (q->executeStep()) {
      CardFacts card;
      card.rowid = q->getColumn(0).getInt64();
      card.deck = places.at(q->getColumn(1).getInt64());
      card.suspended = q->getColumn(2).getInt() != 0;
      card.state = read_state(*q, 3, 4);
      card.state.lapses = q->getColumn(7).getInt();
      cards.push_back(card);
    }
    return cards;
  });
}

std::vector<AnswerDay> Queries::answer_sums(Day last) const {
  return guarded(impl_->path, [&] {
    const auto places = deck_places(*impl_);
    auto q = impl_->query(
        "SELECT deck, day, answers, new_answers, passed, duration_ms, young_reviews, "
        "young_passed, mature_reviews, mature_passed FROM answer_days WHERE day <= ? "
        "ORDER BY deck, day");
    q->bind(1, day_number(last));
    std::vector<AnswerDay> days;
    while (q->executeStep()) {
      AnswerDay& d = days.emplace_back();
      d.deck = places.at(q->getColumn(0).getInt64());
      d.day = day_from_number(q->getColumn(1).getInt64());
      d.answers = q->getColumn(2).getInt();
      d.new_answers = q->getColumn(3).getInt();
      d.passed = q->getColumn(4).getInt();
      d.time = std::chrono::milliseconds(q->getColumn(5).getInt64());
      d.young_reviews = q->getColumn(6).getInt();
      d.young_passed = q->getColumn(7).getInt();
      d.mature_reviews = q->getColumn(8).getInt();
      d.mature_passed = q->getColumn(9).getInt();
    }
    return days;
  });
}

std::vector<int> Queries::cards_answered(Day day) const {
  return guarded(impl_->path, [&] {
    const auto places = deck_places(*impl_);
    std::vector<int> cards(places.size(), 0);
    auto q = impl_->query(
        "SELECT c.deck, count(DISTINCT r.card) FROM reviews r JOIN cards c ON c.id = r.card "
        "WHERE r.day = ? AND c.orphaned = 0 AND NOT EXISTS (SELECT 1 FROM undos u WHERE "
        "u.review = r.id) GROUP BY c.deck");
    q->bind(1, day_number(day));
    while (q->executeStep())
      cards.at(places.at(q->getColumn(0).getInt64())) = q->getColumn(1).getInt();
    return cards;
  });
}

std::vector<std::string> Maintenance::answer_day_problems() const {
  return guarded(impl_->path, [&] {
    // The rows kept that the log's sums do not have as they are, then the days the log has
    // and answer_days lacks.
    auto q = impl_->query(fmt::format(
        "SELECT coalesce(d.slug, k.deck), k.day, k.answers, "
        "  coalesce((SELECT l.answers FROM ({0}) l WHERE l.deck = k.deck AND l.day = k.day), 0) "
        "FROM (SELECT * FROM answer_days EXCEPT {0}) k LEFT JOIN decks d ON d.id = k.deck "
        "UNION ALL "
        "SELECT coalesce(d.slug, l.deck), l.day, 0, l.answers "
        "FROM ({0}) l LEFT JOIN decks d ON d.id = l.deck "
        "WHERE NOT EXISTS (SELECT 1 FROM answer_days k WHERE k.deck = l.deck AND k.day = l.day) "
        "ORDER BY 1, 2",
        kAnswerDaysFromLog));
    std::vector<std::string> problems;
    while (q->executeStep()) {
      const Day day = day_from_number(q->getColumn(1).getInt64());
      const int kept = q->getColumn(2).getInt();
      const int logged = q->getColumn(3).getInt();
      const std::string where =
          fmt::format("deck '{}', {}", q->getColumn(0).getString(), format_day(day));
      problems.push_back(
          kept == logged
              ? fmt::format("{}: passed, time or retention figures differ from the log", where)
              : fmt::format("{}: {} answer{} counted where the log has {}", where, kept,
                            kept == 1 ? "" : "s", logged));
    }
    return problems;
  });
}

}  // namespace rehearse::store
