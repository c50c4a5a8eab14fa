#pragma once

// Waiting for what a pseudo-terminal's screen shows, for the tests of interactive screens.

#include <catch2/catch.hpp>
#include <string>

#include "support/pty.hpp"

namespace rehearse::test {

inline bool shows(const ScreenModel& screen, const std::string& text) {
  return screen.text().find(text) != std::string::npos;
}

// Waits until the screen shows `text`; the screen in the failure's message.
inline void wait_for(PtyProcess& process, const std::string& text) {
  INFO("waiting for: " << text);
  const bool shown = process.wait_until([&](const ScreenModel& s) { return shows(s, text); });
  INFO(process.screen().text());
  REQUIRE(shown);
}

}  // namespace rehearse::test
