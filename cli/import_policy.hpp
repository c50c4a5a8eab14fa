#pragma once

// The import policy (import/import.hpp ImportPolicy) of every command that imports deck files:
// import, add and review's e key, so that each refuses the same moves and backs up alike.

#include <optional>
#include <string>
#include <vector>

#include "import/import.hpp"
#include "model/time.hpp"

namespace rehearse::cli {

// The engine's policy for an import of the files called `sources` at `now`, backed up (when
// worth it) under a label with its time. `allow_moves` and `reset_changed` are ImportPolicy's
// (import --move, --reset-changed); by default moves are refused and nothing is reset.
ImportPolicy import_policy(std::vector<std::string> sources, const Moment& now,
                           bool allow_moves = false, bool reset_changed = false);

// "Backed up the collection to PATH first." when the import took a backup, else nullopt.
std::optional<std::string> backup_notice(const ImportOutcome& outcome);

}  // namespace rehearse::cli
