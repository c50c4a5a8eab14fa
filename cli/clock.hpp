#pragma once

#include <string>
#include <string_view>

#include "model/time.hpp"

namespace rehearse::cli {

// The moment of a local date and time typed by the user (--now), in the machine's time zone.
Moment moment_at(std::string_view local_date_time);

// The moment the system clock reads, with the local calendar day.
Moment moment_now();

// The moment as local time for file names: 2026-11-25T09-30-00 (sorts, no colons).
std::string file_stamp(const Moment& moment);

}  // namespace rehearse::cli
