// Locks held by other processes, end to end: a backup or a restore that meets a collection
// another connection keeps locked either waits and completes, or fails with one line; it never
// reports a copy that did not happen.
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/deck_files.hpp"
#include "support/output_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"
#include "support/two_card_collection.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
using rehearse::test::write_text;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNow = rehearse::test::kTwoCardNow;
constexpr const char* kDeck = rehearse::test::kTwoCardDeck;

// A collection with a two-card deck, and a backup of it that holds one answer more.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  std::string backup = (dir / "bk.db").string();

  Fixture() {
    const std::string deck = write_text(dir, "d.json", kDeck).string();
    REQUIRE(run_rehearse({"--db", db, "import", deck}).exit_code == 0);
    REQUIRE(run_rehearse({"--db", db, "backup", backup}).exit_code == 0);
    REQUIRE(run_rehearse({"--db", backup, "--now", kNow, "answer", "d.1", "5"}).exit_code == 0);
  }

  // How many answers the collection at `path` holds, read by rehearse itself.
  static std::string answers_in(const std::string& path) {
    return run_rehearse({"--db", path, "--now", kNow, "show", "d.1", "--log", "--json"}).out;
  }
};

// Holds SQLite's write lock on a collection from another connection, as another program
// would, until released (or for `hold`, when given).
class LockHolder {
 public:
  explicit LockHolder(const std::string& path) : db_(path, SQLite::OPEN_READWRITE) {
    db_.exec("BEGIN IMMEDIATE");
  }
  ~LockHolder() {
    if (releaser_.joinable()) releaser_.join();
    release();
  }
  // Releases the lock `after` from now, on another thread.
  void release_after(std::chrono::milliseconds after) {
    releaser_ = std::thread([this, after] {
      std::this_thread::sleep_for(after);
      release();
    });
  }
  void release() {
    if (db_.getHandle() && !released_) db_.exec("COMMIT");
    released_ = true;
  }

 private:
  SQLite::Database db_;
  std::thread releaser_;
  bool released_ = false;
};

}  // namespace

TEST_CASE("a restore that meets a lock held beyond the busy timeout waits and restores") {
  const Fixture f;
  const std::string with_answer = Fixture::answers_in(f.backup);
  REQUIRE(with_answer.find(R"("grade":5)") != std::string::npos);
  {
    LockHolder lock(f.db);
    lock.release_after(14s);  // longer than one busy timeout (10 s)
    const CliResult restore = run_rehearse({"--db", f.db, "--now", kNow, "restore", f.backup});
    CHECK(restore.err == "");
    CHECK(restore.exit_code == 0);
    CHECK(restore.out.starts_with("Restored " + f.db + " from " + f.backup + "\n"));
  }
  CHECK(Fixture::answers_in(f.db) == with_answer);
}

TEST_CASE("a restore that cannot get the lock says so in one line and changes nothing") {
  const Fixture f;
  const std::string before = Fixture::answers_in(f.db);
  CliResult restore;
  {
    LockHolder lock(f.db);  // held for as long as the restore tries
    restore = run_rehearse({"--db", f.db, "--now", kNow, "restore", f.backup});
  }
  CHECK(restore.exit_code == 1);
  CHECK(restore.out == "");
  CHECK(restore.err == "rehearse: " + f.db +
                           " is busy: another rehearse kept it locked for over 50 s; nothing was "
                           "changed, try again\n");
  CHECK(Fixture::answers_in(f.db) == before);
  // No safety copy is left of a restore that did not happen.
  CHECK((!std::filesystem::exists(f.dir / "backups") ||
         std::filesystem::is_empty(f.dir / "backups")));
}

TEST_CASE("a backup taken while another connection holds the write lock copies what is committed") {
  const Fixture f;
  const std::string copy = (f.dir / "copy.db").string();
  CliResult backup;
  {
    LockHolder lock(f.backup);
    backup = run_rehearse({"--db", f.backup, "backup", copy});
  }
  CHECK(backup.err == "");
  CHECK(backup.exit_code == 0);
  CHECK(backup.out == "Backed up " + f.backup + " to " + copy + "\n");
  CHECK(Fixture::answers_in(copy) == Fixture::answers_in(f.backup));
}

// A review's grade meets a collection another connection keeps locked: review tries again,
// saying so, and when the lock outlasts its tries it ends with how to save the grade, never
// dropping it without a word. REHEARSE_BUSY_TIMEOUT_MS shortens each wait to 100 ms (five
// per try, three tries).
namespace {

const std::vector<std::string> kShortBusyTimeout{"REHEARSE_BUSY_TIMEOUT_MS=100"};

}  // namespace

TEST_CASE("review that cannot save a grade while the lock is held says how to save it") {
  const Fixture f;
  CliResult review;
  {
    LockHolder lock(f.db);  // held for as long as the review tries
    review = run_rehearse({"--db", f.db, "--now", kNow, "review"}, "\n4\n\n5\n", kShortBusyTimeout);
  }
  CHECK(review.exit_code == 1);
  CHECK(review.err ==
        "rehearse: your grade 4 for d.1 was not saved: the collection is busy; save "
        "it with: rehearse --db " +
            f.db + " answer d.1 4\n");
  CHECK(rehearse::test::count_of(review.out, "The collection is busy; retrying...\n") == 2);
  CHECK(review.out.find("Q2?") == std::string::npos);  // the session ended there
  CHECK(Fixture::answers_in(f.db) == "[]\n");
  // The command it gives saves the grade once the lock is gone.
  const CliResult saved = run_rehearse({"--db", f.db, "--now", kNow, "answer", "d.1", "4"});
  CHECK(saved.exit_code == 0);
  CHECK(Fixture::answers_in(f.db).find(R"("grade":4)") != std::string::npos);
}

TEST_CASE("review keeps a grade typed while the lock is held and saves it once it is released") {
  const Fixture f;
  CliResult review;
  {
    LockHolder lock(f.db);
    lock.release_after(800ms);  // after the first try (5 x 100 ms), before the last
    review = run_rehearse({"--db", f.db, "--now", kNow, "review", "--max", "1"}, "\n4\n",
                          kShortBusyTimeout);
  }
  CHECK(review.err == "");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("The collection is busy; retrying...\n-> tomorrow (2026-11-26)") !=
        std::string::npos);
  CHECK(review.out.find("Session done: 1 answer on 1 card") != std::string::npos);
  CHECK(Fixture::answers_in(f.db).find(R"("grade":4)") != std::string::npos);
}

TEST_CASE("REHEARSE_BUSY_TIMEOUT_MS shortens the wait for a lock, and a wrong value is refused") {
  const Fixture f;
  CliResult answer;
  {
    LockHolder lock(f.db);
    answer =
        run_rehearse({"--db", f.db, "--now", kNow, "answer", "d.1", "4"}, "", kShortBusyTimeout);
  }
  CHECK(answer.exit_code == 1);
  CHECK(answer.err == "rehearse: " + f.db +
                          " is busy: another rehearse kept it locked for over 500 ms; nothing was "
                          "changed, try again\n");
  for (const std::string value : {"0", "-5", "ten", "10s", "", "3600001"}) {
    INFO(value);
    const CliResult wrong =
        run_rehearse({"--db", f.db, "stats"}, "", {"REHEARSE_BUSY_TIMEOUT_MS=" + value});
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.err == "rehearse: REHEARSE_BUSY_TIMEOUT_MS is '" + value +
                           "'; give a number of milliseconds from 1 to 3600000\n");
  }
}
