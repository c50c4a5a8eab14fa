#include "clock.hpp"

#include <fmt/core.h>

#include <ctime>

#include "model/error.hpp"

namespace rehearse::cli {
namespace {

LocalDateTime local_date_time(const std::tm& local) {
  return {Day{std::chrono::year{local.tm_year + 1900} /
              std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
              std::chrono::day{static_cast<unsigned>(local.tm_mday)}},
          std::chrono::hours{local.tm_hour} + std::chrono::minutes{local.tm_min} +
              std::chrono::seconds{local.tm_sec},
          true};
}

}  // namespace

Moment moment_at(std::string_view local_date_time, int day_starts_at) {
  LocalDateTime parsed = parse_local_date_time(local_date_time);
  if (!parsed.time_given) parsed.time_of_day = std::chrono::hours{day_starts_at};
  const std::chrono::year_month_day date{parsed.day};
  const auto seconds = parsed.time_of_day.count();
  std::tm local{};
  local.tm_year = static_cast<int>(date.year()) - 1900;
  local.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  local.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
  local.tm_hour = static_cast<int>(seconds / 3600);
  local.tm_min = static_cast<int>(seconds / 60 % 60);
  local.tm_sec = static_cast<int>(seconds % 60);
  local.tm_isdst = -1;  // let the time zone rules decide
  const std::time_t instant = std::mktime(&local);
  if (instant == static_cast<std::time_t>(-1)) {
    throw Error("invalid time '{}': it cannot be represented in this time zone", local_date_time);
  }
  return {std::chrono::time_point_cast<std::chrono::milliseconds>(
              std::chrono::system_clock::from_time_t(instant)),
          study_day(parsed, day_starts_at)};
}

Moment moment_now(int day_starts_at) {
  return moment_of(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()),
      day_starts_at);
}

Moment moment_of(std::chrono::sys_time<std::chrono::milliseconds> instant, int day_starts_at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(instant);
  std::tm local{};
  localtime_r(&seconds, &local);
  return {instant, study_day(local_date_time(local), day_starts_at)};
}

std::string file_stamp(const Moment& moment) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(moment.instant);
  std::tm local{};
  localtime_r(&seconds, &local);
  return fmt::format("{:04}-{:02}-{:02}T{:02}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1,
                     local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec);
}

}  // namespace rehearse::cli
