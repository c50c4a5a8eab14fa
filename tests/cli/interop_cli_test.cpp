// End-to-end: export to the formats of other tools, through the real binary.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "io/anki_package.hpp"
#include "io/csv.hpp"
#include "io/markdown_deck.hpp"
#include "support/file_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
namespace fs = std::filesystem;

namespace {

using rehearse::test::read;
using rehearse::test::write;

const char* kDeck = R"({
  "format": "rehearse-deck/1",
  "deck": {"id": "sd", "name": "System design", "description": ""},
  "cards": [
    {"id": "sd.door", "front": "What is a *two-way* door?", "back": "Cheap to reverse,\nso decide fast.", "tags": ["lp:bias-for-action", "decisions"]},
    {"id": "sd.cap", "front": "CAP, in one line?", "back": "- consistency\n- availability\n- partition tolerance", "tags": []}
  ]
}
)";

struct Exported {
  TempDir dir;
  std::string db = (dir / "c.db").string();

  Exported() {
    std::ofstream(dir / "deck.json", std::ios::binary) << kDeck;
    REQUIRE(run_rehearse({"--db", db, "import", (dir / "deck.json").string()}).exit_code == 0);
  }
  CliResult export_to(const std::string& name) const {
    return run_rehearse({"--db", db, "export", "sd", (dir / name).string()});
  }
};

}  // namespace

TEST_CASE("export to FILE.csv writes a sheet that reads back to the same cards") {
  const Exported e;
  const CliResult result = e.export_to("sd.csv");
  CHECK(result.exit_code == 0);
  CHECK(result.out == (e.dir / "sd.csv").string() + ": wrote 2 cards of deck sd\n");
  const std::string sheet = read(e.dir / "sd.csv");
  CHECK(sheet ==
        "id,front,back,tags\n"
        "sd.door,What is a *two-way* door?,\"Cheap to reverse,\nso decide fast.\","
        "lp:bias-for-action decisions\n"
        "sd.cap,\"CAP, in one line?\",\"- consistency\n- availability\n- partition tolerance\",\n");
  const rehearse::DeckFile again = rehearse::parse_csv_deck(sheet, "sd.csv");
  REQUIRE(again.cards.size() == 2);
  CHECK(again.cards[0] == rehearse::CardContent{"sd.door",
                                                "What is a *two-way* door?",
                                                "Cheap to reverse,\nso decide fast.",
                                                {"lp:bias-for-action", "decisions"}});
}

TEST_CASE("export to FILE.tsv and FILE.md write those formats, read back unchanged") {
  const Exported e;
  REQUIRE(e.export_to("sd.tsv").exit_code == 0);
  CHECK(read(e.dir / "sd.tsv").starts_with("id\tfront\tback\ttags\nsd.door\t"));
  REQUIRE(e.export_to("sd.md").exit_code == 0);
  const std::string markdown = read(e.dir / "sd.md");
  CHECK(
      markdown.starts_with("---\nid: \"sd\"\nname: \"System design\"\n---\n\nQ: What is a "
                           "\\*two-way\\* door?\nid: sd.door\ntags: lp:bias-for-action "
                           "decisions\nA: Cheap to reverse,\nso decide fast.\n"));
  const rehearse::DeckFile again = rehearse::parse_markdown_deck(markdown, "sd.md");
  CHECK(again.deck == rehearse::Deck{"sd", "System design", ""});
  REQUIRE(again.cards.size() == 2);
  CHECK(again.cards[1].back == "- consistency\n- availability\n- partition tolerance");
}

TEST_CASE("export to FILE.apkg writes a schema 11 package our importer reads back identically") {
  const Exported e;
  REQUIRE(run_rehearse({"--db", e.db, "--now", "2026-03-01T09:00", "answer", "sd.door", "4"})
              .exit_code == 0);
  const CliResult result = run_rehearse(
      {"--db", e.db, "--now", "2026-03-02T09:00", "export", "sd", (e.dir / "sd.apkg").string()});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        (e.dir / "sd.apkg").string() + ": wrote 2 cards of deck sd as an Anki package\n");

  const rehearse::AnkiPackage package = rehearse::read_anki_package(e.dir / "sd.apkg");
  CHECK(package.schema_version == 11);
  REQUIRE(package.decks.size() == 1);
  CHECK(package.decks[0] == rehearse::Deck{"sd", "System design", ""});
  REQUIRE(package.cards.size() == 2);
  CHECK(package.cards[0].content == rehearse::CardContent{"sd.door",
                                                          "What is a *two-way* door?",
                                                          "Cheap to reverse,\nso decide fast.",
                                                          {"lp:bias-for-action", "decisions"}});
  CHECK(package.cards[1].content.back == "- consistency\n- availability\n- partition tolerance");
  // sd.door answered 4 on 2026-03-01: one day, due 2026-03-02, the day the package was made.
  CHECK(package.cards[0].schedule == rehearse::AnkiSchedule{2, 2, 0, 1, 2500, 1, 0});
  CHECK(package.cards[1].schedule == rehearse::AnkiSchedule{0, 0, 2, 0, 0, 0, 0});
  REQUIRE(package.reviews.size() == 1);
  CHECK(package.reviews[0].card_id == "sd.door");
  CHECK(package.reviews[0].button == 3);

  // The collection inside, as the sqlite3 command sees it.
  rehearse::InflateBudget budget({}, "sd.apkg");
  const std::string collection =
      rehearse::ZipReader(e.dir / "sd.apkg", "sd.apkg").read_all("collection.anki2", budget);
  std::ofstream(e.dir / "collection.anki2", std::ios::binary) << collection;
  const std::string db = (e.dir / "collection.anki2").string();
  const CliResult tables = rehearse::test::run_program({"sqlite3", db, ".tables"});
  CHECK(tables.out == "cards   col     graves  notes   revlog\n");
  CHECK(rehearse::test::run_program({"sqlite3", db, "PRAGMA integrity_check"}).out == "ok\n");
  CHECK(rehearse::test::run_program({"sqlite3", db, "SELECT ver, count(*) FROM col"}).out ==
        "11|1\n");
  CHECK(rehearse::test::run_program({"sqlite3", db, "SELECT count(*) FROM notes"}).out == "2\n");
}

