#pragma once

#include <fmt/core.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace rehearse {

// The one exception type of the engine. Its message is shown to the user as is, so it says
// what went wrong, where (file:line, field, card id) and, where it helps, what to do.
class Error : public std::runtime_error {
 public:
  template <typename... Args>
  explicit Error(fmt::format_string<Args...> format, Args&&... args)
      : std::runtime_error(fmt::format(format, std::forward<Args>(args)...)) {}
};

// The Error of a write that found the collection locked by another process for longer than the
// busy timeout: nothing was changed, and the same write may succeed once the lock is released.
class BusyError : public Error {
 public:
  using Error::Error;
};

}  // namespace rehearse
