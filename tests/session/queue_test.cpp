#include "session/queue.hpp"

#include <catch2/catch.hpp>

using namespace rehearse;
using std::chrono::days;

namespace {

const Day kDay0 = Day{std::chrono::year{2026} / 11 / 1};

Candidate due(std::string id, int day, std::int64_t deck, std::int64_t position) {
  return {std::move(id), kDay0 + days{day}, deck, position};
}

Candidate fresh(std::string id, std::int64_t deck, std::int64_t position) {
  return {std::move(id), std::nullopt, deck, position};
}

}  // namespace

TEST_CASE("the queue orders due cards by due day, then deck order, before new cards") {
  QueueCandidates candidates;
  candidates.due = {due("late", 3, 1, 0), due("b", 1, 2, 0), due("a", 1, 1, 5)};
  candidates.fresh = {fresh("n2", 2, 0), fresh("n1", 1, 9)};
  CHECK(order_queue(candidates) == std::vector<std::string>{"a", "b", "late", "n1", "n2"});
}

TEST_CASE("a re-ask that waited the gap comes first, one that did not comes last") {
  QueueCandidates candidates;
  candidates.due = {due("d", 0, 1, 0)};
  candidates.fresh = {fresh("n", 1, 1)};
  candidates.reasks = {{"soon", 1}, {"ready", 3}, {"readier", 5}, {"also-ready", 3}};
  // Longest waiting first; equal waits by card id.
  CHECK(order_queue(candidates) ==
        std::vector<std::string>{"readier", "also-ready", "ready", "d", "n", "soon"});
  CHECK(order_queue(candidates, QueueConfig{.reask_gap = 6}) ==
        std::vector<std::string>{"d", "n", "readier", "also-ready", "ready", "soon"});
}

TEST_CASE("an empty queue orders to nothing") {
  CHECK(order_queue({}).empty());
}
