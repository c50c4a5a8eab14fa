// End-to-end: the everyday commands around review: today's view, command suggestions, headers.
#include <catch2/catch.hpp>
#include <fstream>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

const char* kDeck = R"({"format": "rehearse-deck/1",
  "deck": {"id": "test", "name": "Test deck", "description": ""},
  "cards": [
    {"id": "q.1", "front": "Q1?", "back": "A1", "tags": ["lp:ownership"]},
    {"id": "q.2", "front": "Q2?", "back": "A2", "tags": []}]})";

struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  Fixture() {
    std::ofstream(dir / "deck.json") << kDeck;
    REQUIRE(rehearse({"import", (dir / "deck.json").string()}).exit_code == 0);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db});
    return run_rehearse(args, input);
  }
};

}  // namespace

TEST_CASE("rehearse with no command shows today's cards per deck, the streak and what to run") {
  const Fixture f;
  CHECK(f.rehearse({"--now", "2026-11-25"}).out ==
        "Today, 2026-11-25:\n"
        "  DECK    DUE    NEW\n"
        "  test      0      2\n"
        "  all       0      2\n"
        "Streak: 0 days; a review today starts one.\n"
        "Next: rehearse review\n");
  REQUIRE(f.rehearse({"--now", "2026-11-24", "answer", "q.1", "5"}).exit_code == 0);
  REQUIRE(f.rehearse({"--now", "2026-11-25", "answer", "q.2", "5"}).exit_code == 0);
  CHECK(f.rehearse({"--now", "2026-11-25"}).out ==
        "Today, 2026-11-25:\n"
        "  DECK    DUE    NEW\n"
        "  test      1      0\n"
        "  all       1      0\n"
        "Streak: 2 days in a row, today included.\n"
        "Next: rehearse review\n");
  REQUIRE(f.rehearse({"--now", "2026-11-25", "answer", "q.1", "5"}).exit_code == 0);
  CHECK(f.rehearse({"--now", "2026-11-26"}).out ==
        "Today, 2026-11-26:\n"
        "  DECK    DUE    NEW\n"
        "  test      1      0\n"
        "  all       1      0\n"
        "Streak: 2 days in a row; review today to keep it.\n"
        "Next: rehearse review\n");
  const CliResult later = f.rehearse({"--now", "2026-11-28"});
  CHECK(later.out.find("Streak: 0 days; a review today starts one.") != std::string::npos);
}

TEST_CASE("rehearse with no command on a missing collection says so and creates nothing") {
  const TempDir dir;
  const std::string db = (dir / "none.db").string();
  const CliResult today = run_rehearse({"--db", db});
  CHECK(today.exit_code == 0);
  CHECK(today.out ==
        "No collection at " + db + " yet.\nNext: rehearse init && rehearse import --shipped\n");
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("a mistyped command gets the nearest command as a suggestion") {
  struct Row {
    const char* typed;
    const char* message;
  };
  const Row rows[] = {
      {"reveiw",
       "rehearse: unknown command 'reveiw'; did you mean 'review'? (see 'rehearse --help')\n"},
      {"improt",
       "rehearse: unknown command 'improt'; did you mean 'import'? (see 'rehearse --help')\n"},
      {"stat", "rehearse: unknown command 'stat'; did you mean 'stats'? (see 'rehearse --help')\n"},
      {"xyzzy", "rehearse: unknown command 'xyzzy' (see 'rehearse --help')\n"},
  };
  const Fixture f;
  for (const Row& row : rows) {
    INFO(row.typed);
    const CliResult result = f.rehearse({row.typed});
    CHECK(result.exit_code == 2);
    CHECK(result.err == row.message);
    CHECK(result.out.empty());
  }
}

TEST_CASE("review DECK --tag T names both in its header") {
  const Fixture f;
  const CliResult review =
      f.rehearse({"--now", "2026-11-25", "review", "test", "--tag", "lp:ownership"}, "q\n");
  CHECK(review.out.starts_with(
      "Reviewing deck test, tag lp:ownership: 0 due, 1 new, 0 to repeat today.\n"));
}

TEST_CASE("review on piped input wraps long text at 80 columns at word boundaries") {
  const TempDir dir;
  const std::string db = (dir / "c.db").string();
  std::string back;
  for (int i = 0; i < 30; ++i)
    back += "word" + std::to_string(i) + " ";
  std::ofstream(dir / "d.json") << R"({"format": "rehearse-deck/1",
    "deck": {"id": "w", "name": "W", "description": ""},
    "cards": [{"id": "w.1", "front": "F?", "back": ")" +
                                       back + R"(", "tags": []}]})";
  REQUIRE(run_rehearse({"--db", db, "import", (dir / "d.json").string()}).exit_code == 0);
  const CliResult review = run_rehearse({"--db", db, "--now", "2026-11-25", "review"}, "\nq\n");
  CHECK(review.out.find("word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 "
                        "word11 word12\nword13 ") != std::string::npos);
}
