#include "session/queue.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>

using namespace rehearse;
using std::chrono::days;

namespace {

const Day kToday = Day{std::chrono::year{2026} / 11 / 20};

// A card due `late` days ago with interval `interval`, in deck `deck` (rowid = import order).
Candidate due(std::string id, int late, int interval, std::int64_t deck = 1,
              std::int64_t position = 0) {
  return {std::move(id), kToday - days{late}, deck, position, interval, fmt::format("d{}", deck)};
}

Candidate fresh(std::string id, std::int64_t deck, std::int64_t position) {
  return {std::move(id), std::nullopt, deck, position, 0, fmt::format("d{}", deck)};
}

std::optional<std::string> next(const QueueCandidates& candidates, const DayProgress& progress = {},
                                const Settings& settings = {}, const QueueConfig& config = {}) {
  return choose_next(candidates, progress, settings, kToday, config);
}

}  // namespace

TEST_CASE("due reviews come most overdue relative to their interval first") {
  QueueCandidates candidates;
  // 10 days late on an interval of 100 is 0.1; 2 late on 4 is 0.5; 3 late on 3 is 1.0.
  candidates.due = {due("long", 10, 100), due("half", 2, 4), due("whole", 3, 3)};
  CHECK(next(candidates) == "whole");
  candidates.due = {due("long", 10, 100), due("half", 2, 4)};
  CHECK(next(candidates) == "half");
  // Equal ratios: the earlier due day, then deck order.
  candidates.due = {due("b", 2, 2, 2), due("a", 2, 2, 1), due("c", 4, 4)};
  CHECK(next(candidates) == "c");
}

TEST_CASE("a re-ask that waited the gap comes first, one that did not comes last") {
  QueueCandidates candidates;
  candidates.reasks = {{"soon", 1}, {"ready", 3}, {"readier", 5}};
  candidates.due = {due("d", 0, 1)};
  CHECK(next(candidates) == "readier");
  candidates.reasks = {{"soon", 1}};
  CHECK(next(candidates) == "d");
  candidates.due.clear();
  CHECK(next(candidates) == "soon");
  CHECK(next({}) == std::nullopt);
}

TEST_CASE("new cards stop at the collection's limit and at a deck's own") {
  QueueCandidates candidates;
  candidates.fresh = {fresh("a.1", 1, 0), fresh("b.1", 2, 0)};
  Settings settings;
  settings.new_per_day = 3;
  DayProgress progress;
  progress.new_by_deck = {{"d1", 2}, {"d2", 1}};
  progress.new_total = 3;
  CHECK(next(candidates, progress, settings) == std::nullopt);
  settings.new_per_day = 20;
  settings.decks["d1"].new_per_day = 2;  // d1 has used its own limit, d2 has not
  CHECK(next(candidates, progress, settings) == "b.1");
  CHECK(new_left(settings, progress, "d1") == 0);
  CHECK(new_left(settings, progress, "d2") == 17);
}

TEST_CASE("reviews stop at the collection's limit and at a deck's own, re-asks never") {
  QueueCandidates candidates;
  candidates.due = {due("a", 5, 1, 1), due("b", 1, 1, 2)};
  candidates.reasks = {{"r", 0}};
  Settings settings;
  settings.reviews_per_day = 10;
  settings.decks["d1"].reviews_per_day = 4;
  DayProgress progress;
  progress.reviews_by_deck = {{"d1", 4}};
  progress.reviews_total = 4;
  CHECK(next(candidates, progress, settings) == "b");
  CHECK(decks_out_of_reviews(settings, progress) == std::vector<std::string>{"d1"});
  progress.reviews_total = 10;
  CHECK(next(candidates, progress, settings) == "r");
}

TEST_CASE("new cards are interleaved by deck, or taken deck by deck") {
  QueueCandidates candidates;
  candidates.fresh = {fresh("a.2", 1, 1), fresh("b.1", 2, 0), fresh("c.1", 3, 0)};
  DayProgress progress;
  progress.new_by_deck = {{"d1", 1}};  // a.1 was introduced today
  progress.new_total = 1;
  CHECK(next(candidates, progress) == "b.1");
  progress.new_by_deck = {{"d1", 1}, {"d2", 1}};
  progress.new_total = 2;
  CHECK(next(candidates, progress) == "c.1");
  Settings by_deck;
  by_deck.new_order = NewOrder::deck_by_deck;
  CHECK(next(candidates, progress, by_deck) == "a.2");
}

TEST_CASE("new cards are spread among the reviews, or put first or last") {
  QueueCandidates candidates;
  candidates.due = {due("r", 1, 1)};
  candidates.fresh = {fresh("n", 1, 0)};
  candidates.due_count = 100;
  Settings settings;  // 20 new, 200 reviews: of 120 cards today, one new card in six
  DayProgress progress;
  CHECK(next(candidates, progress, settings) == "r");  // nothing done: a review first
  progress.reviews_total = 1;
  CHECK(next(candidates, progress, settings) == "n");  // 1/100 of reviews, 0/20 of new
  progress.new_total = 1;
  CHECK(next(candidates, progress, settings) == "r");  // 1/20 of new is ahead of 1/100
  progress.reviews_total = 5;
  CHECK(next(candidates, progress, settings) == "r");  // 5/104 behind 1/20: still reviews
  progress.reviews_total = 6;
  CHECK(next(candidates, progress, settings) == "n");  // 6/105 passes 1/20
  CHECK(next(candidates, {}, settings, {.reask_gap = 3, .mix = NewMix::new_first}) == "n");
  progress.reviews_total = 6;
  CHECK(next(candidates, progress, settings, {.reask_gap = 3, .mix = NewMix::reviews_first}) ==
        "r");
}
