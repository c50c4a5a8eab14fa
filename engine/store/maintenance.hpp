#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store/part.hpp"

namespace rehearse::store {

// What a copy does when its destination exists.
enum class IfExists {
  replace,  // replaces the file (through a symbolic link; never a device or a FIFO)
  keep,     // keeps it: the copy takes the next free name, <stem>-2<ext>, <stem>-3<ext>...
};

// Keeping the collection safe: backups, restore, the integrity check.
class Maintenance : protected Part {
 public:
  // Copies the whole collection, consistent as of the call, to `destination` with SQLite's
  // online backup, and returns where the copy went; other processes may go on reading and
  // writing. An existing `destination` is replaced, or kept with IfExists::keep (the copy then
  // takes the next free name). Only committed changes are copied: called in an import's
  // BeforeCommit, it copies the collection as it was before the import (except for
  // ":memory:", which only its own connection sees).
  std::filesystem::path backup_to(const std::filesystem::path& destination,
                                  IfExists if_exists = IfExists::replace) const;
  // The same into the folder of automatic backups, as <folder>/backups/<stem>-auto-<label>.db
  // (-2, -3... when the name is taken), keeping the most recent kAutomaticBackupsKept of them.
  // Returns where the copy is.
  std::filesystem::path backup_automatically(std::string_view label) const;

  // Replaces the collection at `path` with the collection at `source`, which must be a sound
  // rehearse collection (checked first; nothing changes otherwise), and brings its schema up
  // to date. The collection as it was is first copied to `safety`, or the next free name of
  // its series, which is returned: through SQLite when it can be opened, byte for byte when it
  // is too damaged to open (damaged pages, or a header SQLite no longer recognises).
  static std::filesystem::path restore(const std::filesystem::path& path,
                                       const std::filesystem::path& source,
                                       const std::filesystem::path& safety);
  // The same, the safety copy being an automatic backup labelled `label` (as
  // backup_automatically names and prunes them). Returns where the safety copy is.
  static std::filesystem::path restore_with_automatic_backup(const std::filesystem::path& path,
                                                             const std::filesystem::path& source,
                                                             std::string_view label);

  // Makes every commit so far durable against a power cut, for a collection opened with
  // Durability::process_crash at the end of its batch: checkpoints the write-ahead log into
  // the file and syncs both. Closing does that too, but only when no other process has the
  // file open.
  void make_durable() const;

  // SQLite's integrity check: empty when the file is sound, else what is wrong.
  std::vector<std::string> integrity_problems() const;
  // Where the answers added up by deck and day (answer_days, which the statistics read) differ
  // from the review log ("deck 'd', 2026-11-20: 3 answers counted where the log has 4"); empty when
  // they agree.
  std::vector<std::string> answer_day_problems() const;

 protected:
  using Part::Part;
};

// How many automatic backups are kept. Default: 10.
inline constexpr std::size_t kAutomaticBackupsKept = 10;

}  // namespace rehearse::store
