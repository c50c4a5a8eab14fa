// stats, coverage: where the collection stands today.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "app.hpp"
#include "json_output.hpp"
#include "stats/coverage.hpp"

namespace rehearse::cli {
namespace {

void run_stats(Context& context, bool json) {
  const Day today = context.today();
  const Stats s = context.collection().stats(today);
  if (json) {
    fmt::print("{}\n", stats_json(s, today));
    return;
  }
  fmt::print(
      "Today, {}\n"
      "  reviews        {:>7}  ({} cards)\n"
      "  due today      {:>7}\n"
      "  due tomorrow   {:>7}\n"
      "  to repeat      {:>7}\n"
      "Cards            {:>7}\n"
      "  new            {:>7}\n"
      "  lapsed         {:>7}  (last answer failed)\n"
      "  young          {:>7}  (interval under {} days)\n"
      "  mature         {:>7}  (interval {} days or more)\n"
      "  suspended      {:>7}\n"
      "Reviews, all time {:>6}\n",
      format_day(today), s.reviews_today, s.cards_reviewed_today, s.due_today, s.due_tomorrow,
      s.reask_today, s.total, s.new_cards, s.lapsed, s.young, sm2::kMatureIntervalDays, s.mature,
      sm2::kMatureIntervalDays, s.suspended, s.total_reviews);
}

void run_coverage(Context& context, bool json) {
  const std::vector<PrincipleCoverage> coverage =
      principle_coverage(context.collection(), context.today());
  if (json) {
    fmt::print("{}\n", coverage_json(coverage));
    return;
  }
  fmt::print("{:<46} {:>6} {:>6} {:>7} {:>5}\n", "PRINCIPLE", "CARDS", "SEEN", "MATURE", "DUE");
  for (const PrincipleCoverage& p : coverage) {
    fmt::print("{:<46} {:>6} {:>6} {:>7} {:>5}\n", p.principle->name, p.counts.cards, p.counts.seen,
               p.counts.mature, p.counts.due);
  }
  // The weakest: the smallest share of cards seen, then the fewest cards.
  std::vector<PrincipleCoverage> weakest = coverage;
  std::stable_sort(weakest.begin(), weakest.end(), [](const auto& a, const auto& b) {
    const long left = static_cast<long>(a.counts.seen) * std::max(b.counts.cards, 1);
    const long right = static_cast<long>(b.counts.seen) * std::max(a.counts.cards, 1);
    return left != right ? left < right : a.counts.cards < b.counts.cards;
  });
  fmt::print("Least practised:");
  for (std::size_t i = 0; i < 3 && i < weakest.size(); ++i) {
    fmt::print("{} {} ({} of {} seen)", i == 0 ? "" : ",", weakest[i].principle->name,
               weakest[i].counts.seen, weakest[i].counts.cards);
  }
  fmt::print("\nPractise one with: rehearse review --tag lp:{}\n", weakest.front().principle->slug);
}

}  // namespace

void add_stats_commands(CLI::App& app, Context& context) {
  auto json = std::make_shared<bool>(false);
  auto* stats =
      app.add_subcommand("stats", "Reviews today, cards due today and tomorrow, cards by state");
  stats->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  stats->callback([&context, json] { run_stats(context, *json); });

  auto* coverage = app.add_subcommand(
      "coverage",
      "For each Leadership Principle: the cards that probe it (lp: tags), how many you have "
      "seen, how many are mature, how many are due; and the least practised");
  coverage->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  coverage->callback([&context, json] { run_coverage(context, *json); });
}

}  // namespace rehearse::cli
