#pragma once

#include <filesystem>
#include <string_view>

#include "store/maintenance.hpp"  // kAutomaticBackupsKept

namespace SQLite {
class Backup;
class Database;
}  // namespace SQLite

namespace rehearse::store {

// Copies `from`, consistent as of the call, into a new file at `to` with SQLite's online
// backup. The copy is made under a temporary name and renamed into place, so `to` never holds
// half a collection. Throws SQLite::Exception or Error.
void copy_database(SQLite::Database& from, const std::filesystem::path& to);

// Runs `backup` to its end: every page of the source copied and committed at the destination.
// SQLite reports a lock it cannot take as SQLITE_BUSY or SQLITE_LOCKED returned, not thrown,
// and does not wait for it: the step is tried again for as long as a write transaction waits
// (five busy timeouts), then the lock still held is thrown as SQLite::Exception, so that no
// copy that did not happen is ever reported.
void run_backup(SQLite::Backup& backup);

// Where an automatic backup of `collection` labelled `label` goes:
// <folder>/backups/<stem>-auto-<label>.db, with -2, -3... when the name is taken.
std::filesystem::path automatic_backup_path(const std::filesystem::path& collection,
                                            std::string_view label);

// Removes all but the `keep` most recent automatic backups of `collection`.
void prune_automatic_backups(const std::filesystem::path& collection, std::size_t keep);

}  // namespace rehearse::store
