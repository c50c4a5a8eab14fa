// Collection: backups, restore and the integrity check.
#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "store/backup.hpp"
#include "store/collection_impl.hpp"
#include "store/schema.hpp"

namespace rehearse {

using namespace store;

std::filesystem::path Maintenance::backup_to(const std::filesystem::path& destination,
                                             IfExists if_exists) const {
  return guarded(impl_->path, [&] {
    const bool in_transaction = sqlite3_get_autocommit(impl_->db.getHandle()) == 0;
    if (!in_transaction || impl_->path == ":memory:") {  // no second connection sees memory
      return store::copy_database(impl_->db, destination, if_exists);
    }
    // In a write transaction this connection sees its own changes; a second one sees only
    // what is committed (WAL mode lets it read while the transaction is open).
    SQLite::Database committed(impl_->path.string(),
                               store::connection_flags(SQLite::OPEN_READONLY));
    return store::copy_database(committed, destination, if_exists);
  });
}

std::filesystem::path Maintenance::backup_automatically(std::string_view label) const {
  const std::filesystem::path destination =
      backup_to(automatic_backup_path(impl_->path, label), IfExists::keep);
  prune_automatic_backups(impl_->path, kAutomaticBackupsKept);
  return destination;
}

namespace {

// Opens `source` for reading and checks that it is a sound rehearse collection. A file with no
// WAL beside it (a backup) is opened immutable, so that nothing is created next to it.
// SQLite's failures are thrown as they come.
std::unique_ptr<SQLite::Database> open_sound_source(const std::filesystem::path& source);

// The same, every problem named after the backup, never after --db.
std::unique_ptr<SQLite::Database> open_restore_source(const std::filesystem::path& source) {
  if (!std::filesystem::is_regular_file(source)) {
    throw Error("cannot restore from {}: no such file", source.string());
  }
  try {
    return open_sound_source(source);
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) {
      throw Error(
          "cannot restore from {}: it is not a rehearse collection (not an SQLite database)",
          source.string());
    }
    if (e.getErrorCode() == SQLITE_CORRUPT) {
      throw Error("cannot restore from {}: it is damaged ({})", source.string(), e.what());
    }
    throw;
  }
}

std::unique_ptr<SQLite::Database> open_sound_source(const std::filesystem::path& source) {
  const bool has_wal = std::filesystem::exists(source.string() + "-wal");
  auto from = has_wal
                  ? std::make_unique<SQLite::Database>(source.string(), SQLite::OPEN_READONLY)
                  : std::make_unique<SQLite::Database>(file_uri(source) + "?immutable=1",
                                                       SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  try {
    store::check_collection(*from, source);
  } catch (const Error& e) {
    // Ownership's message tells to choose another --db: the choice here is another backup.
    if (std::string_view(e.what()).find("--db") == std::string_view::npos) throw;
    throw Error(
        "cannot restore from {}: it is not a rehearse collection (an SQLite database "
        "of another program)",
        source.string());
  }
  if (from->execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 0) {
    throw Error("cannot restore from {}: it is empty", source.string());
  }
  const std::string verdict = from->execAndGet("PRAGMA integrity_check").getString();
  if (verdict != "ok") {
    throw Error("cannot restore from {}: it is damaged ({})", source.string(), verdict);
  }
  if (const std::vector<std::string> problems = store::schema_problems(*from); !problems.empty()) {
    throw Error("cannot restore from {}: it is not a sound rehearse collection ({})",
                source.string(), problems.front());
  }
  return from;
}

// Copies a file byte for byte, as it is: for a collection too damaged to open.
void copy_raw(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

// The next free name of `wanted`'s series (<stem>-2<ext>...), for a byte-for-byte copy.
std::filesystem::path free_name(const std::filesystem::path& wanted) {
  std::filesystem::path name = wanted;
  for (int n = 2; std::filesystem::exists(name); ++n) {
    name = wanted.parent_path() /
           fmt::format("{}-{}{}", wanted.stem().string(), n, wanted.extension().string());
  }
  return name;
}

// Whether SQLite cannot open the file as a collection because it is damaged: its pages
// (SQLITE_CORRUPT) or its header (SQLITE_NOTADB: not recognised as SQLite any more).
bool too_damaged_to_open(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_CORRUPT || e.getErrorCode() == SQLITE_NOTADB;
}

// A private copy of `from` with pages of `page_size` bytes, beside `beside`, removed when it
// goes. SQLite's online backup cannot copy between page sizes into a collection in WAL mode.
struct ResizedCopy {
  std::filesystem::path path;
  std::unique_ptr<SQLite::Database> db;

  ResizedCopy(SQLite::Database& from, const std::filesystem::path& beside, int page_size)
      : path(store::copy_to_temporary(from, beside)) {
    try {
      db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE);
      db->exec("PRAGMA journal_mode = DELETE");  // VACUUM changes the page size only then
      db->exec(fmt::format("PRAGMA page_size = {}", page_size));
      db->exec("VACUUM");
    } catch (...) {
      remove();
      throw;
    }
  }
  ~ResizedCopy() { remove(); }
  ResizedCopy(const ResizedCopy&) = delete;
  ResizedCopy& operator=(const ResizedCopy&) = delete;

  void remove() {
    db.reset();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-journal", ignored);
  }
};

int page_size(SQLite::Database& db) {
  return db.execAndGet("PRAGMA page_size").getInt();
}

}  // namespace

std::filesystem::path Maintenance::restore(const std::filesystem::path& path,
                                           const std::filesystem::path& source,
                                           const std::filesystem::path& wanted_safety) {
  std::unique_ptr<SQLite::Database> from =
      guarded(source, [&] { return open_restore_source(source); });
  std::unique_ptr<Connection> current;
  try {
    current = Connection::open_writable(path, {});
  } catch (const SQLite::Exception& e) {
    if (!too_damaged_to_open(e)) throw_storage_error(path, e);
  }
  if (current) {
    // A sound collection: copy it aside, then overwrite it in place through SQLite, which
    // other processes see as one more transaction.
    return guarded(path, [&] {
      std::optional<ResizedCopy> resized;
      if (page_size(*from) != page_size(current->db)) {
        resized.emplace(*from, path, page_size(current->db));
      }
      const std::filesystem::path safety =
          store::copy_database(current->db, wanted_safety, IfExists::keep);
      try {
        SQLite::Backup backup(current->db, resized ? *resized->db : *from);
        store::run_backup(backup);
      } catch (...) {
        std::error_code ignored;  // nothing was replaced: the safety copy is not needed
        std::filesystem::remove(safety, ignored);
        throw;
      }
      store::migrate(current->db, path);
      return safety;
    });
  }
  // Too damaged to open: keep its bytes (and its WAL) as they are, then put a fresh copy of the
  // backup in its place and drop the WAL and shared memory that belonged to the damaged file.
  return guarded(path, [&] {
    const std::filesystem::path safety = free_name(wanted_safety);
    copy_raw(path, safety);
    if (std::filesystem::exists(path.string() + "-wal"))
      copy_raw(path.string() + "-wal", safety.string() + "-wal");
    const std::filesystem::path fresh = store::copy_to_temporary(*from, path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    std::filesystem::rename(fresh, path);
    return safety;
  });
}

std::filesystem::path Maintenance::restore_with_automatic_backup(
    const std::filesystem::path& path, const std::filesystem::path& source,
    std::string_view label) {
  const std::filesystem::path safety = restore(path, source, automatic_backup_path(path, label));
  prune_automatic_backups(path, kAutomaticBackupsKept);
  return safety;
}

std::vector<std::string> Maintenance::integrity_problems() const {
  return guarded(impl_->path, [&] {
    SQLite::Statement check(impl_->db, "PRAGMA integrity_check");
    std::vector<std::string> problems;
    while (check.executeStep())
      problems.push_back(check.getColumn(0).getString());
    if (problems != std::vector<std::string>{"ok"}) return problems;
    return store::schema_problems(impl_->db);  // a sound file, shaped as rehearse made it
  });
}

void Maintenance::make_durable() const {
  if (impl_->path == ":memory:") return;
  guarded(impl_->path, [&] { impl_->db.exec("PRAGMA wal_checkpoint(FULL)"); });
  // A checkpoint that a reader of an older snapshot held back copied only part of the log:
  // what it did not copy is made durable where it is.
  const std::string wal = impl_->path.string() + "-wal";
  const int fd = ::open(wal.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw Error("cannot write {}: {}", wal, std::strerror(errno));
}

}  // namespace rehearse
