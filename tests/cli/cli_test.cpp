// End-to-end: the real rehearse binary on a temporary collection, with --now.
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <sstream>

#include "support/file_text.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

using rehearse::test::read;
using rehearse::test::write;

const char* kDeck = R"({
  "format": "rehearse-deck/1",
  "deck": {
    "id": "test",
    "name": "Test deck",
    "description": ""
  },
  "cards": [
    {
      "id": "q.1",
      "front": "Q1?",
      "back": "A1",
      "tags": [
        "lp:ownership"
      ]
    },
    {
      "id": "q.2",
      "front": "Q2?",
      "back": "A2",
      "tags": []
    }
  ]
}
)";

// A temporary collection with the test deck imported.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Fixture() {
    write(dir / "deck.json", kDeck);
    REQUIRE(rehearse({"import", (dir / "deck.json").string()}).exit_code == 0);
  }

  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db});
    return run_rehearse(args, input);
  }
};

}  // namespace

TEST_CASE("init creates the collection and its folder, and says so once") {
  const TempDir dir;
  const std::string db = (dir / "deep/er/c.db").string();
  const CliResult first = run_rehearse({"--db", db, "init"});
  CHECK(first.exit_code == 0);
  CHECK(first.out == "Created a new collection at " + db + ".\nNext: rehearse import DECK.json\n");
  CHECK(std::filesystem::exists(db));
  const CliResult second = run_rehearse({"--db", db, "init"});
  CHECK(second.out == "The collection at " + db + " is ready.\n");
}

TEST_CASE("import reports what it did, and a second import changes nothing") {
  const Fixture f;
  const std::string file = (f.dir / "deck.json").string();
  const CliResult again = f.rehearse({"import", file});
  CHECK(again.exit_code == 0);
  CHECK(again.out == "test (" + file + "): 0 added, 0 updated, 2 unchanged, 0 missing\n");
}

TEST_CASE("init, import, next, answer, next: the scripting interface with --now") {
  const Fixture f;
  const CliResult next = f.rehearse({"--now", "2026-11-25", "next", "--json"});
  CHECK(next.exit_code == 0);
  CHECK(next.out ==
        R"({"id":"q.1","deck":"test","front":"Q1?","back":"A1","tags":["lp:ownership"],)"
        R"("suspended":false,"leech":false,"lapses":0,"changed":false,)"
        R"("state":{"repetitions":0,"ease":2.5,"interval_days":0,"due":null}})"
        "\n");

  const CliResult answer =
      f.rehearse({"--now", "2026-11-25T09:30", "answer", "q.1", "5", "--json"});
  CHECK(answer.exit_code == 0);
  CHECK(answer.out ==
        R"({"id":"q.1","deck":"test","front":"Q1?","back":"A1","tags":["lp:ownership"],)"
        R"("suspended":false,"leech":false,"lapses":0,"changed":false,)"
        R"("state":{"repetitions":1,"ease":2.6,"interval_days":1,)"
        R"("due":"2026-11-26"},"answer":{"grade":5,"counted":"scheduled"}})"
        "\n");

  CHECK(f.rehearse({"--now", "2026-11-25T09:31", "next", "--json"})
            .out.starts_with(R"({"id":"q.2")"));
  // A 2 lapses the new card: due tomorrow, and asked again today until it scores 4.
  const CliResult failed =
      f.rehearse({"--now", "2026-11-25T09:32", "answer", "q.2", "2", "--json"});
  CHECK(failed.out.find(
            R"("state":{"repetitions":0,"ease":2.18,"interval_days":1,"due":"2026-11-26"})") !=
        std::string::npos);
  CHECK(f.rehearse({"--now", "2026-11-25T09:33", "next", "--json"})
            .out.starts_with(R"({"id":"q.2")"));
  const CliResult repeat =
      f.rehearse({"--now", "2026-11-25T09:34", "answer", "q.2", "4", "--json"});
  CHECK(repeat.out.find(
            R"("state":{"repetitions":0,"ease":2.18,"interval_days":1,"due":"2026-11-26"},)"
            R"("answer":{"grade":4,"counted":"repeat"})") != std::string::npos);

  CHECK(f.rehearse({"--now", "2026-11-25T10:00", "next", "--json"}).out ==
        "{\"done\":true,\"next_due\":\"2026-11-26\"}\n");
  CHECK(f.rehearse({"--now", "2026-11-26", "next", "--json"}).out.starts_with(R"({"id":"q.1")"));
}

