#include "stories/match.hpp"

#include <algorithm>
#include <tuple>

namespace rehearse {
namespace {

bool has(std::span<const std::string> values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

struct Fit {
  bool answers = false;
  std::size_t shared_principles = 0;
  bool same_round = false;
};

Fit fit_of(const Story& story, std::string_view card_id, std::span<const std::string> card_tags) {
  Fit fit;
  fit.answers = has(story.answers, card_id);
  for (const std::string& slug : story.principles)
    fit.shared_principles += has(card_tags, "lp:" + slug) ? 1 : 0;
  for (const std::string& tag : story.tags)
    fit.same_round = fit.same_round || (tag.starts_with("round:") && has(card_tags, tag));
  return fit;
}

}  // namespace

std::vector<std::size_t> stories_for_card(std::string_view card_id,
                                          std::span<const std::string> card_tags,
                                          std::span<const Story> stories) {
  std::vector<std::pair<Fit, std::size_t>> fitting;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    const Fit fit = fit_of(stories[i], card_id, card_tags);
    if (fit.answers || fit.shared_principles > 0) fitting.emplace_back(fit, i);
  }
  std::sort(fitting.begin(), fitting.end(), [&](const auto& a, const auto& b) {
    const auto key = [&](const auto& entry) {
      const Fit& f = entry.first;
      return std::make_tuple(!f.answers, ~f.shared_principles, !f.same_round,
                             std::string_view(stories[entry.second].id));
    };
    return key(a) < key(b);
  });
  std::vector<std::size_t> order;
  for (const auto& entry : fitting)
    order.push_back(entry.second);
  return order;
}

}  // namespace rehearse
