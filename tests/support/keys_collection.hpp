#pragma once

// A temporary collection of one deck "k" with three cards k.1-k.3, for the end-to-end tests of
// review's keys (piped lines and a pseudo-terminal), at kKeysNow.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace rehearse::test {

inline constexpr const char* kKeysNow = "2026-11-25T09:00";

inline constexpr const char* kKeysDeck =
    R"({"format": "rehearse-deck/1", "deck": {"id": "k", "name": "Keys"}, "cards": [
  {"id": "k.1", "front": "First question?", "back": "First answer."},
  {"id": "k.2", "front": "Second question?", "back": "Second answer."},
  {"id": "k.3", "front": "Third question?", "back": "Third answer."}]})";

struct KeysCollection {
  TempDir dir;
  std::string db = (dir / "c.db").string();

  KeysCollection() {
    const std::string deck = write_text(dir, "k.json", kKeysDeck).string();
    REQUIRE(rehearse({"import", deck}).exit_code == 0);
  }
  // rehearse --db DB --now kKeysNow ARGS..., `input` on its standard input.
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", kKeysNow});
    return run_rehearse(args, input);
  }
  std::string show(const std::string& card) const { return rehearse({"show", card, "--json"}).out; }
  std::string log(const std::string& card) const {
    return rehearse({"show", card, "--log", "--json"}).out;
  }
};

}  // namespace rehearse::test
