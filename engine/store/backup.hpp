#pragma once

#include <filesystem>
#include <string_view>

#include "store/maintenance.hpp"  // kAutomaticBackupsKept

namespace SQLite {
class Backup;
class Database;
}  // namespace SQLite

namespace rehearse::store {

// Copies `from`, consistent as of the call, to `to` with SQLite's online backup, and returns
// where the copy went. The copy is made under a temporary name no other process uses and then
// renamed (or linked) into place, so no file ever holds half a collection. Throws
// SQLite::Exception or Error.
std::filesystem::path copy_database(SQLite::Database& from, const std::filesystem::path& to,
                                    IfExists if_exists = IfExists::replace);

// The same copy, left under a new temporary name beside `beside` (see
// create_temporary_beside) and synced, for a caller that renames it itself.
std::filesystem::path copy_to_temporary(SQLite::Database& from,
                                        const std::filesystem::path& beside);

// Runs `backup` to its end: every page of the source copied and committed at the destination.
// SQLite reports a lock it cannot take as SQLITE_BUSY or SQLITE_LOCKED returned, not thrown,
// and does not wait for it: the step is tried again for as long as a write transaction waits
// (five busy timeouts), then the lock still held is thrown as SQLite::Exception, so that no
// copy that did not happen is ever reported.
void run_backup(SQLite::Backup& backup);

// Where an automatic backup of `collection` labelled `label` goes:
// <folder>/backups/<stem>-auto-<label>.db. Copied there with IfExists::keep, a backup taking a
// name that is taken gets -2, -3...
std::filesystem::path automatic_backup_path(const std::filesystem::path& collection,
                                            std::string_view label);

// Removes all but the `keep` most recent automatic backups of `collection`.
void prune_automatic_backups(const std::filesystem::path& collection, std::size_t keep);

}  // namespace rehearse::store
