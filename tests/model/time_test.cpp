#include "model/time.hpp"

#include <catch2/catch.hpp>

#include "model/error.hpp"

using namespace rehearse;
using namespace std::chrono;

TEST_CASE("a date alone means the start of that day") {
  const LocalDateTime t = parse_local_date_time("2026-11-25");
  CHECK(t.day == Day{year{2026} / 11 / 25});
  CHECK(t.time_of_day == seconds{0});
}

TEST_CASE("a date with hours and minutes, with or without seconds, T or space") {
  CHECK(parse_local_date_time("2026-11-25T08:30").time_of_day == hours{8} + minutes{30});
  CHECK(parse_local_date_time("2026-11-25 23:59:58").time_of_day ==
        hours{23} + minutes{59} + seconds{58});
  CHECK(parse_local_date_time("2028-02-29T00:00:00").day == Day{year{2028} / 2 / 29});
}

TEST_CASE("malformed times are refused with the expected form in the message") {
  const char* expected = " (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS)";
  const auto message = [](const char* text) {
    try {
      parse_local_date_time(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(message("2026-02-30") == std::string("invalid time '2026-02-30': no such date") + expected);
  // Beyond 2262 the nanoseconds of the system clock overflow; before 1970 days are negative.
  CHECK(message("2263-01-01") ==
        std::string("invalid time '2263-01-01': the year must be from 1970 to 2200") + expected);
  CHECK(message("2201-01-01T00:00") ==
        std::string("invalid time '2201-01-01T00:00': the year must be from 1970 to 2200") +
            expected);
  CHECK(message("1969-12-31") ==
        std::string("invalid time '1969-12-31': the year must be from 1970 to 2200") + expected);
  CHECK(parse_local_date_time("2200-12-31T23:59:59").day == Day{year{2200} / 12 / 31});
  CHECK(message("26-11-25") ==
        std::string("invalid time '26-11-25': the date must be YYYY-MM-DD") + expected);
  CHECK(message("2026-11-25T24:00") ==
        std::string("invalid time '2026-11-25T24:00': no such time of day") + expected);
  CHECK(message("2026-11-25T8:30") ==
        std::string("invalid time '2026-11-25T8:30': the time must be HH:MM or HH:MM:SS") +
            expected);
  CHECK(message("2026-11-25X08:30") ==
        std::string("invalid time '2026-11-25X08:30': a 'T' must separate the date and the time") +
            expected);
  CHECK(message("2026-1a-25") ==
        std::string("invalid time '2026-1a-25': the date must be digits") + expected);
  CHECK(message("") == std::string("invalid time '': the date must be YYYY-MM-DD") + expected);
  CHECK(message("2026-11-25T") != "accepted");
  CHECK(message("2026-11-25T08:30:") != "accepted");
  CHECK(message("1969-12-31") != "accepted");
}

TEST_CASE("days format as YYYY-MM-DD and count from 1970-01-01") {
  CHECK(format_day(Day{year{2026} / 1 / 5}) == "2026-01-05");
  CHECK(day_number(Day{year{1970} / 1 / 1}) == 0);
  CHECK(day_number(Day{year{1970} / 1 / 31}) == 30);
  CHECK(day_from_number(30) == Day{year{1970} / 1 / 31});
}

TEST_CASE("a time before the hour days start at counts for the day before") {
  const Day day = Day{year{2026} / 11 / 26};
  const auto at = [&](int hour, int minute) {
    return study_day({day, hours{hour} + minutes{minute}, true}, 4);
  };
  CHECK(at(0, 0) == day - days{1});
  CHECK(at(2, 0) == day - days{1});
  CHECK(at(3, 59) == day - days{1});
  CHECK(at(4, 0) == day);
  CHECK(at(23, 59) == day);
  CHECK(study_day({day, hours{0}, true}, 0) == day);  // days starting at midnight: the calendar
  const Day first = Day{year{2027} / 1 / 1};          // across a year
  CHECK(study_day({first, hours{1}, true}, 4) == Day{year{2026} / 12 / 31});
  CHECK_FALSE(parse_local_date_time("2026-11-25").time_given);
  CHECK(parse_local_date_time("2026-11-25T02:00").time_given);
}
