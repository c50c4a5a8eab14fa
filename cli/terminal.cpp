#include "terminal.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace rehearse::cli {

bool is_terminal(std::FILE* stream) {
  return ::isatty(::fileno(stream)) == 1;
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), visible_(is_terminal(stderr)) {}

ProgressBar::~ProgressBar() {
  if (drawn_) fmt::print(stderr, "\r\033[K");
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!visible_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  fmt::print(stderr, "\r{} [{:#<{}}{:<{}}] {:3}% ({}/{})", label_, "", filled, "", kWidth - filled,
             percent, done, total);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace rehearse::cli
