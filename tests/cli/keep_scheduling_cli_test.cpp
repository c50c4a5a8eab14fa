// End-to-end: import --keep-scheduling of Anki packages and import --reset-changed, through the
// real binary.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "support/file_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/screen_wait.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::shows;
using rehearse::test::TempDir;
using rehearse::test::wait_for;
using rehearse::test::write;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
  return REHEARSE_SOURCE_DIR "/tests/data/anki/" + name;
}

struct Collection {
  TempDir dir;
  std::string db = (dir / "c.db").string();

  CliResult run(std::vector<std::string> args, const std::string& now = "2026-03-01T09:00",
                const std::string& input = "", const std::vector<std::string>& env = {}) const {
    args.insert(args.begin(), {"--db", db, "--now", now});
    return run_rehearse(args, input, env);
  }
  // Rows of a table of the collection.
  int rows(const std::string& table) const {
    SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
    return sqlite.execAndGet("SELECT count(*) FROM " + table).getInt();
  }
};

// What importing the fixture packages keeps, deck by deck (tests/data/README.md): the Basic
// card (three answers and a reschedule); the reversed pair's suspended card (one answer) and
// its new sibling; the buried type-in card, the cloze card buried by the user and the learning
// one (no answers).
std::string kept_report(const std::string& package, bool first) {
  const std::string added = first ? "new deck, " : "";
  const auto deck = [&](const std::string& id, int cards) {
    return id + " (" + package + "): " + added + (first ? std::to_string(cards) : "0") +
           " added, 0 updated, " + (first ? "0" : std::to_string(cards)) +
           " unchanged, 0 missing\n";
  };
  if (first) {
    return deck("anki.interview", 2) + "  kept the progress of 1 card and 3 answers\n" +
           deck("anki.interview.leadership-7b668672", 3) +
           "  kept the progress of 1 card and 1 answer\n" + deck("anki.interview.systems", 3) +
           "  kept the progress of 3 cards and 0 answers\n";
  }
  const std::string none = "  kept the progress of 0 cards and 0 answers\n";
  return deck("anki.interview", 2) + none +
         "  1 card already has a history here and keeps it: the package's progress left out\n" +
         deck("anki.interview.leadership-7b668672", 3) + none +
         "  1 card already has a history here and keeps it: the package's progress left out\n" +
         deck("anki.interview.systems", 3) + none +
         "  3 cards already have a history here and keep it: the package's progress left out\n";
}

const char* kBasic = "anki.614233247859217130.1";

}  // namespace

TEST_CASE("import --keep-scheduling keeps Anki's state and review log, and check replays them") {
  for (const char* name : {"legacy-schema11.apkg", "latest-anki21b.apkg"}) {
    INFO(name);
    const Collection c;
    const std::string package = fixture(name);
    const std::string media = (c.dir / "media").string();

    const CliResult dry = c.run({"import", "--keep-scheduling", "--dry-run", package});
    CHECK(dry.exit_code == 0);
    CHECK(dry.out == kept_report(package, true) + "  media: 1 file would be copied to " + media +
                         ": chart.png\nDry run: nothing was written.\n");
    CHECK_FALSE(fs::exists(c.db));

    const CliResult imported = c.run({"import", "--keep-scheduling", package});
    CHECK(imported.exit_code == 0);
    CHECK(imported.out ==
          kept_report(package, true) + "  media: 1 file copied to " + media + ": chart.png\n");
    CHECK(c.run({"cards", "anki.interview"})
              .out.starts_with(std::string(kBasic) + "                    2026-02-10 "));
    const CliResult show = c.run({"show", kBasic});
    CHECK(
        show.out.find("state: n=5, ease 2.36, interval 12 days, due 2026-02-10, lapsed 1 time\n") !=
        std::string::npos);
    CHECK(c.run({"check"}).out == c.db +
                                      " is sound: 8 cards replayed from 4 answers and 5 state "
                                      "records, every state matches its log.\n");
    // The four answers count in the statistics: three on the Basic card, one on the suspended.
    const CliResult stats = c.run({"stats", "--json"});
    CHECK(stats.out.find("\"total_reviews\":4,") != std::string::npos);
    CHECK(stats.out.find("{\"days\":365,\"reviews\":4,\"time_ms\":32000}") != std::string::npos);
    CHECK(stats.out.find("\"suspended\":1,") != std::string::npos);
  }
}

TEST_CASE("importing a package again with --keep-scheduling changes nothing") {
  const Collection c;
  const std::string package = fixture("legacy-schema11.apkg");
  REQUIRE(c.run({"import", "--keep-scheduling", package}).exit_code == 0);
  const std::string log = c.run({"show", kBasic, "--log"}).out;
  const CliResult again = c.run({"import", "--keep-scheduling", package}, "2026-03-02T09:00");
  CHECK(again.exit_code == 0);
  CHECK(again.out == kept_report(package, false) + "  media: 0 files copied to " +
                         (c.dir / "media").string() + " (1 already there)\n");
  CHECK(c.rows("reviews") == 4);
  CHECK(c.rows("state_records") == 5);
  CHECK(c.run({"show", kBasic, "--log"}).out == log);
}

