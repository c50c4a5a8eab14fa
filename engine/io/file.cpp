#include "io/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "model/error.hpp"

namespace rehearse {

std::string read_file(const std::filesystem::path& path, std::size_t spare) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw Error("cannot read {}: it is a folder, not a file", path.string());
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("cannot read {}: {}", path.string(), std::strerror(errno));
  // Sized once from the file's length: growing a string by appending would copy a large file
  // several times over. A file that grows meanwhile is still read to its end.
  struct stat status {};
  std::string content;
  if (::fstat(fd, &status) == 0 && status.st_size > 0) {
    content.reserve(static_cast<std::size_t>(status.st_size) + spare);
    content.resize(static_cast<std::size_t>(status.st_size));
  }
  std::size_t size = 0;
  char more[1 << 16];  // past the expected end: usually just the end of the file
  for (;;) {
    const bool full = size == content.size();
    const ssize_t n = full ? ::read(fd, more, sizeof more)
                           : ::read(fd, content.data() + size, content.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      throw Error("cannot read {}: {}", path.string(), std::strerror(saved));
    }
    if (n == 0) break;
    if (full) content.append(more, static_cast<std::size_t>(n));
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  content.resize(size);
  content.reserve(size + spare);  // a no-op unless the file grew while it was read
  return content;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path temporary = path.string() + ".rehearse-tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error("cannot write {}: {}", path.string(), std::strerror(errno));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw Error("cannot write {}: {}", path.string(), std::strerror(saved));
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int sync_error = errno;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    const int saved = synced ? errno : sync_error;
    ::unlink(temporary.c_str());
    throw Error("cannot write {}: {}", path.string(), std::strerror(saved));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    throw Error("cannot write {}: {}", path.string(), std::strerror(saved));
  }
}

}  // namespace rehearse
