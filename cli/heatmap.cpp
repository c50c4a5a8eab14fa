#include "heatmap.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

namespace rehearse::cli {
namespace {

constexpr int kLabelColumns = 4;  // "Mon "

constexpr std::array<std::string_view, 5> kUnicodeLevels{"\u00b7", "\u2591", "\u2592", "\u2593",
                                                         "\u2588"};
constexpr std::array<std::string_view, 5> kAsciiLevels{".", "-", "+", "*", "#"};
constexpr std::array<std::string_view, 7> kWeekdays{"Mon", "Tue", "Wed", "Thu",
                                                    "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string trimmed(std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  return line;
}

// The month names over the weeks: each at the column of the week holding its first day, when
// it does not run into the name before it.
std::string month_line(Day first, int weeks) {
  // A name may run past the last week's column: the grid's lines are that much shorter.
  std::string line(static_cast<std::size_t>(kLabelColumns + weeks + 2), ' ');
  int free_from = 0;  // the first column a name may start at
  for (int week = 0; week < weeks; ++week) {
    for (int weekday = 0; weekday < 7; ++weekday) {
      const std::chrono::year_month_day date{first + std::chrono::days{week * 7 + weekday}};
      if (date.day() != std::chrono::day{1}) continue;
      const int column = kLabelColumns + week;
      const std::string_view name = kMonths[static_cast<unsigned>(date.month()) - 1];
      if (column >= free_from && column + 3 <= static_cast<int>(line.size())) {
        line.replace(static_cast<std::size_t>(column), name.size(), name);
        free_from = column + 4;
      }
    }
  }
  return trimmed(line);
}

}  // namespace

Day heatmap_first_day(Day today, int weeks) {
  const int from_monday = static_cast<int>(std::chrono::weekday{today}.iso_encoding()) - 1;
  return today - std::chrono::days{from_monday + (weeks - 1) * 7};
}

std::vector<std::string> heatmap_grid(const std::vector<int>& answers, Day today, int weeks,
                                      bool unicode) {
  const auto& levels = unicode ? kUnicodeLevels : kAsciiLevels;
  const Day first = heatmap_first_day(today, weeks);
  const int busiest = answers.empty() ? 0 : *std::max_element(answers.begin(), answers.end());
  std::vector<std::string> lines{month_line(first, weeks)};
  for (int weekday = 0; weekday < 7; ++weekday) {
    std::string line = std::string(kWeekdays[static_cast<std::size_t>(weekday)]) + " ";
    for (int week = 0; week < weeks; ++week) {
      const Day day = first + std::chrono::days{week * 7 + weekday};
      const auto index = static_cast<std::size_t>((day - first).count());
      if (day > today || index >= answers.size()) {
        line += ' ';
        continue;
      }
      line += levels[static_cast<std::size_t>(heatmap_level(answers[index], busiest))];
    }
    lines.push_back(trimmed(std::move(line)));
  }
  return lines;
}

std::string heatmap_legend(bool unicode) {
  const auto& levels = unicode ? kUnicodeLevels : kAsciiLevels;
  std::string legend = "less";
  for (const std::string_view mark : levels) {
    legend += ' ';
    legend += mark;
  }
  return legend + " more";
}

int heatmap_level(int count, int busiest) {
  if (count <= 0 || busiest <= 0) return 0;
  return std::clamp((count * 4 + busiest - 1) / busiest, 1, 4);
}

}  // namespace rehearse::cli