TEST_CASE("a card answered in rehearse keeps its progress when the package comes with its own") {
  const Collection c;
  const std::string package = fixture("legacy-schema11.apkg");
  REQUIRE(c.run({"import", package}).exit_code == 0);
  CHECK(c.run({"show", kBasic}).out.find("state: new") != std::string::npos);
  REQUIRE(c.run({"answer", kBasic, "5"}).exit_code == 0);
  const CliResult kept = c.run({"import", "--keep-scheduling", package});
  CHECK(kept.out.find("anki.interview (" + package +
                      "): 0 added, 0 updated, 2 unchanged, 0 missing\n"
                      "  kept the progress of 0 cards and 0 answers\n"
                      "  1 card already has a history here and keeps it: the package's "
                      "progress left out\n") != std::string::npos);
  CHECK(c.run({"show", kBasic}).out.find("state: n=1, ease 2.6, interval 1 day, due 2026-03-02") !=
        std::string::npos);
  CHECK(c.run({"check"}).exit_code == 0);
}

TEST_CASE("an undo cannot take back an answer that came with imported progress") {
  const Collection c;
  REQUIRE(c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg")}).exit_code == 0);
  REQUIRE(c.run({"answer", kBasic, "4"}).exit_code == 0);
  const CliResult undone = c.run({"undo"});
  CHECK(undone.exit_code == 0);
  CHECK(undone.out.starts_with(std::string("Took back ") + kBasic +
                               ": grade 4 on 2026-03-01. The card is back to: n=5, ease 2.36, "
                               "interval 12 days, due 2026-02-10"));
  const CliResult refused = c.run({"undo"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err ==
        "rehearse: nothing was undone: the last answer, to anki.5265762d3132333435.1 on "
        "2026-01-05, came with the card's progress imported from legacy-schema11.apkg; an undo "
        "cannot take back an import\n");
  CHECK(c.run({"check"}).exit_code == 0);
}

TEST_CASE("show --log --json places the imported progress after the answers it came with") {
  const Collection c;
  REQUIRE(c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg")}).exit_code == 0);
  const CliResult shown = c.run({"show", kBasic, "--log", "--json"});
  REQUIRE(shown.exit_code == 0);
  // Three answers, then the record, last.
  const std::size_t record = shown.out.find("{\"record\":\"import\"");
  REQUIRE(record != std::string::npos);
  CHECK(shown.out.find("\"sequence\":3,") < record);
  CHECK(shown.out.find("\"grade\"", record) == std::string::npos);
  CHECK(shown.out.substr(shown.out.find("\"day\"", record)) ==
        std::string("\"day\":\"2026-03-01\",\"after_sequence\":3,\"source\":\"") +
            fixture("legacy-schema11.apkg") +
            "\",\"state\":{\"repetitions\":5,\"ease\":2.36,\"interval_days\":12,\"due\":"
            "\"2026-02-10\"},\"suspended\":false}]\n");
}

TEST_CASE("imported answers count for the day they fall on in the user's time zone") {
  const Collection c;
  // EST5: five hours behind UTC, no daylight saving time (a POSIX rule: no time zone files).
  const std::vector<std::string> est{"TZ=EST5"};
  REQUIRE(c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg")},
                "2026-03-01T09:00", "", est)
              .exit_code == 0);
  const CliResult shown = c.run({"show", kBasic, "--log", "--json"}, "2026-03-01T09:00", "", est);
  REQUIRE(shown.exit_code == 0);
  // 2026-01-01 20:40, 2026-01-03 00:26 and 2026-01-04 04:13 UTC; days begin at 04:00.
  CHECK(shown.out.find("\"day\":\"2026-01-01\",\"grade\":4") != std::string::npos);
  CHECK(shown.out.find("\"day\":\"2026-01-02\",\"grade\":1") != std::string::npos);
  CHECK(shown.out.find("\"day\":\"2026-01-03\",\"grade\":5") != std::string::npos);
  CHECK(c.run({"check"}, "2026-03-01T09:00", "", est).exit_code == 0);
}

TEST_CASE(
    "u in a review says why an imported answer cannot be taken back and the session goes on") {
  const Collection c;
  REQUIRE(c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg")}).exit_code == 0);
  const CliResult review = c.run({"review"}, "2026-03-01T09:00", "u\nq\n");
  INFO(review.out << review.err);
  CHECK(review.exit_code == 0);
  CHECK(review.err.empty());
  // The note, wrapped to 80 columns, then the card again.
  CHECK(review.out.find(
            "u\nNothing was undone: the last answer, to anki.5265762d3132333435.1 on 2026-01-05,\n"
            "came with the card's progress imported from legacy-schema11.apkg; an undo cannot\n"
            "take back an import.\n[Enter] show the answer") != std::string::npos);
  // The card is asked again after the note, and q ends the session.
  CHECK(review.out.find("[Enter] show the answer") != review.out.rfind("[Enter] show the answer"));
  CHECK(c.rows("undos") == 0);
  CHECK(c.run({"check"}).exit_code == 0);
}

TEST_CASE(
    "import --keep-scheduling of a file that is not an Anki package is refused, nothing written") {
  const Collection c;
  const fs::path sheet = c.dir / "notes.csv";
  write(sheet, "front,back\nQ,A\n");
  const CliResult refused = c.run({"import", "--keep-scheduling", sheet.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err == "rehearse: " + sheet.string() +
                           ": --keep-scheduling keeps the progress of Anki packages (.apkg, "
                           ".colpkg) only, and this is not one; nothing was imported; import it "
                           "without --keep-scheduling\n");
  CHECK_FALSE(fs::exists(c.db));
  const CliResult both =
      c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg"), sheet.string()});
  CHECK(both.exit_code == 1);
  CHECK_FALSE(fs::exists(c.db));
}

TEST_CASE("u on a terminal says why an imported answer cannot be taken back and keeps the card") {
  const Collection c;
  REQUIRE(c.run({"import", "--keep-scheduling", fixture("legacy-schema11.apkg")}).exit_code == 0);
  PtyProcess review({REHEARSE_BINARY, "--db", c.db, "--now", "2026-03-01T09:00", "review"}, 80, 24);
  wait_for(review, "CAP says");
  review.send("u");
  wait_for(review, "Nothing was undone: the last answer, to");
  CHECK(shows(review.screen(), "CAP says"));  // the card stays
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(c.rows("undos") == 0);
  CHECK(c.run({"check"}).exit_code == 0);
}

TEST_CASE("without --keep-scheduling an Anki package's cards come in new") {
  const Collection c;
  REQUIRE(c.run({"import", fixture("legacy-schema11.apkg")}).exit_code == 0);
  CHECK(c.rows("reviews") == 0);
  CHECK(c.rows("state_records") == 0);
  CHECK(c.run({"cards", "--search", "is:new"}).out.size() ==
        c.run({"cards"}).out.size());  // every card
}

TEST_CASE("import --reset-changed starts the changed cards over as new and check still passes") {
  const Collection c;
  const fs::path deck = c.dir / "deck.json";
  const auto deck_text = [](const std::string& front) {
    return R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D", "description": ""},
      "cards": [{"id": "d.1", "front": ")" +
           front + R"(", "back": "A", "tags": []}, {"id": "d.2", "front": "B?", "back": "B",
      "tags": []}]})";
  };
  write(deck, deck_text("A?"));
  REQUIRE(c.run({"import", deck.string()}).exit_code == 0);
  REQUIRE(c.run({"answer", "d.1", "4"}).exit_code == 0);
  REQUIRE(c.run({"answer", "d.2", "4"}).exit_code == 0);
  write(deck, deck_text("A, edited?"));

  const CliResult dry = c.run({"import", "--reset-changed", "--dry-run", deck.string()});
  CHECK(dry.out == "d (" + deck.string() +
                       "): 0 added, 1 updated, 1 unchanged, 0 missing\n"
                       "  1 card changed since reviewed starts over as new\n"
                       "Dry run: nothing was written.\n");
  const CliResult reset = c.run({"import", "--reset-changed", deck.string()});
  CHECK(reset.exit_code == 0);
  CHECK(reset.out == "d (" + deck.string() +
                         "): 0 added, 1 updated, 1 unchanged, 0 missing\n"
                         "  1 card changed since reviewed starts over as new\n");
  CHECK(c.run({"show", "d.1"}).out.find("state: new") != std::string::npos);
  CHECK(c.run({"cards", "--search", "is:changed"}).out.empty());
  CHECK(c.run({"check"}).out ==
        c.db +
            " is sound: 2 cards replayed from 2 answers and 1 state record, every state "
            "matches its log.\n");
  CHECK(c.run({"import", "--reset-changed", deck.string()}).out ==
        "d (" + deck.string() +
            "): 0 added, 0 updated, 2 unchanged, 0 missing\n"
            "  0 cards changed since reviewed start over as new\n");
  const CliResult undo = c.run({"undo"});  // d.2's answer: it was not reset
  CHECK(undo.exit_code == 0);
  const CliResult refused = c.run({"undo"});
  CHECK(refused.err ==
        "rehearse: nothing was undone: the last answer, to d.1 on 2026-03-01, came before the "
        "card started over as new (import --reset-changed); an undo cannot take back a reset\n");
}
