#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the real rehearse binary with `args`, feeding `input` on its standard input, and waits
// for it. No shell is involved. The child gets this process's environment without any
// REHEARSE_* variable, plus `env` ("NAME=value" entries).
CliResult run_rehearse(const std::vector<std::string>& args, const std::string& input = "",
                       const std::vector<std::string>& env = {});

// Runs any program (looked up in PATH when `argv[0]` has no slash) like run_rehearse: `input` on
// its standard input, its output captured, this process's environment without REHEARSE_*
// variables plus `env`. Throws when the program cannot be started.
CliResult run_program(const std::vector<std::string>& argv, const std::string& input = "",
                      const std::vector<std::string>& env = {});

// A running child with a pipe to its standard input and one from its standard output, for tests
// that talk to a program line by line and kill it at a chosen moment. Standard error goes to a
// file, read with error_output(). The child's environment follows run_rehearse's rules. The
// destructor kills the child with SIGKILL and reaps it if that was not done. Starting one makes
// this process ignore SIGPIPE from then on (a write to a dead child fails instead of killing
// the tests); the child itself gets the default handling back.
class ChildProcess {
 public:
  // Starts `argv` (argv[0] is a path or a name looked up in PATH).
  explicit ChildProcess(const std::vector<std::string>& argv,
                        const std::vector<std::string>& env = {});
  // Starts the rehearse binary with `args`.
  static ChildProcess rehearse(const std::vector<std::string>& args,
                               const std::vector<std::string>& env = {});
  ChildProcess(ChildProcess&&) noexcept;
  ChildProcess& operator=(ChildProcess&&) noexcept;
  ~ChildProcess();

  pid_t pid() const;

  // Writes all of `text` to the child's standard input, blocking while the pipe is full. False
  // when the child no longer reads it (it exited or closed it); the input is then closed.
  bool write(std::string_view text);
  // Closes the child's standard input: the child sees end of input.
  void close_input();

  // The next line of the child's standard output, without its newline; waits at most
  // `timeout`. Empty when the time ran out or the output ended (see output_ended()).
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Whether the child's standard output has ended (closed, everything read).
  bool output_ended() const;

  // Sends SIGKILL (once the child is reaped, does nothing).
  void kill();
  // Waits for the child to end and returns its exit code, or 128 + the signal that ended it.
  int wait();
  // After wait(): every complete line still unread on the child's standard output, in order,
  // and in `partial` what followed the last newline (a line cut short).
  std::vector<std::string> remaining_lines(std::string* partial = nullptr);
  // What the child wrote on its standard error so far.
  std::string error_output() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rehearse::test
