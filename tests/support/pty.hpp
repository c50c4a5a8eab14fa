#pragma once

// A program running in a real pseudo-terminal, and a small model of the screen it draws, for
// end-to-end tests of interactive commands.

#include <sys/types.h>
#include <termios.h>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::test {

// What a terminal of `columns` x `rows` shows after receiving some output: the text of each row
// (trailing spaces dropped). Understands what rehearse sends: printable UTF-8 (wide characters
// take two cells), CR, LF (scrolling at the bottom), the deferred wrap at the last column, and
// the CSI sequences H (cursor position), J (erase in display) and K (erase in line); colours
// and other sequences are ignored.
class ScreenModel {
 public:
  ScreenModel(int columns, int rows);
  void feed(std::string_view bytes);
  std::vector<std::string> rows() const;
  // Every row joined with newlines, for messages.
  std::string text() const;

 private:
  void put(std::string cluster, int width);
  void line_feed();
  void csi(std::string_view parameters, char final);
  int columns_;
  int rows_;
  std::vector<std::vector<std::string>> cells_;  // a cell holds one character, "" after a wide one
  int row_ = 0;
  int column_ = 0;
  std::string pending_;  // an escape sequence or a UTF-8 character cut by a read
};

// `argv` (argv[0] a path) running with a pseudo-terminal of `columns` x `rows` as its standard
// input, output and error, with this process's environment minus REHEARSE_* plus `env`
// (TERM=xterm-256color unless given). The destructor kills and reaps it if that was not done.
class PtyProcess {
 public:
  PtyProcess(const std::vector<std::string>& argv, int columns, int rows,
             const std::vector<std::string>& env = {});
  ~PtyProcess();
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Types `keys` on the terminal.
  void send(std::string_view keys);
  // Reads output until `done(screen)` holds; false when `timeout` passed or the output ended.
  bool wait_until(const std::function<bool(const ScreenModel&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The terminal's modes as the program left them (or set them).
  termios modes() const;
  // The modes the terminal had before the program started (a program may change them at once,
  // before the test could read them with modes()).
  const termios& initial_modes() const { return initial_modes_; }
  // Resizes the terminal; the program receives SIGWINCH.
  void resize(int columns, int rows);
  // Waits for the program to end, reads what it wrote last, and returns its exit code (128 +
  // the signal that ended it).
  int wait();

  const ScreenModel& screen() const { return screen_; }
  // Everything the program wrote, as bytes.
  const std::string& output() const { return output_; }

 private:
  bool read_available(int timeout_ms);
  int master_ = -1;
  int slave_ = -1;  // kept open: the modes stay readable and the output readable after exit
  termios initial_modes_{};
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
  std::string output_;
  ScreenModel screen_;
};

// Modes that raw mode changes, equal in `a` and `b`.
bool same_modes(const termios& a, const termios& b);

}  // namespace rehearse::test
