// End-to-end: review's `e` key in a real pseudo-terminal, with an editor that is a script.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/file_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/screen_wait.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::ScreenModel;
using rehearse::test::shows;
using rehearse::test::TempDir;

namespace {

using rehearse::test::read;
using rehearse::test::write;

// q.1's id is on line 4.
std::string deck_text(const std::string& back) {
  return "{\"format\": \"rehearse-deck/1\",\n"
         " \"deck\": {\"id\": \"test\", \"name\": \"Test deck\"},\n"
         " \"cards\": [\n"
         "  {\"id\": \"q.1\", \"front\": \"First question?\",\n"
         "   \"back\": \"" +
         back +
         "\"},\n"
         "  {\"id\": \"q.2\", \"front\": \"Second question?\", \"back\": \"Two.\"}\n"
         " ]}\n";
}

// A collection with deck "test" imported from deck.json, and an editor for tests: its Nth run
// keeps its arguments as args-N and the terminal's modes as stty-N, then saves save-N.json
// over the file it was given.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::filesystem::path deck = dir / "deck.json";
  std::filesystem::path editor = dir / "editor.sh";

  Fixture() {
    write(deck, deck_text("One."));
    REQUIRE(run_rehearse({"--db", db, "import", deck.string()}).exit_code == 0);
    const std::string at = dir.path().string();
    std::string script = "#!/bin/sh\n";
    script += "n=$(cat '" + at + "/count' 2>/dev/null || echo 0)\n";
    script += "n=$((n + 1))\n";
    script += "echo $n > '" + at + "/count'\n";
    script += "echo \"$@\" > '" + at + "/args-'$n\n";
    script += "stty -a > '" + at + "/stty-'$n\n";
    script += "cp '" + at + "/save-'$n.json \"$2\"\n";
    write(editor, script);
    std::filesystem::permissions(editor, std::filesystem::perms::owner_all);
  }
  PtyProcess review() const {
    return PtyProcess({REHEARSE_BINARY, "--db", db, "--now", "2026-11-25T09:00", "review"}, 80, 24,
                      {"EDITOR=" + editor.string(), "VISUAL="});
  }
  std::string show(const std::string& id) const {
    return run_rehearse({"--db", db, "show", id, "--json"}).out;
  }
};

}  // namespace

TEST_CASE(
    "the e key opens the card's deck file at its line, imports it when the editor closes and "
    "shows the card as edited") {
  const Fixture f;
  write(f.dir / "save-1.json", deck_text("One, edited."));
  PtyProcess review = f.review();
  const termios before = review.initial_modes();
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "First question?"); }));
  review.send(" ");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "One."); }));
  review.send("e");
  REQUIRE(review.wait_until([](const ScreenModel& s) {
    return shows(s, "One, edited.") && shows(s, "deck.json imported: 0 added, 1 updated.");
  }));
  CHECK(shows(review.screen(), "First question?"));
  review.send("4");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "Second question?"); }));
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(rehearse::test::same_modes(before, review.modes()));

  CHECK(read(f.dir / "args-1") == "+4 " + f.deck.string() + "\n");
  // The editor had the terminal in its usual modes, not review's raw mode.
  const std::string modes = read(f.dir / "stty-1");
  CHECK(modes.find(" icanon") != std::string::npos);
  CHECK(modes.find(" echo ") != std::string::npos);
  const std::string card = f.show("q.1");
  CHECK(card.find(R"("back":"One, edited.")") != std::string::npos);
  CHECK(card.find(R"("repetitions":1)") != std::string::npos);  // graded after the edit
}

