// What rehearse writes beside a collection, end to end: links are written through and devices
// or FIFOs refused, backups never overwrite one another, twenty processes upgrading one
// collection at once all succeed, and a collection whose header is damaged can be restored.
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
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

struct Fixture : rehearse::test::TwoCardCollection {
  // Every file name in the folder, sorted.
  std::vector<std::string> files_in(const std::string& folder) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / folder))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace

TEST_CASE("export and backup write through a symbolic link and keep it") {
  const Fixture f;
  fs::create_directory(f.dir / "repo");
  write_text(f.dir, "repo/deck.json", "old");
  fs::create_symlink("repo/deck.json", f.dir / "deck.json");
  const CliResult exported = f.rehearse({"export", "d", (f.dir / "deck.json").string()});
  CHECK(exported.err == "");
  CHECK(exported.exit_code == 0);
  CHECK(fs::is_symlink(f.dir / "deck.json"));
  CHECK(f.rehearse({"export", "d", "-"}).out ==
        run_program({"cat", (f.dir / "repo/deck.json").string()}).out);

  fs::create_symlink(f.dir / "repo/copy.db", f.dir / "copy.db");  // a link to no file yet
  const CliResult backup = f.rehearse({"backup", (f.dir / "copy.db").string()});
  CHECK(backup.exit_code == 0);
  CHECK(fs::is_symlink(f.dir / "copy.db"));
  CHECK(fs::is_regular_file(f.dir / "repo/copy.db"));
  CHECK(run_rehearse({"--db", (f.dir / "copy.db").string(), "cards"}).out ==
        f.rehearse({"cards"}).out);
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}

TEST_CASE("export and backup refuse a FIFO instead of replacing it") {
  const Fixture f;
  const fs::path fifo = f.dir / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"export", "d", fifo.string()}, {"backup", fifo.string()}}) {
    const CliResult result = f.rehearse(command);
    INFO(command[0]);
    CHECK(result.exit_code == 1);
    CHECK(result.err ==
          "rehearse: cannot write " + fifo.string() + ": it is a FIFO, not a regular file\n");
    CHECK(fs::is_fifo(fifo));
  }
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}

TEST_CASE("export refuses a device node instead of replacing it") {
  const Fixture f;
  // A node of its own, like /dev/null (1, 3): a rehearse that replaced devices must not be
  // able to replace the machine's. Making one takes root.
  const fs::path null = f.dir / "null";
  if (::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    WARN("SKIPPED: only root can make a device node, so this case was not tested");
    return;
  }
  const CliResult result = f.rehearse({"export", "d", null.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "rehearse: cannot write " + null.string() + ": it is a device, not a regular file\n");
  CHECK(fs::is_character_file(null));
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}

TEST_CASE("two backups under one name in the same second both keep their copy") {
  const Fixture f;
  const CliResult first = f.rehearse({"backup"});
  const CliResult second = f.rehearse({"backup"});
  CHECK(first.out == "Backed up " + f.db + " to " +
                         (f.dir / "backups/c-2026-11-25T09-00-00.db").string() + "\n");
  CHECK(second.out == "Backed up " + f.db + " to " +
                          (f.dir / "backups/c-2026-11-25T09-00-00-2.db").string() + "\n");
  CHECK(f.files_in("backups") ==
        std::vector<std::string>{"c-2026-11-25T09-00-00-2.db", "c-2026-11-25T09-00-00.db"});
}

TEST_CASE("twenty processes opening a schema-2 collection at once all succeed") {
  const TempDir dir;
  const std::string db = (dir / "collection.db").string();
  fs::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db", db);
  std::vector<ChildProcess> children;
  for (int i = 0; i < 20; ++i)
    children.push_back(ChildProcess::rehearse({"--db", db, "--now", kNow, "stats", "--json"}));
  for (ChildProcess& child : children) {
    child.close_input();
    const int code = child.wait();
    INFO("stderr: " << child.error_output());
    CHECK(code == 0);
    CHECK(child.error_output() == "");
  }
  // One upgrade, one backup of the collection as it was, whole.
  std::vector<fs::path> backups;
  for (const auto& entry : fs::directory_iterator(dir / "backups"))
    backups.push_back(entry.path());
  REQUIRE(backups.size() == 1);
  CHECK(backups[0].filename() == "collection-auto-schema-v2.db");
  CHECK(fs::file_size(backups[0]) ==
        fs::file_size(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db"));
  CHECK_FALSE(leftover_temporary(dir.path()));
}

TEST_CASE("two restores at once both restore, each keeping its own safety copy") {
  const Fixture f;
  const std::string good = (f.dir / "good.db").string();
  REQUIRE(f.rehearse({"backup", good}).exit_code == 0);
  for (int round = 0; round < 5; ++round) {
    INFO("round " << round);
    REQUIRE(f.rehearse({"answer", "d.1", "4"}).exit_code == 0);  // what the restores take back
    std::vector<ChildProcess> restores;
    for (int i = 0; i < 2; ++i)
      restores.push_back(ChildProcess::rehearse({"--db", f.db, "--now", kNow, "restore", good}));
    for (ChildProcess& restore : restores) {
      restore.close_input();
      CHECK(restore.wait() == 0);
      CHECK(restore.error_output() == "");
    }
    CHECK(f.rehearse({"show", "d.1", "--json"}).out.find(R"("due":null)") != std::string::npos);
    const CliResult check = f.rehearse({"check"});
    CHECK(check.exit_code == 0);
  }
  // Two safety copies a round, none empty, none written over another.
  const std::vector<std::string> copies = f.files_in("backups");
  CHECK(copies.size() == 10);
  for (const std::string& copy : copies)
    CHECK(fs::file_size(f.dir / "backups" / copy) > 0);
  CHECK_FALSE(leftover_temporary(f.dir.path()));
}

TEST_CASE("a collection whose header is damaged can be restored from a backup") {
  const Fixture f;
  const std::string good = (f.dir / "good.db").string();
  REQUIRE(f.rehearse({"backup", good}).exit_code == 0);
  REQUIRE(run_program(
              {"sh", "-c", "printf XX | dd of=" + f.db + " bs=1 seek=16 conv=notrunc 2>/dev/null"})
              .exit_code == 0);
  REQUIRE(f.rehearse({"cards"}).exit_code == 1);
  const CliResult restore = f.rehearse({"restore", good});
  CHECK(restore.err == "");
  CHECK(restore.exit_code == 0);
  CHECK(f.rehearse({"cards"}).out == run_rehearse({"--db", good, "cards"}).out);
  // The damaged file is kept as it was.
  CHECK(f.files_in("backups") ==
        std::vector<std::string>{"c-auto-before-restore-2026-11-25T09-00-00.db"});
}
