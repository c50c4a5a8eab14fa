// Where a command meets the edges of the system, end to end: a collection under two names, a
// collection that does not exist yet, an empty --db, a full disk on standard output, a file
// size limit, and an Anki package written over a link or a FIFO. Each gives one line and
// changes nothing.
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"
#include "support/two_card_collection.hpp"

using rehearse::test::ChildProcess;
using rehearse::test::CliResult;
using rehearse::test::leftover_temporary;
using rehearse::test::run_program;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
using rehearse::test::write_text;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNow = rehearse::test::kTwoCardNow;
constexpr const char* kDeck = rehearse::test::kTwoCardDeck;

struct Fixture : rehearse::test::TwoCardCollection {
  // Runs `script` with sh, RH set to the binary and DB to the collection.
  CliResult shell(const std::string& script) const {
    return run_program({"sh", "-c", script}, "",
                       {std::string("RH=") + REHEARSE_BINARY, "DB=" + db,
                        std::string("NOW=") + kNow, "DIR=" + dir.path().string()});
  }
};

}  // namespace

TEST_CASE("a collection reachable under two hard links is refused, saying why") {
  const Fixture f;
  const std::string other = (f.dir / "other.db").string();
  const std::string cards = f.rehearse({"cards"}).out;
  fs::create_hard_link(f.db, other);
  for (const std::string& name : {f.db, other}) {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"cards"}, {"answer", "d.1", "4"}, {"backup"}}) {
      INFO(name << ": rehearse " << command[0]);
      std::vector<std::string> args = {"--db", name, "--now", kNow};
      args.insert(args.end(), command.begin(), command.end());
      const CliResult result = run_rehearse(args);
      CHECK(result.exit_code == 1);
      CHECK(result.out == "");
      CHECK(result.err ==
            "rehearse: " + name +
                " has 2 names (hard links): rehearse would keep a write-ahead log per name and "
                "lose answers; keep one name (remove the other links) or use a copy\n");
    }
  }
  CHECK_FALSE(fs::exists(f.dir / "backups"));
  fs::remove(other);
  CHECK(f.rehearse({"cards"}).out == cards);  // nothing was answered
}

TEST_CASE("a command on a missing collection names it and 'rehearse init', creating nothing") {
  const TempDir dir;
  const std::string db = (dir / "data" / "c.db").string();
  const std::string deck = write_text(dir, "d.json", kDeck).string();
  const std::vector<std::vector<std::string>> commands = {{"cards"},
                                                          {"decks"},
                                                          {"stats"},
                                                          {"show", "d.1"},
                                                          {"next"},
                                                          {"answer", "d.1", "4"},
                                                          {"export", "d", "-"},
                                                          {"check"},
                                                          {"backup"},
                                                          {"config"},
                                                          {"config", "new-per-day", "5"},
                                                          {"review"},
                                                          {"story", "list"},
                                                          {"suspend", "d.1"}};
  for (const std::vector<std::string>& command : commands) {
    std::vector<std::string> args = {"--db", db, "--now", kNow};
    args.insert(args.end(), command.begin(), command.end());
    INFO("rehearse " << fmt::format("{}", fmt::join(command, " ")));
    const CliResult result = run_rehearse(args);
    CHECK(result.exit_code == 1);
    CHECK(result.err == "rehearse: no collection at " + db + "; create it with 'rehearse init'\n");
    CHECK_FALSE(fs::exists(dir / "data"));
  }
  // A dry run previews against an empty collection.
  const CliResult dry = run_rehearse({"--db", db, "--now", kNow, "import", "--dry-run", deck});
  CHECK(dry.err == "");
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("Dry run: nothing was written.\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "data"));
  // init and import create it.
  CHECK(run_rehearse({"--db", db, "init"}).exit_code == 0);
  CHECK(fs::exists(db));
}

TEST_CASE("an empty --db is refused instead of meaning the default collection") {
  const TempDir dir;
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"--db", "", "cards"}, {"--db", "", "init"}, {"--db", ""}}) {
    INFO(command.size());
    const CliResult result = run_rehearse(command, "", {"HOME=" + dir.path().string()});
    CHECK(result.exit_code == 1);
    CHECK(result.err ==
          "rehearse: --db names no file (it is empty); give a collection file, or leave --db out "
          "for the default one\n");
  }
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a write error on standard output fails with one line") {
  const Fixture f;
  for (const char* command : {"export d -", "cards", "decks --json"}) {
    INFO(command);
    const CliResult result =
        f.shell(fmt::format("\"$RH\" --db \"$DB\" --now \"$NOW\" {} > /dev/full", command));
    CHECK(result.exit_code == 1);
    CHECK(result.err == "rehearse: cannot write the output: No space left on device\n");
  }
}