TEST_CASE(
    "import reads a CSV sheet, a Markdown deck and an Anki package, and again changes nothing") {
  const Exported e;
  REQUIRE(e.export_to("sd.csv").exit_code == 0);
  const std::string sheet = (e.dir / "sd.csv").string();
  const CliResult csv = run_rehearse({"--db", e.db, "import", sheet});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out == "sd (" + sheet + "): 0 added, 0 updated, 2 unchanged, 0 missing\n");

  const std::string package = (REHEARSE_SOURCE_DIR "/tests/data/anki/legacy-schema11.apkg");
  const CliResult first = run_rehearse({"--db", e.db, "import", package});
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("anki.interview.systems (" + package +
                       "): new deck, 3 added, 0 updated, 0 unchanged, 0 missing\n") !=
        std::string::npos);
  const CliResult again = run_rehearse({"--db", e.db, "import", package});
  CHECK(again.out.find("anki.interview.systems (" + package +
                       "): 0 added, 0 updated, 3 unchanged, 0 missing\n") != std::string::npos);

  std::ofstream(e.dir / "notes.md", std::ios::binary)
      << "---\nid: md\nname: Notes\n---\n\n## Why?\n\nBecause.\n";
  const CliResult markdown =
      run_rehearse({"--db", e.db, "import", "--dry-run", (e.dir / "notes.md").string()});
  CHECK(markdown.out == "md (" + (e.dir / "notes.md").string() +
                            "): new deck, 1 added, 0 updated, 0 unchanged, 0 missing\n"
                            "Dry run: nothing was written.\n");
}

TEST_CASE("an Anki package's media files are copied beside the collection and listed") {
  const Exported e;
  const std::string media = (e.dir / "media").string();
  for (const char* name : {"legacy-schema11.apkg", "latest-anki21b.apkg"}) {
    INFO(name);
    const std::string package = REHEARSE_SOURCE_DIR "/tests/data/anki/" + std::string(name);
    fs::remove_all(media);
    const CliResult dry = run_rehearse({"--db", e.db, "import", "--dry-run", package});
    CHECK(dry.exit_code == 0);
    CHECK(dry.out.find("  media: 1 file would be copied to " + media + ": chart.png\n") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(media));

    const CliResult first = run_rehearse({"--db", e.db, "import", package});
    CHECK(first.exit_code == 0);
    CHECK(first.out.find("  media: 1 file copied to " + media + ": chart.png\n") !=
          std::string::npos);
    const std::string png = read(fs::path(media) / "chart.png");
    CHECK(png.size() == 66);
    CHECK(png.starts_with("\x89PNG"));

    const CliResult again = run_rehearse({"--db", e.db, "import", package});
    CHECK(again.out.find("  media: 0 files copied to " + media + " (1 already there)\n") !=
          std::string::npos);
  }
}

TEST_CASE("import refuses a hostile package in one line and imports nothing") {
  const Exported e;
  const std::string bomb = REHEARSE_SOURCE_DIR "/tests/data/anki/hostile-zip-bomb.apkg";
  const CliResult result = run_rehearse({"--db", e.db, "import", bomb});
  CHECK(result.exit_code != 0);
  CHECK(result.err == "rehearse: " + bomb +
                          ": refused: \"collection.anki2\" inflates to more than 200 times its "
                          "compressed size (a zip bomb?)\n");
  CHECK(run_rehearse({"--db", e.db, "decks"}).out.find("anki.") == std::string::npos);
}

TEST_CASE("a deck exported as .apkg, .csv or .md imports into another collection identically") {
  const Exported e;
  const std::string original = run_rehearse({"--db", e.db, "export", "sd", "-"}).out;
  for (const std::string name : {"sd.apkg", "sd.csv", "sd.md"}) {
    REQUIRE(e.export_to(name).exit_code == 0);
    const std::string other = (e.dir / ("other-" + name + ".db")).string();
    const CliResult imported = run_rehearse({"--db", other, "import", (e.dir / name).string()});
    CHECK(imported.exit_code == 0);
    const std::string again = run_rehearse({"--db", other, "export", "sd", "-"}).out;
    if (name == "sd.csv") {
      // A sheet holds no deck name: the deck is named after the file.
      CHECK(again == std::string(original).replace(original.find("System design"), 13, "sd"));
    } else {
      CHECK(again == original);
    }
  }
}
