// End-to-end: add, one card appended to its deck's file and imported.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/file_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

using rehearse::test::read;
using rehearse::test::write;

// A deck file as a person writes one: members on one line, "cards" before "deck".
const char* kDeck =
    "{\"format\": \"rehearse-deck/1\",\n"
    " \"cards\": [\n"
    "  {\"id\": \"q.1\", \"front\": \"Q1?\", \"back\": \"A1\", \"tags\": [\"lp:ownership\"]},\n"
    "  {\"id\": \"q.2\", \"front\": \"Q2?\", \"back\": \"A2\"}\n"
    " ],\n"
    " \"deck\": {\"id\": \"test\", \"name\": \"Test deck\"}}\n";

// A collection with deck "test" imported from deck.json, q.1 answered 5 on 2026-11-24.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::filesystem::path deck = dir / "deck.json";
  std::string data_home = "XDG_DATA_HOME=" + (dir / "data").string();
  Fixture() {
    write(deck, kDeck);
    REQUIRE(rehearse({"import", deck.string()}).exit_code == 0);
    REQUIRE(rehearse({"--now", "2026-11-24", "answer", "q.1", "5"}).exit_code == 0);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db});
    return run_rehearse(args, input, {data_home});
  }
};

// The card's JSON from `show CARD --json` up to its state.
std::string state_of(const std::string& json) {
  const std::size_t at = json.find("\"state\":");
  return json.substr(at, json.find('}', at) - at + 1);
}

// An editor for tests: its Nth run keeps the file it was given as seen-N.txt and saves
// save-N.txt in its place.
std::string scripted_editor(const std::filesystem::path& dir) {
  const std::filesystem::path script = dir / "editor.sh";
  const std::string at = dir.string();
  std::string text = "#!/bin/sh\n";
  text += "n=$(cat '" + at + "/count' 2>/dev/null || echo 0)\n";
  text += "n=$((n + 1))\n";
  text += "echo $n > '" + at + "/count'\n";
  text += "cp \"$1\" '" + at + "'/seen-$n.txt\n";
  text += "cp '" + at + "'/save-$n.txt \"$1\"\n";
  write(script, text);
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  return script.string();
}

}  // namespace

TEST_CASE(
    "add --front --back appends the card to the deck's file, imports it and keeps the other "
    "cards' progress") {
  const Fixture f;
  const std::string before = f.rehearse({"show", "q.1", "--json"}).out;
  const CliResult added =
      f.rehearse({"--now", "2026-11-25", "add", "--tag", "lp:ownership", "--tag", "mine", "test",
                  "--front", "Q3?", "--back", "A3\nline two", "--id", "q.3"});
  CHECK(added.err.empty());
  CHECK(added.exit_code == 0);
  CHECK(added.out == "Added card q.3 to deck test (" + f.deck.string() + ").\n");
  // The file as it was, the card after its last card as export writes cards.
  CHECK(read(f.deck) ==
        "{\"format\": \"rehearse-deck/1\",\n"
        " \"cards\": [\n"
        "  {\"id\": \"q.1\", \"front\": \"Q1?\", \"back\": \"A1\", \"tags\": [\"lp:ownership\"]},\n"
        "  {\"id\": \"q.2\", \"front\": \"Q2?\", \"back\": \"A2\"},\n"
        "    {\n"
        "      \"id\": \"q.3\",\n"
        "      \"front\": \"Q3?\",\n"
        "      \"back\": \"A3\\nline two\",\n"
        "      \"tags\": [\n"
        "        \"lp:ownership\",\n"
        "        \"mine\"\n"
        "      ]\n"
        "    }\n"
        " ],\n"
        " \"deck\": {\"id\": \"test\", \"name\": \"Test deck\"}}\n");
  CHECK(state_of(f.rehearse({"show", "q.1", "--json"}).out) == state_of(before));
  CHECK(f.rehearse({"--now", "2026-11-25", "cards", "test"}).out.find("q.3") != std::string::npos);
  CHECK(f.rehearse({"show", "q.3", "--json"}).out.find(R"("back":"A3\nline two")") !=
        std::string::npos);
  // The file imports unchanged: the collection and the file agree.
  CHECK(f.rehearse({"import", f.deck.string()}).out.find("0 added, 0 updated, 3 unchanged") !=
        std::string::npos);

  // Without --id, the id is made from the deck and the front, as for a CSV row.
  const CliResult derived = f.rehearse({"add", "test", "--front", "Q4?", "--back", "A4"});
  CHECK(derived.exit_code == 0);
  CHECK(derived.out.starts_with("Added card test."));
}