TEST_CASE("a file size limit makes export and backup fail with one line, leaving nothing") {
  const Fixture f;
  // A deck far above the limit of 256 blocks (128 KB in sh's 512-byte blocks), which leaves
  // room for the collection's shared-memory file.
  std::string big =
      R"({"format": "rehearse-deck/1", "deck": {"id": "big", "name": "Big"}, "cards": [)";
  for (int i = 0; i < 3000; ++i) {
    big += fmt::format(
        R"({}{{"id": "big.{}", "front": "Question number {}?", "back": "The answer to {}"}})",
        i == 0 ? "" : ",", i, i, i);
  }
  big += "]}";
  REQUIRE(f.rehearse({"import", write_text(f.dir, "big.json", big).string()}).exit_code == 0);
  const std::string cards = f.rehearse({"cards"}).out;

  const CliResult exported =
      f.shell("ulimit -f 256; \"$RH\" --db \"$DB\" --now \"$NOW\" export big \"$DIR/out.json\"");
  CHECK(exported.exit_code == 1);
  CHECK(exported.err ==
        "rehearse: cannot write " + (f.dir / "out.json").string() + ": File too large\n");
  CHECK_FALSE(fs::exists(f.dir / "out.json"));

  const CliResult backup =
      f.shell("ulimit -f 256; \"$RH\" --db \"$DB\" --now \"$NOW\" backup \"$DIR/copy.db\"");
  CHECK(backup.exit_code == 1);
  CHECK(backup.err == "rehearse: " + (f.dir / "copy.db").string() + ": disk I/O error\n");
  CHECK_FALSE(fs::exists(f.dir / "copy.db"));

  CHECK_FALSE(leftover_temporary(f.dir.path()));
  CHECK(f.rehearse({"cards"}).out == cards);
}

