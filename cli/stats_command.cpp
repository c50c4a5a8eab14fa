// stats: where the collection stands today.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "json_output.hpp"

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
      "  young          {:>7}  (interval under 21 days)\n"
      "  mature         {:>7}  (interval 21 days or more)\n"
      "  suspended      {:>7}\n"
      "Reviews, all time {:>6}\n",
      format_day(today), s.reviews_today, s.cards_reviewed_today, s.due_today, s.due_tomorrow,
      s.reask_today, s.total, s.new_cards, s.lapsed, s.young, s.mature, s.suspended,
      s.total_reviews);
}

}  // namespace

void add_stats_commands(CLI::App& app, Context& context) {
  auto json = std::make_shared<bool>(false);
  auto* stats =
      app.add_subcommand("stats", "Reviews today, cards due today and tomorrow, cards by state");
  stats->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  stats->callback([&context, json] { run_stats(context, *json); });
}

}  // namespace rehearse::cli
