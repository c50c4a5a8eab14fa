// Bad files, end to end: a truncated or damaged collection, one from a newer rehearse, a file
// that is not a collection, a read-only collection or folder, a full disk. Each command must
// give one clear line on standard error and a non-zero exit code, and leave what is saved as it
// was. Read-only files and full disks are made in a private mount namespace (unshare -r -m: a
// read-only bind mount, a small tmpfs), since root ignores file permissions.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/schema.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_program;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNow = "2026-11-25T10:00";
constexpr std::uint32_t kDefaultSeed = 20261127;

std::uint32_t test_seed() {
  const char* text = std::getenv("REHEARSE_TEST_SEED");
  return text && *text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : kDefaultSeed;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A deck file: `cards` cards `prefix.N` with texts padded to about `padding` bytes.
std::string deck_json(const std::string& deck, const std::string& prefix, int cards,
                      std::size_t padding = 0) {
  std::string text = fmt::format(
      R"({{"format": "rehearse-deck/1", "deck": {{"id": "{}", "name": "{}"}}, "cards": [)", deck,
      deck);
  const std::string pad(padding, 'x');
  for (int i = 0; i < cards; ++i) {
    text += fmt::format(R"({}{{"id": "{}.{}", "front": "Question {} {}", "back": "Answer {} {}"}})",
                        i ? ",\n" : "", prefix, i, i, pad, i, pad);
  }
  return text + "]}\n";
}

// How `after` differs from `before`, for a readable failure; empty when they are the same.
std::string change(const std::string& before, const std::string& after) {
  if (before == after) return "";
  const auto [at, ignored] =
      std::mismatch(before.begin(), before.end(), after.begin(), after.end());
  const auto offset = static_cast<std::size_t>(at - before.begin());
  return fmt::format("{} bytes became {}; the first difference is at byte {}", before.size(),
                     after.size(), offset);
}

// The names in a folder.
std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

// The tags (duration_ms) of the review log, in log order.
std::vector<std::int64_t> logged_tags(const fs::path& db) {
  SQLite::Database sqlite(db.string(), SQLite::OPEN_READWRITE);
  SQLite::Statement rows(sqlite, "SELECT duration_ms FROM reviews ORDER BY id");
  std::vector<std::int64_t> tags;
  while (rows.executeStep())
    tags.push_back(rows.getColumn(0).getInt64());
  return tags;
}

// A collection in its own folder (home/collection.db) with cards, answers tagged 1..60, and
// optionally `padding_cards` more cards so that the file has many pages. Closed cleanly: no
// WAL left beside it.
struct Fixture {
  TempDir dir;
  fs::path home = dir / "home";
  std::string db = (home / "collection.db").string();
  std::string deck = (dir / "extra.json").string();  // a small deck, for import commands
  std::vector<std::int64_t> tags;                    // the log as created

  explicit Fixture(int padding_cards = 0) {
    fs::create_directories(home);
    write(dir / "cards.json", deck_json("cards", "c", 20));
    write(deck, deck_json("extra", "e", 3));
    std::vector<std::string> import{"--db", db, "import", (dir / "cards.json").string()};
    if (padding_cards > 0) {
      write(dir / "padding.json", deck_json("padding", "p", padding_cards, 100));
      import.push_back((dir / "padding.json").string());
    }
    REQUIRE(run_rehearse(import).exit_code == 0);
    std::string lines;
    for (int i = 1; i <= 60; ++i)
      lines += fmt::format("c.{} {} {}\n", i % 20, i % 6, i);
    REQUIRE(run_rehearse({"--db", db, "--now", "2026-11-24T09:00", "answer", "--batch"}, lines)
                .exit_code == 0);
    REQUIRE_FALSE(fs::exists(db + "-wal"));
    tags = logged_tags(db);
    REQUIRE(tags.size() == 60);
  }

  CliResult rehearse(const std::string& file, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", file});
    return run_rehearse(args);
  }
};

// The commands tried on a bad file, each after `--db FILE`.
std::vector<std::vector<std::string>> everyday_commands(const Fixture& f) {
  return {{"stats"},
          {"next", "--json"},
          {"--now", kNow, "answer", "c.1", "4"},
          {"--now", kNow, "import", f.deck},
          {"check"}};
}

std::string describe(const std::vector<std::string>& args) {
  return fmt::format("{}", fmt::join(args, " "));
}

// Exit code 1, nothing on standard output, and exactly `line` on standard error.
void check_refused(const CliResult& result, const std::string& line) {
  INFO("stdout: " << result.out);
  CHECK(result.exit_code == 1);
  CHECK(result.err == "rehearse: " + line + "\n");
  CHECK(result.out.empty());
}

std::string damaged(const std::string& db) {
  return db + " is damaged (database disk image is malformed); restore it from a backup";
}

// `check` on a damaged file either cannot open it (the one-line error) or reports what SQLite's
// integrity check found; either way exit code 1.
void check_check_of_damaged(const CliResult& result, const std::string& db) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  CHECK(result.exit_code == 1);
  const bool error_line = result.err == "rehearse: " + damaged(db) + "\n" && result.out.empty();
  const bool report = result.err.empty() && result.out.starts_with("integrity: ");
  CHECK((error_line || report));
}

