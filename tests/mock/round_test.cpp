#include "mock/round.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace rehearse;
using namespace rehearse::mock;

namespace {

Card card(std::string id, std::vector<std::string> tags, std::string group = "") {
  Card c;
  c.content.id = std::move(id);
  c.content.tags = std::move(tags);
  c.content.group = std::move(group);
  return c;
}

Candidate answered(std::string id, const std::string& lp, int ease_hundredths, int answers,
                   int lapses) {
  std::string lp_tag = "lp:";
  lp_tag.append(lp);  // not "lp:" + lp, which g++ 12 misreads as an overlapping copy
  Candidate c{card(std::move(id), {"topic:behavioral", "round:people", lp_tag}), answers, lapses};
  c.card.state.ease = Ease::from_hundredths(ease_hundredths);
  return c;
}

// prefix + i, written so that g++ 12 does not misread it as an overlapping copy.
std::string numbered(const char* prefix, int i) {
  std::string text = prefix;
  text += std::to_string(i);
  return text;
}

}  // namespace

TEST_CASE("a round's questions are behavioural questions and design prompts, not their drills") {
  CHECK(is_round_question(card("q", {"topic:behavioral", "round:people", "lp:ownership"}, "q"),
                          "people"));
  CHECK(is_round_question(card("d", {"topic:system-design", "round:technical"}), "technical"));
  CHECK_FALSE(is_round_question(
      card("q.follow-up-1", {"topic:behavioral", "round:people", "lp:ownership"}, "q"), "people"));
  CHECK_FALSE(is_round_question(card("q", {"topic:behavioral", "round:people"}, "q"), "technical"));
  CHECK_FALSE(is_round_question(card("a", {"topic:questions-to-ask", "round:people"}), "people"));
  CHECK(is_round("culture"));
  CHECK_FALSE(is_round("coding"));
}

TEST_CASE("weakness grows with a lower ease, more lapses and fewer answers") {
  // (250 - ease) / 10 + 4 x lapses + 12 / (1 + answers); never answered: 12 + 4.
  CHECK(weakness(answered("a", "ownership", 250, 5, 0)) == 2);
  CHECK(weakness(answered("b", "ownership", 250, 1, 0)) == 6);
  CHECK(weakness(answered("c", "ownership", 130, 5, 3)) == 12 + 12 + 2);
  CHECK(weakness(Candidate{card("d", {}), 0, 0}) == 16);
}

TEST_CASE("a seeded draw is repeatable, never draws a card twice, and stops at the pool's size") {
  std::vector<Candidate> pool;
  for (int i = 0; i < 10; ++i)
    pool.push_back(answered(numbered("q", i), numbered("lp", i % 3), 250, 3, 0));
  const std::vector<std::size_t> first = draw_questions(pool, 5, 42);
  CHECK(first == draw_questions(pool, 5, 42));
  REQUIRE(first.size() == 5);
  CHECK(std::set<std::size_t>(first.begin(), first.end()).size() == 5);
  CHECK(draw_questions(pool, 50, 7).size() == 10);
}

TEST_CASE("over many seeds the draw picks what the user knows least far more often") {
  // Weights: (1 + weakness)^2 x 4 for a principle not yet drawn; the weak card 27^2, a
  // well-known one 3^2: it should come first in most draws.
  std::vector<Candidate> pool;
  for (int i = 0; i < 9; ++i)
    pool.push_back(answered(numbered("known", i), numbered("lp", i), 250, 5, 0));
  pool.push_back(answered("weak", "lp9", 130, 5, 3));
  int weak_first = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed)
    weak_first += draw_questions(pool, 1, seed).front() == 9 ? 1 : 0;
  // P = 729 / (729 + 9 x 9) = 0.9: out of 200, well above 150.
  CHECK(weak_first > 150);
}

TEST_CASE("the draw spreads across principles: a second card of a drawn principle weighs less") {
  // Two equal cards of ownership, one of frugality: after an ownership card, frugality weighs
  // 4 times the other ownership card.
  const std::vector<Candidate> pool{answered("o1", "ownership", 250, 5, 0),
                                    answered("o2", "ownership", 250, 5, 0),
                                    answered("f", "frugality", 250, 5, 0)};
  int frugality_second = 0;
  int ownership_first = 0;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    const std::vector<std::size_t> drawn = draw_questions(pool, 2, seed);
    if (drawn[0] == 2) continue;
    ++ownership_first;
    frugality_second += drawn[1] == 2 ? 1 : 0;
  }
  // Expected 4/5 of the draws that began with ownership.
  CHECK(frugality_second * 10 > ownership_first * 7);
}

TEST_CASE("principle scores put the lowest average grade first") {
  const std::vector<Asked> asked{{"a", {"ownership", "frugality"}, 10, 4, ""},
                                 {"b", {"ownership"}, 10, 1, ""},
                                 {"c", {"dive-deep"}, 10, 3, ""}};
  const std::vector<PrincipleScore> scores = principle_scores(asked);
  REQUIRE(scores.size() == 3);
  CHECK(scores[0].principle == "ownership");  // (4 + 1) / 2 = 2.5
  CHECK(scores[0].questions == 2);
  CHECK(scores[0].grade_sum == 5);
  CHECK(scores[1].principle == "dive-deep");  // 3
  CHECK(scores[2].principle == "frugality");  // 4
}
