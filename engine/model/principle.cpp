#include "model/principle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

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

}  // namespace

std::span<const Principle> principles() {
  return kPrinciples;
}
const Principle* find_principle(std::string_view slug) {
  return find_by_slug(kPrinciples, slug);
}
std::span<const Round> rounds() {
  return kRounds;
}
const Round* find_round(std::string_view slug) {
  return find_by_slug(kRounds, slug);
}

std::string tag_problem(std::string_view tag) {
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
  return {};
}

}  // namespace rehearse