int page_size(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READWRITE);
  return sqlite.execAndGet("PRAGMA page_size").getInt();
}

// Ways to damage a collection file.
struct Damage {
  std::string name;
  std::function<void(const Fixture&)> apply;
};

std::vector<Damage> deterministic_damages() {
  return {
      {"truncated to half its size",
       [](const Fixture& f) { fs::resize_file(f.db, fs::file_size(f.db) / 2); }},
      {"truncated to its first page",
       [](const Fixture& f) {
         fs::resize_file(f.db, static_cast<std::uintmax_t>(page_size(f.db)));
       }},
      {"truncated inside its header", [](const Fixture& f) { fs::resize_file(f.db, 50); }},
      {"with every table's and index's root page overwritten",
       [](const Fixture& f) {
         const int size = page_size(f.db);
         std::vector<int> roots;
         {
           SQLite::Database sqlite(f.db, SQLite::OPEN_READWRITE);
           SQLite::Statement q(sqlite, "SELECT rootpage FROM sqlite_master WHERE rootpage > 1");
           while (q.executeStep())
             roots.push_back(q.getColumn(0).getInt());
         }
         REQUIRE(roots.size() > 5);
         std::fstream file(f.db, std::ios::in | std::ios::out | std::ios::binary);
         for (const int root : roots) {
           file.seekp(static_cast<std::streamoff>(root - 1) * size);
           file.put('\xff');  // not a b-tree page type
         }
       }},
  };
}

// ---- Mount namespaces ------------------------------------------------------------------------

// Empty when this machine lets the tests make a user and mount namespace with a tmpfs and a
// read-only bind mount in it; else why not.
const std::string& namespace_problem() {
  static const std::string problem = [] {
    const TempDir dir;
    try {
      const CliResult probe = run_program(
          {"unshare", "-r", "-m", "sh", "-ec",
           "mount -t tmpfs -o size=64k tmpfs \"$1\" && mount --bind -o ro \"$1\" \"$1\" && "
           "! touch \"$1/x\" 2>/dev/null",
           "sh", dir.path().string()});
      if (probe.exit_code == 0) return std::string();
      return fmt::format(
          "'unshare -r -m' with a tmpfs and a read-only bind mount failed (exit "
          "code {}): {}",
          probe.exit_code, probe.err);
    } catch (const std::exception& e) {
      return fmt::format("cannot run unshare: {}", e.what());
    }
  }();
  return problem;
}

// Catch2 v2 has no SKIP: say why, loudly, and leave the test.
#define SKIP_WITHOUT_NAMESPACES()                                                              \
  do {                                                                                         \
    if (!namespace_problem().empty()) {                                                        \
      WARN("SKIPPED: this machine cannot make mount namespaces, so this case was not tested: " \
           << namespace_problem());                                                            \
      return;                                                                                  \
    }                                                                                          \
  } while (false)

