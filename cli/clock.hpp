#pragma once

#include <string>
#include <string_view>

#include "model/time.hpp"

namespace rehearse::cli {

// The moment of a local date and time typed by the user (--now), in the machine's time zone,
// its day the one it counts for when days begin at `day_starts_at` o'clock (study_day). A date
// alone means the start of that day: `day_starts_at` o'clock.
Moment moment_at(std::string_view local_date_time, int day_starts_at);

// The moment the system clock reads, its day as above.
Moment moment_now(int day_starts_at);

// The moment `instant`, its day as above.
Moment moment_of(std::chrono::sys_time<std::chrono::milliseconds> instant, int day_starts_at);

// The moment as local time for file names: 2026-11-25T09-30-00 (sorts, no colons).
std::string file_stamp(const Moment& moment);

}  // namespace rehearse::cli
