#pragma once

// A temporary collection of numbered decks (deck_files.hpp numbered_deck), for end-to-end tests
// that run the real binary on it with --now.

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "io/deck_file.hpp"
#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace rehearse::test {

struct NumberedCollection {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  // Imports a deck of `cards` cards for each (deck id, cards), in that order, on `day`.
  explicit NumberedCollection(const std::vector<std::pair<std::string, int>>& decks,
                              const std::string& day = "2026-12-01") {
    std::vector<std::string> args{"import"};
    for (const auto& [id, cards] : decks) {
      const std::filesystem::path path = dir / (id + ".json");
      std::ofstream(path) << format_deck_file(numbered_deck(id, cards));
      args.push_back(path.string());
    }
    REQUIRE(rehearse(day, args).exit_code == 0);
  }

  // rehearse --db DB --now NOW ARGS..., `input` on its standard input.
  CliResult rehearse(const std::string& now, std::vector<std::string> args,
                     const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", now});
    return run_rehearse(args, input);
  }
};

}  // namespace rehearse::test