// Runs `script` with `sh -eu` in a new user and mount namespace, where it may mount what it
// likes: the mounts vanish with it. `step NAME INPUT COMMAND...` runs COMMAND with INPUT on its
// standard input and records how it went, for step() to read. The script sees RH (the rehearse
// binary), NOW, STEPS and the variables of `env`.
CliResult run_isolated(const TempDir& dir, const std::string& script,
                       std::vector<std::string> env) {
  fs::create_directories(dir / "steps");
  env.push_back(std::string("RH=") + REHEARSE_BINARY);
  env.push_back(std::string("NOW=") + kNow);
  env.push_back("STEPS=" + (dir / "steps").string());
  const std::string prelude =
      "step() {\n"
      "  name=$1; input=$2; shift 2\n"
      "  set +e\n"
      "  \"$@\" <\"$input\" >\"$STEPS/$name.out\" 2>\"$STEPS/$name.err\"\n"
      "  echo $? >\"$STEPS/$name.rc\"\n"
      "  set -e\n"
      "}\n";
  return run_program({"unshare", "-r", "-m", "sh", "-euc", prelude + script}, "", env);
}

// How a step of run_isolated went; exit code -1 when it never ran.
CliResult step(const TempDir& dir, const std::string& name) {
  const fs::path steps = dir / "steps";
  CliResult result;
  if (!fs::exists(steps / (name + ".rc"))) return result;
  result.exit_code = std::stoi(read(steps / (name + ".rc")));
  result.out = read(steps / (name + ".out"));
  result.err = read(steps / (name + ".err"));
  return result;
}

// A write refused on a read-only collection: the one line, with or without the batch's line
// number (the batch may fail when it opens the collection or at its first answer).
void check_read_only_write(const CliResult& result, const std::string& db, bool batch = false) {
  const std::string line =
      "cannot write " + db + ": the file or its folder is read-only; nothing was changed";
  INFO("stdout: " << result.out);
  CHECK(result.exit_code == 1);
  CHECK(result.out.empty());
  if (batch && result.err != "rehearse: " + line + "\n") {
    CHECK(result.err == "rehearse: standard input, line 1: " + line + "\n");
  } else {
    CHECK(result.err == "rehearse: " + line + "\n");
  }
}

// Reading a read-only collection works, or fails with the one read-only line.
void check_read_only_read(const CliResult& result, const std::string& db) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  if (result.exit_code == 0) {
    CHECK(result.err.empty());
  } else {
    CHECK(result.exit_code == 1);
    CHECK(result.err == "rehearse: cannot write " + db +
                            ": the file or its folder is read-only; nothing was changed\n");
  }
}

// After a scenario: the collection holds what it held, sound.
void check_kept(const std::string& db, const std::vector<std::int64_t>& expected_tags) {
  CHECK(logged_tags(db) == expected_tags);
  const CliResult check = run_rehearse({"--db", db, "check"});
  INFO("check: " << check.out << check.err);
  CHECK(check.exit_code == 0);
}

}  // namespace

// ---- Damaged files ---------------------------------------------------------------------------

TEST_CASE(
    "a truncated or damaged collection gets one damaged-file line from each command and "
    "stays as it was") {
  for (const Damage& damage : deterministic_damages()) {
    const Fixture f(600);
    damage.apply(f);
    const std::string bytes = read(f.db);
    const std::set<std::string> files = listing(f.home);
    for (const std::vector<std::string>& args : everyday_commands(f)) {
      INFO("collection " << damage.name << ": rehearse " << describe(args));
      const CliResult result = f.rehearse(f.db, args);
      if (args.front() == "check") {
        check_check_of_damaged(result, f.db);
      } else {
        check_refused(result, damaged(f.db));
      }
      CHECK(change(bytes, read(f.db)) == "");
      CHECK(listing(f.home) == files);
    }
  }
}

TEST_CASE(
    "a collection with random garbage over some pages is caught by check and never "
    "changed by a failing command") {
  const std::uint32_t seed = test_seed();
  std::cout << "bad files test: seed " << seed << " (REHEARSE_TEST_SEED replays another)\n";
  INFO("seed " << seed);
  std::mt19937 random(seed);
  const Fixture f(600);
  {
    // A run of pages in the second quarter of the file, overwritten with random bytes.
    const std::size_t size = static_cast<std::size_t>(page_size(f.db));
    std::string bytes = read(f.db);
    const std::size_t pages = bytes.size() / size;
    REQUIRE(pages > 16);
    const std::size_t first = pages / 4 + static_cast<std::size_t>(random() % (pages / 8));
    for (std::size_t i = first * size; i < (first + pages / 8) * size; ++i)
      bytes[i] = static_cast<char>(random() & 0xff);
    write(f.db, bytes);
  }
  const CliResult check = f.rehearse(f.db, {"check"});
  check_check_of_damaged(check, f.db);
  for (const std::vector<std::string>& args : everyday_commands(f)) {
    INFO("rehearse " << describe(args));
    const std::string before = read(f.db);
    const CliResult result = f.rehearse(f.db, args);
    // A command that does not touch the garbage may work; one that does says so in one line
    // and changes nothing.
    if (result.exit_code != 0 && args.front() != "check") {
      check_refused(result, damaged(f.db));
      CHECK(change(before, read(f.db)) == "");
    }
  }
}

