// Collection: backups, restore and the integrity check.
#include <SQLiteCpp/Backup.h>

#include "store/backup.hpp"
#include "store/collection_impl.hpp"
#include "store/schema.hpp"

namespace rehearse {

using namespace store;

void Maintenance::backup_to(const std::filesystem::path& destination) const {
  guarded(impl_->path, [&] {
    const bool in_transaction = sqlite3_get_autocommit(impl_->db.getHandle()) == 0;
    if (!in_transaction || impl_->path == ":memory:") {  // no second connection sees memory
      store::copy_database(impl_->db, destination);
    } else {
      // In a write transaction this connection sees its own changes; a second one sees only
      // what is committed (WAL mode lets it read while the transaction is open).
      SQLite::Database committed(impl_->path.string(),
                                 store::connection_flags(SQLite::OPEN_READONLY));
      store::copy_database(committed, destination);
    }
    return 0;
  });
}

std::filesystem::path Maintenance::backup_automatically(std::string_view label) const {
  const std::filesystem::path destination = automatic_backup_path(impl_->path, label);
  backup_to(destination);
  prune_automatic_backups(impl_->path, kAutomaticBackupsKept);
  return destination;
}

namespace {

// Opens `source` for reading and checks that it is a sound rehearse collection. A file with no
// WAL beside it (a backup) is opened immutable, so that nothing is created next to it.
std::unique_ptr<SQLite::Database> open_restore_source(const std::filesystem::path& source) {
  if (!std::filesystem::is_regular_file(source)) {
    throw Error("cannot restore from {}: no such file", source.string());
  }
  const bool has_wal = std::filesystem::exists(source.string() + "-wal");
  auto from = has_wal
                  ? std::make_unique<SQLite::Database>(source.string(), SQLite::OPEN_READONLY)
                  : std::make_unique<SQLite::Database>(file_uri(source) + "?immutable=1",
                                                       SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  store::check_collection(*from, source);
  if (from->execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 0) {
    throw Error("cannot restore from {}: it is empty", source.string());
  }
  const std::string verdict = from->execAndGet("PRAGMA integrity_check").getString();
  if (verdict != "ok") {
    throw Error("cannot restore from {}: it is damaged ({})", source.string(), verdict);
  }
  return from;
}

// Copies a file byte for byte, as it is: for a collection too damaged to open.
void copy_raw(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace

void Maintenance::restore(const std::filesystem::path& path, const std::filesystem::path& source,
                          const std::filesystem::path& safety) {
  std::unique_ptr<SQLite::Database> from =
      guarded(source, [&] { return open_restore_source(source); });
  std::unique_ptr<Connection> current;
  try {
    current = Connection::open_writable(path, {});
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() != SQLITE_CORRUPT) throw storage_error(path, e);
  }
  if (current) {
    // A sound collection: copy it aside, then overwrite it in place through SQLite, which
    // other processes see as one more transaction.
    guarded(path, [&] {
      store::copy_database(current->db, safety);
      try {
        SQLite::Backup backup(current->db, *from);
        store::run_backup(backup);
      } catch (...) {
        std::error_code ignored;  // nothing was replaced: the safety copy is not needed
        std::filesystem::remove(safety, ignored);
        throw;
      }
      store::migrate(current->db, path);
      return 0;
    });
    return;
  }
  // Too damaged to open: keep its bytes (and its WAL) as they are, then put a fresh copy of the
  // backup in its place and drop the WAL and shared memory that belonged to the damaged file.
  guarded(path, [&] {
    copy_raw(path, safety);
    if (std::filesystem::exists(path.string() + "-wal"))
      copy_raw(path.string() + "-wal", safety.string() + "-wal");
    const std::filesystem::path fresh = path.string() + ".restoring";
    store::copy_database(*from, fresh);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    std::filesystem::rename(fresh, path);
    return 0;
  });
}

std::filesystem::path Maintenance::restore_with_automatic_backup(
    const std::filesystem::path& path, const std::filesystem::path& source,
    std::string_view label) {
  const std::filesystem::path safety = automatic_backup_path(path, label);
  restore(path, source, safety);
  prune_automatic_backups(path, kAutomaticBackupsKept);
  return safety;
}

std::vector<std::string> Maintenance::integrity_problems() const {
  return guarded(impl_->path, [&] {
    SQLite::Statement check(impl_->db, "PRAGMA integrity_check");
    std::vector<std::string> problems;
    while (check.executeStep())
      problems.push_back(check.getColumn(0).getString());
    if (problems == std::vector<std::string>{"ok"}) problems.clear();
    return problems;
  });
}

}  // namespace rehearse
