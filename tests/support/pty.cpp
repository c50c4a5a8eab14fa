#include "support/pty.hpp"

#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmp.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "layout.hpp"

extern char** environ;

namespace rehearse::test {

ScreenModel::ScreenModel(int columns, int rows)
    : columns_(columns),
      rows_(rows),
      cells_(static_cast<std::size_t>(rows), std::vector<std::string>(columns, " ")) {}

void ScreenModel::line_feed() {
  if (row_ + 1 < rows_) {
    ++row_;
    return;
  }
  cells_.erase(cells_.begin());
  cells_.emplace_back(static_cast<std::size_t>(columns_), " ");
}

void ScreenModel::put(std::string cluster, int width) {
  if (width == 0) {  // a combining mark joins the character before it
    if (column_ > 0) cells_[row_][column_ - 1] += cluster;
    return;
  }
  if (column_ + width > columns_) {  // the deferred wrap
    column_ = 0;
    line_feed();
  }
  cells_[row_][column_] = std::move(cluster);
  if (width == 2) cells_[row_][column_ + 1].clear();
  column_ += width;
}

void ScreenModel::csi(std::string_view parameters, char final) {
  const int first = parameters.empty() ? 0 : std::atoi(std::string(parameters).c_str());
  switch (final) {
    case 'H': {
      const std::size_t semicolon = parameters.find(';');
      row_ = std::max(first, 1) - 1;
      column_ =
          semicolon == std::string_view::npos
              ? 0
              : std::max(std::atoi(std::string(parameters.substr(semicolon + 1)).c_str()), 1) - 1;
      break;
    }
    case 'J':
      for (int r = first == 2 ? 0 : row_; r < rows_; ++r)
        for (int c = (first == 2 || r > row_) ? 0 : column_; c < columns_; ++c)
          cells_[r][c].assign(1, ' ');
      break;
    case 'K':
      for (int c = column_; c < columns_; ++c)
        cells_[row_][c].assign(1, ' ');
      break;
    default:
      break;
  }
}

void ScreenModel::feed(std::string_view bytes) {
  std::string data = pending_ + std::string(bytes);
  pending_.clear();
  std::size_t i = 0;
  while (i < data.size()) {
    const unsigned char byte = static_cast<unsigned char>(data[i]);
    if (byte == 0x1b) {
      if (i + 1 >= data.size()) break;
      if (data[i + 1] != '[') {
        i += 2;
        continue;
      }
      std::size_t end = i + 2;
      while (end < data.size() && !(data[end] >= 0x40 && data[end] <= 0x7e))
        ++end;
      if (end >= data.size()) break;
      csi(std::string_view(data).substr(i + 2, end - i - 2), data[end]);
      i = end + 1;
      continue;
    }
    if (byte == '\r') {
      column_ = 0;
    } else if (byte == '\n') {
      line_feed();
    } else if (byte >= 0x20) {
      const std::size_t length = byte < 0x80 ? 1 : byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4;
      if (i + length > data.size()) break;
      std::string character = data.substr(i, length);
      put(character, cli::display_width(character));
      i += length;
      continue;
    }
    ++i;
  }
  pending_ = data.substr(i);
}

std::vector<std::string> ScreenModel::rows() const {
  std::vector<std::string> rows;
  for (const auto& cells : cells_) {
    std::string row;
    for (const std::string& cell : cells)
      row += cell;
    row.erase(row.find_last_not_of(' ') + 1);
    rows.push_back(row);
  }
  return rows;
}

std::string ScreenModel::text() const {
  std::string text;
  for (const std::string& row : rows())
    text += row + "\n";
  return text;
}

PtyProcess::PtyProcess(const std::vector<std::string>& argv, int columns, int rows,
                       const std::vector<std::string>& env)
    : screen_(columns, rows) {
  winsize size{};
  size.ws_col = static_cast<unsigned short>(columns);
  size.ws_row = static_cast<unsigned short>(rows);
  if (::openpty(&master_, &slave_, nullptr, nullptr, &size) != 0)
    throw std::runtime_error(std::string("openpty: ") + std::strerror(errno));
  if (::tcgetattr(slave_, &initial_modes_) != 0)
    throw std::runtime_error(std::string("tcgetattr: ") + std::strerror(errno));
  std::vector<std::string> environment;
  bool has_term = false;
  for (char** var = environ; *var; ++var) {
    const std::string_view entry(*var);
    if (entry.rfind("REHEARSE_", 0) == 0 || entry.rfind("TERM=", 0) == 0) continue;
    environment.emplace_back(entry);
  }
  for (const std::string& entry : env) {
    has_term = has_term || entry.rfind("TERM=", 0) == 0;
    environment.push_back(entry);
  }
  if (!has_term) environment.emplace_back("TERM=xterm-256color");
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (std::string& arg : args)
    arg_pointers.push_back(arg.data());
  arg_pointers.push_back(nullptr);
  std::vector<char*> env_pointers;
  for (std::string& entry : environment)
    env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    ::close(master_);
    ::signal(SIGPIPE, SIG_DFL);
    if (::login_tty(slave_) != 0) ::_exit(126);
    ::execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    ::_exit(127);
  }
}

PtyProcess::~PtyProcess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(master_);
  ::close(slave_);
}

void PtyProcess::send(std::string_view keys) {
  while (!keys.empty()) {
    const ssize_t n = ::write(master_, keys.data(), keys.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("write: ") + std::strerror(errno));
    keys.remove_prefix(static_cast<std::size_t>(n));
  }
}

bool PtyProcess::read_available(int timeout_ms) {
  pollfd readable{master_, POLLIN, 0};
  const int ready = ::poll(&readable, 1, timeout_ms);
  if (ready <= 0) return false;
  char chunk[4096];
  const ssize_t n = ::read(master_, chunk, sizeof chunk);
  if (n <= 0) return false;
  output_.append(chunk, static_cast<std::size_t>(n));
  screen_.feed(std::string_view(chunk, static_cast<std::size_t>(n)));
  return true;
}

bool PtyProcess::wait_until(const std::function<bool(const ScreenModel&)>& done,
                            std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done(screen_)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    read_available(static_cast<int>(left.count()));
  }
  return true;
}

termios PtyProcess::modes() const {
  termios modes{};
  if (::tcgetattr(slave_, &modes) != 0)
    throw std::runtime_error(std::string("tcgetattr: ") + std::strerror(errno));
  return modes;
}

void PtyProcess::resize(int columns, int rows) {
  winsize size{};
  size.ws_col = static_cast<unsigned short>(columns);
  size.ws_row = static_cast<unsigned short>(rows);
  ::ioctl(master_, TIOCSWINSZ, &size);
  screen_ = ScreenModel(columns, rows);
}

int PtyProcess::wait() {
  if (!reaped_) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0) {
      if (errno != EINTR) throw std::runtime_error("waitpid failed");
    }
    reaped_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    while (read_available(50)) {
    }
  }
  return exit_code_;
}

bool same_modes(const termios& a, const termios& b) {
  return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_lflag == b.c_lflag &&
         a.c_cflag == b.c_cflag && a.c_cc[VMIN] == b.c_cc[VMIN] && a.c_cc[VTIME] == b.c_cc[VTIME];
}

}  // namespace rehearse::test
