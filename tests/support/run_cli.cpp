#include "support/run_cli.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "support/temp_dir.hpp"

extern char** environ;

namespace rehearse::test {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// This process's environment without any REHEARSE_* variable, then `env`.
std::vector<std::string> child_environment(const std::vector<std::string>& env) {
  std::vector<std::string> result;
  for (char** var = environ; *var; ++var) {
    if (std::string_view(*var).rfind("REHEARSE_", 0) != 0) result.emplace_back(*var);
  }
  result.insert(result.end(), env.begin(), env.end());
  return result;
}

// Null-terminated pointers into `strings`, for exec.
std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings)
    pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Starts `argv` with `actions`, SIGPIPE back to its default in the child.
pid_t spawn(std::vector<std::string> argv, const std::vector<std::string>& env,
            const posix_spawn_file_actions_t* actions) {
  if (argv.empty()) throw std::invalid_argument("spawn: no program");
  std::vector<std::string> environment = child_environment(env);
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> envp = c_strings(environment);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int error =
      posix_spawnp(&pid, argv.front().c_str(), actions, &attributes, args.data(), envp.data());
  posix_spawnattr_destroy(&attributes);
  if (error != 0)
    throw std::runtime_error("cannot start " + argv.front() + ": " + std::strerror(error));
  return pid;
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  return exit_code_of(status);
}

}  // namespace

CliResult run_program(const std::vector<std::string>& argv, const std::string& input,
                      const std::vector<std::string>& env) {
  const TempDir io;
  std::ofstream(io / "in", std::ios::binary) << input;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, (io / "in").c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (io / "out").c_str(), O_WRONLY | O_CREAT, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (io / "err").c_str(), O_WRONLY | O_CREAT, 0600);
  pid_t pid = 0;
  try {
    pid = spawn(argv, env, &actions);
  } catch (...) {
    posix_spawn_file_actions_destroy(&actions);
    throw;
  }
  posix_spawn_file_actions_destroy(&actions);
  CliResult result;
  result.exit_code = reap(pid);
  result.out = slurp(io / "out");
  result.err = slurp(io / "err");
  return result;
}

CliResult run_rehearse(const std::vector<std::string>& args, const std::string& input,
                       const std::vector<std::string>& env) {
  std::vector<std::string> argv{REHEARSE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, input, env);
}

struct ChildProcess::State {
  TempDir dir;  // holds the file of the child's standard error
  pid_t pid = -1;
  int input = -1;      // write end of the child's standard input
  int output = -1;     // read end of the child's standard output
  std::string buffer;  // read from the output, not yet returned
  bool ended = false;  // the output reached its end
  bool reaped = false;
  int exit_code = -1;

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (input >= 0) ::close(input);
    if (output >= 0) ::close(output);
  }

  // Reads what is available (at most one read); false at the end of the output.
  bool read_some() {
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::read(output, chunk, sizeof chunk);
      if (n > 0) {
        buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0) {
        ended = true;
        return false;
      }
      if (errno != EINTR) throw std::runtime_error(std::string("read: ") + std::strerror(errno));
    }
  }
};

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::vector<std::string>& env)
    : state_(std::make_unique<State>()) {
  std::signal(SIGPIPE, SIG_IGN);
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  if (::pipe2(from_child, O_CLOEXEC) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    throw std::runtime_error("pipe2 failed");
  }
  state_->input = to_child[1];
  state_->output = from_child[0];
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, (state_->dir / "err").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  try {
    state_->pid = spawn(argv, env, &actions);
  } catch (...) {
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    throw;
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
}

ChildProcess ChildProcess::rehearse(const std::vector<std::string>& args,
                                    const std::vector<std::string>& env) {
  std::vector<std::string> argv{REHEARSE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return ChildProcess(argv, env);
}

ChildProcess::ChildProcess(ChildProcess&&) noexcept = default;
ChildProcess& ChildProcess::operator=(ChildProcess&&) noexcept = default;

ChildProcess::~ChildProcess() {
  if (!state_ || state_->reaped || state_->pid <= 0) return;
  ::kill(state_->pid, SIGKILL);
  int status = 0;
  while (waitpid(state_->pid, &status, 0) < 0 && errno == EINTR) {
  }
}

pid_t ChildProcess::pid() const {
  return state_->pid;
}

bool ChildProcess::write(std::string_view text) {
  while (!text.empty()) {
    if (state_->input < 0) return false;
    const ssize_t n = ::write(state_->input, text.data(), text.size());
    if (n >= 0) {
      text.remove_prefix(static_cast<std::size_t>(n));
    } else if (errno == EPIPE) {
      close_input();
      return false;
    } else if (errno != EINTR) {
      throw std::runtime_error(std::string("write: ") + std::strerror(errno));
    }
  }
  return true;
}

void ChildProcess::close_input() {
  if (state_->input >= 0) ::close(state_->input);
  state_->input = -1;
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const std::size_t end = state_->buffer.find('\n'); end != std::string::npos) {
      std::string line = state_->buffer.substr(0, end);
      state_->buffer.erase(0, end + 1);
      return line;
    }
    if (state_->ended) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd readable{state_->output, POLLIN, 0};
    const int ready =
        ::poll(&readable, 1, static_cast<int>(std::max<std::int64_t>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (ready == 0) return std::nullopt;
    state_->read_some();
  }
}

bool ChildProcess::output_ended() const {
  return state_->ended && state_->buffer.find('\n') == std::string::npos;
}

void ChildProcess::kill() {
  if (!state_->reaped) ::kill(state_->pid, SIGKILL);
}

int ChildProcess::wait() {
  if (!state_->reaped) {
    state_->exit_code = reap(state_->pid);
    state_->reaped = true;
  }
  return state_->exit_code;
}

std::vector<std::string> ChildProcess::remaining_lines(std::string* partial) {
  while (!state_->ended)
    state_->read_some();
  std::vector<std::string> lines;
  while (std::optional<std::string> line = read_line(std::chrono::milliseconds(0)))
    lines.push_back(std::move(*line));
  if (partial) *partial = state_->buffer;
  return lines;
}

std::string ChildProcess::error_output() const {
  return slurp(state_->dir / "err");
}

}  // namespace rehearse::test
