#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"

// Mock interview rounds (`rehearse mock`): which cards are interview questions, how a round's
// questions are drawn, and the report at its end. Pure functions over values the store gives.
namespace rehearse::mock {

// The four rounds of the loop, in loop order: the `round:` tags of the question cards.
inline constexpr std::string_view kRounds[] = {"people", "technical", "strategy", "culture"};

// Whether `round` is one of kRounds.
bool is_round(std::string_view round);

// Whether `card` is an interview question of `round`: tagged `round:ROUND`, a behavioural
// question (topic:behavioral) or a system-design prompt (topic:system-design), and the head of
// its sibling group (no group, or the group named by its own id), not a follow-up drill.
bool is_round_question(const Card& card, std::string_view round);

// A question card with what its review log says of it.
struct Candidate {
  Card card;
  int answers = 0;  // answers in its log that stand (not undone)
  int lapses = 0;   // of those, answers below 3 on a card learned before them
};

// How little is known of a candidate, 0 or more: more for a lower ease, more lapses, fewer
// answers. A card never answered counts as unknown as a card of ease 1.3 with a lapse.
int weakness(const Candidate& candidate);

// `count` of `candidates` (all of them when fewer), as indices in the order to ask them. Drawn
// at random from `seed`, each with a weight that grows with its weakness, and spread across
// principles: a candidate whose `lp:` tags are all among those already drawn weighs a quarter.
// The same seed and candidates give the same draw.
std::vector<std::size_t> draw_questions(std::span<const Candidate> candidates, int count,
                                        std::uint64_t seed);

// One question of a round as it went.
struct Asked {
  std::string card_id;
  std::vector<std::string> principles;  // the card's lp: slugs
  int seconds = 0;                      // from the question shown to the answer shown
  int grade = 0;
  std::string story;  // the story told, or empty
};

// A principle's grades over a round.
struct PrincipleScore {
  std::string principle;
  int questions = 0;
  int grade_sum = 0;
};

// The principles of `asked` by their average grade, lowest first (then by fewer questions,
// then by slug): the first are the weakest.
std::vector<PrincipleScore> principle_scores(std::span<const Asked> asked);

}  // namespace rehearse::mock
