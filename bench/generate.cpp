// Builds a realistic synthetic collection with rehearse's own code: decks imported through
// import_decks, and a review history produced by the SM-2 scheduler (answers on due days, a
// realistic spread of grades, same-day repeats after failures) recorded with answer_cards.
// See docs/performance.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "answer/answer.hpp"
#include "import/import.hpp"
#include "io/deck_file.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"
#include "scheduler/sm2.hpp"

namespace rehearse::bench {
namespace {

struct Options {
  std::string db;
  std::size_t cards = 100'000;
  std::size_t reviews = 2'000'000;
  std::size_t decks = 20;
  std::string today = "2026-11-25";
  unsigned seed = 42;
  std::string deck_file;
  std::size_t deck_file_cards = 100'000;
  std::string answers_file;
  std::size_t answers = 10'000;
};

// One answer of the simulated history.
struct Event {
  std::uint32_t card;
  std::int32_t day;
  std::int32_t second;
  std::uint8_t grade;
};

// Grades as a steady learner gives them: mostly 4s and 5s, about one lapse in eight.
Grade draw_grade(std::mt19937& random) {
  static const std::discrete_distribution<int> grades({2, 4, 6, 15, 43, 30});
  auto distribution = grades;
  return Grade::from_int(distribution(random));
}

std::string card_text(std::mt19937& random, std::size_t words) {
  static const char* kWords[] = {"customer", "latency",  "team",    "ownership", "metric",
                                 "roadmap",  "outage",   "hire",    "trade-off", "budget",
                                 "design",   "capacity", "service", "partner",   "launch"};
  std::string text;
  for (std::size_t i = 0; i < words; ++i) {
    text += (i == 0 ? "" : (i % 12 == 0 ? "\n- " : " "));
    text += kWords[random() % std::size(kWords)];
  }
  return text;
}

DeckFile make_deck(std::size_t index, std::size_t count, std::size_t first_card,
                   std::string_view prefix, std::mt19937& random) {
  DeckFile file{{fmt::format("{}-{:03}", prefix, index), fmt::format("Synthetic deck {}", index),
                 "Generated for benchmarks"},
                {}};
  for (std::size_t i = 0; i < count; ++i) {
    CardContent card{fmt::format("{}.{}", prefix, first_card + i),
                     card_text(random, 14),
                     card_text(random, 90),
                     {}};
    // Half the cards come in sibling groups of three (as a story's cards do), so that the queue
    // buries siblings on the benchmark collection too.
    if ((i / 3) % 2 == 0) card.group = fmt::format("{}.{}", file.deck.id, i / 3);
    card.tags.push_back("topic:" + file.deck.id);
    if (random() % 2)
      card.tags.push_back(std::string("round:") + std::string(rounds()[random() % 4].slug));
    for (std::size_t n = 1 + random() % 2; card.tags.size() < n + 2;) {
      std::string tag = "lp:" + std::string(principles()[random() % 16].slug);
      if (std::find(card.tags.begin(), card.tags.end(), tag) == card.tags.end())
        card.tags.push_back(tag);
    }
    file.cards.push_back(std::move(card));
  }
  return file;
}

std::vector<DeckFile> make_decks(const Options& options, std::mt19937& random) {
  std::vector<DeckFile> decks;
  const std::size_t per_deck = options.cards / options.decks;
  for (std::size_t d = 0; d < options.decks; ++d) {
    const std::size_t count = d + 1 == options.decks ? options.cards - per_deck * d : per_deck;
    decks.push_back(make_deck(d, count, per_deck * d, "synthetic", random));
  }
  return decks;
}

// The history of every card first seen in the `horizon` days before today.
std::vector<Event> simulate(std::size_t cards, int horizon, int today, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<Event> events;
  for (std::uint32_t card = 0; card < cards; ++card) {
    CardState state = sm2::new_card();
    // One card in twenty is still new, as in a collection that keeps growing.
    if (random() % 20 == 0) continue;
    int day = today - 1 - static_cast<int>(random() % static_cast<unsigned>(horizon));
    while (day < today) {  // today itself is left unanswered: its limits are all still free
      int second = 8 * 3600 + static_cast<int>(random() % (12 * 3600));
      Grade grade = draw_grade(random);
      events.push_back({card, day, second, static_cast<std::uint8_t>(grade.value())});
      state = sm2::answer(state, grade, Day{std::chrono::days{day}}).state;
      for (int repeat = 0; repeat < 3 && grade.value() < sm2::kReaskUntilGrade; ++repeat) {
        second += 120 + static_cast<int>(random() % 600);
        grade = Grade::from_int(random() % 4 ? 4 : 3);
        events.push_back({card, day, second, static_cast<std::uint8_t>(grade.value())});
      }
      const int delay = random() % 10 < 7 ? 0 : 1 + static_cast<int>(random() % 7);
      day = static_cast<int>(state.due->time_since_epoch().count()) + delay;
    }
  }
  return events;
}

// The horizon whose simulated history holds about `reviews` answers: more days, more history.
std::vector<Event> history(const Options& options, int today) {
  int low = 1, high = 365 * 40;
  while (low < high) {
    const int middle = (low + high) / 2;
    if (simulate(options.cards, middle, today, options.seed).size() < options.reviews) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  std::vector<Event> events = simulate(options.cards, low, today, options.seed);
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.day, a.second, a.card) < std::tie(b.day, b.second, b.card);
  });
  fmt::print(stderr, "history: {} answers over {} days\n", events.size(), low);
  return events;
}

