#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace rehearse::store {

// Marks a file as a rehearse collection (PRAGMA application_id): "RHRS".
inline constexpr std::int32_t kApplicationId = 0x52485253;

// The schema version this build writes (PRAGMA user_version).
int latest_schema_version();

// The schema version of `db` (PRAGMA user_version); 0 for an empty file.
int schema_version(SQLite::Database& db);

// Checks that `db` is a rehearse collection (or an empty file) that this build can read.
// Throws Error when the file belongs to another program or to a newer rehearse.
void check_collection(SQLite::Database& db, const std::filesystem::path& path);

// How the tables, indexes and triggers of `db` differ from those rehearse makes at its schema
// version ("index cards_due is missing", "trigger x is not rehearse's"), then the rows whose
// foreign keys point nowhere. Empty when nothing is wrong.
std::vector<std::string> schema_problems(SQLite::Database& db);

// Checks `db` as above and applies the migrations from its version to the latest, all of them
// in one transaction: a failure leaves the collection at its old version. A collection that
// holds data is first copied to an automatic backup.
void migrate(SQLite::Database& db, const std::filesystem::path& path);

}  // namespace rehearse::store
