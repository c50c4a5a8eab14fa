#include "model/time.hpp"

#include <fmt/format.h>

#include "model/error.hpp"

namespace rehearse {
namespace {

// Reads exactly `width` decimal digits at `pos`, or returns -1.
int read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

[[noreturn]] void reject(std::string_view text, std::string_view why) {
  throw Error(
      "invalid time '{}': {} (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS)", text,
      why);
}

std::chrono::seconds parse_time_of_day(std::string_view text, std::string_view time) {
  const bool has_seconds = time.size() == 8;
  if ((time.size() != 5 && !has_seconds) || time[2] != ':' || (has_seconds && time[5] != ':')) {
    reject(text, "the time must be HH:MM or HH:MM:SS");
  }
  const int hours = read_digits(time, 0, 2);
  const int minutes = read_digits(time, 3, 2);
  const int seconds = has_seconds ? read_digits(time, 6, 2) : 0;
  if (hours < 0 || minutes < 0 || seconds < 0) reject(text, "the time must be digits");
  if (hours > 23 || minutes > 59 || seconds > 59) reject(text, "no such time of day");
  return std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds};
}

}  // namespace

LocalDateTime parse_local_date_time(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-')
    reject(text, "the date must be YYYY-MM-DD");
  const int year = read_digits(text, 0, 4);
  const int month = read_digits(text, 5, 2);
  const int day = read_digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) reject(text, "the date must be digits");
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) reject(text, "no such date");
  // The system clock counts nanoseconds in 64 bits, which last until 2262.
  if (year < 1970 || year > 2200) reject(text, "the year must be from 1970 to 2200");

  LocalDateTime result{Day{date}, std::chrono::seconds{0}};
  if (text.size() == 10) return result;
  if (text[10] != 'T' && text[10] != ' ') reject(text, "a 'T' must separate the date and the time");
  result.time_of_day = parse_time_of_day(text, text.substr(11));
  result.time_given = true;
  return result;
}

Day study_day(const LocalDateTime& local, int day_starts_at) {
  return local.time_of_day < std::chrono::hours{day_starts_at} ? local.day - std::chrono::days{1}
                                                               : local.day;
}

std::string format_day(Day day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace rehearse
