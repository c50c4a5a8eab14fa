#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
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

// A terminal's size in character cells.
struct TerminalSize {
  int columns = 80;
  int rows = 24;
};

// The size of the terminal on standard output (TIOCGWINSZ), or nullopt when it is not a terminal
// or does not say.
std::optional<TerminalSize> terminal_size();

// While alive, SIGINT, SIGTERM and SIGHUP do not kill the process: they are recorded, and a
// pending key or line read returns so that the caller can end cleanly (summary printed, the
// terminal restored). SIGWINCH is recorded too. `close_input` also closes standard input from
// the handler, which ends a blocking std::getline that a flag alone would miss; key reading
// (KeyReader) needs no such help. One guard at a time.
class InterruptGuard {
 public:
  explicit InterruptGuard(bool close_input);
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Whether one of the signals came since the guard was made.
  static bool interrupted();
};

// Raw mode on the terminal of standard input while alive: each key is delivered as it is
// typed, without echo and without waiting for Enter; Ctrl-C, Ctrl-Z and Ctrl-D arrive as keys.
// Output processing stays on ("\n" still starts a new line). The destructor puts back the
// modes found, whatever way the session ends. REQUIRES: standard input is a terminal.
class RawMode {
 public:
  RawMode();
  ~RawMode();
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

  // Ctrl-Z: puts the terminal back, stops the process as the shell expects, and takes raw mode
  // again once the process is continued (fg).
  void stop_process();

 private:
  struct Saved;
  std::unique_ptr<Saved> saved_;
};

// One key read from a terminal in raw mode.
struct Key {
  enum class Kind {
    character,  // a printable ASCII key, in `character`
    text,       // a printable character beyond ASCII, its UTF-8 in `text`
    backspace,  // Backspace (DEL or Ctrl-H)
    enter,      // Enter
    escape,     // Esc alone
    up,
    down,
    page_up,
    page_down,
    ctrl_c,
    ctrl_z,
    end,          // Ctrl-D or the end of input
    resized,      // the terminal changed size (SIGWINCH)
    interrupted,  // SIGINT, SIGTERM or SIGHUP came (InterruptGuard)
    other,        // any other key or sequence
    timeout,      // no key came within the time read_key was given
  };
  Kind kind = Kind::other;
  char character = 0;
  std::string text = {};
};

// Waits for the next key on standard input, for at most `timeout_ms` when it is not negative.
// REQUIRES: an InterruptGuard and a RawMode are alive.
Key read_key(int timeout_ms = -1);

}  // namespace rehearse::cli
