// heatmap: the answers of each day over the last year as a calendar grid.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>

#include "app.hpp"
#include "heatmap.hpp"
#include "io/json_writer.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string deck;
  int weeks = 0;  // 0: as many as fit, at most 53
  bool json = false;
};

constexpr int kMostWeeks = 53;
constexpr int kLabelColumns = 4;

// The weeks asked for, or as many as fit the terminal (80 columns when unknown), at most 53.
int weeks_to_show(int asked) {
  if (asked > 0) return asked;
  const int columns = std::min(terminal_size().value_or(TerminalSize{}).columns, 80);
  return std::clamp(columns - kLabelColumns, 1, kMostWeeks);
}

// One count per day from `first` to `today`.
std::vector<int> answer_counts(const Collection& collection, const CardFilter& filter, Day first,
                               Day today) {
  std::vector<int> counts(static_cast<std::size_t>((today - first).count() + 1), 0);
  for (const auto& [day, count] : collection.answers_per_day(filter, first, today))
    counts[static_cast<std::size_t>((day - first).count())] = count;
  return counts;
}

std::string heatmap_json(const std::vector<int>& counts, Day first, Day today) {
  JsonWriter w;
  w.StartObject();
  w.Key("today");
  w.String(format_day(today));
  w.Key("first");
  w.String(format_day(first));
  w.Key("days");
  w.StartArray();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    w.StartObject();
    w.Key("day");
    w.String(format_day(first + std::chrono::days{static_cast<int>(i)}));
    w.Key("answers");
    w.Int(counts[i]);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.text();
}

void print_heatmap(const std::vector<int>& counts, Day first, Day today, int weeks,
                   const std::string& scope) {
  const bool unicode = is_terminal(stdout) && !std::getenv("NO_COLOR");
  int total = 0, days = 0;
  std::size_t busiest = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    total += counts[i];
    days += counts[i] > 0 ? 1 : 0;
    if (counts[i] > counts[busiest]) busiest = i;
  }
  fmt::print("Answers in the last {} week{} ({}): {} on {} day{}", weeks, weeks == 1 ? "" : "s",
             scope, total, days, days == 1 ? "" : "s");
  if (total > 0) {
    fmt::print(", at most {} ({})", counts[busiest],
               format_day(first + std::chrono::days{static_cast<int>(busiest)}));
  }
  fmt::print(".\n");
  for (const std::string& line : heatmap_grid(counts, today, weeks, unicode))
    fmt::print("{}\n", line);
  fmt::print("{:{}}{}\n", "", kLabelColumns, heatmap_legend(unicode));
}

void run_heatmap(Context& context, const Args& args) {
  const CardFilter filter = context.filter(args.deck, "");
  const Day today = context.today();
  const int weeks = weeks_to_show(args.weeks);
  const Day first = heatmap_first_day(today, weeks);
  const std::vector<int> counts = answer_counts(context.collection(), filter, first, today);
  if (args.json) return fmt::print("{}\n", heatmap_json(counts, first, today));
  print_heatmap(counts, first, today, weeks,
                args.deck.empty() ? "all decks" : "deck " + visible_line(args.deck));
}

}  // namespace

void add_heatmap_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* heatmap = app.add_subcommand(
      "heatmap",
      "The answers of each day over the last year as a calendar: weeks as columns, weekdays as "
      "rows, darker for busier days. Undone answers do not count.");
  heatmap->add_option("DECK", args->deck, "Only this deck");
  heatmap
      ->add_option("--weeks", args->weeks,
                   "Weeks to show, ending with this one (default: as many as fit, at most 53)")
      ->check(CLI::Range(1, kMostWeeks));
  heatmap->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  heatmap->callback([&context, args] { run_heatmap(context, *args); });
}

}  // namespace rehearse::cli
