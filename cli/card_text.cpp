#include "card_text.hpp"

#include <fmt/core.h>

#include "scheduler/sm2.hpp"

namespace rehearse::cli {

std::string describe_state(const CardState& state) {
  if (state.is_new()) return "new";
  return fmt::format("n={}, ease {}, interval {} day{}, due {}", state.repetitions,
                     state.ease.to_string(), state.interval_days,
                     state.interval_days == 1 ? "" : "s", format_day(*state.due));
}

std::string describe_due(const CardState& state, Day today) {
  if (sm2::waiting_for_reask(state, today)) return "again later today";
  if (state.is_new()) return "new";
  const auto days = (*state.due - today).count();
  if (days <= 0) return "due now";
  if (days == 1) return fmt::format("tomorrow ({})", format_day(*state.due));
  return fmt::format("in {} days ({})", days, format_day(*state.due));
}

std::string leech_notice(const std::string& card_id, int lapses) {
  return fmt::format(
      "{0} is a leech: forgotten {1} times after being learned, so it is suspended. Rewrite it "
      "(a clearer prompt, one fact) or split it in two, import the deck again, then 'rehearse "
      "unsuspend {0}'.",
      card_id, lapses);
}

std::string orphans_notice(std::size_t count) {
  if (count == 1) return "1 card no longer in the file is an orphan (rehearse orphans)";
  return fmt::format("{} cards no longer in the file are orphans (rehearse orphans)", count);
}

}  // namespace rehearse::cli
