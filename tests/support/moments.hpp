#pragma once

// The moment of an answer in the engine's tests: the start of a study day.

#include <chrono>

#include "model/time.hpp"

namespace rehearse::test {

// Midnight UTC at the start of `day`, counted for `day`.
inline Moment at(Day day) {
  return {std::chrono::sys_time<std::chrono::milliseconds>(day.time_since_epoch()), day};
}

}  // namespace rehearse::test