TEST_CASE(
    "a file that no longer imports after e is refused whole, and reopened at the error's line "
    "when asked") {
  const Fixture f;
  write(f.dir / "save-1.json", "{\n  \"format\": \"rehearse-deck/1\",,\n");
  write(f.dir / "save-2.json", "{ broken\n");
  write(f.dir / "save-3.json", deck_text("One, fixed."));
  PtyProcess review = f.review();
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "First question?"); }));
  review.send("e");
  REQUIRE(review.wait_until([](const ScreenModel& s) {
    return shows(s, "deck.json was not imported:") && shows(s, "deck.json:2:") &&
           shows(s, "Reopen it in the editor? (y/n)");
  }));
  review.send("y");
  REQUIRE(review.wait_until([](const ScreenModel& s) {
    return shows(s, "deck.json:1:") && shows(s, "Reopen it in the editor? (y/n)");
  }));
  review.send("n");
  REQUIRE(review.wait_until([](const ScreenModel& s) {
    return shows(s, "Not imported, the collection is as it was:") && shows(s, "First question?");
  }));
  CHECK(f.show("q.1").find(R"("back":"One.")") != std::string::npos);
  CHECK(read(f.deck) == "{ broken\n");  // the file is left as the editor saved it

  review.send("e");
  REQUIRE(review.wait_until(
      [](const ScreenModel& s) { return shows(s, "deck.json imported: 0 added, 1 updated."); }));
  review.send(" ");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "One, fixed."); }));
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(read(f.dir / "args-1") == "+4 " + f.deck.string() + "\n");
  CHECK(read(f.dir / "args-2") == "+2 " + f.deck.string() + "\n");  // the line of the error
  CHECK(read(f.dir / "args-3") == "+1 " + f.deck.string() + "\n");
  CHECK(f.show("q.1").find(R"("back":"One, fixed.")") != std::string::npos);
}

TEST_CASE(
    "a file that would move a card from another deck after e is refused as import refuses it") {
  const Fixture f;
  const std::filesystem::path other = f.dir / "other.json";
  write(other,
        "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"other\", \"name\": \"Other\"},\n"
        " \"cards\": [{\"id\": \"o.1\", \"front\": \"O?\", \"back\": \"O.\"}]}\n");
  REQUIRE(run_rehearse({"--db", f.db, "import", other.string()}).exit_code == 0);
  std::string taking = deck_text("One, edited.");
  taking.replace(taking.find("\"q.2\""), 5, "\"o.1\"");  // o.1 is deck other's card
  write(f.dir / "save-1.json", taking);
  const std::string refusal = f.deck.string() +
                              ": card o.1 is already in deck other; nothing was imported; pass "
                              "--move to move it to deck test";
  // Wide enough for the whole message on one line.
  PtyProcess review({REHEARSE_BINARY, "--db", f.db, "--now", "2026-11-25T09:00", "review"}, 400, 24,
                    {"EDITOR=" + f.editor.string(), "VISUAL="});
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "First question?"); }));
  review.send("e");
  REQUIRE(review.wait_until([&](const ScreenModel& s) {
    return shows(s, f.deck.string() + " was not imported: " + refusal) &&
           shows(s, "Reopen it in the editor? (y/n)");
  }));
  review.send("n");
  REQUIRE(review.wait_until([&](const ScreenModel& s) {
    return shows(s, "Not imported, the collection is as it was: " + refusal) &&
           shows(s, "First question?");
  }));
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(f.show("q.1").find(R"("back":"One.")") != std::string::npos);
  CHECK(f.show("o.1").find(R"("deck":"other")") != std::string::npos);
}

TEST_CASE("the e key on a card whose deck has no file only says so") {
  const Fixture f;
  REQUIRE(run_rehearse({"--db", f.db, "import", "/dev/stdin"},
                       "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"piped\", "
                       "\"name\": \"Piped\"}, \"cards\": [{\"id\": \"p.1\", \"front\": \"Piped "
                       "question?\", \"back\": \"P.\"}]}")
              .exit_code == 0);
  PtyProcess review({REHEARSE_BINARY, "--db", f.db, "--now", "2026-11-25T09:00", "review", "piped"},
                    80, 24, {"EDITOR=" + f.editor.string(), "VISUAL="});
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "Piped question?"); }));
  review.send("e");
  REQUIRE(review.wait_until([](const ScreenModel& s) {
    return shows(s, "Deck piped has no file to edit: it was not imported from one");
  }));
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK_FALSE(std::filesystem::exists(f.dir / "count"));  // no editor was run
}