TEST_CASE(
    "rehearse restore replaces a truncated or damaged collection with a backup as its "
    "error advises") {
  for (const Damage& damage : deterministic_damages()) {
    INFO("collection " << damage.name);
    const Fixture f(600);
    const std::string backup = (f.dir / "good.db").string();
    REQUIRE(f.rehearse(f.db, {"backup", backup}).exit_code == 0);
    damage.apply(f);
    const CliResult restore = f.rehearse(f.db, {"--now", kNow, "restore", backup});
    INFO("restore: " << restore.out << restore.err);
    CHECK(restore.exit_code == 0);
    if (restore.exit_code == 0) check_kept(f.db, f.tags);
  }
}

// ---- A newer schema --------------------------------------------------------------------------

TEST_CASE(
    "a collection from a newer schema version is refused by every command and left as "
    "it was") {
  const Fixture f;
  const int latest = rehearse::store::latest_schema_version();
  {
    SQLite::Database sqlite(f.db, SQLite::OPEN_READWRITE);
    sqlite.exec(fmt::format("PRAGMA user_version = {}", latest + 1));
  }
  const std::string bytes = read(f.db);
  const std::set<std::string> files = listing(f.home);
  const std::string newer = fmt::format(
      "{} was written by a newer rehearse (schema version {}, this build knows up to {}); "
      "upgrade rehearse to open it",
      f.db, latest + 1, latest);
  std::vector<std::vector<std::string>> commands = everyday_commands(f);
  commands.push_back({"backup", (f.dir / "copy.db").string()});
  commands.push_back({"init"});
  commands.push_back({"story", "list"});
  for (const std::vector<std::string>& args : commands) {
    INFO("rehearse " << describe(args));
    check_refused(f.rehearse(f.db, args), newer);
    CHECK(change(bytes, read(f.db)) == "");
    CHECK(listing(f.home) == files);
  }
  CHECK_FALSE(fs::exists(f.dir / "copy.db"));

  // Restoring that file over a good collection is refused too, and changes nothing.
  const Fixture good;
  const CliResult restore = good.rehearse(good.db, {"--now", kNow, "restore", f.db});
  check_refused(restore, newer);
  check_kept(good.db, good.tags);
}

// ---- Files that are not collections ----------------------------------------------------------

TEST_CASE(
    "a file that is not an SQLite database is refused by every command and left as it "
    "was") {
  const Fixture f;
  std::mt19937 random(test_seed());
  std::string noise(4096, '\0');
  for (char& c : noise)
    c = static_cast<char>(random() & 0xff);
  const fs::path folder = f.dir / "files";
  fs::create_directories(folder);
  write(folder / "notes.txt", "my notes\nabout the interview\n");
  write(folder / "noise.bin", noise);
  write(folder / "deck.json", deck_json("cards", "c", 20));  // `--db deck.json` by mistake
  write(folder / "fake.db", std::string("SQLite format 3", 16) + noise);
  const std::set<std::string> files = listing(folder);
  for (const char* name : {"notes.txt", "noise.bin", "deck.json", "fake.db"}) {
    const std::string path = (folder / name).string();
    const std::string bytes = read(path);
    std::vector<std::vector<std::string>> commands = everyday_commands(f);
    commands.push_back({"backup", (f.dir / "copy.db").string()});
    commands.push_back({"init"});
    for (const std::vector<std::string>& args : commands) {
      INFO("--db " << name << ": rehearse " << describe(args));
      check_refused(f.rehearse(path, args),
                    path +
                        " is not a rehearse collection (not an SQLite database); choose "
                        "another file with --db");
      CHECK(change(bytes, read(path)) == "");
      CHECK(listing(folder) == files);
    }
  }
}