TEST_CASE("add into a new deck creates the collection and a user deck file under XDG_DATA_HOME") {
  const TempDir dir;
  const std::string db = (dir / "new/c.db").string();
  const std::filesystem::path file = dir / "data/rehearse/decks/fresh.json";
  const CliResult added =
      run_rehearse({"--db", db, "add", "fresh", "--front", "F?", "--back", "B", "--id", "f.1"}, "",
                   {"XDG_DATA_HOME=" + (dir / "data").string()});
  CHECK(added.err.empty());
  CHECK(added.out == "Added card f.1 to deck fresh (" + file.string() + ").\n");
  CHECK(read(file) ==
        "{\n"
        "  \"format\": \"rehearse-deck/1\",\n"
        "  \"deck\": {\n"
        "    \"id\": \"fresh\",\n"
        "    \"name\": \"fresh\",\n"
        "    \"description\": \"\"\n"
        "  },\n"
        "  \"cards\": [\n"
        "    {\n"
        "      \"id\": \"f.1\",\n"
        "      \"front\": \"F?\",\n"
        "      \"back\": \"B\",\n"
        "      \"tags\": []\n"
        "    }\n"
        "  ]\n"
        "}\n");
  CHECK(run_rehearse({"--db", db, "--now", "2026-11-25", "decks", "--json"}).out ==
        R"([{"id":"fresh","name":"fresh","description":"","new":1,"due":0,"reask":0,"total":1,)"
        R"("orphans":0,"source":")" +
            file.string() + "\"}]\n");
  // The next card goes to the same file.
  REQUIRE(run_rehearse({"--db", db, "add", "fresh", "--front", "G?", "--back", "C", "--id", "f.2"},
                       "", {"XDG_DATA_HOME=" + (dir / "data").string()})
              .exit_code == 0);
  CHECK(read(file).find("\"id\": \"f.2\"") != std::string::npos);
}

TEST_CASE(
    "add to a deck read from standard input starts its user deck file with the deck's cards") {
  const TempDir dir;
  const std::string db = (dir / "c.db").string();
  const std::vector<std::string> env = {"XDG_DATA_HOME=" + (dir / "data").string()};
  REQUIRE(run_rehearse({"--db", db, "import", "/dev/stdin"}, kDeck).exit_code == 0);
  CHECK(run_rehearse({"--db", db, "decks", "--json"}).out.find(R"("source":null)") !=
        std::string::npos);
  const CliResult added = run_rehearse(
      {"--db", db, "add", "test", "--front", "Q3?", "--back", "A3", "--id", "q.3"}, "", env);
  CHECK(added.exit_code == 0);
  const std::string text = read(dir / "data/rehearse/decks/test.json");
  CHECK(text.find("\"name\": \"Test deck\"") != std::string::npos);
  CHECK(text.find("\"id\": \"q.1\"") < text.find("\"id\": \"q.2\""));
  CHECK(text.find("\"id\": \"q.2\"") < text.find("\"id\": \"q.3\""));
}

