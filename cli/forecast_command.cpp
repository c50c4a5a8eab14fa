// forecast: the reviews due each day ahead, as a bar per day, the interview day marked.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdlib>

#include "app.hpp"
#include "io/json_writer.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string deck;
  int days = 30;
  bool json = false;
};

// A day's line: "12-02 Wed " (10), the bar, " 1234" (5), " interview" (10).
constexpr int kFixedColumns = 10 + 1 + 5 + 10;

std::string_view weekday_of(Day day) {
  static constexpr std::array<std::string_view, 7> kNames{"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
  return kNames[std::chrono::weekday{day}.c_encoding()];
}

// One count per day from `today`, `days` of them (0 on a day nothing comes due).
std::vector<int> due_counts(const Collection& collection, const CardFilter& filter, Day today,
                            int days) {
  std::vector<int> counts(static_cast<std::size_t>(days), 0);
  const Day last = today + std::chrono::days{days - 1};
  for (const auto& [day, count] : collection.due_per_day(filter, today, last))
    counts[static_cast<std::size_t>((day - today).count())] = count;
  return counts;
}

std::string bar(int count, int scale, int width, bool unicode) {
  const int length = scale == 0 ? 0 : (count * width + scale - 1) / scale;
  std::string text;
  for (int i = 0; i < length; ++i)
    text += unicode ? "\u2588" : "#";
  return text + std::string(static_cast<std::size_t>(width - length), ' ');
}

void print_forecast(const std::vector<int>& counts, Day today, std::optional<Day> interview,
                    const std::string& scope) {
  const bool unicode = is_terminal(stdout) && !std::getenv("NO_COLOR");
  const int columns = terminal_size().value_or(TerminalSize{}).columns;
  const int width = std::max(10, std::min(columns, 80) - kFixedColumns);
  const int scale = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  int total = 0;
  for (const int count : counts)
    total += count;
  fmt::print("Reviews due in the next {} days ({}): {}, at most {} a day.\n", counts.size(), scope,
             total, scale);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const Day day = today + std::chrono::days{static_cast<int>(i)};
    const std::string mark = interview && day == *interview ? " interview" : "";
    const std::string line =
        fmt::format("{} {} {} {:>4}{}", format_day(day).substr(5), weekday_of(day),
                    bar(counts[i], scale, width, unicode), counts[i], mark);
    fmt::print("{}\n", line.substr(0, line.find_last_not_of(' ') + 1));
  }
  if (interview && *interview >= today + std::chrono::days{static_cast<int>(counts.size())}) {
    fmt::print("Interview: {}, after these days.\n", format_day(*interview));
  }
}

std::string forecast_json(const std::vector<int>& counts, Day today, std::optional<Day> interview) {
  JsonWriter w;
  w.StartObject();
  w.Key("today");
  w.String(format_day(today));
  w.Key("interview");
  if (interview) {
    w.String(format_day(*interview));
  } else {
    w.Null();
  }
  w.Key("days");
  w.StartArray();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    w.StartObject();
    w.Key("day");
    w.String(format_day(today + std::chrono::days{static_cast<int>(i)}));
    w.Key("due");
    w.Int(counts[i]);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.text();
}

void run_forecast(Context& context, const Args& args) {
  const CardFilter filter = context.filter(args.deck, "");
  const Day today = context.today();
  const std::vector<int> counts = due_counts(context.collection(), filter, today, args.days);
  const std::optional<Day> interview = context.settings().interview_date;
  if (args.json) return fmt::print("{}\n", forecast_json(counts, today, interview));
  print_forecast(counts, today, interview,
                 args.deck.empty() ? "all decks" : "deck " + visible_line(args.deck));
}

}  // namespace

void add_forecast_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* forecast = app.add_subcommand(
      "forecast",
      "The reviews due each day ahead (overdue ones today), as a bar per day, the interview day "
      "marked when one is set (rehearse plan --interview). Suspended cards are left out.");
  forecast->add_option("DECK", args->deck, "Only this deck");
  forecast->add_option("--days", args->days, "Days to show, from today (default 30)")
      ->check(CLI::Range(1, 365));
  forecast->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  forecast->callback([&context, args] { run_forecast(context, *args); });
}

}  // namespace rehearse::cli
