// rehearse with no command: what today holds, and the one command to run next.
#include <fmt/core.h>

#include <algorithm>

#include "app.hpp"
#include "clock.hpp"
#include "scheduler/sm2.hpp"

namespace rehearse::cli {
namespace {

// How many days in a row up to today (or up to yesterday, when today has no answer yet) have
// answers. REQUIRES: `days` latest first.
int streak_days(const std::vector<Day>& days, Day today) {
  if (days.empty()) return 0;
  Day expected = days.front() == today ? today : today - std::chrono::days(1);
  int streak = 0;
  for (const Day day : days) {
    if (day != expected) break;
    ++streak;
    expected = expected - std::chrono::days(1);
  }
  return streak;
}

std::string describe_streak(int streak, bool today) {
  if (streak == 0) return "Streak: 0 days; a review today starts one.";
  return fmt::format("Streak: {} day{} in a row{}.", streak, streak == 1 ? "" : "s",
                     today ? ", today included" : "; review today to keep it");
}

// DUE counts today's re-asks with the due cards here: what is still to review in each deck.
void print_decks(const std::vector<DeckCounts>& decks) {
  std::size_t width = 4;
  for (const DeckCounts& d : decks)
    width = std::max(width, d.deck.id.size());
  fmt::print("  {:<{}}  {:>5}  {:>5}\n", "DECK", width, "DUE", "NEW");
  int due = 0, fresh = 0;
  for (const DeckCounts& d : decks) {
    if (d.due + d.reask == 0 && d.new_cards == 0) continue;
    fmt::print("  {:<{}}  {:>5}  {:>5}\n", d.deck.id, width, d.due + d.reask, d.new_cards);
    due += d.due + d.reask;
    fresh += d.new_cards;
  }
  fmt::print("  {:<{}}  {:>5}  {:>5}\n", "all", width, due, fresh);
}

// "Interview: 2026-12-21, in 20 days." (the final window and the day itself said so; nothing
// once it has passed).
void print_interview(Day today, Day interview) {
  const auto left = (interview - today).count();
  if (left < 0) return;
  if (left == 0) return fmt::print("Interview: today, {}. Good luck.\n", format_day(interview));
  const bool window = today >= sm2::final_window_start(interview);
  fmt::print("Interview: {}, in {} day{}{}.\n", format_day(interview), left, left == 1 ? "" : "s",
             window ? " (the final window: every learned card comes back once)" : "");
}

}  // namespace

void run_today(Context& context) {
  const std::filesystem::path path = context.collection_path();
  if (!std::filesystem::exists(path)) {
    fmt::print("No collection at {} yet.\nNext: rehearse init && rehearse import --shipped\n",
               path.string());
    return;
  }
  Collection& collection = context.collection();
  const Day today = context.today();
  const std::vector<DeckCounts> decks = collection.deck_counts(today);
  fmt::print("Today, {}:\n", format_day(today));
  if (const std::optional<Day> interview = context.settings().interview_date) {
    print_interview(today, *interview);
  }
  if (decks.empty()) {
    fmt::print("  no decks yet.\nNext: rehearse import --shipped\n");
    return;
  }
  print_decks(decks);
  const QueueCounts left = collection.queue_counts({}, today);
  const std::vector<Day> days = collection.answer_days(today - std::chrono::days(400));
  fmt::print("{}\n",
             describe_streak(streak_days(days, today), !days.empty() && days.front() == today));
  if (left.total() > 0) {
    fmt::print("Next: rehearse review\n");
    return;
  }
  const std::optional<Day> next_due = collection.earliest_due({});
  if (next_due) {
    fmt::print("Nothing left for today. Next due: {}.\n", format_day(*next_due));
  } else {
    fmt::print("Nothing left for today.\n");
  }
}

}  // namespace rehearse::cli
