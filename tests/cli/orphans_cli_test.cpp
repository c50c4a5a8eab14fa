// End-to-end: cards a re-import no longer finds in their deck's file become orphans, listed by
// `orphans` and deleted only by `orphans --delete`, which asks first.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::ScreenModel;
using rehearse::test::TempDir;
using rehearse::test::write_text;

namespace {

constexpr const char* kThreeCards =
    R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D"}, "cards": [
  {"id": "d.1", "front": "One?", "back": "1"}, {"id": "d.2", "front": "Two?", "back": "2"},
  {"id": "d.3", "front": "Three?", "back": "3"}]})";

constexpr const char* kOneCard =
    R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D"}, "cards": [
  {"id": "d.1", "front": "One?", "back": "1"}]})";

constexpr const char* kNow = "2026-11-25T09:00";

// Deck d imported from d.json with three cards, d.2 answered 5 and 4, then d.json rewritten
// with d.1 alone.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::string deck = write_text(dir, "d.json", kThreeCards).string();
  Fixture() {
    REQUIRE(rehearse({"import", deck}).exit_code == 0);
    REQUIRE(rehearse({"answer", "d.2", "5"}).exit_code == 0);
    REQUIRE(rehearse({"answer", "d.2", "4"}, "", "2026-11-26T09:00").exit_code == 0);
    write_text(dir, "d.json", kOneCard);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "",
                     const std::string& now = kNow) const {
    args.insert(args.begin(), {"--db", db, "--now", now});
    return run_rehearse(args, input);
  }
};

const std::string kListed =
    "2 orphaned cards no longer in their deck's file, kept with their history (not asked, not "
    "counted):\n"
    "  d d.2: Two? (2 answers, last 2026-11-26)\n"
    "  d d.3: Three? (never answered)\n"
    "An import that lists one again puts it back; 'rehearse orphans --delete' removes them.\n";

}  // namespace

TEST_CASE("a re-import reports the cards its file no longer lists as orphans, dry run too") {
  const Fixture f;
  const CliResult dry = f.rehearse({"import", "--dry-run", f.deck});
  CHECK(dry.out == "d (" + f.deck +
                       "): 0 added, 0 updated, 1 unchanged, 2 missing\n"
                       "  2 cards no longer in the file are orphans (rehearse orphans)\n"
                       "Dry run: nothing was written.\n");
  CHECK(f.rehearse({"orphans"}).out == "No orphans: every card is in its deck's file.\n");
  const CliResult import = f.rehearse({"import", f.deck});
  CHECK(import.out == "d (" + f.deck +
                          "): 0 added, 0 updated, 1 unchanged, 2 missing\n"
                          "  2 cards no longer in the file are orphans (rehearse orphans)\n");
  CHECK(f.rehearse({"orphans"}).out == kListed);
  CHECK(f.rehearse({"orphans", "d"}).out == kListed);
  CHECK(f.rehearse({"orphans", "--json"}).out ==
        R"([{"id":"d.2","deck":"d","front":"Two?","answers":2,"last_answered":"2026-11-26"},)"
        R"({"id":"d.3","deck":"d","front":"Three?","answers":0,"last_answered":null}])"
        "\n");
}

TEST_CASE("orphans are not asked, and one the file lists again comes back with its progress") {
  const Fixture f;
  const std::string shown = f.rehearse({"show", "d.2", "--json"}).out;
  REQUIRE(f.rehearse({"import", f.deck}).exit_code == 0);
  CHECK(
      f.rehearse({"next", "--json"}, "", "2026-12-30T09:00").out ==
      R"({"id":"d.1","deck":"d","front":"One?","back":"1","tags":[],"suspended":false,"leech":false,)"
      R"("lapses":0,"changed":false,"state":{"repetitions":0,"ease":2.5,"interval_days":0,)"
      R"("due":null}})"
      "\n");
  CHECK(f.rehearse({"show", "d.3"}).out ==
        "d.3  (deck d)\n"
        "state: new, an orphan: no longer in its deck's file (rehearse orphans)\n\nThree?\n\n3\n");
  write_text(f.dir, "d.json", kThreeCards);
  const CliResult back = f.rehearse({"import", f.deck});
  CHECK(back.out == "d (" + f.deck +
                        "): 0 added, 2 updated, 1 unchanged, 0 missing\n"
                        "  2 orphans back in the file, with their progress\n");
  CHECK(f.rehearse({"show", "d.2", "--json"}).out == shown);
  CHECK(f.rehearse({"orphans"}).out == "No orphans: every card is in its deck's file.\n");
}