TEST_CASE(
    "an SQLite database of another program is refused by every command and left exactly "
    "as it was") {
  const Fixture f;
  const fs::path folder = f.dir / "other";
  fs::create_directories(folder);
  const std::string other = (folder / "other.db").string();
  {
    SQLite::Database sqlite(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    sqlite.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    sqlite.exec("INSERT INTO notes (text) VALUES ('keep me'), ('and me')");
  }
  const std::string bytes = read(other);
  const std::set<std::string> files = listing(folder);
  std::vector<std::vector<std::string>> commands = everyday_commands(f);
  commands.push_back({"init"});
  for (const std::vector<std::string>& args : commands) {
    INFO("rehearse " << describe(args));
    check_refused(f.rehearse(other, args),
                  other +
                      " is not a rehearse collection (it is an SQLite database of another "
                      "program); choose another file with --db");
    // Not one byte changed: not even its journal mode (the header's bytes 18 and 19).
    CHECK(change(bytes, read(other)) == "");
    CHECK(listing(folder) == files);
  }
  SQLite::Database sqlite(other, SQLite::OPEN_READONLY);
  CHECK(sqlite.execAndGet("PRAGMA journal_mode").getString() == "delete");
}

// ---- Read-only collections -------------------------------------------------------------------

namespace {

// Runs the writes and a read of a read-only scenario; `mounts` makes the collection read-only.
void read_only_scenario(const Fixture& f, const std::string& mounts) {
  const std::string bytes = read(f.db);
  write(f.dir / "batch.txt", "c.2 5 5002\n");
  const CliResult script = run_isolated(
      f.dir,
      mounts +
          "step answer /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" answer c.1 4 --duration 5001\n"
          "step import /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" import \"$DECK\"\n"
          "step batch \"$BATCH\" \"$RH\" --db \"$DB\" --now \"$NOW\" answer --batch\n"
          "step stats /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" stats\n",
      {"DB=" + f.db, "HOME_DIR=" + f.home.string(), "ALIAS=" + (f.dir / "alias").string(),
       "DECK=" + f.deck, "BATCH=" + (f.dir / "batch.txt").string()});
  INFO("script: " << script.err);
  REQUIRE(script.exit_code == 0);
  {
    INFO("rehearse answer c.1 4");
    check_read_only_write(step(f.dir, "answer"), f.db);
  }
  {
    INFO("rehearse import");
    check_read_only_write(step(f.dir, "import"), f.db);
  }
  {
    INFO("rehearse answer --batch");
    check_read_only_write(step(f.dir, "batch"), f.db, true);
  }
  {
    INFO("rehearse stats");
    check_read_only_read(step(f.dir, "stats"), f.db);
  }
  CHECK(change(bytes, read(f.db)) == "");
  check_kept(f.db, f.tags);
}

}  // namespace

TEST_CASE(
    "a collection in a read-only folder refuses writes with one clear line and keeps its "
    "answers") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  read_only_scenario(f, "mount --bind -o ro \"$HOME_DIR\" \"$HOME_DIR\"\n");
}

TEST_CASE(
    "a read-only collection file refuses writes with one clear line and keeps its "
    "answers") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  read_only_scenario(f, "mount --bind -o ro \"$DB\" \"$DB\"\n");
}

TEST_CASE(
    "a writable collection in a read-only folder refuses writes with one clear line and "
    "keeps its answers") {
  // What `chmod a-w` on the folder gives a user who is not root: the file itself stays writable
  // but no -wal or -shm file can be made beside it.
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  fs::create_directories(f.dir / "alias");
  read_only_scenario(f,
                     "mount --bind \"$HOME_DIR\" \"$ALIAS\"\n"
                     "mount --bind -o ro \"$HOME_DIR\" \"$HOME_DIR\"\n"
                     "mount --bind \"$ALIAS/collection.db\" \"$DB\"\n");
}

// ---- A full disk -----------------------------------------------------------------------------

