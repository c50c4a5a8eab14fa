#pragma once

#include <filesystem>
#include <string_view>

namespace SQLite {
class Database;
}

namespace rehearse::store {

// Copies `from`, consistent as of the call, into a new file at `to` with SQLite's online
// backup. The copy is made under a temporary name and renamed into place, so `to` never holds
// half a collection. Throws SQLite::Exception or Error.
void copy_database(SQLite::Database& from, const std::filesystem::path& to);

// Where an automatic backup of `collection` labelled `label` goes:
// <folder>/backups/<stem>-auto-<label>.db, with -2, -3... when the name is taken.
std::filesystem::path automatic_backup_path(const std::filesystem::path& collection,
                                            std::string_view label);

// Removes all but the `keep` most recent automatic backups of `collection`.
void prune_automatic_backups(const std::filesystem::path& collection, std::size_t keep);

// How many automatic backups are kept. Default: 10.
inline constexpr std::size_t kAutomaticBackupsKept = 10;

}  // namespace rehearse::store
