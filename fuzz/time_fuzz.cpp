// libFuzzer target for the --now parser (engine/model/time.hpp).
//
// For any input, parse_local_date_time either returns a LocalDateTime or throws
// rehearse::Error; any other exception escapes and is reported by libFuzzer as a crash. For
// accepted input it checks:
//   - the input has one of the documented forms' lengths: 10, 16 or 19 characters;
//   - format_day(result.day) gives back the first 10 characters of the input;
//   - the time of day is within [00:00:00, 23:59:59] and, printed as HH:MM[:SS], gives back
//     the rest of the input after the 'T' or space.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/error.hpp"
#include "model/time.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "time_fuzz: %s for input '%.*s'\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

std::string two_digits(long long value) {
  return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::LocalDateTime parsed;
  try {
    parsed = rehearse::parse_local_date_time(text);
  } catch (const rehearse::Error&) {
    return 0;
  }

  if (text.size() != 10 && text.size() != 16 && text.size() != 19) {
    fail("accepted a length that none of the forms has", text);
  }
  if (rehearse::format_day(parsed.day) != text.substr(0, 10)) {
    fail("format_day(day) differs from the date typed", text);
  }
  const long long seconds = parsed.time_of_day.count();
  if (seconds < 0 || seconds >= 24 * 60 * 60) fail("time of day out of range", text);
  if (text.size() > 10) {
    std::string time = two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60);
    if (text.size() == 19) time += ":" + two_digits(seconds % 60);
    if (text.substr(11) != time) fail("time of day differs from the time typed", text);
  } else if (seconds != 0) {
    fail("a date alone gave a time of day", text);
  }
  return 0;
}
