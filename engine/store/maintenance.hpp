#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store/part.hpp"

namespace rehearse::store {

// Keeping the collection safe: backups, restore, the integrity check.
class Maintenance : protected Part {
 public:
  // Copies the whole collection, consistent as of the call, to `destination` (replaced if it
  // exists) with SQLite's online backup; other processes may go on reading and writing. Only
  // committed changes are copied: called in an import's BeforeCommit, it copies the collection
  // as it was before the import (except for ":memory:", which only its own connection sees).
  void backup_to(const std::filesystem::path& destination) const;
  // The same into the folder of automatic backups, as <folder>/backups/<stem>-auto-<label>.db
  // (-2, -3... when the name is taken), keeping the most recent kAutomaticBackupsKept of them.
  // Returns where the copy is.
  std::filesystem::path backup_automatically(std::string_view label) const;

  // Replaces the collection at `path` with the collection at `source`, which must be a sound
  // rehearse collection (checked first; nothing changes otherwise), and brings its schema up
  // to date. The collection as it was is first copied to `safety`: through SQLite when it can
  // be opened, byte for byte when it is too damaged to open.
  static void restore(const std::filesystem::path& path, const std::filesystem::path& source,
                      const std::filesystem::path& safety);
  // The same, the safety copy being an automatic backup labelled `label` (as
  // backup_automatically names and prunes them). Returns where the safety copy is.
  static std::filesystem::path restore_with_automatic_backup(const std::filesystem::path& path,
                                                             const std::filesystem::path& source,
                                                             std::string_view label);

  // SQLite's integrity check: empty when the file is sound, else what is wrong.
  std::vector<std::string> integrity_problems() const;

 protected:
  using Part::Part;
};

// How many automatic backups are kept. Default: 10.
inline constexpr std::size_t kAutomaticBackupsKept = 10;

}  // namespace rehearse::store