TEST_CASE("an Anki package is written through a symbolic link, and never over a FIFO") {
  const Fixture f;
  fs::create_directory(f.dir / "repo");
  write_text(f.dir, "repo/d.apkg", "old");
  fs::create_symlink("repo/d.apkg", f.dir / "d.apkg");
  const CliResult exported = f.rehearse({"export", "d", (f.dir / "d.apkg").string()});
  CHECK(exported.err == "");
  CHECK(exported.exit_code == 0);
  CHECK(fs::is_symlink(f.dir / "d.apkg"));
  CHECK(fs::file_size(f.dir / "repo/d.apkg") > 100);

  const fs::path fifo = f.dir / "fifo.apkg";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const CliResult refused = f.rehearse({"export", "d", fifo.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err ==
        "rehearse: cannot write " + fifo.string() + ": it is a FIFO, not a regular file\n");
  CHECK(fs::is_fifo(fifo));
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}

TEST_CASE("answer --batch leaves its answers in the collection file while another has it open") {
  const Fixture f;
  // Another process's connection keeps the collection open: closing it no longer checkpoints.
  const SQLite::Database other(f.db, SQLite::OPEN_READONLY);
  const CliResult batch =
      f.shell("printf 'd.1 4\\nd.2 5\\n' | \"$RH\" --db \"$DB\" --now \"$NOW\" answer --batch");
  CHECK(batch.err == "");
  REQUIRE(batch.exit_code == 0);
  // The file alone, without its write-ahead log, holds both answers.
  const std::string copy = (f.dir / "copy.db").string();
  fs::copy_file(f.db, copy);
  SQLite::Database alone(copy, SQLite::OPEN_READONLY);
  CHECK(alone.execAndGet("SELECT count(*) FROM reviews").getInt() == 2);
}

TEST_CASE("an import waiting for a FIFO does not keep other writers out") {
  const Fixture f;
  const fs::path fifo = f.dir / "slow.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  ChildProcess import =
      ChildProcess::rehearse({"--db", f.db, "--now", kNow, "import", fifo.string()});
  import.close_input();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the import waits on the FIFO
  const auto start = std::chrono::steady_clock::now();
  const CliResult answer = f.rehearse({"answer", "d.1", "4"});
  CHECK(answer.err == "");
  CHECK(answer.exit_code == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  // The FIFO delivers; the import goes through.
  {
    std::ofstream writer(fifo);
    writer << kDeck;
  }
  CHECK(import.wait() == 0);
  CHECK(import.error_output() == "");
}

TEST_CASE("a file that never ends is refused at the size limit") {
  const Fixture f;
  const CliResult result = f.rehearse({"import", "--format", "deck", "/dev/zero"});
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "rehearse: cannot read /dev/zero: it holds more than 256 MB, the most rehearse reads from "
        "one file\n");
}

TEST_CASE("check finds a missing index, a trigger of another program and a row pointing nowhere") {
  const Fixture f;
  {
    SQLite::Database sql(f.db, SQLite::OPEN_READWRITE);
    sql.exec("DROP INDEX cards_due");
    sql.exec("CREATE TRIGGER spy AFTER INSERT ON reviews BEGIN SELECT 1; END");
    sql.exec("UPDATE cards SET deck = 99 WHERE slug = 'd.2'");  // foreign keys are off here
  }
  const CliResult check = f.rehearse({"check"});
  CHECK(check.exit_code == 1);
  CHECK(check.out ==
        "integrity: index cards_due is missing\n"
        "integrity: trigger spy is not rehearse's\n"
        "integrity: cards row 2 refers to a missing row of decks\n");
}

TEST_CASE("restore refuses an SQLite file with rehearse's id but not its tables") {
  const Fixture f;
  const std::string fake = (f.dir / "fake.db").string();
  {
    SQLite::Database sql(fake, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    sql.exec("PRAGMA application_id = 1380471379");  // 0x52485253, "RHRS"
    sql.exec("PRAGMA user_version = 7");
    sql.exec("CREATE TABLE notes (text TEXT)");
  }
  const std::string cards = f.rehearse({"cards"}).out;
  const CliResult restore = f.rehearse({"restore", fake});
  CHECK(restore.exit_code == 1);
  CHECK(restore.err == "rehearse: cannot restore from " + fake +
                           ": it is not a sound rehearse collection (index cards_by_deck is "
                           "missing)\n");
  CHECK(f.rehearse({"cards"}).out == cards);
  CHECK_FALSE(fs::exists(f.dir / "backups"));
}

TEST_CASE("restore takes a sound backup whose page size differs from the collection's") {
  const Fixture f;
  const std::string backup = (f.dir / "small-pages.db").string();
  REQUIRE(f.rehearse({"backup", backup}).exit_code == 0);
  REQUIRE(f.rehearse({"answer", "d.1", "4"}).exit_code == 0);
  {
    SQLite::Database sql(backup, SQLite::OPEN_READWRITE);
    sql.exec("PRAGMA journal_mode = DELETE");
    sql.exec("PRAGMA page_size = 1024");
    sql.exec("VACUUM");
    REQUIRE(sql.execAndGet("PRAGMA page_size").getInt() == 1024);
  }
  const CliResult restore = f.rehearse({"restore", backup});
  CHECK(restore.err == "");
  CHECK(restore.exit_code == 0);
  {
    SQLite::Database sql(f.db, SQLite::OPEN_READONLY);
    CHECK(sql.execAndGet("SELECT count(*) FROM reviews").getInt() == 0);  // as in the backup
  }
  CHECK(f.rehearse({"check"}).exit_code == 0);
  // The collection as it was (with its answer) is the one safety copy; nothing else is left.
  std::vector<std::string> backups;
  for (const auto& entry : fs::directory_iterator(f.dir / "backups"))
    backups.push_back(entry.path().filename().string());
  CHECK(backups == std::vector<std::string>{"c-auto-before-restore-2026-11-25T09-00-00.db"});
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}