TEST_CASE("REHEARSE_NOW and REHEARSE_DB stand in for --now and --db") {
  const Fixture f;
  const std::vector<std::string> env{"REHEARSE_DB=" + f.db, "REHEARSE_NOW=2026-11-25T10:00"};
  CHECK(run_rehearse({"answer", "q.1", "5"}, "", env).exit_code == 0);
  CHECK(run_rehearse({"show", "q.1", "--json"}, "", env).out.find(R"("due":"2026-11-26")") !=
        std::string::npos);
  // An option given on the command line wins over the environment.
  CHECK(run_rehearse({"--now", "2026-11-26", "next", "--json"}, "", env)
            .out.starts_with(R"({"id":"q.1")"));
}

TEST_CASE("show and cards print cards without changing anything") {
  const Fixture f;
  CHECK(
      f.rehearse({"show", "q.2", "--json"}).out ==
      R"({"id":"q.2","deck":"test","front":"Q2?","back":"A2","tags":[],"suspended":false,)"
      R"("leech":false,"lapses":0,"changed":false,"state":{"repetitions":0,"ease":2.5,"interval_days":0,"due":null}})"
      "\n");
  CHECK(
      f.rehearse({"cards", "--tag", "lp:ownership", "--json"}).out ==
      R"([{"id":"q.1","deck":"test","front":"Q1?","tags":["lp:ownership"],"suspended":false,)"
      R"("leech":false,"lapses":0,"changed":false,"state":{"repetitions":0,"ease":2.5,"interval_days":0,"due":null}}])"
      "\n");
  CHECK(f.rehearse({"cards", "test", "--json"}).out.starts_with(R"([{"id":"q.1")"));
  CHECK(f.rehearse({"show", "q.2", "--log", "--json"}).out == "[]\n");
}

TEST_CASE("errors print one line, exit non-zero and change nothing") {
  const Fixture f;
  const std::string before = f.rehearse({"cards", "--json"}).out;

  const CliResult unknown_card = f.rehearse({"answer", "nope", "5"});
  CHECK(unknown_card.exit_code == 1);
  CHECK(unknown_card.err == "rehearse: no card 'nope' in " + f.db + "\n");
  CHECK(unknown_card.out.empty());

  const CliResult bad_grade = f.rehearse({"answer", "q.1", "7"});
  CHECK(bad_grade.exit_code == 1);
  CHECK(bad_grade.err ==
        "rehearse: grade 7 is out of range: grades are 0-5 (5 perfect, 3 recalled with "
        "difficulty, 0 blackout)\n");

  const CliResult unknown_deck = f.rehearse({"next", "nodeck", "--json"});
  CHECK(unknown_deck.exit_code == 1);
  CHECK(unknown_deck.err ==
        "rehearse: no deck 'nodeck' in " + f.db + " ('rehearse decks' lists them)\n");

  const CliResult bad_tag = f.rehearse({"review", "--tag", "lp:nope"});
  CHECK(bad_tag.exit_code == 1);
  CHECK(bad_tag.err ==
        "rehearse: tag 'lp:nope' names no Leadership Principle (see 'rehearse principles')\n");

  const CliResult bad_now = f.rehearse({"--now", "2026-13-01", "next"});
  CHECK(bad_now.exit_code == 2);
  CHECK(bad_now.err.starts_with("rehearse: --now: invalid time '2026-13-01': no such date"));
  CHECK(std::count(bad_now.err.begin(), bad_now.err.end(), '\n') == 1);

  const CliResult no_such_command = f.rehearse({"reveiw"});
  CHECK(no_such_command.exit_code == 2);
  CHECK(std::count(no_such_command.err.begin(), no_such_command.err.end(), '\n') == 1);

  CHECK(f.rehearse({"cards", "--json"}).out == before);
}

