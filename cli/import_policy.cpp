#include "import_policy.hpp"

#include <fmt/core.h>

#include <utility>

#include "clock.hpp"

namespace rehearse::cli {

ImportPolicy import_policy(std::vector<std::string> sources, const Moment& now, bool allow_moves,
                           bool reset_changed) {
  return {std::move(sources), allow_moves, "before-import-" + file_stamp(now), reset_changed, now};
}

std::optional<std::string> backup_notice(const ImportOutcome& outcome) {
  if (!outcome.backup) return std::nullopt;
  return fmt::format("Backed up the collection to {} first.", outcome.backup->string());
}

}  // namespace rehearse::cli
