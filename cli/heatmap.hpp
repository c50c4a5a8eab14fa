#pragma once

#include <chrono>
#include <string>
#include <vector>

// The heatmap's calendar grid, laid out for the terminal (heatmap_command.cpp prints it).
namespace rehearse::cli {

// A calendar day, as model/time.hpp has it.
using Day = std::chrono::local_days;

// The Monday that starts the first of `weeks` weeks (columns) whose last holds `today`.
Day heatmap_first_day(Day today, int weeks);

// The grid of `answers` (one count per day from heatmap_first_day(today, weeks) to `today`),
// weeks as columns and weekdays Monday to Sunday as rows, each row led by its weekday, under a
// line of month names placed at the week holding the month's first day (when there is room).
// A day shows one of five levels: none, then up to a quarter, a half, three quarters and all of
// the busiest day's count: "·░▒▓█" in `unicode`, else ".-+*#". Days after today are blank.
// Lines are 4 + weeks columns wide (the month line up to 2 more), trailing blanks removed.
std::vector<std::string> heatmap_grid(const std::vector<int>& answers, Day today, int weeks,
                                      bool unicode);

// A day's level: 0 for no answers, else 1-4, the quarter of the busiest day's count that
// `count` reaches.
int heatmap_level(int count, int busiest);

// "less · ░ ▒ ▓ █ more", or its ASCII form.
std::string heatmap_legend(bool unicode);

}  // namespace rehearse::cli
