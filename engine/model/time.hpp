#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace rehearse {

// A calendar day in the user's local time zone. Cards fall due on days, not instants: a card
// due on a day is due from that day's start.
using Day = std::chrono::local_days;

// The moment an answer is given: the instant (UTC, milliseconds) for the review log, and the
// local calendar day it falls on, which is all the scheduler looks at. Both come from outside
// the engine (the CLI reads the clock or --now); nothing in the engine reads the clock.
struct Moment {
  std::chrono::sys_time<std::chrono::milliseconds> instant;
  Day day;

  bool operator==(const Moment&) const = default;
};

// The day an instant counts for in the user's time zone, with days beginning at their hour: the
// CLI knows both and hands the engine this function where it reads instants from a file.
using DayOfInstant = std::function<Day(std::chrono::sys_time<std::chrono::milliseconds>)>;

// A local date and time as typed by a user: YYYY-MM-DD, YYYY-MM-DDTHH:MM or
// YYYY-MM-DDTHH:MM:SS (a space may replace the T).
struct LocalDateTime {
  Day day;
  std::chrono::seconds time_of_day{0};
  bool time_given = false;  // false for a date alone
};

// The day a local date and time counts for when days begin at `day_starts_at` o'clock (0-23):
// the calendar day of the time `day_starts_at` hours earlier, so that with days starting at 4,
// 02:00 on the 26th counts for the 25th (as Anki's "next day starts at" does).
Day study_day(const LocalDateTime& local, int day_starts_at);

// Parses the forms above. Throws Error naming the text and the expected form.
LocalDateTime parse_local_date_time(std::string_view text);

// YYYY-MM-DD.
std::string format_day(Day day);

// Days since 1970-01-01, as stored in the collection.
inline std::int64_t day_number(Day day) {
  return day.time_since_epoch().count();
}
inline Day day_from_number(std::int64_t number) {
  return Day{std::chrono::days{number}};
}

}  // namespace rehearse
