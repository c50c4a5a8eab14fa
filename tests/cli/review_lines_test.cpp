// End-to-end: `review` with piped input takes a line `u` (undo) or `s` (suspend) at the reveal
// prompt and at the grade prompt, as the single keys on a terminal.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/keys_collection.hpp"
#include "support/output_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::count_of;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

using Fixture = rehearse::test::KeysCollection;
using rehearse::test::kKeysDeck;

}  // namespace

TEST_CASE("review with piped input takes back an answer with a line u at the grade prompt") {
  const Fixture f;
  // k.1: reveal, 2. k.2: reveal, then u at the grade prompt takes back k.1's 2 and asks k.1
  // again: reveal, 5. Then k.2 and k.3 are graded 4 and 5.
  const CliResult review = f.rehearse({"review"}, "\n2\n\nu\n\n5\n\n4\n\n5\n");
  CHECK(review.exit_code == 0);
  CHECK(review.err == "");
  CHECK(review.out.find("Undid: k.1 graded 2; asked again.\n\n--- k | k.1 | 3 left ---\n") !=
        std::string::npos);
  CHECK(review.out.find("Session done: 3 answers on 3 cards, 100% graded 3 or better") !=
        std::string::npos);
  const std::string log = f.log("k.1");
  CHECK(count_of(log, R"("sequence":)") == 2);
  CHECK(count_of(log, R"("undone":{)") == 1);
  CHECK(log.find(R"("grade":2,"duration_ms")") < log.find(R"("undone":{)"));
  CHECK(f.show("k.1").find(R"("repetitions":1,"ease":2.6,)") != std::string::npos);
  CHECK(f.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("review with piped input takes back an answer with a line u at the reveal prompt") {
  const Fixture f;
  const CliResult review = f.rehearse({"review"}, "\n4\nu\nq\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("Undid: k.1 graded 4; asked again.\n\n--- k | k.1 | 3 left ---\n") !=
        std::string::npos);
  // The answer taken back no longer counts: no answer stands in this session.
  CHECK(review.out.find("Session stopped") == std::string::npos);
  CHECK(review.out.find("Still to do today: 0 due, 3 new, 0 to repeat today.") !=
        std::string::npos);
  CHECK(f.show("k.1").find(R"("due":null)") != std::string::npos);
}

TEST_CASE("review with piped input says when there is nothing to undo and asks again") {
  const Fixture f;
  const CliResult review = f.rehearse({"review"}, "u\n\nu\n3\nq\n");
  CHECK(review.exit_code == 0);
  CHECK(count_of(review.out, "Nothing to undo: no answer is left to take back.\n") == 2);
  CHECK(count_of(review.out, "--- k | k.1 | 3 left ---") == 1);  // the same card, not asked anew
  CHECK(review.out.find("Session stopped: 1 answer on 1 card, 100% graded 3 or better") !=
        std::string::npos);
  CHECK(count_of(f.log("k.1"), R"("sequence":)") == 1);
  CHECK(f.log("k.1").find("undone") == std::string::npos);
}

TEST_CASE("review with piped input suspends a card with a line s at either prompt") {
  const Fixture f;
  // k.1 suspended at the reveal prompt; k.2 at the grade prompt; k.3 graded 5.
  const CliResult review = f.rehearse({"review"}, "s\n\ns\n\n5\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("Suspended k.1: kept out of reviews until 'rehearse unsuspend k.1'.\n\n"
                        "--- k | k.2 | 2 left ---\n") != std::string::npos);
  CHECK(review.out.find("Suspended k.2: kept out of reviews until 'rehearse unsuspend k.2'.\n\n"
                        "--- k | k.3 | 1 left ---\n") != std::string::npos);
  CHECK(review.out.find("Session done: 1 answer on 1 card, 100% graded 3 or better") !=
        std::string::npos);
  const std::string suspended = f.rehearse({"cards", "--suspended", "--json"}).out;
  CHECK(count_of(suspended, R"("id":)") == 2);
  CHECK(suspended.find(R"("id":"k.1")") < suspended.find(R"("id":"k.2")"));
  CHECK(f.log("k.1") == "[]\n");
  CHECK(f.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("review --help names the keys u and s") {
  const CliResult help = run_rehearse({"review", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("u takes back the last answer and asks its card again") != std::string::npos);
  CHECK(help.out.find("s suspends the card") != std::string::npos);
}

TEST_CASE("review with piped input says a card changed since its last review, until answered") {
  const Fixture f;
  REQUIRE(f.rehearse({"answer", "k.1", "4"}).exit_code == 0);  // due 11-26
  std::string edited = kKeysDeck;
  edited.replace(edited.find("First answer."), 13, "First answer, reworded.");
  const std::string deck = rehearse::test::write_text(f.dir, "k.json", edited).string();
  const CliResult import = f.rehearse({"import", deck});
  CHECK(import.out ==
        "k (" + deck +
            "): 0 added, 1 updated, 2 unchanged, 0 missing\n"
            "  1 changed since reviewed, schedule kept: cards --search is:changed lists them\n");
  const auto next_day = [&](const std::string& input) {
    return run_rehearse({"--db", f.db, "--now", "2026-11-26T09:00", "review", "--max", "1"}, input);
  };
  const CliResult review = next_day("\n5\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("--- k | k.1 | 3 left | changed since your last review ---\n"
                        "First question?\n") != std::string::npos);
  CHECK(review.out.find("First answer, reworded.") != std::string::npos);
  CHECK(f.show("k.1").find(R"("changed":false,)") != std::string::npos);
  CHECK(f.rehearse({"check"}).exit_code == 0);
}