void record(Collection& collection, const std::vector<Event>& events,
            const std::vector<std::string>& card_ids) {
  constexpr std::size_t kBatch = 20'000;
  std::vector<AnswerRecord> batch;
  for (std::size_t start = 0; start < events.size(); start += kBatch) {
    batch.clear();
    for (std::size_t i = start; i < std::min(events.size(), start + kBatch); ++i) {
      const Event& e = events[i];
      const auto instant = std::chrono::sys_time<std::chrono::milliseconds>(
          std::chrono::days{e.day} + std::chrono::seconds{e.second});
      batch.push_back({card_ids[e.card],
                       Grade::from_int(e.grade),
                       {instant, Day{std::chrono::days{e.day}}},
                       std::chrono::milliseconds(3000 + e.second % 20000),
                       {}});
    }
    answer_cards(collection, batch);
    if ((start / kBatch) % 10 == 9 || start + kBatch >= events.size()) {
      fmt::print(stderr, "answers: {}/{}\n", std::min(events.size(), start + kBatch),
                 events.size());
    }
  }
}

std::uintmax_t file_size(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto wal = std::filesystem::file_size(path + "-wal", error);
  return size + (error ? 0 : wal);
}

// A file of answers for `answer --batch`: due cards first, then cards drawn at random
// (answers ahead of time count as practice), one per line.
void write_answers(const Collection& collection, const Options& options, Day today) {
  std::ofstream out(options.answers_file);
  std::mt19937 random(options.seed + 1);
  const std::vector<Card> cards = collection.cards({});
  std::vector<const Card*> chosen;
  for (const Card& card : cards) {
    if (chosen.size() < options.answers && card.state.due && *card.state.due <= today) {
      chosen.push_back(&card);
    }
  }
  while (chosen.size() < options.answers)
    chosen.push_back(&cards[random() % cards.size()]);
  for (const Card* card : chosen)
    out << card->content.id << ' ' << draw_grade(random).value() << '\n';
  fmt::print(stderr, "{}: {} answers\n", options.answers_file, chosen.size());
}

void run(const Options& options) {
  std::mt19937 random(options.seed);
  const Day today = parse_local_date_time(options.today).day;
  if (!options.deck_file.empty()) {
    write_deck_file(make_deck(0, options.deck_file_cards, 0, "import", random), options.deck_file);
    fmt::print(stderr, "{}: {} cards\n", options.deck_file, options.deck_file_cards);
  }
  if (options.db.empty()) return;
  if (std::filesystem::exists(options.db)) throw Error("{} exists; remove it first", options.db);
  Collection collection = Collection::open(options.db);
  const std::vector<DeckFile> decks = make_decks(options, random);
  std::vector<std::string> card_ids;
  for (const DeckFile& deck : decks) {
    for (const CardContent& card : deck.cards)
      card_ids.push_back(card.id);
  }
  // Daily limits in force, for the collection and for one deck inside it (docs/performance.md).
  collection.set_setting("new-per-day", "20");
  collection.set_setting("reviews-per-day", "200");
  collection.set_setting("deck.synthetic-001.new-per-day", "5");
  collection.set_setting("deck.synthetic-001.reviews-per-day", "50");
  import_decks(collection, decks, {}, [](std::size_t done, std::size_t total) {
    if (done % 10240 == 0 || done == total) fmt::print(stderr, "\rcards: {}/{} ", done, total);
  });
  fmt::print(stderr, "\n");
  // Closing the last connection checkpoints the WAL into the file, so sizes are comparable.
  collection = Collection::open(":memory:");
  const std::uintmax_t cards_size = file_size(options.db);
  collection = Collection::open(options.db);
  record(collection, history(options, static_cast<int>(day_number(today))), card_ids);
  collection = Collection::open(":memory:");
  const std::uintmax_t total_size = file_size(options.db);
  collection = Collection::open(options.db);
  const Stats stats = collection.stats(today);
  fmt::print("{}: {} cards, {} answers; {} due today, {} new\n", options.db, stats.total,
             stats.total_reviews, stats.due_today, stats.new_cards);
  fmt::print(
      "size: {} bytes with cards only ({:.0f} bytes per card), {} bytes in all ({:.0f} "
      "bytes per answer)\n",
      cards_size, double(cards_size) / double(stats.total), total_size,
      double(total_size - cards_size) / double(std::max<std::int64_t>(stats.total_reviews, 1)));
  if (!options.answers_file.empty()) write_answers(collection, options, today);
}

}  // namespace
}  // namespace rehearse::bench

int main(int argc, char** argv) {
  rehearse::bench::Options options;
  CLI::App app{"Generates a synthetic rehearse collection for benchmarks", "rehearse-generate"};
  app.add_option("--db", options.db, "Collection to create (must not exist)");
  app.add_option("--cards", options.cards, "Cards (default 100000)");
  app.add_option("--reviews", options.reviews, "Review-log rows, about (default 2000000)");
  app.add_option("--decks", options.decks, "Decks (default 20)");
  app.add_option("--today", options.today, "The day the history ends (default 2026-11-25)");
  app.add_option("--seed", options.seed, "Random seed (default 42)");
  app.add_option("--deck-file", options.deck_file, "Also write a deck file of new cards here");
  app.add_option("--deck-file-cards", options.deck_file_cards, "Cards in it (default 100000)");
  app.add_option("--answers-file", options.answers_file,
                 "Also write answers to due cards for 'answer --batch' here");
  app.add_option("--answers", options.answers, "How many (default 10000)");
  CLI11_PARSE(app, argc, argv);
  try {
    rehearse::bench::run(options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rehearse-generate: {}\n", e.what());
    return 1;
  }
  return 0;
}
