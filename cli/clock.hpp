#pragma once

#include <string_view>

#include "model/time.hpp"

namespace rehearse::cli {

// The moment of a local date and time typed by the user (--now), in the machine's time zone.
Moment moment_at(std::string_view local_date_time);

// The moment the system clock reads, with the local calendar day.
Moment moment_now();

}  // namespace rehearse::cli
