#pragma once

#include <vector>

#include "store/reports.hpp"

namespace rehearse::cli {

// Calls `on_answer` for each of a card's answers, oldest first, and `on_record` for each of its
// state records in its place among them: before the first answer given after it.
template <typename OnAnswer, typename OnRecord>
void in_log_order(const std::vector<LogEntry>& log, const std::vector<StateRecord>& records,
                  OnAnswer on_answer, OnRecord on_record) {
  auto next = records.begin();
  for (const LogEntry& entry : log) {
    for (; next != records.end() && next->after_sequence < entry.sequence; ++next)
      on_record(*next);
    on_answer(entry);
  }
  for (; next != records.end(); ++next)
    on_record(*next);
}

}  // namespace rehearse::cli