TEST_CASE("a broken deck file is refused whole, with the other files of the command") {
  const Fixture f;
  const std::string before = f.rehearse({"cards", "--json"}).out;
  const std::string decks_before = f.rehearse({"decks", "--json"}).out;
  write(f.dir / "good.json",
        R"({"format": "rehearse-deck/1", "deck": {"id": "good", "name": "Good"},
  "cards": [{"id": "g.1", "front": "F", "back": "B"}]})");
  write(f.dir / "broken.json",
        R"({"format": "rehearse-deck/1", "deck": {"id": "bad", "name": "Bad"},
  "cards": [{"id": "b.1", "front": "F", "back": "B"},
            {"id": "b.2", "front": "", "back": "B"}]})");
  const std::string broken = (f.dir / "broken.json").string();
  const CliResult result = f.rehearse({"import", (f.dir / "good.json").string(), broken});
  CHECK(result.exit_code == 1);
  CHECK(result.err == "rehearse: " + broken + ":3: card 2 (\"b.2\"): \"front\" is empty\n");
  CHECK(result.out.empty());
  CHECK(f.rehearse({"cards", "--json"}).out == before);
  CHECK(f.rehearse({"decks", "--json"}).out == decks_before);
}

TEST_CASE("a wrong deck file creates no collection and upgrades none") {
  const TempDir dir;
  write(dir / "bad.json", R"({"format": "rehearse-deck/1", "deck": {"id": "x"}})");
  const std::string bad = (dir / "bad.json").string();
  const std::string expected = "rehearse: " + bad + ":1: \"deck\" has no \"name\"\n";

  const auto missing = dir / "new/collection.db";
  const CliResult fresh = run_rehearse({"--db", missing.string(), "import", bad});
  CHECK(fresh.exit_code == 1);
  CHECK(fresh.err == expected);
  CHECK_FALSE(std::filesystem::exists(missing));

  const auto older = dir / "older.db";
  std::filesystem::copy_file(REHEARSE_SOURCE_DIR "/tests/data/collection-v2.db", older);
  const std::string bytes = read(older);
  const CliResult upgrade = run_rehearse({"--db", older.string(), "import", bad});
  CHECK(upgrade.exit_code == 1);
  CHECK(upgrade.err == expected);
  CHECK(read(older) == bytes);
  CHECK_FALSE(std::filesystem::exists(dir / "backups"));
}

TEST_CASE("a file that is not a collection is refused and left as it was") {
  const TempDir dir;
  write(dir / "notes.txt", "my notes\n");
  const std::string path = (dir / "notes.txt").string();
  const CliResult result = run_rehearse({"--db", path, "stats"});
  CHECK(result.exit_code == 1);
  CHECK(result.err == "rehearse: " + path +
                          " is not a rehearse collection (not an SQLite "
                          "database); choose another file with --db\n");
  CHECK(read(dir / "notes.txt") == "my notes\n");
}

TEST_CASE("import, export, import round-trips exactly") {
  const Fixture f;
  const std::string exported = (f.dir / "exported.json").string();
  const CliResult result = f.rehearse({"export", "test", exported});
  CHECK(result.exit_code == 0);
  CHECK(read(exported) == kDeck);
  CHECK(f.rehearse({"import", exported}).out ==
        "test (" + exported + "): 0 added, 0 updated, 2 unchanged, 0 missing\n");
  CHECK(f.rehearse({"export", "test", "-"}).out == kDeck);
}

TEST_CASE("review asks, saves each answer at once and sums up the session") {
  const Fixture f;
  // q.1: reveal, 5. q.2: reveal, 2 -> asked again; reveal, 4 -> done.
  const CliResult review = f.rehearse({"--now", "2026-11-25T08:00", "review"}, "\n5\n\n2\n\n4\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("Reviewing all decks: 0 due, 2 new, 0 to repeat today.") !=
        std::string::npos);
  CHECK(review.out.find("Q1?") < review.out.find("A1"));
  CHECK(review.out.find("-> tomorrow (2026-11-26)") != std::string::npos);
  CHECK(review.out.find("-> again later today") != std::string::npos);
  CHECK(review.out.find("Session done: 3 answers on 2 cards, 66% graded 3 or better") !=
        std::string::npos);
  CHECK(review.out.find("Nothing left for today. Next due: 2026-11-26.") != std::string::npos);
  CHECK(f.rehearse({"show", "q.2", "--log", "--json"}).out.find(R"("grade":4)") !=
        std::string::npos);
}

