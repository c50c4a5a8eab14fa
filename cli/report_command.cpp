// report FILE.html: one self-contained page (inline CSS and SVG, no script, nothing fetched)
// with the figures of stats, the forecast, the heatmap, retention by week, the principle
// coverage of the stories, the leeches and the interview countdown.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <optional>

#include "app.hpp"
#include "heatmap.hpp"
#include "html.hpp"
#include "io/file.hpp"
#include "stats/statistics.hpp"
#include "stories/bank.hpp"

namespace rehearse::cli {
namespace {

using html::element;
using html::empty_element;
using html::escape;
using html::number;

constexpr int kForecastDays = 30;  // as forecast shows by default
constexpr int kWeeks = 53;         // as heatmap shows at most
constexpr int kMostLeeches = 50;
constexpr double kChartWidth = 960;

constexpr std::string_view kStyle = R"css(
body { font: 14px/1.4 sans-serif; color: #222; background: #fff; margin: 24px auto; max-width: 1000px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.note { color: #666; margin: 4px 0; }
.countdown { font-size: 18px; background: #fff4e0; border: 1px solid #f0c070; padding: 8px 12px; }
table { border-collapse: collapse; margin: 4px 0 12px; }
th, td { padding: 3px 6px; border-bottom: 1px solid #eee; text-align: right; }
th { font-weight: 600; background: #f6f6f6; white-space: nowrap; }
td.id { text-align: left; white-space: nowrap; }
th.name, td.name { text-align: left; }
.figures { display: flex; flex-wrap: wrap; gap: 0 24px; }
.gap { color: #b00; }
.weak { color: #a60; }
.good { color: #070; }
svg text { font: 11px sans-serif; fill: #555; }
)css";

std::string cell(std::string_view content) {
  return element("td", {}, content);
}
std::string cell(std::int64_t value) {
  return cell(fmt::format("{}", value));
}
std::string name_cell(std::string_view text) {
  return element("td", {{"class", "name"}}, escape(text));
}
// A card's or a deck's id, kept on one line.
std::string id_cell(std::string_view id) {
  return element("td", {{"class", "id"}}, escape(id));
}
std::string header_cell(std::string_view text, bool name = false) {
  if (name) return element("th", {{"class", "name"}}, escape(text));
  return element("th", {}, escape(text));
}
std::string row(std::string_view cells) {
  return element("tr", {}, cells);
}
// A row of a two-column table: a label and its figure.
std::string figure_row(std::string_view label, std::string_view figure) {
  return row(element("th", {{"class", "name"}}, escape(label)) + cell(figure));
}
std::string figure_row(std::string_view label, std::int64_t figure) {
  return figure_row(label, fmt::format("{}", figure));
}

// "75.0%", or "-" without reviews.
std::string share_text(const Retention& r) {
  return r.share() ? fmt::format("{:.1f}%", *r.share() * 100) : "-";
}
std::string average_text(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : "-";
}
// "45 s", "12 min", "3.5 h".
std::string time_text(std::chrono::milliseconds time) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time).count();
  if (seconds < 60) return fmt::format("{} s", seconds);
  if (seconds < 3600) return fmt::format("{} min", seconds / 60);
  return fmt::format("{:.1f} h", static_cast<double>(seconds) / 3600);
}

std::string countdown_section(std::optional<Day> interview, Day today) {
  if (!interview) return {};
  const int left = static_cast<int>((*interview - today).count());
  std::string text;
  if (left > 0) {
    text = fmt::format("Interview on {}: {} day{} left; final window {} to {}.",
                       format_day(*interview), left, left == 1 ? "" : "s",
                       format_day(sm2::final_window_start(*interview)),
                       format_day(*interview - std::chrono::days{1}));
  } else if (left == 0) {
    text = fmt::format("Interview today, {}.", format_day(*interview));
  } else {
    text = fmt::format("The interview was on {}.", format_day(*interview));
  }
  return element("p", {{"class", "countdown"}}, escape(text));
}

std::string today_table(const Statistics& s) {
  const DeckStatistics& f = s.total;
  const QueueCounts& left = s.counts.left;
  std::string rows =
      figure_row("due today (overdue included)", s.counts.waiting.due) +
      figure_row("re-asks waiting", s.counts.waiting.reask) +
      figure_row("new cards", s.counts.waiting.fresh) + figure_row("left today: due", left.due) +
      figure_row("left today: new", left.fresh) + figure_row("left today: re-asks", left.reask) +
      figure_row("reviews today", f.activity[0].reviews) +
      figure_row("cards reviewed today", f.cards_reviewed_today) +
      figure_row("due tomorrow", f.due_tomorrow);
  return element("div", {}, element("h3", {}, "Today") + element("table", {}, rows));
}

std::string cards_table(const DeckStatistics& f) {
  const StateCounts& c = f.cards;
  std::string rows = figure_row("new", c.fresh) + figure_row("learning", c.learning) +
                     figure_row("lapsed", c.lapsed) + figure_row("young", c.young) +
                     figure_row("mature", c.mature) + figure_row("suspended", c.suspended) +
                     figure_row("leech", c.leech) + figure_row("total", c.total()) +
                     figure_row("average ease", average_text(f.average_ease, 2)) +
                     figure_row("average interval (days)", average_text(f.average_interval, 1));
  return element("div", {}, element("h3", {}, "Cards") + element("table", {}, rows));
}

std::string activity_table(const DeckStatistics& f) {
  std::string rows =
      row(header_cell("Reviews", true) + header_cell("answers") + header_cell("time"));
  for (const Activity& a : f.activity) {
    const std::string span = a.days == 1 ? "today" : fmt::format("last {} days", a.days);
    rows += row(name_cell(span) + cell(a.reviews) + cell(time_text(a.time)));
  }
  rows += row(name_cell("all time") + cell(f.total_reviews) + cell(""));
  std::string retention = row(header_cell("Retention", true) + header_cell("passed") +
                              header_cell("reviews") + header_cell("share"));
  for (const auto& [label, r] : {std::pair{"young", &f.young}, std::pair{"mature", &f.mature}})
    retention += row(name_cell(label) + cell(r->passed) + cell(r->reviews) + cell(share_text(*r)));
  const Streaks& st = f.streaks;
  std::string streak = figure_row("streak (days in a row)", st.current) +
                       figure_row("longest streak", st.longest) +
                       figure_row("answered today", st.today ? "yes" : "no");
  return element("div", {},
                 element("h3", {}, "Answers") + element("table", {}, rows) +
                     element("table", {}, retention) + element("table", {}, streak));
}

std::string decks_tables(const std::vector<DeckStatistics>& decks) {
  if (decks.empty()) return {};
  std::string states = row(header_cell("deck", true) + header_cell("name", true) +
                           header_cell("cards") + header_cell("new") + header_cell("learning") +
                           header_cell("lapsed") + header_cell("young") + header_cell("mature") +
                           header_cell("suspended") + header_cell("leech"));
  std::string activity =
      row(header_cell("deck", true) + header_cell("today") + header_cell("cards today") +
          header_cell("due tomorrow") + header_cell("7 days") + header_cell("30 days") +
          header_cell("365 days") + header_cell("all time") + header_cell("young kept") +
          header_cell("mature kept") + header_cell("ease") + header_cell("interval") +
          header_cell("streak"));
  for (const DeckStatistics& d : decks) {
    const StateCounts& c = d.cards;
    states += row(id_cell(d.deck_id) + name_cell(d.name) + cell(c.total()) + cell(c.fresh) +
                  cell(c.learning) + cell(c.lapsed) + cell(c.young) + cell(c.mature) +
                  cell(c.suspended) + cell(c.leech));
    activity +=
        row(id_cell(d.deck_id) + cell(d.activity[0].reviews) + cell(d.cards_reviewed_today) +
            cell(d.due_tomorrow) + cell(d.activity[1].reviews) + cell(d.activity[2].reviews) +
            cell(d.activity[3].reviews) + cell(d.total_reviews) + cell(share_text(d.young)) +
            cell(share_text(d.mature)) + cell(average_text(d.average_ease, 2)) +
            cell(average_text(d.average_interval, 1)) + cell(d.streaks.current));
  }
  return element("h2", {}, "By deck") + element("table", {}, states) +
         element("table", {}, activity);
}

std::string figures_section(const Statistics& s) {
  return element("h2", {}, "Where the collection stands") +
         element("div", {{"class", "figures"}},
                 today_table(s) + cards_table(s.total) + activity_table(s.total));
}

// One count per day from `first`, `days` of them, from (day, count) pairs.
std::vector<int> per_day(const std::vector<std::pair<Day, int>>& counts, Day first, int days) {
  std::vector<int> out(static_cast<std::size_t>(days), 0);
  for (const auto& [day, count] : counts)
    out[static_cast<std::size_t>((day - first).count())] = count;
  return out;
}

std::string svg(double width, double height, std::string_view content) {
  return element("svg",
                 {{"xmlns", "http://www.w3.org/2000/svg"},
                  {"width", number(width)},
                  {"height", number(height)},
                  {"viewBox", fmt::format("0 0 {} {}", number(width), number(height))}},
                 content);
}

std::string text_at(double x, double y, std::string_view text, std::string_view anchor = "start") {
  return element("text", {{"x", number(x)}, {"y", number(y)}, {"text-anchor", std::string(anchor)}},
                 escape(text));
}

// A bar of height `value / scale` of `height`, standing on y = `base`, with a tooltip.
std::string bar(double x, double width, double value, double scale, double height, double base,
                std::string_view colour, std::string_view tooltip) {
  const double h = scale <= 0 ? 0 : value / scale * height;
  return element("rect",
                 {{"x", number(x)},
                  {"y", number(base - h)},
                  {"width", number(width)},
                  {"height", number(h)},
                  {"fill", std::string(colour)}},
                 element("title", {}, escape(tooltip)));
}

std::string forecast_section(Context& context, Day today, std::optional<Day> interview) {
  const Day last = today + std::chrono::days{kForecastDays - 1};
  const std::vector<int> due =
      per_day(context.collection().due_per_day({}, today, last), today, kForecastDays);
  const int busiest = std::max(1, *std::max_element(due.begin(), due.end()));
  int total = 0;
  const double step = kChartWidth / kForecastDays, height = 140, base = 160;
  std::string shapes = empty_element("line", {{"x1", "0"},
                                              {"y1", number(base)},
                                              {"x2", number(kChartWidth)},
                                              {"y2", number(base)},
                                              {"stroke", "#999"}});
  for (int i = 0; i < kForecastDays; ++i) {
    const Day day = today + std::chrono::days{i};
    const int count = due[static_cast<std::size_t>(i)];
    total += count;
    const bool marked = interview && day == *interview;
    shapes +=
        bar(i * step + 2, step - 4, count, busiest, height, base, marked ? "#d9822b" : "#4a7fc1",
            fmt::format("{}: {} due{}", format_day(day), count, marked ? " (interview)" : ""));
    if (count > 0)
      shapes += text_at(i * step + step / 2, base - count * height / busiest - 3,
                        fmt::format("{}", count), "middle");
    if (i % 7 == 0) shapes += text_at(i * step + 2, base + 16, format_day(day).substr(5));
  }
  return element("h2", {}, "Forecast") +
         element(
             "p", {{"class", "note"}},
             escape(fmt::format("Reviews due in the next {} days: {}, at most {} a day "
                                "(overdue ones count today; suspended cards left out).",
                                kForecastDays, total, *std::max_element(due.begin(), due.end())))) +
         svg(kChartWidth, base + 24, shapes);
}

constexpr std::array<std::string_view, 5> kHeatColours{"#ebedf0", "#c6e48b", "#7bc96f", "#239a3b",
                                                       "#196127"};

// The heatmap's month labels, each where its month begins (`months`, left to right) on a chart
// ending at x = `right`. The last stands against the right edge when it would run past it; a
// label that would run into the next one is left out.
std::string month_labels(const std::vector<std::pair<double, std::string>>& months, double right) {
  constexpr double kWidth = 45;  // "2026-11" at the chart's font size
  std::vector<std::string> labels;
  double next_start = right;  // where the label to the right begins
  for (auto month = months.rbegin(); month != months.rend(); ++month) {
    const auto& [x, text] = *month;
    if (month == months.rbegin() && x + kWidth > right) {
      labels.push_back(text_at(right, 12, text, "end"));
      next_start = right - kWidth;
    } else if (x + kWidth <= next_start) {
      labels.push_back(text_at(x, 12, text));
      next_start = x;
    }
  }
  std::string out;
  for (auto label = labels.rbegin(); label != labels.rend(); ++label)
    out += *label;
  return out;
}

std::string heatmap_section(Context& context, Day today) {
  const Day first = heatmap_first_day(today, kWeeks);
  const int days = static_cast<int>((today - first).count()) + 1;
  const std::vector<int> answers =
      per_day(context.collection().answers_per_day({}, first, today), first, days);
  const int busiest = *std::max_element(answers.begin(), answers.end());
  const double size = 15, left = 32, top = 18;
  std::string shapes;
  static constexpr std::array<std::string_view, 7> kDays{"Mon", "", "Wed", "", "Fri", "", "Sun"};
  for (std::size_t d = 0; d < kDays.size(); ++d)
    shapes += text_at(0, top + static_cast<double>(d) * size + 11, kDays[d]);
  int total = 0, active = 0;
  std::vector<std::pair<double, std::string>> months;  // where each month begins, its label
  for (int i = 0; i < days; ++i) {
    const Day day = first + std::chrono::days{i};
    const int count = answers[static_cast<std::size_t>(i)];
    total += count;
    active += count > 0 ? 1 : 0;
    const double x = left + (i / 7) * size, y = top + (i % 7) * size;
    if (std::chrono::year_month_day{day}.day() == std::chrono::day{1})
      months.push_back({x, format_day(day).substr(0, 7)});
    shapes += element(
        "rect",
        {{"x", number(x)},
         {"y", number(y)},
         {"width", number(size - 3)},
         {"height", number(size - 3)},
         {"fill",
          std::string(kHeatColours[static_cast<std::size_t>(heatmap_level(count, busiest))])}},
        element("title", {}, fmt::format("{}: {} answers", format_day(day), count)));
  }
  shapes += month_labels(months, left + kWeeks * size);
  return element("h2", {}, "Answers per day") +
         element("p", {{"class", "note"}},
                 escape(fmt::format("The last {} weeks: {} answers on {} days, at most {} a day "
                                    "(answers taken back by undo left out).",
                                    kWeeks, total, active, busiest))) +
         svg(left + kWeeks * size, top + 7 * size, shapes);
}

std::string retention_section(Context& context, Day today) {
  const Day first = heatmap_first_day(today, kWeeks);
  const std::vector<WeekAnswers> weeks = context.collection().answers_per_week(first, today);
  int answers = 0, passed = 0;
  const double left = 40, step = (kChartWidth - left) / kWeeks, height = 120, base = 130;
  std::string shapes;
  for (const double share : {0.0, 0.5, 1.0}) {
    const double y = base - share * height;
    shapes += text_at(left - 4, y + 4, fmt::format("{}%", static_cast<int>(share * 100)), "end") +
              empty_element("line", {{"x1", number(left)},
                                     {"y1", number(y)},
                                     {"x2", number(kChartWidth)},
                                     {"y2", number(y)},
                                     {"stroke", "#ccc"}});
  }
  for (const WeekAnswers& w : weeks) {
    answers += w.answers;
    passed += w.passed;
    const double x = left + static_cast<double>((w.first - first).count()) / 7 * step;
    const double share = static_cast<double>(w.passed) / w.answers;
    shapes += bar(x + 1, step - 2, share, 1, height, base, "#6a9f58",
                  fmt::format("week of {}: {:.1f}% ({} of {})", format_day(w.first), share * 100,
                              w.passed, w.answers));
  }
  shapes += text_at(left, base + 16, format_day(first)) +
            text_at(kChartWidth, base + 16, format_day(today), "end");
  const std::string summary =
      answers == 0 ? fmt::format("No answers in the last {} weeks.", kWeeks)
                   : fmt::format(
                         "The share of answers graded {} or more, week by week: {:.1f}% "
                         "of {} answers over the last {} weeks.",
                         sm2::kPassingGrade, 100.0 * passed / answers, answers, kWeeks);
  return element("h2", {}, "Retention by week") +
         element("p", {{"class", "note"}}, escape(summary)) + svg(kChartWidth, base + 24, shapes);
}

std::string_view coverage_class(const PrincipleStories& p) {
  if (p.stories.size() < static_cast<std::size_t>(kStoriesPerPrinciple)) return "gap";
  return p.strength < kWeakStrength ? "weak" : "good";
}

std::string coverage_section(Context& context, Day today) {
  const StoryCoverage coverage = story_coverage(context.collection(), today);
  std::string rows =
      row(header_cell("principle", true) + header_cell("stories", true) + header_cell("known") +
          header_cell("cards") + header_cell("seen") + header_cell("mature") + header_cell("due"));
  for (const PrincipleStories& p : coverage.principles) {
    std::string stories;
    for (const std::string& id : p.stories)
      stories += (stories.empty() ? "" : ", ") + id;
    const std::string known =
        p.stories.empty() ? "-"
                          : fmt::format("{}%", static_cast<int>(std::lround(p.strength * 100)));
    rows += element("tr", {{"class", std::string(coverage_class(p))}},
                    name_cell(p.principle->name) + name_cell(stories.empty() ? "none" : stories) +
                        cell(known) + cell(p.counts.cards) + cell(p.counts.seen) +
                        cell(p.counts.mature) + cell(p.counts.due));
  }
  std::string rounds;
  for (const auto& [round, count] : coverage.rounds)
    rounds += (rounds.empty() ? "" : ", ") +
              fmt::format("{} {}", round == "none" ? "no round tag" : round, count);
  return element("h2", {}, "Principles and stories") +
         element("p", {{"class", "note"}},
                 escape(fmt::format("Red: fewer than {} stories; orange: stories known under "
                                    "{}%. {} principle{} to work on. Stories by round: {}.",
                                    kStoriesPerPrinciple, static_cast<int>(kWeakStrength * 100),
                                    coverage.gaps.size(), coverage.gaps.size() == 1 ? "" : "s",
                                    rounds))) +
         element("table", {}, rows);
}

std::string leeches_section(Context& context) {
  const std::vector<Card> leeches = context.collection().cards(context.filter("", "", "is:leech"));
  std::string body;
  if (leeches.empty()) {
    body = element("p", {{"class", "note"}}, "No leeches.");
  } else {
    std::string rows = row(header_cell("card", true) + header_cell("deck", true) +
                           header_cell("front", true) + header_cell("lapses"));
    for (std::size_t i = 0; i < leeches.size() && i < kMostLeeches; ++i) {
      const Card& c = leeches[i];
      rows += row(id_cell(c.content.id) + id_cell(c.deck_id) + name_cell(c.content.front) +
                  cell(c.state.lapses));
    }
    body = element("p", {{"class", "note"}},
                   escape(fmt::format("{} card{} forgotten {} times or more: rewrite or split "
                                      "them (rehearse cards --leech).",
                                      leeches.size(), leeches.size() == 1 ? "" : "s",
                                      context.settings().leech_threshold))) +
           element("table", {}, rows);
  }
  return element("h2", {}, "Leeches") + body;
}

std::string report_page(Context& context) {
  const Day today = context.today();
  const std::optional<Day> interview = context.settings().interview_date;
  const Statistics statistics_today = statistics(context.collection(), "", today);
  const std::string body =
      element("h1", {}, escape(fmt::format("rehearse: {}", format_day(today)))) +
      element("p", {{"class", "note"}}, escape(context.collection().path().string())) +
      countdown_section(interview, today) + figures_section(statistics_today) +
      forecast_section(context, today, interview) + heatmap_section(context, today) +
      retention_section(context, today) + coverage_section(context, today) +
      decks_tables(statistics_today.decks) + leeches_section(context);
  return "<!DOCTYPE html>\n" +
         element("html", {{"xmlns", "http://www.w3.org/1999/xhtml"}, {"lang", "en"}},
                 element("head", {},
                         empty_element("meta", {{"charset", "utf-8"}}) +
                             element("title", {}, escape("rehearse " + format_day(today))) +
                             element("style", {}, kStyle)) +
                     element("body", {}, body)) +
         "\n";
}

void run_report(Context& context, const std::string& path) {
  const std::string page = report_page(context);
  if (path == "-") {
    fmt::print("{}", page);
    return;
  }
  write_file_atomically(path, page);
  fmt::print("{}: wrote the report of {}\n", path, format_day(context.today()));
}

}  // namespace

void add_report_command(CLI::App& app, Context& context) {
  auto path = std::make_shared<std::string>();
  auto* report = app.add_subcommand(
      "report",
      "Write one self-contained HTML page (no script, nothing fetched): the figures of stats, "
      "the reviews due each day ahead, the answers of each day over the last year, retention by "
      "week, the principles and your stories, the leeches and the interview countdown.");
  report->add_option("FILE", *path, "The page to write (replaced whole), or - for standard output")
      ->required();
  report->callback([&context, path] { run_report(context, *path); });
}

}  // namespace rehearse::cli