TEST_CASE("orphans --delete without a terminal or --yes changes nothing") {
  const Fixture f;
  REQUIRE(f.rehearse({"import", f.deck}).exit_code == 0);
  const CliResult refused = f.rehearse({"orphans", "--delete"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.out == "");
  CHECK(refused.err ==
        "rehearse: orphans --delete asks before it removes cards: run it on a terminal, or pass "
        "--yes\n");
  CHECK(f.rehearse({"orphans"}).out == kListed);
  CHECK_FALSE(std::filesystem::exists(f.dir / "backups"));
}

TEST_CASE("orphans --delete --yes backs up, deletes them and their history, and check passes") {
  const Fixture f;
  REQUIRE(f.rehearse({"import", f.deck}).exit_code == 0);
  const CliResult deleted = f.rehearse({"orphans", "--delete", "--yes"});
  const std::string backup =
      (f.dir / "backups/c-auto-before-orphans-delete-2026-11-25T09-00-00.db").string();
  CHECK(deleted.exit_code == 0);
  CHECK(deleted.out == "Backed up the collection to " + backup +
                           " first.\n"
                           "Deleted 2 orphaned cards and their history.\n");
  CHECK(std::filesystem::exists(backup));
  CHECK(f.rehearse({"orphans"}).out == "No orphans: every card is in its deck's file.\n");
  CHECK(f.rehearse({"show", "d.2"}).err ==
        "rehearse: no card 'd.2' in " + f.db + " ('rehearse cards' lists them)\n");
  CHECK(f.rehearse({"cards", "--search", "Two"}).out.find("d.2") == std::string::npos);
  const CliResult check = f.rehearse({"check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("1 card") != std::string::npos);
  // The id again: a new card, without the old one's progress.
  write_text(f.dir, "d.json", kThreeCards);
  CHECK(f.rehearse({"import", f.deck}).out ==
        "d (" + f.deck + "): 2 added, 0 updated, 1 unchanged, 0 missing\n");
  CHECK(f.rehearse({"show", "d.2", "--log", "--json"}).out == "[]\n");
  CHECK(f.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("orphans --delete on a terminal deletes only when the answer is yes") {
  const Fixture f;
  REQUIRE(f.rehearse({"import", f.deck}).exit_code == 0);
  const auto asks = [](const ScreenModel& s) {
    return s.text().find("Delete 2 orphaned cards and their history? [y/N]") != std::string::npos;
  };
  const std::vector<std::string> argv{REHEARSE_BINARY, "--db", f.db, "orphans", "--delete"};
  const std::vector<std::string> env{std::string("REHEARSE_NOW=") + kNow};
  {
    PtyProcess no(argv, 100, 24, env);
    REQUIRE(no.wait_until(asks));
    no.send("n\r");
    CHECK(no.wait() == 0);
    CHECK(no.screen().text().find("Kept.") != std::string::npos);
  }
  CHECK(f.rehearse({"orphans"}).out == kListed);
  PtyProcess yes(argv, 100, 24, env);
  REQUIRE(yes.wait_until(asks));
  yes.send("y\r");
  CHECK(yes.wait() == 0);
  CHECK(yes.screen().text().find("Deleted 2 orphaned cards and their history.") !=
        std::string::npos);
  CHECK(f.rehearse({"orphans"}).out == "No orphans: every card is in its deck's file.\n");
}

TEST_CASE("orphans of a deck without any, of an unknown deck, and --yes without --delete") {
  const Fixture f;
  CHECK(f.rehearse({"orphans", "d"}).out == "No orphans in deck d.\n");
  CHECK(f.rehearse({"orphans", "d", "--delete", "--yes"}).out == "No orphans in deck d.\n");
  CHECK(f.rehearse({"orphans", "nope"}).err ==
        "rehearse: no deck 'nope' in " + f.db + " ('rehearse decks' lists them)\n");
  CHECK(f.rehearse({"orphans", "--yes"}).exit_code == 2);
}
