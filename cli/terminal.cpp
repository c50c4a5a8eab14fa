#include "terminal.hpp"

#include <fmt/core.h>
#include <unistd.h>

namespace rehearse::cli {

bool is_terminal(std::FILE* stream) {
  return ::isatty(::fileno(stream)) == 1;
}

ProgressBar::ProgressBar(std::string label, Unit unit)
    : label_(std::move(label)), unit_(unit), visible_(is_terminal(stderr)) {}

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
  const std::string counts = unit_ == Unit::bytes
                                 ? fmt::format("{:.1f}/{:.1f} MB", static_cast<double>(done) / 1e6,
                                               static_cast<double>(total) / 1e6)
                                 : fmt::format("{}/{}", done, total);
  fmt::print(stderr, "\r{} [{:#<{}}{:<{}}] {:3}% ({})", label_, "", filled, "", kWidth - filled,
             percent, counts);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace rehearse::cli