TEST_CASE("review keeps what was answered when input ends or the user quits") {
  const Fixture f;
  const CliResult eof = f.rehearse({"--now", "2026-11-25", "review"}, "\n5\n\n");
  CHECK(eof.exit_code == 0);
  CHECK(eof.out.find("Session stopped: 1 answer on 1 card, 100% graded 3 or better") !=
        std::string::npos);
  CHECK(eof.out.find("Still to do today: 0 due, 1 new, 0 to repeat today.") != std::string::npos);
  CHECK(f.rehearse({"show", "q.1", "--json"}).out.find(R"("repetitions":1)") != std::string::npos);

  const CliResult quit = f.rehearse({"--now", "2026-11-25", "review"}, "q\n");
  CHECK(quit.exit_code == 0);
  CHECK(f.rehearse({"show", "q.2", "--json"}).out.find(R"("due":null)") != std::string::npos);
}

TEST_CASE("review re-prompts on a bad grade instead of failing") {
  const Fixture f;
  const CliResult review =
      f.rehearse({"--now", "2026-11-25", "review", "--tag", "lp:ownership"}, "\n9\n?\n4\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("grade 9 is out of range") != std::string::npos);
  CHECK(review.out.find("Grades: 5 perfect") != std::string::npos);
  CHECK(review.out.find("Session done: 1 answer on 1 card") != std::string::npos);
}

TEST_CASE("decks and stats report counts on the day") {
  const Fixture f;
  f.rehearse({"--now", "2026-11-25", "answer", "q.1", "4"});
  CHECK(f.rehearse({"--now", "2026-11-26", "decks", "--json"}).out ==
        R"([{"id":"test","name":"Test deck","description":"","new":1,"due":1,"reask":0,"total":2,)"
        R"("orphans":0,"source":")" +
            (f.dir / "deck.json").string() + "\"}]\n");
  const std::string figures =
      R"("reviews_today":1,"cards_reviewed_today":1,"due_tomorrow":1,"cards":{"new":1,)"
      R"("learning":0,"lapsed":0,"young":1,"mature":0,"suspended":0,"leech":0,"total":2},)"
      R"("total_reviews":1,"reviews":[{"days":1,"reviews":1,"time_ms":0},{"days":7,)"
      R"("reviews":1,"time_ms":0},{"days":30,"reviews":1,"time_ms":0},{"days":365,)"
      R"("reviews":1,"time_ms":0}],"retention":{"young":{"passed":0,"reviews":0,)"
      R"("share":null},"mature":{"passed":0,"reviews":0,"share":null}},"average_ease":2.5,)"
      R"("average_interval":1,"streak":{"current":1,"longest":1,"today":true})";
  CHECK(f.rehearse({"--now", "2026-11-25", "stats", "--json"}).out ==
        R"({"today":"2026-11-25","deck":null,"due_today":0,"reask_today":0,"new_today":1,)"
        R"("left_today":{"due":0,"new":1,"reask":0},)" +
            figures + R"(,"decks":[{"id":"test","name":"Test deck",)" + figures + "}]}\n");
}

