#include "stats/statistics.hpp"

#include <algorithm>

#include "model/error.hpp"
#include "scheduler/sm2.hpp"

namespace rehearse {
namespace {

// What one deck (or the whole collection) adds up from its cards and its answers of each day.
struct Tally {
  DeckStatistics figures;
  long long ease_hundredths = 0;
  long long interval_days = 0;
  int learned = 0;
  std::vector<Day> days;  // days with an answer
};

void count_card(Tally& tally, const CardFacts& card, int leech_threshold, Day today) {
  StateCounts& c = tally.figures.cards;
  const CardState& s = card.state;
  if (!card.suspended && s.due == today + std::chrono::days(1)) ++tally.figures.due_tomorrow;
  if (is_leech(s.lapses, leech_threshold)) {
    ++c.leech;
  } else if (card.suspended) {
    ++c.suspended;
  } else if (s.is_new()) {
    ++c.fresh;
  } else if (s.repetitions == 0) {
    ++(s.lapses > 0 ? c.lapsed : c.learning);
  } else {
    ++(sm2::is_mature(s) ? c.mature : c.young);
    tally.ease_hundredths += s.ease.hundredths();
    tally.interval_days += s.interval_days;
    ++tally.learned;
  }
}

void count_day(Tally& tally, const AnswerDay& day, Day today) {
  DeckStatistics& f = tally.figures;
  f.total_reviews += day.answers;
  for (Activity& span : f.activity) {
    if (day.day > today - std::chrono::days(span.days)) {
      span.reviews += day.answers;
      span.time += day.time;
    }
  }
  f.young.reviews += day.young_reviews;
  f.young.passed += day.young_passed;
  f.mature.reviews += day.mature_reviews;
  f.mature.passed += day.mature_passed;
  tally.days.push_back(day.day);
}

DeckStatistics finish(Tally& tally, Day today) {
  DeckStatistics f = std::move(tally.figures);
  if (tally.learned > 0) {
    f.average_ease = static_cast<double>(tally.ease_hundredths) / 100.0 / tally.learned;
    f.average_interval = static_cast<double>(tally.interval_days) / tally.learned;
  }
  f.streaks = streaks_of(std::move(tally.days), today);
  return f;
}

Tally empty_tally(std::string deck_id, std::string name) {
  Tally tally;
  tally.figures.deck_id = std::move(deck_id);
  tally.figures.name = std::move(name);
  for (std::size_t i = 0; i < kActivitySpans.size(); ++i)
    tally.figures.activity[i].days = kActivitySpans[i];
  return tally;
}

// The whole collection: the sum of its decks (a card, and so an answer, is in one deck).
Tally sum_of(const std::vector<Tally>& decks) {
  Tally all = empty_tally("", "");
  DeckStatistics& f = all.figures;
  for (const Tally& deck : decks) {
    const DeckStatistics& d = deck.figures;
    const StateCounts& c = d.cards;
    f.cards.leech += c.leech;
    f.cards.suspended += c.suspended;
    f.cards.fresh += c.fresh;
    f.cards.learning += c.learning;
    f.cards.lapsed += c.lapsed;
    f.cards.young += c.young;
    f.cards.mature += c.mature;
    f.due_tomorrow += d.due_tomorrow;
    for (std::size_t i = 0; i < f.activity.size(); ++i) {
      f.activity[i].reviews += d.activity[i].reviews;
      f.activity[i].time += d.activity[i].time;
    }
    f.young.passed += d.young.passed;
    f.young.reviews += d.young.reviews;
    f.mature.passed += d.mature.passed;
    f.mature.reviews += d.mature.reviews;
    f.total_reviews += d.total_reviews;
    f.cards_reviewed_today += d.cards_reviewed_today;
    all.ease_hundredths += deck.ease_hundredths;
    all.interval_days += deck.interval_days;
    all.learned += deck.learned;
    all.days.insert(all.days.end(), deck.days.begin(), deck.days.end());
  }
  return all;
}

}  // namespace

std::optional<double> Retention::share() const {
  if (reviews == 0) return std::nullopt;
  return static_cast<double>(passed) / reviews;
}

Streaks streaks_of(std::vector<Day> days, Day today) {
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  Streaks streaks;
  int run = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    run = i > 0 && days[i - 1] + std::chrono::days(1) == days[i] ? run + 1 : 1;
    streaks.longest = std::max(streaks.longest, run);
  }
  streaks.today = !days.empty() && days.back() == today;
  // The run that ends on the last day counts when that day is today or yesterday.
  if (!days.empty() && (streaks.today || days.back() + std::chrono::days(1) == today)) {
    streaks.current = run;
  }
  return streaks;
}

Statistics statistics(const Collection& collection, const std::string& deck_id, Day today) {
  const std::vector<DeckCounts> decks = collection.deck_counts(today);
  std::optional<std::size_t> only;  // the deck asked for
  for (std::size_t i = 0; i < decks.size() && !deck_id.empty(); ++i) {
    if (decks[i].deck.id == deck_id) only = i;
  }
  if (!deck_id.empty() && !only) {
    throw Error("no deck '{}' in {} ('rehearse decks' lists them)", deck_id,
                collection.path().string());
  }
  std::vector<Tally> tallies;
  for (const DeckCounts& d : decks)
    tallies.push_back(empty_tally(d.deck.id, d.deck.name));
  const int leech_threshold = collection.settings().leech_threshold;
  for (const CardFacts& card : collection.card_facts())
    count_card(tallies[card.deck], card, leech_threshold, today);
  for (const AnswerDay& day : collection.answer_sums(today))
    count_day(tallies[day.deck], day, today);
  const std::vector<int> cards_today = collection.cards_answered(today);
  for (std::size_t i = 0; i < tallies.size(); ++i)
    tallies[i].figures.cards_reviewed_today = cards_today[i];
  CardFilter filter;
  if (only) filter.deck = deck_id;
  Statistics result{today, today_counts(collection, filter, today), {}, {}};
  if (only) {
    result.total = finish(tallies[*only], today);
    return result;
  }
  Tally all = sum_of(tallies);
  result.total = finish(all, today);
  for (Tally& tally : tallies)
    result.decks.push_back(finish(tally, today));
  return result;
}

}  // namespace rehearse
