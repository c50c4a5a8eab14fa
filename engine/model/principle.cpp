#include "model/principle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace rehearse {
namespace {

constexpr std::array<Principle, 16> kPrinciples{{
    {"customer-obsession", "Customer Obsession"},
    {"ownership", "Ownership"},
    {"invent-and-simplify", "Invent and Simplify"},
    {"are-right-a-lot", "Are Right, A Lot"},
    {"learn-and-be-curious", "Learn and Be Curious"},
    {"hire-and-develop-the-best", "Hire and Develop the Best"},
    {"insist-on-the-highest-standards", "Insist on the Highest Standards"},
    {"think-big", "Think Big"},
    {"bias-for-action", "Bias for Action"},
    {"frugality", "Frugality"},
    {"earn-trust", "Earn Trust"},
    {"dive-deep", "Dive Deep"},
    {"have-backbone", "Have Backbone; Disagree and Commit"},
    {"deliver-results", "Deliver Results"},
    {"strive-to-be-earths-best-employer", "Strive to be Earth's Best Employer"},
    {"success-and-scale-bring-broad-responsibility",
     "Success and Scale Bring Broad Responsibility"},
}};

constexpr std::array<Round, 4> kRounds{{
    {"people", "People and strategy (hiring manager)"},
    {"technical", "Technical architecture and design"},
    {"strategy", "Strategic and business alignment (director or VP)"},
    {"culture", "Cultural alignment and motivation"},
}};

template <typename T, std::size_t N>
const T* find_by_slug(const std::array<T, N>& all, std::string_view slug) {
  const auto it = std::find_if(all.begin(), all.end(), [&](const T& x) { return x.slug == slug; });
  return it == all.end() ? nullptr : &*it;
}

// Levenshtein distance: insertions, deletions and substitutions of bytes, one each.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

}  // namespace

std::span<const Principle> principles() {
  return kPrinciples;
}
const Principle* find_principle(std::string_view slug) {
  return find_by_slug(kPrinciples, slug);
}
const Principle* nearest_principle(std::string_view text) {
  if (!text.empty()) {  // "bias" means bias-for-action more surely than any edit does
    for (const Principle& principle : kPrinciples) {
      if (principle.slug.starts_with(text)) return &principle;
    }
  }
  const Principle* nearest = &kPrinciples[0];
  std::size_t best = edit_distance(text, nearest->slug);
  for (const Principle& principle : kPrinciples) {
    const std::size_t distance = edit_distance(text, principle.slug);
    if (distance < best) {
      best = distance;
      nearest = &principle;
    }
  }
  return nearest;
}

std::span<const Round> rounds() {
  return kRounds;
}
const Round* find_round(std::string_view slug) {
  return find_by_slug(kRounds, slug);
}

std::optional<std::string> tag_problem(std::string_view tag) {
  if (tag.empty()) return "a tag is empty";
  if (tag.size() > 100)
    return fmt::format("tag '{}...' is longer than 100 characters", tag.substr(0, 20));
  for (const char c : tag) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return fmt::format("tag '{}' contains white space", tag);
    }
  }
  if (tag.starts_with("lp:") && !find_principle(tag.substr(3))) {
    return fmt::format("tag '{}' names no Leadership Principle (see 'rehearse principles')", tag);
  }
  if (tag.starts_with("round:") && !find_round(tag.substr(6))) {
    return fmt::format(
        "tag '{}' names no round (expected round:people, round:technical, "
        "round:strategy or round:culture)",
        tag);
  }
  return std::nullopt;
}

}  // namespace rehearse
