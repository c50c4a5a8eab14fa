#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

namespace rehearse::cli {

// Whether the stream is an interactive terminal (then progress and colour are shown).
bool is_terminal(std::FILE* stream);

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  // What update counts: items, or bytes (shown in MB).
  enum class Unit { items, bytes };
  explicit ProgressBar(std::string label, Unit unit = Unit::items);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);

 private:
  std::string label_;
  Unit unit_;
  bool visible_;
  bool drawn_ = false;
  int last_percent_ = -1;
};

}  // namespace rehearse::cli