namespace {

// The script's start for a full-disk scenario: a 512 KiB tmpfs on $DISK holding a copy of the
// collection at $DB.
constexpr const char* kSmallDisk =
    "mount -t tmpfs -o size=512k tmpfs \"$DISK\"\n"
    "cp \"$SEED\" \"$DB\"\n";
// Its end: the collection's files copied out to $AFTER, to be looked at from outside.
constexpr const char* kCopyOut = "cp \"$DISK\"/collection.db* \"$AFTER\"/\n";

struct Disk {
  fs::path disk;
  fs::path after;
  std::string db;  // the collection on the small disk
  std::vector<std::string> env;
};

Disk small_disk(const Fixture& f) {
  Disk d{f.dir / "disk", f.dir / "after", (f.dir / "disk" / "collection.db").string(), {}};
  fs::create_directories(d.disk);
  fs::create_directories(d.after);
  d.env = {"DISK=" + d.disk.string(), "AFTER=" + d.after.string(), "DB=" + d.db, "SEED=" + f.db};
  return d;
}

std::string disk_full(const std::string& db) {
  return "cannot write " + db + ": the disk is full; nothing was changed";
}

}  // namespace

TEST_CASE(
    "an import too big for the disk fails with one clear line and keeps the collection as "
    "it was") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  const Disk d = small_disk(f);
  write(f.dir / "big.json", deck_json("big", "b", 3000, 150));  // about 1 MB in the collection
  std::vector<std::string> env = d.env;
  env.push_back("BIG=" + (f.dir / "big.json").string());
  const CliResult script = run_isolated(
      f.dir,
      std::string(kSmallDisk) +
          "step import /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" import \"$BIG\"\n"
          "step answer /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" answer c.1 4 --duration "
          "5001\n"
          "step check /dev/null \"$RH\" --db \"$DB\" check\n" +
          kCopyOut,
      env);
  INFO("script: " << script.err);
  REQUIRE(script.exit_code == 0);

  const CliResult import = step(f.dir, "import");
  INFO("import: " << import.out << import.err);
  CHECK(import.exit_code == 1);
  CHECK(import.err == "rehearse: " + disk_full(d.db) + "\n");
  CHECK(import.out.find("big (") == std::string::npos);  // no report of a done import
  // The failed import took nothing with it: the next answer fits, and all is sound.
  const CliResult answer = step(f.dir, "answer");
  INFO("answer after the failed import: " << answer.out << answer.err);
  CHECK(answer.exit_code == 0);
  CHECK(step(f.dir, "check").exit_code == 0);

  std::vector<std::int64_t> expected = f.tags;
  expected.push_back(5001);
  check_kept((d.after / "collection.db").string(), expected);
  SQLite::Database sqlite((d.after / "collection.db").string(), SQLite::OPEN_READONLY);
  CHECK(sqlite.execAndGet("SELECT count(*) FROM decks WHERE slug = 'big'").getInt() == 0);
}

TEST_CASE(
    "answers acknowledged before the disk fills up are kept and the batch stops with one "
    "clear line") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  const Disk d = small_disk(f);
  constexpr int kLines = 1000;  // far more than 512 KiB takes
  std::string lines;
  for (int i = 0; i < kLines; ++i)
    lines += fmt::format("c.{} {} {}\n", i % 20, i % 6, 1000 + i);
  write(f.dir / "lines.txt", lines);
  std::vector<std::string> env = d.env;
  env.push_back("LINES=" + (f.dir / "lines.txt").string());
  const CliResult script =
      run_isolated(f.dir,
                   std::string(kSmallDisk) +
                       "step batch \"$LINES\" \"$RH\" --db \"$DB\" --now \"$NOW\" answer --batch\n"
                       "step check /dev/null \"$RH\" --db \"$DB\" check\n" +
                       kCopyOut,
                   env);
  INFO("script: " << script.err);
  REQUIRE(script.exit_code == 0);

  const CliResult batch = step(f.dir, "batch");
  const auto acknowledged = static_cast<int>(std::count(batch.out.begin(), batch.out.end(), '\n'));
  INFO("acknowledged: " << acknowledged << "\nstderr: " << batch.err);
  CHECK(batch.exit_code == 1);
  REQUIRE(acknowledged < kLines);  // else the disk never filled up: the test proves nothing
  CHECK(batch.err ==
        fmt::format("rehearse: standard input, line {}: {}\n", acknowledged + 1, disk_full(d.db)));
  CHECK(step(f.dir, "check").exit_code == 0);
  std::vector<std::int64_t> expected = f.tags;
  for (int i = 0; i < acknowledged; ++i)
    expected.push_back(1000 + i);
  check_kept((d.after / "collection.db").string(), expected);
}