TEST_CASE("every command explains itself with --help") {
  for (const char* command :
       {"init", "import", "export", "decks", "principles", "cards", "show", "next", "answer",
        "review", "stats", "coverage", "check", "backup", "restore"}) {
    INFO(command);
    const CliResult help = run_rehearse({command, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage") != std::string::npos);
  }
  CHECK(run_rehearse({"--help"}).out.find("review") != std::string::npos);
}

TEST_CASE("answer --batch acknowledges each answer and stops at a bad line, keeping the rest") {
  const Fixture f;
  const CliResult batch = f.rehearse({"--now", "2026-11-25", "answer", "--batch"},
                                     "# a comment\nq.1 5 1500\n\nq.2 x\nq.2 4\n");
  CHECK(batch.exit_code == 1);
  CHECK(batch.out == "q.1: grade 5 recorded; next: tomorrow (2026-11-26)\n");
  CHECK(batch.err ==
        "rehearse: standard input, line 4: grade 'x' is not a number 0-5 (5 perfect, 3 recalled "
        "with difficulty, 0 blackout)\n");
  CHECK(f.rehearse({"show", "q.1", "--log", "--json"}).out.find(R"("duration_ms":1500)") !=
        std::string::npos);
  CHECK(f.rehearse({"show", "q.2", "--json"}).out.find(R"("due":null)") != std::string::npos);

  const CliResult json =
      f.rehearse({"--now", "2026-11-25", "answer", "--batch", "--json"}, "q.2 4\n");
  CHECK(json.exit_code == 0);
  CHECK(json.out.starts_with(R"({"id":"q.2")"));
  CHECK(f.rehearse({"answer", "q.1"}).err ==
        "rehearse: answer needs CARD and GRADE, or --batch with lines on standard input\n");
}

TEST_CASE("coverage counts the cards that probe each principle") {
  const Fixture f;
  f.rehearse({"--now", "2026-11-25", "answer", "q.1", "5"});
  const CliResult coverage = f.rehearse({"--now", "2026-11-25", "coverage", "--json"});
  CHECK(coverage.exit_code == 0);
  CHECK(coverage.out.starts_with(
      R"({"principles":[{"slug":"customer-obsession","name":"Customer Obsession","stories":[],)"
      R"("strength":0,"cards":0,"seen":0,"mature":0,"due":0},)"
      R"({"slug":"ownership","name":"Ownership","stories":[],"strength":0,"cards":1,"seen":1,)"
      R"("mature":0,"due":0},)"));
  const CliResult text = f.rehearse({"--now", "2026-11-25", "coverage"});
  CHECK(text.out.find("Least practised: Customer Obsession (0 of 0 seen)") != std::string::npos);
}

TEST_CASE("check replays every card's log and finds a state changed behind rehearse's back") {
  const Fixture f;
  f.rehearse({"--now", "2026-11-25", "answer", "q.1", "3"});
  f.rehearse({"--now", "2026-11-26", "answer", "q.1", "5"});
  const CliResult sound = f.rehearse({"check"});
  CHECK(sound.exit_code == 0);
  CHECK(sound.out ==
        f.db + " is sound: 2 cards replayed from 2 answers, every state matches its log.\n");
  {
    SQLite::Database db(f.db, SQLite::OPEN_READWRITE);
    db.exec("UPDATE cards SET ease = 300 WHERE slug = 'q.1'");
  }
  const CliResult tampered = f.rehearse({"check"});
  CHECK(tampered.exit_code == 1);
  CHECK(tampered.out == "card q.1: stored state differs from its replayed review log\n");
}

TEST_CASE("backup and restore bring a collection back, keeping the replaced one") {
  const Fixture f;
  const std::string copy = (f.dir / "copy.db").string();
  const CliResult backup = f.rehearse({"backup", copy});
  CHECK(backup.exit_code == 0);
  CHECK(backup.out == "Backed up " + f.db + " to " + copy + "\n");
  f.rehearse({"--now", "2026-11-25", "answer", "q.1", "5"});

  const CliResult restore = f.rehearse({"--now", "2026-11-25T10:00", "restore", copy});
  CHECK(restore.exit_code == 0);
  const std::string kept =
      (f.dir / "backups/collection-auto-before-restore-2026-11-25T10-00-00.db").string();
  CHECK(restore.out == "Restored " + f.db + " from " + copy +
                           "\nThe collection as it was is kept in " + kept + "\n");
  CHECK(f.rehearse({"show", "q.1", "--json"}).out.find(R"("due":null)") != std::string::npos);
  CHECK(run_rehearse({"--db", kept, "show", "q.1", "--json"}).out.find(R"("due":"2026-11-26")") !=
        std::string::npos);
}

TEST_CASE("restore refuses a file that is not a sound collection and changes nothing") {
  const Fixture f;
  write(f.dir / "notes.txt", "not a database at all, just some text that is long enough\n");
  const std::string before = f.rehearse({"cards", "--json"}).out;
  const CliResult result = f.rehearse({"restore", (f.dir / "notes.txt").string()});
  CHECK(result.exit_code == 1);
  // The message names the backup: the choice to make is another backup, not another --db.
  CHECK(result.err == "rehearse: cannot restore from " + (f.dir / "notes.txt").string() +
                          ": it is not a rehearse collection (not an SQLite database)\n");
  CHECK(f.rehearse({"cards", "--json"}).out == before);
  CHECK(f.rehearse({"restore", (f.dir / "missing.db").string()}).err ==
        "rehearse: cannot restore from " + (f.dir / "missing.db").string() + ": no such file\n");
}

TEST_CASE("a large import that changes cards of a collection with answers is backed up first") {
  const Fixture f;
  f.rehearse({"--now", "2026-11-25", "answer", "q.1", "5"});
  const auto big_deck = [](const char* back) {
    std::string deck =
        R"({"format": "rehearse-deck/1", "deck": {"id": "big", "name": "Big"}, "cards": [)";
    for (int i = 0; i < 1000; ++i) {
      deck += fmt::format(R"({}{{"id": "big.{}", "front": "F{}", "back": "{}"}})", i ? "," : "", i,
                          i, back);
    }
    return deck + "]}";
  };
  write(f.dir / "big.json", big_deck("first"));
  const CliResult added =
      f.rehearse({"--now", "2026-11-25T09:00", "import", (f.dir / "big.json").string()});
  CHECK(added.exit_code == 0);
  CHECK(added.out.find("Backed up") == std::string::npos);  // adding cards harms nothing
  CHECK_FALSE(std::filesystem::exists(f.dir / "backups"));

  write(f.dir / "big.json", big_deck("second"));
  const CliResult dry = f.rehearse({"import", "--dry-run", (f.dir / "big.json").string()});
  CHECK(dry.out == "big (" + (f.dir / "big.json").string() +
                       "): 0 added, 1000 updated, 0 unchanged, 0 missing\nDry run: nothing was "
                       "written.\n");
  CHECK(f.rehearse({"show", "big.7", "--json"}).out.find(R"("back":"first")") != std::string::npos);

  const CliResult changed =
      f.rehearse({"--now", "2026-11-25T09:30", "import", (f.dir / "big.json").string()});
  CHECK(changed.exit_code == 0);
  const auto backup = f.dir / "backups/collection-auto-before-import-2026-11-25T09-30-00.db";
  CHECK(changed.out.starts_with("Backed up the collection to " + backup.string() + " first.\n"));
  CHECK(run_rehearse({"--db", backup.string(), "show", "big.7", "--json"})
            .out.find(R"("back":"first")") != std::string::npos);
  CHECK(f.rehearse({"show", "big.7", "--json"}).out.find(R"("back":"second")") !=
        std::string::npos);
}

TEST_CASE("Ctrl-C during a review keeps what was answered and ends with the summary") {
  const Fixture f;
  rehearse::test::ChildProcess review =
      rehearse::test::ChildProcess::rehearse({"--db", f.db, "--now", "2026-11-25", "review"});
  REQUIRE(review.write("\n5\n"));
  bool answered = false;
  while (!answered) {
    const std::optional<std::string> line = review.read_line(std::chrono::seconds(10));
    REQUIRE(line);
    answered = line->find("-> tomorrow (2026-11-26)") != std::string::npos;
  }
  ::kill(review.pid(), SIGINT);  // the review now waits for Enter on the second card
  CHECK(review.wait() == 0);
  std::string rest;
  for (const std::string& line : review.remaining_lines())
    rest += line + "\n";
  CHECK(rest.find("Session stopped: 1 answer on 1 card, 100% graded 3 or better") !=
        std::string::npos);
  CHECK(review.error_output().empty());
  CHECK(f.rehearse({"show", "q.1", "--json"}).out.find(R"("repetitions":1)") != std::string::npos);
}

TEST_CASE("show --log --json gives each answer's state before and after, as SM-2 computed them") {
  const Fixture f;
  REQUIRE(f.rehearse({"--now", "2026-11-25T08:00", "answer", "q.1", "2"}).exit_code == 0);
  REQUIRE(f.rehearse({"--now", "2026-11-26T08:00", "answer", "q.1", "5"}).exit_code == 0);
  const std::string log = f.rehearse({"show", "q.1", "--log", "--json"}).out;
  // Grade 2 on a new card: n = 0, I = 1, EF 2.5 - 0.32 = 2.18, due the next day.
  CHECK(log.find(R"("day":"2026-11-25","grade":2,"duration_ms":0,)"
                 R"("before":{"repetitions":0,"ease":2.5,"interval_days":0,"due":null},)"
                 R"("after":{"repetitions":0,"ease":2.18,"interval_days":1,"due":"2026-11-26"},)"
                 R"("interview":null})") != std::string::npos);
  // Grade 5 when due: n = 1, I = 1, EF 2.18 + 0.10 = 2.28.
  CHECK(log.find(R"("day":"2026-11-26","grade":5,"duration_ms":0,)"
                 R"("before":{"repetitions":0,"ease":2.18,"interval_days":1,"due":"2026-11-26"},)"
                 R"("after":{"repetitions":1,"ease":2.28,"interval_days":1,"due":"2026-11-27"},)"
                 R"("interview":null})") != std::string::npos);
  CHECK(f.rehearse({"check"}).exit_code == 0);
}
