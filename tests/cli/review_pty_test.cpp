// End-to-end: `review` in a real pseudo-terminal takes back an answer with `u` and suspends a
// card with `s`, each a single key.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/keys_collection.hpp"
#include "support/output_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/screen_wait.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::ScreenModel;
using rehearse::test::shows;
using rehearse::test::TempDir;
using rehearse::test::wait_for;

namespace {

constexpr const char* kNow = rehearse::test::kKeysNow;

struct Fixture : rehearse::test::KeysCollection {
  PtyProcess review() const {
    return PtyProcess({REHEARSE_BINARY, "--db", db, "--now", kNow, "review"}, 80, 24);
  }
};

}  // namespace

TEST_CASE("review on a terminal takes back an answer with u, suspends with s and quits with q") {
  const Fixture f;
  PtyProcess review = f.review();
  const termios before = review.initial_modes();
  wait_for(review, "First question?");
  review.send(" ");
  wait_for(review, "First answer.");
  review.send("4");
  wait_for(review, "Second question?");
  wait_for(review, "Last: k.1 graded 4, back tomorrow (2026-11-26).");

  // u: the grade 4 is taken back and k.1 is asked again, a new card once more.
  review.send("u");
  wait_for(review, "Undid: k.1 graded 4; asked again.");
  wait_for(review, "First question?");
  wait_for(review, "3 new \u00b7 0 due \u00b7 0 re-asks");
  CHECK_FALSE(shows(review.screen(), "Last: k.1"));
  const std::string undone = f.rehearse({"show", "k.1", "--log", "--json"}).out;
  CHECK(rehearse::test::count_of(undone, R"("grade":4)") == 1);
  CHECK(rehearse::test::count_of(undone, R"("undone":{)") == 1);
  CHECK(f.rehearse({"show", "k.1", "--json"}).out.find(R"("due":null)") != std::string::npos);

  review.send(" ");
  wait_for(review, "First answer.");
  review.send("5");
  wait_for(review, "Second question?");

  // s, before the answer is shown: k.2 is suspended and the next card says so.
  review.send("s");
  wait_for(review, "Third question?");
  CHECK(
      shows(review.screen(), "Suspended k.2: kept out of reviews until 'rehearse unsuspend k.2'."));

  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(rehearse::test::same_modes(before, review.modes()));
  CHECK(shows(review.screen(), "Session stopped: 1 answer on 1 card, 100% graded 3 or better"));
  CHECK(shows(review.screen(), "Still to do today: 0 due, 1 new, 0 to repeat today."));

  const std::string log = f.rehearse({"show", "k.1", "--log", "--json"}).out;
  CHECK(rehearse::test::count_of(log, R"("sequence":)") == 2);
  CHECK(rehearse::test::count_of(log, R"("undone":{)") == 1);
  CHECK(log.find(R"("grade":5,)") != std::string::npos);
  CHECK(f.rehearse({"show", "k.1", "--json"}).out.find(R"("repetitions":1)") != std::string::npos);
  const std::string suspended = f.rehearse({"cards", "--suspended", "--json"}).out;
  CHECK(rehearse::test::count_of(suspended, R"("id":)") == 1);
  CHECK(suspended.find(R"("id":"k.2")") != std::string::npos);
  CHECK(f.rehearse({"show", "k.3", "--json"}).out.find(R"("due":null)") != std::string::npos);
  const CliResult check = f.rehearse({"check"});
  CHECK(check.exit_code == 0);
  CHECK(check.err == "");
}

TEST_CASE("review on a terminal says when there is nothing to undo and keeps the card as it was") {
  const Fixture f;
  PtyProcess review = f.review();
  wait_for(review, "First question?");
  review.send(" ");
  wait_for(review, "First answer.");
  review.send("u");
  wait_for(review, "Nothing to undo: no answer is left to take back.");
  CHECK(shows(review.screen(), "First answer."));  // the answer stays shown
  review.send("5");
  wait_for(review, "Second question?");
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(shows(review.screen(), "Session stopped: 1 answer on 1 card"));
  const std::string log = f.rehearse({"show", "k.1", "--log", "--json"}).out;
  CHECK(rehearse::test::count_of(log, R"("sequence":)") == 1);
  CHECK(log.find(R"("undone")") == std::string::npos);
}

TEST_CASE("review on a terminal undoes an answer given before the session and counts nothing") {
  const Fixture f;
  REQUIRE(f.rehearse({"answer", "k.3", "2"}).exit_code == 0);
  PtyProcess review = f.review();
  wait_for(review, "question?");
  review.send("u");
  wait_for(review, "Undid: k.3 graded 2; asked again.");
  wait_for(review, "Third question?");
  review.send("q");
  CHECK(review.wait() == 0);
  CHECK_FALSE(shows(review.screen(), "Session stopped: "));  // no answer in this session
  CHECK(f.rehearse({"show", "k.3", "--json"}).out.find(R"("due":null)") != std::string::npos);
}

TEST_CASE("review on a terminal lists u and s among the keys") {
  const Fixture f;
  PtyProcess review = f.review();
  wait_for(review, "First question?");
  review.send("?");
  wait_for(review, "Grades (SM-2)");
  CHECK(
      shows(review.screen(), "  u              undo: take back the last answer and ask its card"));
  CHECK(shows(review.screen(), "  s              suspend this card (until 'rehearse unsuspend"));
  CHECK(shows(review.screen(), "  e              edit the card in its deck file"));
  review.send("q");
  CHECK(review.wait() == 0);
}

TEST_CASE("review on a terminal says a grade it cannot save while the collection is busy") {
  const Fixture f;
  SQLite::Database other(f.db, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");  // another program keeps the write lock all along
  PtyProcess review({REHEARSE_BINARY, "--db", f.db, "--now", kNow, "review"}, 80, 24,
                    {"REHEARSE_BUSY_TIMEOUT_MS=100"});
  const termios before = review.initial_modes();
  wait_for(review, "First question?");
  review.send(" ");
  wait_for(review, "First answer.");
  review.send("4");
  wait_for(review, "The collection is busy; retrying...");
  CHECK(review.wait() == 1);
  other.exec("COMMIT");
  CHECK(rehearse::test::same_modes(before, review.modes()));
  CHECK(shows(review.screen(), "rehearse: your grade 4 for k.1 was not saved: the collection is"));
  CHECK(review.output().find("save it with: rehearse --db " + f.db + " answer k.1 4") !=
        std::string::npos);
  CHECK(f.rehearse({"show", "k.1", "--log", "--json"}).out == "[]\n");
}
