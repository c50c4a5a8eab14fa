#pragma once

// The small collection of the reliability tests: deck d with cards d.1 and d.2, imported into a
// temporary collection, and the real binary run on it at a fixed time.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace rehearse::test {

inline constexpr const char* kTwoCardNow = "2026-11-25T09:00";

inline constexpr const char* kTwoCardDeck =
    R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D"}, "cards": [
  {"id": "d.1", "front": "Q1?", "back": "A1"}, {"id": "d.2", "front": "Q2?", "back": "A2"}]})";

struct TwoCardCollection {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::string deck = write_text(dir, "d.json", kTwoCardDeck).string();

  TwoCardCollection() { REQUIRE(rehearse({"import", deck}).exit_code == 0); }
  // rehearse --db DB --now kTwoCardNow ARGS...
  CliResult rehearse(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db, "--now", kTwoCardNow});
    return run_rehearse(args);
  }
};

// Whether a temporary file of rehearse's (".rehearse-tmp") is left anywhere under `folder`.
inline bool leftover_temporary(const std::filesystem::path& folder) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.path().filename().string().find(".rehearse-tmp") != std::string::npos) return true;
  }
  return false;
}

}  // namespace rehearse::test
