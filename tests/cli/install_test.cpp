// End-to-end: `cmake --install` into a temporary prefix, and the script `make run` runs.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "support/file_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_program;
using rehearse::test::TempDir;

namespace {

using rehearse::test::read;
using rehearse::test::write;

std::string deck(const std::string& back) {
  return R"({"format": "rehearse-deck/1", "deck": {"id": "mine", "name": "Mine", "description": ""},
  "cards": [{"id": "m.1", "front": "Q?", "back": ")" +
         back + R"(", "tags": []}]})";
}

}  // namespace

TEST_CASE("the installed rehearse runs from its prefix and finds its shipped decks there") {
  const TempDir prefix;
  const CliResult install =
      run_program({"cmake", "--install", REHEARSE_BUILD_DIR, "--prefix", prefix.path().string()});
  REQUIRE(install.exit_code == 0);
  const std::string binary = (prefix / "bin/rehearse").string();
  REQUIRE(std::filesystem::exists(binary));
  CHECK(std::filesystem::exists(prefix / "share/rehearse/decks/shipped.txt"));
  CHECK(read(prefix / "share/man/man1/rehearse.1").starts_with(".TH REHEARSE 1"));
  CHECK(read(prefix / "share/man/man1/rehearse.1").find(".SS review") != std::string::npos);
  CHECK(
      run_program({"bash", "-n", (prefix / "share/bash-completion/completions/rehearse").string()})
          .exit_code == 0);

  // Moved elsewhere, the tree still finds its decks beside the binary.
  const TempDir moved;
  std::filesystem::rename(prefix / "bin", moved / "bin");
  std::filesystem::rename(prefix / "share", moved / "share");
  const std::string db = (moved / "c.db").string();
  const CliResult imported =
      run_program({(moved / "bin/rehearse").string(), "--db", db, "import", "--shipped"});
  CHECK(imported.err == "");
  REQUIRE(imported.exit_code == 0);
  CHECK(imported.out.find("interview-loop (" +
                          (moved / "share/rehearse/decks/interview-loop.json").string() +
                          "): new deck") == 0);
  CHECK(imported.out.find("coding (") != std::string::npos);
  const CliResult decks = run_program({(moved / "bin/rehearse").string(), "--db", db, "decks"});
  CHECK(decks.out.find("leadership-principles") != std::string::npos);
}

TEST_CASE("make run imports the shipped decks into a new collection only") {
  const TempDir dir;
  const std::string db = "REHEARSE_DB=" + (dir / "c.db").string();
  const std::string file = (dir / "mine.json").string();
  std::ofstream(file) << deck("shipped answer");
  const std::string script = std::string(REHEARSE_SOURCE_DIR) + "/cli/first_run.sh";

  const CliResult first = run_program({script, REHEARSE_BINARY, file}, "", {db});
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("mine (" + file + "): new deck, 1 added") != std::string::npos);
  CHECK(first.out.find("Reviewing all decks: 0 due, 1 new") != std::string::npos);
  // The example stories are not imported; the run ends with how to write the first story.
  CHECK(first.out.ends_with("\nYour story bank is empty. Write your first STAR story with: " +
                            std::string(REHEARSE_BINARY) +
                            " story new\n(or try the two examples: " + REHEARSE_BINARY +
                            " story import decks/stories/examples; docs/stories.md)\n"));
  CHECK(run_program({REHEARSE_BINARY, "story", "list", "--json"}, "", {db}).out == "[]\n");

  // The user edits the card in the collection; the next run reviews and keeps the edit.
  const std::string edited = (dir / "edited.json").string();
  std::ofstream(edited) << deck("my own answer");
  REQUIRE(run_program({REHEARSE_BINARY, "import", edited}, "", {db}).exit_code == 0);
  const CliResult second = run_program({script, REHEARSE_BINARY, file}, "", {db});
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("added") == std::string::npos);
  CHECK(second.out.find("Reviewing all decks: 0 due, 1 new") != std::string::npos);
  // Once the bank holds a story, the hint goes.
  std::ifstream example(std::string(REHEARSE_SOURCE_DIR) +
                        "/decks/stories/examples/example-hiring-bar.md");
  std::string story((std::istreambuf_iterator<char>(example)), std::istreambuf_iterator<char>());
  story.erase(story.find("answers: ["),
              story.find('\n', story.find("answers: [")) + 1 - story.find("answers: ["));
  std::ofstream(dir / "story.md") << story;
  REQUIRE(run_program({REHEARSE_BINARY, "story", "import", (dir / "story.md").string()}, "", {db})
              .exit_code == 0);
  CHECK(run_program({script, REHEARSE_BINARY, file}, "", {db}).out.find("story bank is empty") ==
        std::string::npos);
  CHECK(
      run_program({REHEARSE_BINARY, "show", "m.1", "--json"}, "", {db}).out.find("my own answer") !=
      std::string::npos);
}