TEST_CASE(
    "a disk that is already full gives one clear line and the collection works again once "
    "there is room") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f;
  const Disk d = small_disk(f);
  const CliResult script = run_isolated(
      f.dir,
      std::string(kSmallDisk) +
          "dd if=/dev/zero of=\"$DISK/filler\" bs=4k 2>/dev/null || true\n"
          "step answer /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" answer c.1 4 --duration "
          "5001\n"
          "step stats /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" stats\n"
          "rm \"$DISK/filler\"\n"
          "step again /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" answer c.2 4 --duration "
          "5002\n"
          "step check /dev/null \"$RH\" --db \"$DB\" check\n" +
          kCopyOut,
      d.env);
  INFO("script: " << script.err);
  REQUIRE(script.exit_code == 0);

  {
    INFO("answer on the full disk");
    check_refused(step(f.dir, "answer"), disk_full(d.db));
  }
  {
    // Reading may work, or fail with the same line.
    const CliResult stats = step(f.dir, "stats");
    INFO("stats on the full disk: " << stats.out << stats.err);
    if (stats.exit_code != 0) check_refused(stats, disk_full(d.db));
  }
  const CliResult again = step(f.dir, "again");
  INFO("answer once there is room: " << again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(step(f.dir, "check").exit_code == 0);
  std::vector<std::int64_t> expected = f.tags;
  expected.push_back(5002);
  check_kept((d.after / "collection.db").string(), expected);
}

// ---- Where a backup goes ---------------------------------------------------------------------

TEST_CASE(
    "a backup into a read-only folder or onto a full disk names the backup, not the "
    "collection, and changes nothing") {
  SKIP_WITHOUT_NAMESPACES();
  const Fixture f(300);  // larger than the small disk below
  const std::string good = (f.dir / "good.db").string();
  REQUIRE(f.rehearse(f.db, {"backup", good}).exit_code == 0);
  const fs::path shelf = f.dir / "shelf";
  const fs::path disk = f.dir / "disk";
  const fs::path backups = f.home / "backups";
  fs::create_directories(shelf);
  fs::create_directories(disk);
  fs::create_directories(backups);
  const std::string bytes = read(f.db);
  const CliResult script = run_isolated(
      f.dir,
      "mount --bind -o ro \"$SHELF\" \"$SHELF\"\n"
      "mount -t tmpfs -o size=64k tmpfs \"$DISK\"\n"
      "step shelf /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" backup \"$SHELF/copy.db\"\n"
      "step disk /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" backup \"$DISK/copy.db\"\n"
      "ls -A \"$DISK\" >\"$STEPS/disk.listing\"\n"
      "mount --bind -o ro \"$BACKUPS\" \"$BACKUPS\"\n"
      "step restore /dev/null \"$RH\" --db \"$DB\" --now \"$NOW\" restore \"$GOOD\"\n",
      {"DB=" + f.db, "SHELF=" + shelf.string(), "DISK=" + disk.string(),
       "BACKUPS=" + backups.string(), "GOOD=" + good});
  INFO("script: " << script.err);
  REQUIRE(script.exit_code == 0);
  {
    INFO("backup into a read-only folder");
    check_refused(step(f.dir, "shelf"),
                  "cannot write " + (shelf / "copy.db").string() +
                      ": the file or its folder is read-only; nothing was changed");
  }
  {
    INFO("backup onto a full disk");
    check_refused(step(f.dir, "disk"), "cannot write " + (disk / "copy.db").string() +
                                           ": the disk is full; nothing was changed");
    CHECK(read(f.dir / "steps" / "disk.listing") == "");  // no partial copy left
  }
  {
    INFO("restore whose safety copy cannot be written");
    check_refused(step(f.dir, "restore"),
                  "cannot write " + backups.string() + "/collection-auto-before-restore-" +
                      "2026-11-25T10-00-00.db: the file or its folder is read-only; nothing was "
                      "changed");
  }
  CHECK(change(bytes, read(f.db)) == "");
  CHECK(listing(shelf).empty());
  CHECK(listing(backups).empty());
  check_kept(f.db, f.tags);
}
