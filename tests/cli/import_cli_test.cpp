// End-to-end: an import that would move cards from another deck is refused unless --move says
// so, and `import -` reads standard input as `export DECK -` writes it.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_program;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
using rehearse::test::write_text;

namespace {

constexpr const char* kDeckA =
    R"({"format": "rehearse-deck/1", "deck": {"id": "a", "name": "A"}, "cards": [
  {"id": "x.1", "front": "X1?", "back": "1"}, {"id": "x.2", "front": "X2?", "back": "2"}]})";

// Deck b, with x.1 copied from deck a's file.
constexpr const char* kDeckB =
    R"({"format": "rehearse-deck/1", "deck": {"id": "b", "name": "B"}, "cards": [
  {"id": "b.1", "front": "B1?", "back": "1"}, {"id": "x.1", "front": "X1?", "back": "1"}]})";

// Deck b taking both of deck a's cards.
constexpr const char* kDeckBTakingTwo =
    R"({"format": "rehearse-deck/1", "deck": {"id": "b", "name": "B"}, "cards": [
  {"id": "x.2", "front": "X2?", "back": "2"}, {"id": "x.1", "front": "X1?", "back": "1"}]})";

struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::string a = write_text(dir, "a.json", kDeckA).string();
  std::string b = write_text(dir, "b.json", kDeckB).string();
  Fixture() {
    REQUIRE(rehearse({"import", a}).exit_code == 0);
    REQUIRE(rehearse({"answer", "x.1", "5"}).exit_code == 0);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", "2026-11-25T09:00"});
    return run_rehearse(args, input);
  }
  std::string show(const std::string& card) const { return rehearse({"show", card, "--json"}).out; }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `text` quoted for sh.
std::string sh_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

TEST_CASE("an import that would move a card from another deck is refused whole") {
  const Fixture f;
  const std::string decks = f.rehearse({"decks", "--json"}).out;
  const std::string x1 = f.show("x.1");
  const CliResult import = f.rehearse({"import", f.b});
  CHECK(import.exit_code == 1);
  CHECK(import.out == "");
  CHECK(import.err == "rehearse: " + f.b +
                          ": card x.1 is already in deck a; nothing was imported; pass --move to "
                          "move it to deck b\n");
  CHECK(f.rehearse({"decks", "--json"}).out == decks);  // no deck b, no b.1
  CHECK(f.show("x.1") == x1);

  const CliResult dry_run = f.rehearse({"import", "--dry-run", f.b});
  CHECK(dry_run.exit_code == 1);
  CHECK(dry_run.out == "");
  CHECK(dry_run.err == import.err);
}

TEST_CASE("an import that would move several cards names the first and counts the others") {
  const Fixture f;
  const std::string b = write_text(f.dir, "b2.json", kDeckBTakingTwo).string();
  const CliResult import = f.rehearse({"import", b});
  CHECK(import.exit_code == 1);
  CHECK(import.err == "rehearse: " + b +
                          ": card x.2 is already in deck a (and 1 more card in other decks); "
                          "nothing was imported; pass --move to move them to deck b\n");
  CHECK(f.show("x.2").find(R"("deck":"a")") != std::string::npos);
}

TEST_CASE("import --move moves a card from another deck and keeps its history") {
  const Fixture f;
  const CliResult dry_run = f.rehearse({"import", "--dry-run", "--move", f.b});
  CHECK(dry_run.exit_code == 0);
  CHECK(dry_run.out == "b (" + f.b +
                           "): new deck, 1 added, 1 updated, 0 unchanged, 0 missing\n"
                           "  moved here from other decks: x.1\n"
                           "Dry run: nothing was written.\n");
  CHECK(f.show("x.1").find(R"("deck":"a")") != std::string::npos);

  const CliResult import = f.rehearse({"import", "--move", f.b});
  CHECK(import.exit_code == 0);
  CHECK(import.err == "");
  CHECK(import.out == "b (" + f.b +
                          "): new deck, 1 added, 1 updated, 0 unchanged, 0 missing\n"
                          "  moved here from other decks: x.1\n");
  CHECK(f.show("x.1").find(R"("deck":"b")") != std::string::npos);
  CHECK(f.show("x.1").find(R"("repetitions":1)") != std::string::npos);
  CHECK(f.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("export DECK - piped into import - gives the same deck in another collection") {
  const Fixture f;
  const std::string other = (f.dir / "other.db").string();
  const std::string binary = sh_quoted(REHEARSE_BINARY);
  const CliResult piped = run_program({"sh", "-c",
                                       binary + " --db " + sh_quoted(f.db) + " export a - | " +
                                           binary + " --db " + sh_quoted(other) + " import -"});
  CHECK(piped.err == "");
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == "a (standard input): new deck, 2 added, 0 updated, 0 unchanged, 0 missing\n");
  CHECK(run_rehearse({"--db", other, "export", "a", "-"}).out ==
        f.rehearse({"export", "a", "-"}).out);
}

TEST_CASE("import - tells a Markdown deck on standard input by its content") {
  const Fixture f;
  const std::string markdown = (f.dir / "a.md").string();
  REQUIRE(f.rehearse({"export", "a", markdown}).exit_code == 0);
  const std::string other = (f.dir / "other.db").string();
  const std::string text = read_text(markdown);
  const CliResult dry_run = run_rehearse({"--db", other, "import", "--dry-run", "-"}, text);
  CHECK(dry_run.exit_code == 0);
  CHECK(dry_run.out ==
        "a (standard input): new deck, 2 added, 0 updated, 0 unchanged, 0 missing\n"
        "Dry run: nothing was written.\n");
  // --format still decides: read as a deck file, the Markdown is refused.
  const CliResult forced = run_rehearse({"--db", other, "import", "--format", "deck", "-"}, text);
  CHECK(forced.exit_code == 1);
  CHECK(forced.err == "rehearse: standard input:1:2: invalid JSON: invalid value\n");
}

TEST_CASE("import names standard input once at most") {
  const Fixture f;
  const CliResult twice = f.rehearse({"import", "-", "-"}, kDeckA);
  CHECK(twice.exit_code == 1);
  CHECK(twice.err == "rehearse: standard input (-) is named 2 times; name it once\n");
}
