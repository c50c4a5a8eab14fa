#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <random>

#include "answer/answer.hpp"
#include "check/check.hpp"
#include "import/import.hpp"
#include "session/queue.hpp"
#include "support/moments.hpp"

using namespace rehearse;
using rehearse::test::at;
using std::chrono::days;

namespace {

const Day kDay0 = Day{std::chrono::year{2026} / 11 / 1};

Collection collection_with(std::vector<std::string> ids) {
  Collection collection = Collection::open(":memory:");
  DeckFile file{{"deck", "Deck", ""}, {}};
  for (const std::string& id : ids)
    file.cards.push_back({id, id + "?", id + "!", {}});
  import_decks(collection, std::span<const DeckFile>(&file, 1));
  return collection;
}

std::string next_id(const Collection& collection, Day day, const QueueConfig& config = {}) {
  const std::optional<Card> card = next_card(collection, {}, day, config);
  return card ? card->content.id : "(none)";
}

void answer(Collection& collection, const std::string& id, int grade, Day day) {
  answer_card(collection, id, Grade::from_int(grade), at(day), {});
}

}  // namespace

TEST_CASE("with reviews first, due cards come before new ones, the most overdue first") {
  Collection collection = collection_with({"a", "b", "c"});
  answer(collection, "a", 5, kDay0);            // due day 1
  answer(collection, "b", 5, kDay0);            // due day 1
  answer(collection, "b", 5, kDay0 + days{1});  // due day 7
  const Day day7 = kDay0 + days{7};
  const QueueConfig reviews_first{.reask_gap = 3, .mix = NewMix::reviews_first};
  CHECK(next_id(collection, day7, reviews_first) == "a");  // due since day 1
  answer(collection, "a", 5, day7);
  CHECK(next_id(collection, day7, reviews_first) == "b");  // due day 7
  answer(collection, "b", 5, day7);
  CHECK(next_id(collection, day7, reviews_first) == "c");  // new
  answer(collection, "c", 5, day7);
  CHECK(next_id(collection, day7, reviews_first) == "(none)");
}

TEST_CASE("spread, a new card comes once the share of reviews done passes the share of new") {
  Collection collection = collection_with({"a", "b", "c"});
  answer(collection, "a", 5, kDay0);  // due day 1
  answer(collection, "b", 5, kDay0);  // due day 1
  const Day day1 = kDay0 + days{1};
  CHECK(next_id(collection, day1) == "a");  // nothing done yet: a review
  answer(collection, "a", 5, day1);
  CHECK(next_id(collection, day1) == "c");  // 1 of 2 reviews done, 0 of 20 new
  answer(collection, "c", 5, day1);
  CHECK(next_id(collection, day1) == "b");
}

TEST_CASE("new cards come in deck order") {
  Collection collection = collection_with({"z", "a", "m"});
  CHECK(next_id(collection, kDay0) == "z");
  answer(collection, "z", 5, kDay0);
  CHECK(next_id(collection, kDay0) == "a");
}

TEST_CASE("a failed card comes back after three other answers, and leaves once it scores 4") {
  Collection collection = collection_with({"a", "b", "c", "d", "e"});
  answer(collection, "a", 1, kDay0);
  CHECK(next_id(collection, kDay0) == "b");
  answer(collection, "b", 5, kDay0);
  CHECK(next_id(collection, kDay0) == "c");
  answer(collection, "c", 5, kDay0);
  CHECK(next_id(collection, kDay0) == "d");
  answer(collection, "d", 5, kDay0);
  CHECK(next_id(collection, kDay0) == "a");  // three answers since
  answer(collection, "a", 3, kDay0);         // still below 4: again
  CHECK(next_id(collection, kDay0) == "e");
  answer(collection, "e", 5, kDay0);
  CHECK(next_id(collection, kDay0) == "a");  // nothing else left: no need to wait
  answer(collection, "a", 4, kDay0);
  CHECK(next_id(collection, kDay0) == "(none)");
  // The repeats did not move the schedule: a lapsed on day 0, so it is due on day 1.
  CHECK(collection.find_card("a")->state.due == kDay0 + days{1});
  CHECK(collection.find_card("a")->state.repetitions == 0);
  CHECK(collection.review_log("a").size() == 3);
}