TEST_CASE("add refuses a bad card with one line and writes neither the file nor the collection") {
  const Fixture f;
  const std::string cards = f.rehearse({"cards"}).out;
  struct Row {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Row> rows = {
      {{"--front", " \t", "--back", "A"}, "the front is empty; nothing was added"},
      {{"--front", "Q?", "--back", ""}, "the back is empty; nothing was added"},
      {{"--front", "Q?", "--back", "A", "--id", "q.1"},
       "card 'q.1' exists already, in deck 'test': give the new card another id; nothing was "
       "added"},
      {{"--front", "Q?", "--back", "A", "--id", "bad id"},
       "the card id may only contain letters, digits and . _ - :; nothing was added"},
      {{"--front", "Q?", "--back", "A", "--tag", "lp:nonsense"},
       "tag 'lp:nonsense' names no Leadership Principle (see 'rehearse principles'); nothing "
       "was added"},
      {{"--front", "Q?", "--back", "A", "--tag", "x", "--tag", "x"},
       "tag 'x' is listed twice; nothing was added"},
      {{"--front", "Q?", "--back", "A\x1b[2J", "--id", "q.9"},
       "the back holds the control character U+001B, which deck files do not allow (only "
       "newlines and tabs); nothing was added"},
      {{"--front", "Q?"},
       "give both --front and --back (or neither, to write the card in the editor)"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> args = {"add", "test"};
    args.insert(args.end(), row.args.begin(), row.args.end());
    const CliResult refused = f.rehearse(args);
    INFO(row.message);
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(refused.err == "rehearse: " + row.message + "\n");
    CHECK(read(f.deck) == kDeck);
    CHECK(f.rehearse({"cards"}).out == cards);
  }
  // Without an editor on a terminal, and without --front, nothing is asked.
  const CliResult no_editor = f.rehearse({"add", "test"});
  CHECK(no_editor.exit_code == 1);
  CHECK(no_editor.err ==
        "rehearse: add writes the card in an editor on a terminal (set VISUAL or EDITOR), or "
        "takes it from --front and --back\n");
}

TEST_CASE("add refuses a deck file that would move a card from another deck as import refuses it") {
  const Fixture f;
  const std::filesystem::path other = f.dir / "other.json";
  write(other,
        "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"other\", \"name\": \"Other\"},\n"
        " \"cards\": [{\"id\": \"o.1\", \"front\": \"O?\", \"back\": \"O.\"}]}\n");
  REQUIRE(f.rehearse({"import", other.string()}).exit_code == 0);
  // The deck's file, edited by hand, takes deck other's card.
  std::string taking = kDeck;
  taking.replace(taking.find("\"q.2\""), 5, "\"o.1\"");
  write(f.deck, taking);
  const std::string cards = f.rehearse({"cards"}).out;
  const CliResult refused =
      f.rehearse({"add", "test", "--front", "Q3?", "--back", "A3", "--id", "q.3"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err == "rehearse: " + f.deck.string() +
                           ": card o.1 is already in deck other; nothing was imported; pass --move "
                           "to move it to deck test\n");
  CHECK(read(f.deck) == taking);  // the file as it was before add
  CHECK(f.rehearse({"cards"}).out == cards);
}

TEST_CASE("add refuses a deck whose file is not a deck file, naming the file and what to do") {
  const Fixture f;
  const std::filesystem::path markdown = f.dir / "sd.md";
  const std::string text =
      "---\nid: sd\nname: System design\n---\n\nQ: What does CAP name?\nid: sd.cap\nA: "
      "Consistency, availability, partition tolerance.\n";
  write(markdown, text);
  REQUIRE(f.rehearse({"import", markdown.string()}).exit_code == 0);
  const CliResult refused = f.rehearse({"add", "sd", "--front", "Q?", "--back", "A"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "rehearse: deck 'sd' comes from " + markdown.string() +
                           " (markdown format), and add appends only to deck files: add the "
                           "card there and import it again, or move the deck to a deck file "
                           "(rehearse export sd FILE.json, then rehearse import FILE.json) and "
                           "add to that\n");
  CHECK(read(markdown) == text);
  CHECK_FALSE(std::filesystem::exists(f.dir / "data"));
  // Importing the deck from a deck file moves it there; add then appends to that file.
  REQUIRE(f.rehearse({"export", "sd", (f.dir / "sd.json").string()}).exit_code == 0);
  REQUIRE(f.rehearse({"import", (f.dir / "sd.json").string()}).exit_code == 0);
  CHECK(f.rehearse({"add", "sd", "--front", "Q?", "--back", "A", "--id", "sd.q"}).out ==
        "Added card sd.q to deck sd (" + (f.dir / "sd.json").string() + ").\n");
}

TEST_CASE(
    "add opens the editor on a template, reopens it with the error at the top, and adds the "
    "card once it is right") {
  const Fixture f;
  const std::filesystem::path dir = f.dir / "editor";
  std::filesystem::create_directories(dir);
  write(dir / "save-1.txt", "# the first line\nid: q.3\ntags: mine\nfront:\n\nback: A3\n");
  write(dir / "save-2.txt",
        "# the first line\nid: q.3\ntags: mine lp:ownership\nfront: What is\nthree?\n"
        "back:\n- one\n- two\n\n");
  PtyProcess run({REHEARSE_BINARY, "--db", f.db, "add", "test"}, 100, 24,
                 {"EDITOR=" + scripted_editor(dir), "VISUAL=", f.data_home});
  CHECK(run.wait() == 0);
  CHECK(run.output().find("Added card q.3 to deck test (" + f.deck.string() + ").") !=
        std::string::npos);
  CHECK(read(dir / "seen-1.txt") ==
        "# A new card for deck test (" + f.deck.string() +
            ").\n"
            "# Save to add it, or save an empty file to cancel. The id may stay empty: it is "
            "then\n"
            "# made from the front. Tags are separated by spaces (lp:SLUG, round:NAME, your "
            "own).\n"
            "# The front runs to the back: line, the back to the end; lines starting with # "
            "are\n"
            "# left out above front:.\n"
            "id: \ntags: \nfront:\n\nback:\n\n");
  CHECK(read(dir / "seen-2.txt") ==
        "# the first line\n"
        "# rehearse: the front is empty\n"
        "# rehearse: fix it and save again, or save an empty file to cancel\n"
        "id: q.3\ntags: mine\nfront:\n\nback: A3\n");
  CHECK(f.rehearse({"show", "q.3", "--json"})
            .out.find(R"("front":"What is\nthree?","back":"- one\n- two")") != std::string::npos);
  CHECK(read(f.deck).find("\"tags\": [\n        \"mine\",\n        \"lp:ownership\"\n") !=
        std::string::npos);
}

TEST_CASE("add saved empty in the editor adds nothing") {
  const Fixture f;
  const std::filesystem::path dir = f.dir / "editor";
  std::filesystem::create_directories(dir);
  write(dir / "save-1.txt", "\n");
  const std::string cards = f.rehearse({"cards"}).out;
  PtyProcess run({REHEARSE_BINARY, "--db", f.db, "add", "test"}, 100, 24,
                 {"EDITOR=" + scripted_editor(dir), f.data_home});
  CHECK(run.wait() == 0);
  CHECK(run.output().find("The file was empty: nothing was added.") != std::string::npos);
  CHECK(read(f.deck) == kDeck);
  CHECK(f.rehearse({"cards"}).out == cards);
}
