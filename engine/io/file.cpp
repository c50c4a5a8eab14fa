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
  const auto too_large = [&] {
    ::close(fd);
    return Error("cannot read {}: it holds more than {} MB, the most rehearse reads from one file",
                 path.string(), kMaxFileBytes >> 20);
  };
  if (::fstat(fd, &status) == 0 && static_cast<std::size_t>(status.st_size) > kMaxFileBytes) {
    throw too_large();
  }
  if (status.st_size > 0) {
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
    if (size > kMaxFileBytes) throw too_large();
  }
  ::close(fd);
  content.resize(size);
  content.reserve(size + spare);  // a no-op unless the file grew while it was read
  return content;
}

namespace {

std::string_view file_kind(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::directory:
      return "a folder";
    case std::filesystem::file_type::block:
    case std::filesystem::file_type::character:
      return "a device";
    case std::filesystem::file_type::fifo:
      return "a FIFO";
    case std::filesystem::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

}  // namespace

std::filesystem::path deck_source_path(const std::filesystem::path& path) {
  std::error_code error;
  if (path.empty() || !std::filesystem::is_regular_file(path, error)) return {};
  const std::filesystem::path absolute = std::filesystem::absolute(path, error).lexically_normal();
  if (error) return {};
  // /dev/stdin or /proc/self/fd/0 is a regular file when input comes from one: still input.
  const std::string text = absolute.string();
  if (text.starts_with("/dev/") || text.starts_with("/proc/")) return {};
  return absolute;
}

std::filesystem::path file_to_replace(const std::filesystem::path& path) {
  std::filesystem::path target = path;
  std::error_code error;
  for (int links = 0; std::filesystem::is_symlink(std::filesystem::symlink_status(target, error));
       ++links) {
    if (links == 40) throw Error("cannot write {}: too many symbolic links", path.string());
    const std::filesystem::path next = std::filesystem::read_symlink(target, error);
    if (error) throw Error("cannot write {}: {}", path.string(), error.message());
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  const std::filesystem::file_status status = std::filesystem::status(target, error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    throw Error("cannot write {}: it is {}, not a regular file", path.string(),
                file_kind(status.type()));
  }
  return target;
}

namespace {

// Why `path` could not be written, in the words the collection's own errors use for the same
// causes (store/collection.cpp storage_error).
Error write_failure(const std::filesystem::path& path, int error) {
  switch (error) {
    case ENOSPC:
    case EDQUOT:
      return Error("cannot write {}: the disk is full; nothing was changed", path.string());
    case EROFS:
    case EACCES:
    case EPERM:
      return Error("cannot write {}: the file or its folder is read-only; nothing was changed",
                   path.string());
    default:
      return Error("cannot write {}: {}", path.string(), std::strerror(error));
  }
}

}  // namespace

TemporaryFile create_temporary_beside(const std::filesystem::path& target) {
  std::string name = target.string() + ".rehearse-tmp-XXXXXX";
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) throw write_failure(target, errno);
  return {fd, name};
}

void write_file_atomically(const std::filesystem::path& requested, std::string_view content) {
  const std::filesystem::path path = file_to_replace(requested);
  const auto [fd, temporary] = create_temporary_beside(path);
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    ::fchmod(fd, existing.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);  // read it: only umask() tells
    ::umask(mask);
    ::fchmod(fd, 0644 & ~mask);
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw write_failure(path, saved);
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int sync_error = errno;
  const bool closed = ::close(fd) == 0;
  if (!synced || !closed) {
    const int saved = synced ? errno : sync_error;
    ::unlink(temporary.c_str());
    throw write_failure(path, saved);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary.c_str());
    throw write_failure(path, saved);
  }
}

}  // namespace rehearse