TEST_CASE("yesterday's unfinished re-asks do not carry over: the card is simply due") {
  Collection collection = collection_with({"a"});
  answer(collection, "a", 1, kDay0);
  CHECK(collection.reasks({}, kDay0 + days{1}).empty());
  CHECK(next_id(collection, kDay0 + days{1}) == "a");
  CHECK(collection.first_due({}, kDay0 + days{1})->content.id == "a");
}

TEST_CASE("a filter limits the queue to a deck or a tag") {
  Collection collection = Collection::open(":memory:");
  const std::vector<DeckFile> files{
      {{"one", "One", ""}, {{"x", "X?", "X", {"lp:ownership"}}}},
      {{"two", "Two", ""},
       {{"y", "Y?", "Y", {"lp:frugality"}}, {"z", "Z?", "Z", {"lp:ownership"}}}}};
  import_decks(collection, files);
  CHECK(next_card(collection, {.deck = "two", .tag = {}, .search = {}}, kDay0)->content.id == "y");
  CHECK(next_card(collection, {.deck = "two", .tag = "lp:ownership", .search = {}}, kDay0)
            ->content.id == "z");
  const QueueCounts counts =
      collection.queue_counts({.deck = {}, .tag = "lp:ownership", .search = {}}, kDay0);
  CHECK(counts.fresh == 2);
  CHECK(counts.due == 0);
}

TEST_CASE("replaying each card's review log gives back its stored state") {
  Collection collection = collection_with({"a", "b", "c", "d", "e", "f"});
  std::mt19937 random(7);
  Day day = kDay0;
  for (int step = 0; step < 400; ++step) {
    if (random() % 8 == 0) day += days{1 + static_cast<int>(random() % 5)};
    const std::optional<Card> card = next_card(collection, {}, day);
    if (!card) {
      day += days{1};
      continue;
    }
    answer(collection, card->content.id, static_cast<int>(random() % 6), day);
  }
  for (const Card& card : collection.cards({})) {
    INFO(card.content.id);
    CHECK(replay_card(collection, card.content.id) == card.state);
  }
}

TEST_CASE("the store's due cards come in the queue's order: most overdue relative to interval") {
  // Random answers over a few weeks leave cards due on different days with different intervals.
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i)
    ids.push_back(fmt::format("c{:02}", i));
  Collection collection = collection_with(ids);
  std::mt19937 random(11);
  Day day = kDay0;
  for (int step = 0; step < 300; ++step) {
    if (random() % 6 == 0) day += days{1 + static_cast<int>(random() % 4)};
    answer(collection, ids[random() % ids.size()], static_cast<int>(random() % 6), day);
  }
  const Day today = day + days{20};
  // A limit that cuts nothing: the store's ORDER BY orders every due card.
  const std::vector<Candidate> due = collection.due_candidates({}, today, ids.size());
  REQUIRE(due.size() > 20);
  // choose_next over due cards alone takes the most overdue by the C++ rule (more_overdue in
  // session/queue.cpp); taking its choices one by one must give the store's order back.
  Settings settings;
  settings.reviews_per_day = 1000;
  QueueCandidates candidates;
  candidates.due = due;
  std::vector<std::string> chosen;
  while (const std::optional<std::string> id =
             choose_next(candidates, {}, settings, today, QueueConfig{})) {
    chosen.push_back(*id);
    std::erase_if(candidates.due, [&](const Candidate& c) { return c.card_id == *id; });
  }
  std::vector<std::string> stored;
  for (const Candidate& c : due)
    stored.push_back(c.card_id);
  CHECK(chosen == stored);
}
