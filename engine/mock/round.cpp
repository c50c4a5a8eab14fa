#include "mock/round.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace rehearse::mock {
namespace {

bool has_tag(const Card& card, std::string_view tag) {
  return std::find(card.content.tags.begin(), card.content.tags.end(), tag) !=
         card.content.tags.end();
}

std::vector<std::string> principles_of(const Card& card) {
  std::vector<std::string> slugs;
  for (const std::string& tag : card.content.tags) {
    if (tag.starts_with("lp:")) slugs.push_back(tag.substr(3));
  }
  return slugs;
}

}  // namespace

bool is_round(std::string_view round) {
  return std::find(std::begin(kRounds), std::end(kRounds), round) != std::end(kRounds);
}

bool is_round_question(const Card& card, std::string_view round) {
  const std::string round_tag = "round:" + std::string(round);
  const bool question = has_tag(card, "topic:behavioral") || has_tag(card, "topic:system-design");
  const bool head = card.content.group.empty() || card.content.group == card.content.id;
  return head && question && has_tag(card, round_tag);
}

int weakness(const Candidate& candidate) {
  if (candidate.answers == 0) return (250 - 130) / 10 + 4;
  const int ease = candidate.card.state.ease.hundredths();
  return std::max(0, (250 - ease) / 10) + 4 * candidate.lapses + 12 / (1 + candidate.answers);
}

std::vector<std::size_t> draw_questions(std::span<const Candidate> candidates, int count,
                                        std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::size_t> left(candidates.size());
  for (std::size_t i = 0; i < left.size(); ++i)
    left[i] = i;
  std::set<std::string> covered;
  std::vector<std::size_t> drawn;
  while (!left.empty() && static_cast<int>(drawn.size()) < count) {
    std::vector<std::uint64_t> weights;  // integers, so that a seed draws the same everywhere
    std::uint64_t total = 0;
    for (const std::size_t i : left) {
      const int w = 1 + weakness(candidates[i]);
      const std::vector<std::string> lps = principles_of(candidates[i].card);
      const bool new_principle = std::any_of(
          lps.begin(), lps.end(), [&](const std::string& lp) { return !covered.contains(lp); });
      weights.push_back(static_cast<std::uint64_t>(w * w) * (new_principle || lps.empty() ? 4 : 1));
      total += weights.back();
    }
    std::uint64_t ticket = random() % total;
    std::size_t at = 0;
    while (ticket >= weights[at])
      ticket -= weights[at++];
    drawn.push_back(left[at]);
    for (const std::string& lp : principles_of(candidates[left[at]].card))
      covered.insert(lp);
    left.erase(left.begin() + static_cast<long>(at));
  }
  return drawn;
}

std::vector<PrincipleScore> principle_scores(std::span<const Asked> asked) {
  std::map<std::string, PrincipleScore> by_principle;
  for (const Asked& a : asked) {
    for (const std::string& lp : a.principles) {
      PrincipleScore& score = by_principle[lp];
      score.principle = lp;
      ++score.questions;
      score.grade_sum += a.grade;
    }
  }
  std::vector<PrincipleScore> scores;
  for (auto& [slug, score] : by_principle)
    scores.push_back(score);
  // a/qa < b/qb without fractions: a * qb < b * qa.
  std::stable_sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    const long left = static_cast<long>(a.grade_sum) * b.questions;
    const long right = static_cast<long>(b.grade_sum) * a.questions;
    if (left != right) return left < right;
    return a.questions < b.questions;
  });
  return scores;
}

}  // namespace rehearse::mock
