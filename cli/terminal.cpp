#include "terminal.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include "model/error.hpp"

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

std::optional<TerminalSize> terminal_size() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) {
    return std::nullopt;
  }
  return TerminalSize{size.ws_col, size.ws_row};
}

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_resized = 0;
volatile std::sig_atomic_t g_close_input = 0;
int g_wake_pipe[2] = {-1, -1};  // written by the handler: wakes a poll() in read_key

extern "C" void on_signal(int signal) {
  const int saved_errno = errno;
  if (signal == SIGWINCH) {
    g_resized = 1;
  } else {
    g_interrupted = 1;
    if (g_close_input) ::close(STDIN_FILENO);
  }
  if (g_wake_pipe[1] >= 0) {
    const char byte = 0;
    [[maybe_unused]] const ssize_t ignored = ::write(g_wake_pipe[1], &byte, 1);
  }
  errno = saved_errno;
}

constexpr int kGuardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
struct sigaction g_old_actions[std::size(kGuardedSignals)];

}  // namespace

InterruptGuard::InterruptGuard(bool close_input) {
  g_interrupted = 0;
  g_resized = 0;
  g_close_input = close_input ? 1 : 0;
  if (::pipe2(g_wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
    throw Error("cannot watch for signals: {}", std::strerror(errno));
  }
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns
  for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i)
    sigaction(kGuardedSignals[i], &action, &g_old_actions[i]);
}

InterruptGuard::~InterruptGuard() {
  for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i)
    sigaction(kGuardedSignals[i], &g_old_actions[i], nullptr);
  ::close(g_wake_pipe[0]);
  ::close(g_wake_pipe[1]);
  g_wake_pipe[0] = g_wake_pipe[1] = -1;
}

bool InterruptGuard::interrupted() {
  return g_interrupted != 0;
}

struct RawMode::Saved {
  termios modes{};
};

namespace {

void enter_raw_mode(const termios& saved) {
  termios raw = saved;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL | INLCR | IGNCR);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
    throw Error("cannot set the terminal to read single keys: {}", std::strerror(errno));
  }
}

}  // namespace

RawMode::RawMode() : saved_(std::make_unique<Saved>()) {
  if (::tcgetattr(STDIN_FILENO, &saved_->modes) != 0) {
    throw Error("cannot read the terminal's modes: {}", std::strerror(errno));
  }
  enter_raw_mode(saved_->modes);
}

RawMode::~RawMode() {
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_->modes);
}

void RawMode::stop_process() {
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_->modes);
  std::fflush(stdout);
  struct sigaction defaults {};
  struct sigaction old {};
  defaults.sa_handler = SIG_DFL;
  sigemptyset(&defaults.sa_mask);
  sigaction(SIGTSTP, &defaults, &old);
  std::raise(SIGTSTP);  // returns once the process is continued
  sigaction(SIGTSTP, &old, nullptr);
  enter_raw_mode(saved_->modes);
}

namespace {

// Waits for standard input or a signal; false when a signal came first.
bool wait_for_input(int timeout_ms) {
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {g_wake_pipe[0], POLLIN, 0}};
  const int ready = ::poll(fds, 2, timeout_ms);
  if (ready <= 0) return false;
  if (fds[1].revents != 0) {
    char drained[64];
    while (::read(g_wake_pipe[0], drained, sizeof drained) > 0) {
    }
  }
  return fds[0].revents != 0 && !g_interrupted && !g_resized;
}

// One byte of standard input; nullopt at the end of input.
std::optional<unsigned char> read_byte() {
  unsigned char byte = 0;
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, &byte, 1);
    if (n == 1) return byte;
    if (n == 0 || errno != EINTR) return std::nullopt;
  }
}

// The rest of an escape sequence after ESC, which came alone when nothing follows at once.
Key read_escape_sequence() {
  constexpr int kSequenceGapMs = 30;
  if (!wait_for_input(kSequenceGapMs)) return {Key::Kind::escape};
  const std::optional<unsigned char> introducer = read_byte();
  if (!introducer || (*introducer != '[' && *introducer != 'O')) return {Key::Kind::other};
  std::string parameters;
  for (;;) {
    if (!wait_for_input(kSequenceGapMs)) return {Key::Kind::other};
    const std::optional<unsigned char> byte = read_byte();
    if (!byte) return {Key::Kind::other};
    if (*byte >= 0x40 && *byte <= 0x7e) {
      if (*byte == 'A') return {Key::Kind::up};
      if (*byte == 'B') return {Key::Kind::down};
      if (*byte == '~' && parameters == "5") return {Key::Kind::page_up};
      if (*byte == '~' && parameters == "6") return {Key::Kind::page_down};
      return {Key::Kind::other};
    }
    parameters += static_cast<char>(*byte);
  }
}

// The rest of a UTF-8 character after its first byte `lead`: a printable one (not a C1
// control) as Key::Kind::text, anything else as Key::Kind::other.
Key read_utf8_character(unsigned char lead) {
  constexpr int kSequenceGapMs = 30;
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  std::string text(1, static_cast<char>(lead));
  while (text.size() < length) {
    if (!wait_for_input(kSequenceGapMs)) return {Key::Kind::other};
    const std::optional<unsigned char> byte = read_byte();
    if (!byte || (*byte & 0xC0) != 0x80) return {Key::Kind::other};
    text += static_cast<char>(*byte);
  }
  const bool c1_control = lead == 0xC2 && static_cast<unsigned char>(text[1]) < 0xA0;
  if (c1_control) return {Key::Kind::other};
  return {Key::Kind::text, 0, text};
}

Key decode_key(unsigned char byte) {
  switch (byte) {
    case 0x7f:
    case 0x08:
      return {Key::Kind::backspace};
    case '\r':
    case '\n':
      return {Key::Kind::enter};
    case 0x03:
      return {Key::Kind::ctrl_c};
    case 0x04:
      return {Key::Kind::end};
    case 0x1a:
      return {Key::Kind::ctrl_z};
    case 0x1b:
      return read_escape_sequence();
    default:
      break;
  }
  if (byte >= 0x20 && byte < 0x7f) return {Key::Kind::character, static_cast<char>(byte)};
  if (byte >= 0xC2 && byte <= 0xF4) return read_utf8_character(byte);
  return {Key::Kind::other};
}

}  // namespace

Key read_key(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (g_interrupted) return {Key::Kind::interrupted};
    if (g_resized) {
      g_resized = 0;
      return {Key::Kind::resized};
    }
    int wait = -1;
    if (timeout_ms >= 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return {Key::Kind::timeout};
      wait = static_cast<int>(left.count());
    }
    if (!wait_for_input(wait)) continue;
    const std::optional<unsigned char> byte = read_byte();
    if (!byte) return {Key::Kind::end};
    return decode_key(*byte);
  }
}

}  // namespace rehearse::cli
