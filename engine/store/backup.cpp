#include "store/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "io/file.hpp"
#include "model/error.hpp"
#include "store/collection_impl.hpp"

namespace rehearse::store {
namespace {

std::string automatic_prefix(const std::filesystem::path& collection) {
  return collection.stem().string() + "-auto-";
}

void sync_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!synced) throw Error("cannot write {}: {}", path.string(), std::strerror(error));
}

}  // namespace

void run_backup(SQLite::Backup& backup) {
  // sqlite3_backup_step does not wait for a lock it cannot get: it returns at once, and the
  // step may be tried again. It waits here as long as a write transaction would.
  using std::chrono::milliseconds;
  const auto deadline =
      std::chrono::steady_clock::now() + milliseconds(busy_timeout_ms()) * kWriteAttempts;
  for (milliseconds pause(5);; pause = std::min(pause * 2, milliseconds(200))) {
    const int result = backup.executeStep();  // all remaining pages at once
    if (result == SQLITE_DONE) return;
    const bool busy = result == SQLITE_BUSY || result == SQLITE_LOCKED;
    if (busy) {
      if (std::chrono::steady_clock::now() >= deadline) {
        throw SQLite::Exception("the database is locked", result);
      }
      std::this_thread::sleep_for(pause);
    }
  }
}

namespace {

// `wanted` when free, else <stem>-2<ext>, <stem>-3<ext>...
std::filesystem::path numbered(const std::filesystem::path& wanted, int n) {
  if (n == 1) return wanted;
  return wanted.parent_path() /
         fmt::format("{}-{}{}", wanted.stem().string(), n, wanted.extension().string());
}

// Gives `temporary` the first free name of `wanted`'s series: link() fails rather than replace
// a file, so two processes never take the same name.
std::filesystem::path publish_new(const std::filesystem::path& temporary,
                                  const std::filesystem::path& wanted) {
  for (int n = 1;; ++n) {
    const std::filesystem::path name = numbered(wanted, n);
    if (::link(temporary.c_str(), name.c_str()) == 0) {
      ::unlink(temporary.c_str());
      return name;
    }
    if (errno != EEXIST) throw Error("cannot write {}: {}", name.string(), std::strerror(errno));
  }
}

void create_folder_of(const std::filesystem::path& file) {
  if (!file.has_parent_path()) return;
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error)
    throw Error("cannot create the folder {}: {}", file.parent_path().string(), error.message());
}

}  // namespace

std::filesystem::path copy_to_temporary(SQLite::Database& from,
                                        const std::filesystem::path& beside) {
  create_folder_of(beside);
  const TemporaryFile temporary = create_temporary_beside(beside);
  ::close(temporary.fd);
  try {
    {
      SQLite::Database target(temporary.path.string(), SQLite::OPEN_READWRITE);
      // The copy is private until renamed: no journal, no syncs while it is written (twice as
      // fast); one fsync below makes it durable before it takes its name.
      target.exec("PRAGMA journal_mode = OFF");
      target.exec("PRAGMA synchronous = OFF");
      SQLite::Backup backup(target, from);
      run_backup(backup);
    }
    sync_file(temporary.path);
  } catch (const SQLite::Exception& e) {
    std::error_code ignored;
    std::filesystem::remove(temporary.path, ignored);
    // A full disk, a read-only folder or a file size limit is the destination's; a lock held
    // too long is the collection's.
    const int code = e.getErrorCode() & 0xFF;  // the primary code of an extended one
    if (code == SQLITE_FULL || code == SQLITE_READONLY || code == SQLITE_IOERR ||
        code == SQLITE_CANTOPEN) {
      throw_storage_error(beside, e);
    }
    throw;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary.path, ignored);
    throw;
  }
  return temporary.path;
}

std::filesystem::path copy_database(SQLite::Database& from, const std::filesystem::path& to,
                                    IfExists if_exists) {
  const std::filesystem::path target = if_exists == IfExists::replace ? file_to_replace(to) : to;
  const std::filesystem::path temporary = copy_to_temporary(from, target);
  try {
    if (if_exists == IfExists::keep) return publish_new(temporary, target);
    std::filesystem::rename(temporary, target);
    return target;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

std::filesystem::path automatic_backup_path(const std::filesystem::path& collection,
                                            std::string_view label) {
  const std::filesystem::path folder = collection.parent_path() / "backups";
  const std::string base = automatic_prefix(collection) + std::string(label);
  return folder / (base + ".db");
}

void prune_automatic_backups(const std::filesystem::path& collection, std::size_t keep) {
  const std::filesystem::path folder = collection.parent_path() / "backups";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return;
  const std::string prefix = automatic_prefix(collection);
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> backups;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".db")) {
      backups.emplace_back(entry.last_write_time(error), entry.path());
    }
  }
  if (backups.size() <= keep) return;
  std::sort(backups.begin(), backups.end(), std::greater<>());
  for (std::size_t i = keep; i < backups.size(); ++i)
    std::filesystem::remove(backups[i].second, error);
}

}  // namespace rehearse::store
