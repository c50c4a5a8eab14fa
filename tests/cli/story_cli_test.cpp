// End-to-end: `rehearse story ...` on a temporary collection holding the shipped behavioural
// decks, with the example stories of decks/stories/examples.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/file_text.hpp"
#include "support/output_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::lines_of;
using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::ScreenModel;
using rehearse::test::TempDir;

namespace {

using rehearse::test::read;
using rehearse::test::write;

const std::string kExamples = REHEARSE_SOURCE_DIR "/decks/stories/examples";

// The "state":{...} of a card's `show --json`.
std::string state_of(const std::string& json) {
  const std::size_t at = json.find("\"state\":");
  return at == std::string::npos ? "" : json.substr(at, json.find('}', at) + 1 - at);
}

struct Bank {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Bank() {
    const CliResult imported =
        rehearse({"import", REHEARSE_SOURCE_DIR "/decks/behavioral-technical.json",
                  REHEARSE_SOURCE_DIR "/decks/behavioral-people.json"});
    REQUIRE(imported.exit_code == 0);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", "2026-11-25"});
    return run_rehearse(args, input);
  }
  // A copy of the examples in a folder of its own, to edit.
  std::filesystem::path folder() const {
    const std::filesystem::path to = dir / "stories";
    std::filesystem::create_directories(to);
    for (const auto& e : std::filesystem::directory_iterator(kExamples))
      std::filesystem::copy_file(e.path(), to / e.path().filename());
    return to;
  }
};

}  // namespace

TEST_CASE("story import adds the stories and their cards, and a second import changes nothing") {
  Bank bank;
  const CliResult first = bank.rehearse({"story", "import", kExamples});
  CHECK(first.exit_code == 0);
  CHECK(first.err.empty());
  CHECK(first.out ==
        "2 stories read: 2 added, 0 updated, 0 unchanged; cards: 14 added, 0 updated, 0 "
        "retired\n"
        "  added: example-hiring-bar, example-ledger-cutover\n");
  const CliResult again = bank.rehearse({"story", "import", kExamples});
  CHECK(again.out ==
        "2 stories read: 0 added, 0 updated, 2 unchanged; cards: 0 added, 0 updated, 0 "
        "retired\nNothing changed.\n");
  const CliResult decks = bank.rehearse({"decks"});
  CHECK(decks.out.find("stories") != std::string::npos);
  CHECK(decks.out.find("My stories") != std::string::npos);
}

TEST_CASE("story list, show and check show the imported stories") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const CliResult list = bank.rehearse({"story", "list", "--lp", "earn-trust"});
  CHECK(list.out ==
        "example-hiring-bar  Example: raising the hiring bar while growing a team from 6 to 14\n"
        "  hire-and-develop-the-best, earn-trust  (2 follow-ups, about 108 s)\n");
  const CliResult json = bank.rehearse({"story", "list", "--json"});
  CHECK(json.out.starts_with(
      "[{\"id\":\"example-hiring-bar\",\"title\":\"Example: raising the hiring bar while "
      "growing a team from 6 to 14\",\"principles\":[\"hire-and-develop-the-best\",\"earn-"
      "trust\"],\"tags\":[\"example\",\"round:people\",\"company:fictional-logistics\",\"year:"
      "2022\"],\"answers\":[\"behavioral.people.raising-the-bar\"],\"seconds\":108},"));
  const CliResult show = bank.rehearse({"story", "show", "example-ledger-cutover"});
  CHECK(show.out.starts_with(
      "example-ledger-cutover: Example: moving checkout payments onto a new ledger without "
      "downtime\nPrinciples: ownership, deliver-results, insist-on-the-highest-standards\n"));
  CHECK(show.out.find("\nResult\nWe finished the cutover six weeks") != std::string::npos);
  const CliResult check = bank.rehearse({"story", "check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out == "2 stories checked: no finding\n");
  CHECK(bank.rehearse({"story", "check", "--json"}).out == "[]\n");
  const CliResult unknown = bank.rehearse({"story", "show", "nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == fmt::format("rehearse: no story 'nope' in {} ('rehearse story list' lists "
                                   "them)\n",
                                   bank.db));
}

TEST_CASE("story check gives warnings with exit code 0 and names the story and section") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  std::string text = read(folder / "example-hiring-bar.md");
  for (const auto& [from, to] : {std::pair{"I started", "We started"},
                                 {"I turned", "we turned"},
                                 {"I rewrote", "We rewrote"},
                                 {"I trained", "We trained"},
                                 {"I sat", "We sat"}}) {
    text.replace(text.find(from), std::string_view(from).size(), to);
  }
  write(folder / "example-hiring-bar.md", text);
  REQUIRE(bank.rehearse({"story", "import", folder.string()}).exit_code == 0);
  const CliResult check = bank.rehearse({"story", "check", "example-hiring-bar"});
  CHECK(check.exit_code == 0);
  CHECK(check.out ==
        "example-hiring-bar: Action: warning: \"## Action\" says \"we\" 5 times and \"I\" 3 times; "
        "an "
        "interviewer assesses what you did: tell it in the first person singular.\n"
        "1 story checked: 1 finding\n");
  const CliResult json = bank.rehearse({"story", "check", "--json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out.starts_with(
      "[{\"story\":\"example-hiring-bar\",\"section\":\"Action\",\"severity\":\"warning\","));
}

TEST_CASE("editing a story keeps its cards' scheduling, and a removed follow-up retires its card") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  REQUIRE(bank.rehearse({"story", "import", folder.string()}).exit_code == 0);
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:beats", "5"}).exit_code == 0);
  const std::string before =
      bank.rehearse({"show", "story:example-ledger-cutover:beats", "--json"}).out;
  std::string text = read(folder / "example-ledger-cutover.md");
  text.replace(text.find("no downtime."), 12, "zero downtime.");
  const std::size_t question = text.find("### How did you decide");
  const std::size_t next = text.find("## In 30 seconds");
  text.erase(question, next - question);
  write(folder / "example-ledger-cutover.md", text);
  const CliResult edited = bank.rehearse({"story", "import", folder.string()});
  CHECK(edited.out ==
        "2 stories read: 0 added, 1 updated, 1 unchanged; cards: 0 added, 4 updated, 1 retired\n"
        "  1 card changed since reviewed, schedule kept: cards --search is:changed lists them\n"
        "  updated: example-ledger-cutover\n");
  const std::string after =
      bank.rehearse({"show", "story:example-ledger-cutover:beats", "--json"}).out;
  CHECK(after.find("with zero downtime.") != std::string::npos);
  CHECK(state_of(after) ==
        "\"state\":{\"repetitions\":1,\"ease\":2.6,\"interval_days\":1,\"due\":\"2026-11-26\"}");
  CHECK(state_of(after) == state_of(before));
  CHECK(after.find(R"("changed":true,)") != std::string::npos);
  const CliResult retired =
      bank.rehearse({"show",
                     "story:example-ledger-cutover:follow-up:how-did-you-decide-the-refund-bug-was-"
                     "worth-a-week-s-delay",
                     "--json"});
  CHECK(retired.out.find("\"suspended\":true") != std::string::npos);
}

TEST_CASE(
    "a follow-up put back comes back with its history, and a card the user suspended "
    "stays suspended") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  const std::string follow_up =
      "story:example-ledger-cutover:follow-up:what-would-you-do-differently";
  const std::string metrics = "story:example-ledger-cutover:metrics";
  REQUIRE(bank.rehearse({"story", "import", folder.string()}).exit_code == 0);
  REQUIRE(bank.rehearse({"answer", follow_up, "4"}).exit_code == 0);
  REQUIRE(bank.rehearse({"suspend", metrics}).exit_code == 0);
  const std::string file = read(folder / "example-ledger-cutover.md");
  std::string text = file;
  const std::size_t question = text.find("### What would you do differently?");
  text.erase(question, text.find("### How did you decide") - question);
  write(folder / "example-ledger-cutover.md", text);
  CHECK(bank.rehearse({"story", "import", folder.string()}).out ==
        "2 stories read: 0 added, 1 updated, 1 unchanged; cards: 0 added, 0 updated, 1 retired\n"
        "  updated: example-ledger-cutover\n");
  CHECK(bank.rehearse({"show", follow_up, "--json"}).out.find("\"suspended\":true") !=
        std::string::npos);
  write(folder / "example-ledger-cutover.md", file);
  CHECK(bank.rehearse({"story", "import", folder.string()}).out ==
        "2 stories read: 0 added, 1 updated, 1 unchanged; cards: 0 added, 1 updated, 0 retired\n"
        "  updated: example-ledger-cutover\n");
  const std::string back = bank.rehearse({"show", follow_up, "--json"}).out;
  CHECK(back.find("\"suspended\":false") != std::string::npos);
  CHECK(back.find("\"group\":\"story:example-ledger-cutover\"") != std::string::npos);
  CHECK(state_of(back) ==
        "\"state\":{\"repetitions\":1,\"ease\":2.5,\"interval_days\":1,\"due\":\"2026-11-26\"}");
  CHECK(bank.rehearse({"show", metrics, "--json"}).out.find("\"suspended\":true") !=
        std::string::npos);
  CHECK(bank.rehearse({"check"}).exit_code == 0);
}

TEST_CASE("a malformed story, a duplicate id or an unknown answers id imports nothing") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  write(folder / "zz-broken.md", "---\nid: broken\ntitle: T\nprinciples: [ownershp]\n---\n");
  CliResult refused = bank.rehearse({"story", "import", folder.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == fmt::format("rehearse: {}:4: \"ownershp\" is not a principle (did you mean "
                                   "\"ownership\"? 'rehearse principles' lists all 16)\n",
                                   (folder / "zz-broken.md").string()));
  std::string copy = read(folder / "example-hiring-bar.md");
  write(folder / "zz-broken.md", copy);
  refused = bank.rehearse({"story", "import", folder.string()});
  CHECK(refused.err == fmt::format("rehearse: {}:2: story id \"example-hiring-bar\" is also the id "
                                   "of {}; story ids must be unique\n",
                                   (folder / "zz-broken.md").string(),
                                   (folder / "example-hiring-bar.md").string()));
  copy.replace(copy.find("id: example-hiring-bar"), 22, "id: other");
  copy.replace(copy.find("behavioral.people.raising-the-bar"), 33, "no.such.card");
  write(folder / "zz-broken.md", copy);
  refused = bank.rehearse({"story", "import", folder.string()});
  CHECK(refused.err ==
        fmt::format("rehearse: {}:6: \"answers\" names \"no.such.card\", which is no "
                    "card of the collection (import the deck that holds it first)\n",
                    (folder / "zz-broken.md").string()));
  CHECK(bank.rehearse({"story", "list"}).out.starts_with("No stories."));
}

TEST_CASE(
    "story export writes the export form: importing it changes nothing, exporting it again "
    "is byte-identical") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const std::filesystem::path out = bank.dir / "exported";
  CHECK(bank.rehearse({"story", "export", out.string()}).out ==
        fmt::format("{}: wrote 2 stories\n", out.string()));
  for (const auto& e : std::filesystem::directory_iterator(kExamples))
    CHECK(read(out / e.path().filename()) == read(e.path()));
  CHECK(bank.rehearse({"story", "import", out.string()}).out.ends_with("Nothing changed.\n"));
  CHECK(bank.rehearse({"story", "export", "-", "example-hiring-bar"}).out ==
        read(std::filesystem::path(kExamples) / "example-hiring-bar.md"));
}

TEST_CASE("story rm asks without --yes, and retires the story's cards") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const CliResult asked = bank.rehearse({"story", "rm", "example-hiring-bar"});
  CHECK(asked.exit_code == 1);
  CHECK(asked.err ==
        "rehearse: story rm asks before it removes a story: run it on a terminal, or "
        "pass --yes\n");
  const CliResult removed = bank.rehearse({"story", "rm", "example-hiring-bar", "--yes"});
  CHECK(removed.out == "Removed story example-hiring-bar; 6 cards retired (history kept).\n");
  CHECK(bank.rehearse({"story", "list"}).out.find("example-hiring-bar") == std::string::npos);
  CHECK(bank.rehearse({"show", "story:example-hiring-bar:beats", "--json"})
            .out.find("\"suspended\":true") != std::string::npos);
}

TEST_CASE("story rm on a terminal removes the story only when the answer is yes") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const auto asks = [](const ScreenModel& s) {
    std::string text = s.text();
    std::erase(text, '\n');  // the question wraps on 80 columns
    return text.find("[y/N]") != std::string::npos;
  };
  {
    PtyProcess rm({REHEARSE_BINARY, "--db", bank.db, "story", "rm", "example-hiring-bar"}, 80, 24);
    REQUIRE(rm.wait_until(asks));
    rm.send("n\r");
    CHECK(rm.wait() == 0);
    CHECK(rm.screen().text().find("Kept.") != std::string::npos);
  }
  CHECK(bank.rehearse({"story", "list"}).out.find("example-hiring-bar") != std::string::npos);
  PtyProcess rm({REHEARSE_BINARY, "--db", bank.db, "story", "rm", "example-hiring-bar"}, 80, 24);
  REQUIRE(rm.wait_until(asks));
  rm.send("y\r");
  CHECK(rm.wait() == 0);
  CHECK(rm.screen().text().find("Removed story example-hiring-bar; 6 cards retired") !=
        std::string::npos);
  CHECK(bank.rehearse({"story", "list"}).out.find("example-hiring-bar") == std::string::npos);
}

TEST_CASE("story check FILE checks a file not yet imported, against the bank") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const std::filesystem::path folder = bank.folder();
  std::string text = read(folder / "example-hiring-bar.md");
  text.replace(text.find("id: example-hiring-bar"), 22, "id: hiring-again");
  write(folder / "hiring-again.md", text);
  const CliResult check = bank.rehearse({"story", "check", (folder / "hiring-again.md").string()});
  CHECK(check.exit_code == 0);
  CHECK(check.out ==
        "hiring-again: principles: warning: claims the same principles and answers the same "
        "questions "
        "as \"example-hiring-bar\"; an interviewer who hears both learns nothing new: make one of "
        "them show something else.\n"
        "1 story checked: 1 finding\n");
  CHECK(bank.rehearse({"story", "list"}).out.find("hiring-again") == std::string::npos);
  write(folder / "broken.md", "---\nid: broken\ntitle: T\nprinciples: [ownership]\n---\n");
  const CliResult broken = bank.rehearse({"story", "check", (folder / "broken.md").string()});
  CHECK(broken.exit_code == 1);
  CHECK(broken.err == fmt::format("rehearse: {}:5: no \"## Situation\" section (a story has "
                                  "Situation, Task, Action and Result)\n",
                                  (folder / "broken.md").string()));
}

TEST_CASE("coverage shows each principle's stories, how well they are known, and the gaps") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  std::string copy = read(folder / "example-hiring-bar.md");
  copy.replace(copy.find("id: example-hiring-bar"), 22, "id: hiring-second");
  copy.replace(copy.find("answers: [behavioral.people.raising-the-bar]\n"), 45, "");
  write(folder / "hiring-second.md", copy);
  REQUIRE(bank.rehearse({"story", "import", folder.string()}).exit_code == 0);
  // One of the 8 cards of the ledger story answered 4 or better and not overdue; one failed.
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:beats", "5"}).exit_code == 0);
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:metrics", "2"}).exit_code == 0);
  const CliResult json = bank.rehearse({"coverage", "--json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out.find(R"({"slug":"ownership","name":"Ownership","stories":["example-ledger-)"
                      R"(cutover"],"strength":0.13,)") != std::string::npos);
  CHECK(json.out.find(R"({"slug":"earn-trust","name":"Earn Trust","stories":["example-hiring-)"
                      R"(bar","hiring-second"],"strength":0,)") != std::string::npos);
  // Fewer than 2 stories first (canonical order), then the weak ones.
  CHECK(json.out.find(
            R"("gaps":["customer-obsession","ownership","invent-and-simplify","are-right-a-lot",)"
            R"("learn-and-be-curious","insist-on-the-highest-standards","think-big",)"
            R"("bias-for-action","frugality","dive-deep","have-backbone","deliver-results",)"
            R"("strive-to-be-earths-best-employer","success-and-scale-bring-broad-responsibility",)"
            R"("hire-and-develop-the-best","earn-trust"],)"
            R"("rounds":{"people":2,"technical":1,"strategy":0,"culture":0,"none":0}})") !=
        std::string::npos);
  // An answer taken back no longer counts; the one before it counts again.
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:30s", "5"}).exit_code == 0);
  CHECK(bank.rehearse({"coverage", "--json"}).out.find(R"("strength":0.25,)") != std::string::npos);
  REQUIRE(bank.rehearse({"undo"}).exit_code == 0);
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:metrics", "4"}).exit_code == 0);
  REQUIRE(bank.rehearse({"undo"}).exit_code == 0);
  CHECK(bank.rehearse({"coverage", "--json"})
            .out.find(R"({"slug":"ownership","name":"Ownership",)"
                      R"("stories":["example-ledger-cutover"],)"
                      R"("strength":0.13,)") != std::string::npos);
  const CliResult text = bank.rehearse({"coverage"});
  CHECK(text.out.starts_with(
      "PRINCIPLE                            STORIES KNOWN  CARDS   SEEN MATURE   DUE\n"
      "Customer Obsession                         0     -     36      0      0     0\n"
      "Ownership                                  1   13%     58      2      0     0\n"));
  CHECK(text.out.find(
            "\nEarn Trust                                 2    0%     70      0      0     0\n") !=
        std::string::npos);
  CHECK(text.out.find("\nStories not yet known: Hire and Develop the Best (0% known), Earn Trust "
                      "(0%\n  known)\n"
                      "Stories by round: people 2, technical 1, strategy 0, culture 0, no round "
                      "tag 0\n") != std::string::npos);
  CHECK(text.out.ends_with(
      "Write a story for Customer Obsession: rehearse story new (docs/stories.md)\n"));
  // The longest name goes on over a second line.
  CHECK(text.out.find(
            "\nSuccess and Scale Bring Broad              0     -     12      0      0     0\n"
            "  Responsibility\n") != std::string::npos);
  for (const std::string& line : lines_of(text.out))
    CHECK(line.size() <= 80);
}

TEST_CASE("coverage --questions lists the question cards no story answers yet, by round") {
  Bank bank;
  const CliResult before = bank.rehearse({"coverage", "--questions"});
  CHECK(before.out.find("  behavioral.people.raising-the-bar\n") != std::string::npos);
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const CliResult after = bank.rehearse({"coverage", "--questions"});
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("behavioral.people.raising-the-bar") == std::string::npos);
  CHECK(after.out.starts_with("People and strategy (hiring manager) ("));
  CHECK(after.out.find("\nTechnical architecture and design (") != std::string::npos);
  // The follow-up drills of a question are not questions of their own.
  CHECK(after.out.find(".follow-up-1") == std::string::npos);
  const CliResult json = bank.rehearse({"coverage", "--questions", "--json"});
  CHECK(json.out.find(R"({"id":"behavioral.people.team-conflict","deck":"behavioral-people",)"
                      R"("round":"people","front":")") != std::string::npos);
  CHECK(json.out.find("\"fitting\":[\"example-hiring-bar\"]") != std::string::npos);
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
      ++n;
    return n;
  };
  // The two decks hold 22 + 21 + 2 questions; each example answers one.
  CHECK(count(json.out, "{\"id\":") + 2 == count(before.out, "\n  behavioral."));
}

namespace {

// A deck of two behavioural questions: one the hiring example answers, one no story fits.
std::string question_deck() {
  return R"({"format": "rehearse-deck/1",
  "deck": {"id": "q", "name": "Questions", "description": ""},
  "cards": [
    {"id": "behavioral.people.raising-the-bar", "front": "How do you raise the bar when you hire?",
     "back": "A strong answer shows a structured process.",
     "tags": ["topic:behavioral", "round:people", "lp:hire-and-develop-the-best"]},
    {"id": "q.frugal", "front": "Tell me about doing more with less.",
     "back": "A strong answer shows a constraint used well.",
     "tags": ["topic:behavioral", "round:culture", "lp:frugality"]}
  ]})";
}

struct Questions {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Questions() {
    write(dir / "q.json", question_deck());
    REQUIRE(rehearse({"import", (dir / "q.json").string()}).exit_code == 0);
    REQUIRE(rehearse({"story", "import", kExamples + "/example-hiring-bar.md"}).exit_code == 0);
  }
  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", "2026-11-25T09:00"});
    return run_rehearse(args, input);
  }
};

}  // namespace

TEST_CASE("a behavioural question's answer ends with the stories that fit it, best first") {
  const Questions f;
  const CliResult review = f.rehearse({"review", "q"}, "\n5\n\n5\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find(
            "A strong answer shows a structured process.\n\nYour stories:\n"
            "- example-hiring-bar: Example: raising the hiring bar while growing a team from\n"
            "  6 to 14 (answers it)\n") != std::string::npos);
  CHECK(review.out.find("A strong answer shows a constraint used well.\n\nYour stories: none "
                        "fits this question yet (rehearse story new)\n") != std::string::npos);
  // Story cards are no questions: their backs end as written.
  const CliResult story = f.rehearse({"review", "stories", "--max", "1"}, "\n5\n");
  CHECK(story.out.find("Your stories:") == std::string::npos);
}

TEST_CASE(
    "a story card is timed while it is told: start and stop lines when piped, the time "
    "kept as the answer's duration") {
  const Questions f;
  const CliResult review = f.rehearse({"review", "stories", "--max", "1"}, "\n4\n");
  CHECK(review.exit_code == 0);
  const std::size_t started = review.out.find(
      "Timer started: tell it aloud, then press Enter.\n"
      "[Enter] show the answer, u undo, s suspend, q quit: \n");
  CHECK(started != std::string::npos);
  CHECK(review.out.find("Told in 0:00.\n", started) != std::string::npos);
  CHECK(review.out.find("Told in over 2 minutes") == std::string::npos);
  // Questions that are not story cards have no timer.
  const CliResult question = f.rehearse({"review", "q", "--max", "1"}, "\n4\n");
  CHECK(question.out.find("Timer started") == std::string::npos);
}

TEST_CASE("on a terminal a story card's timer runs each second until the answer is shown") {
  const Questions f;
  PtyProcess review({REHEARSE_BINARY, "--db", f.db, "--now", "2026-11-25T09:00", "review",
                     "stories", "--max", "1"},
                    80, 24);
  const auto shows = [](const std::string& text) {
    return [text](const ScreenModel& s) { return s.text().find(text) != std::string::npos; };
  };
  REQUIRE(review.wait_until(shows("Telling it aloud: 0:00 (aim: under 2:00); Space when done")));
  REQUIRE(review.wait_until(shows("Telling it aloud: 0:01"), std::chrono::seconds(3)));
  review.send(" ");
  REQUIRE(review.wait_until(shows("Told in 0:01.")));
  review.send("5");
  CHECK(review.wait() == 0);
  // The one card answered, found among the story's cards by its log.
  const std::string cards = run_rehearse({"--db", f.db, "cards", "stories", "--json"}).out;
  std::vector<int> durations;
  for (std::size_t at = cards.find("{\"id\":\""); at != std::string::npos;
       at = cards.find("{\"id\":\"", at + 1)) {
    const std::size_t from = at + 7;
    const std::string id = cards.substr(from, cards.find('"', from) - from);
    const std::string log = run_rehearse({"--db", f.db, "show", id, "--log", "--json"}).out;
    const std::size_t duration = log.find("\"duration_ms\":");
    if (duration != std::string::npos) durations.push_back(std::stoi(log.substr(duration + 14)));
  }
  REQUIRE(durations.size() == 1);
  CHECK(durations[0] >= 1000);
  CHECK(durations[0] < 3000);
}

namespace {

// An editor for tests: its Nth run keeps the file it was given as seen-N.md and saves
// save-N.md in its place.
std::string scripted_editor(const std::filesystem::path& dir) {
  const std::filesystem::path script = dir / "editor.sh";
  write(script,
        "#!/bin/sh\n"
        "n=$(cat '" +
            (dir / "count").string() +
            "' 2>/dev/null || echo 0)\n"
            "n=$((n + 1))\n"
            "echo $n > '" +
            (dir / "count").string() +
            "'\n"
            "cp \"$1\" '" +
            dir.string() +
            "'/seen-$n.md\n"
            "cp '" +
            dir.string() + "'/save-$n.md \"$1\"\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  return script.string();
}

}  // namespace

TEST_CASE(
    "story new opens the editor on a template, reopens it with the error at the top, and "
    "imports the story once it is valid") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const std::filesystem::path dir = bank.dir / "editor";
  std::filesystem::create_directories(dir);
  std::string story = read(std::filesystem::path(kExamples) / "example-hiring-bar.md");
  story.replace(story.find("id: example-hiring-bar"), 22, "id: my-first");
  std::string broken = story;
  broken.replace(broken.find("principles: [hire-and-develop-the-best"), 38,
                 "principles: [hire-and-develop-the-bst");
  write(dir / "save-1.md", broken);
  write(dir / "save-2.md", story);
  PtyProcess run({REHEARSE_BINARY, "--db", bank.db, "--now", "2026-11-25", "story", "new"}, 100, 24,
                 {"EDITOR=" + scripted_editor(dir), "VISUAL="});
  CHECK(run.wait() == 0);
  const std::string output = run.output();

  CHECK(output.find("Added story my-first: cards: 6 added, 0 updated, 0 retired.") !=
        std::string::npos);
  // Its findings: the example answers the same question with the same principles.
  CHECK(output.find("my-first: principles: warning: claims the same principles and answers the "
                    "same questions as \"example-hiring-bar\"") != std::string::npos);
  const std::string template_text = read(dir / "seen-1.md");
  CHECK(template_text.starts_with("---\n# A new story (docs/stories.md)."));
  CHECK(template_text.find("customer-obsession") != std::string::npos);
  CHECK(template_text.find("success-and-scale-bring-broad-responsibility") != std::string::npos);
  CHECK(template_text.ends_with("---\n## Situation\n\n## Task\n\n## Action\n\n## Result\n\n"));
  // Reopened with the error after the first line; its line number counts the error lines.
  const std::string reopened = read(dir / "seen-2.md");
  const std::string first_lines = reopened.substr(0, reopened.find("id: my-first"));
  CHECK(first_lines.starts_with("---\n# rehearse: "));
  CHECK(first_lines.find(":6: \"hire-and-develop-the-bst\" is not a principle (did you mean "
                         "\"hire-and-develop-the-best\"? 'rehearse principles' lists all 16)\n"
                         "# rehearse: fix it and save again, or save an empty file to cancel\n") !=
        std::string::npos);
  CHECK(reopened.substr(first_lines.size()) == broken.substr(4));
  CHECK(bank.rehearse({"story", "list"}).out.find("my-first") != std::string::npos);
}

TEST_CASE("story new saved empty imports nothing, and story edit keeps the id and the progress") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  REQUIRE(bank.rehearse({"answer", "story:example-ledger-cutover:beats", "5"}).exit_code == 0);
  const std::filesystem::path dir = bank.dir / "editor";
  std::filesystem::create_directories(dir);
  write(dir / "save-1.md", "");
  const std::string editor = scripted_editor(dir);
  {
    PtyProcess run({REHEARSE_BINARY, "--db", bank.db, "story", "new"}, 100, 24,
                   {"EDITOR=" + editor});
    CHECK(run.wait() == 0);
    CHECK(run.output().find("The file was empty: nothing was imported.") != std::string::npos);
  }
  std::string story = read(std::filesystem::path(kExamples) / "example-ledger-cutover.md");
  std::string renamed = story;
  renamed.replace(renamed.find("id: example-ledger-cutover"), 26, "id: renamed");
  story.replace(story.find("no downtime."), 12, "zero downtime.");
  write(dir / "save-2.md", renamed);
  write(dir / "save-3.md", story);
  PtyProcess run({REHEARSE_BINARY, "--db", bank.db, "--now", "2026-11-25", "story", "edit",
                  "example-ledger-cutover"},
                 100, 24, {"EDITOR=" + editor});
  CHECK(run.wait() == 0);
  CHECK(run.output().find("Updated story example-ledger-cutover: cards: 0 added, 4 updated, 0 "
                          "retired.") != std::string::npos);
  // The editor was given the story as the collection keeps it, then the id's error.
  CHECK(read(dir / "seen-2.md") ==
        read(std::filesystem::path(kExamples) / "example-ledger-cutover.md"));
  CHECK(read(dir / "seen-3.md")
            .starts_with("---\n# rehearse: the id changed from \"example-ledger-cutover\" to "
                         "\"renamed\": the id keeps a story's cards and their progress; put it "
                         "back (rehearse story new writes another story)\n"));
  const std::string beats =
      bank.rehearse({"show", "story:example-ledger-cutover:beats", "--json"}).out;
  CHECK(beats.find("with zero downtime.") != std::string::npos);
  CHECK(state_of(beats) ==
        "\"state\":{\"repetitions\":1,\"ease\":2.6,\"interval_days\":1,\"due\":\"2026-11-26\"}");
  CHECK(bank.rehearse({"story", "list"}).out.find("renamed") == std::string::npos);
}

TEST_CASE("story new with no terminal asks for the story section by section") {
  Bank bank;
  const std::string input =
      "typed-story\nKeeping a launch date\nownership, deliver-results\nround:technical\n\n"
      "Our launch was six weeks out when the vendor we relied on went bankrupt. The date was "
      "promised to three large customers.\n\n"
      "I had to keep the date or tell the customers early. I owned the call.\n\n"
      "I rebuilt the plan in a day. I cut two features, moved four engineers and called each "
      "customer myself.\n\n"
      "We launched on the date. Churn stayed at 2% and the three customers renewed.\n\n"
      "- churn 2%\n\n";
  const CliResult typed = bank.rehearse({"story", "new"}, input);
  CHECK(typed.err.empty());
  CHECK(typed.exit_code == 0);
  CHECK(typed.out.find("Added story typed-story: cards: 4 added, 0 updated, 0 retired.\n") !=
        std::string::npos);
  const CliResult shown = bank.rehearse({"story", "export", "-", "typed-story"});
  CHECK(
      shown.out.starts_with("---\nid: typed-story\ntitle: Keeping a launch date\nprinciples: "
                            "[ownership, deliver-results]\ntags: [round:technical]\n---\n"
                            "## Situation\n\nOur launch was six weeks out"));
  // A wrong id or principle is asked again; the end of the input imports nothing.
  const CliResult again = bank.rehearse({"story", "new"}, "typed-story\nbad id\nx\nT\nownershp\n");
  CHECK(again.exit_code == 1);
  CHECK(again.out.find("\nstory \"typed-story\" exists already (rehearse story edit typed-story); "
                       "choose another id\n") != std::string::npos);
  CHECK(again.out.find("\nthe id may only contain letters, digits and . _ - :; try again\n") !=
        std::string::npos);
  CHECK(again.out.find("\n\"ownershp\" is not a principle (did you mean \"ownership\"?)\n") !=
        std::string::npos);
  CHECK(again.err ==
        "rehearse: the input ended before the story was complete; nothing was imported\n");
  CHECK(bank.rehearse({"story", "list"}).out.find("\nx  ") == std::string::npos);
}

TEST_CASE(
    "a new user writes a story in the editor, sees its findings, its cell in coverage, its "
    "cards timed in review, and the story under the question it answers") {
  Bank bank;
  const std::filesystem::path dir = bank.dir / "editor";
  std::filesystem::create_directories(dir);
  std::string story = read(std::filesystem::path(kExamples) / "example-hiring-bar.md");
  story.replace(story.find("id: example-hiring-bar"), 22, "id: my-first");
  for (const auto& [from, to] : {std::pair{"I started", "We started"},
                                 {"I turned", "we turned"},
                                 {"I rewrote", "We rewrote"},
                                 {"I trained", "We trained"},
                                 {"I sat", "We sat"}}) {
    story.replace(story.find(from), std::string_view(from).size(), to);
  }
  write(dir / "save-1.md", story);
  {
    PtyProcess run({REHEARSE_BINARY, "--db", bank.db, "--now", "2026-11-25T09:00", "story", "new"},
                   100, 24, {"EDITOR=" + scripted_editor(dir)});
    CHECK(run.wait() == 0);
    CHECK(run.output().find("Added story my-first: cards: 6 added, 0 updated, 0 retired.") !=
          std::string::npos);
    CHECK(run.output().find("my-first: Action: warning: \"## Action\" says \"we\" 5 times and "
                            "\"I\" 3 times") != std::string::npos);
  }
  CHECK(bank.rehearse({"coverage", "--json"})
            .out.find(R"({"slug":"hire-and-develop-the-best","name":"Hire and Develop the )"
                      R"(Best","stories":["my-first"],"strength":0,)") != std::string::npos);
  {
    PtyProcess review({REHEARSE_BINARY, "--db", bank.db, "--now", "2026-11-25T09:00", "review",
                       "stories", "--max", "1"},
                      80, 24);
    REQUIRE(review.wait_until([](const ScreenModel& s) {
      return s.text().find("Telling it aloud: 0:00") != std::string::npos;
    }));
    review.send(" ");
    REQUIRE(review.wait_until(
        [](const ScreenModel& s) { return s.text().find("Told in 0:0") != std::string::npos; }));
    review.send("5");
    CHECK(review.wait() == 0);
  }
  std::string input;
  for (int i = 0; i < 30; ++i)
    input += "\n5\n";
  const CliResult questions = bank.rehearse(
      {"review", "behavioral-people", "--tag", "lp:hire-and-develop-the-best"}, input);
  const std::size_t question = questions.out.find("| behavioral.people.raising-the-bar |");
  REQUIRE(question != std::string::npos);
  CHECK(questions.out.find("Your stories:\n- my-first: Example: raising the hiring bar while "
                           "growing a team from 6 to 14\n  (answers it)\n",
                           question) != std::string::npos);
}

TEST_CASE("a story the files no longer hold is listed and kept") {
  Bank bank;
  REQUIRE(bank.rehearse({"story", "import", kExamples}).exit_code == 0);
  const CliResult one = bank.rehearse({"story", "import", kExamples + "/example-hiring-bar.md"});
  CHECK(one.exit_code == 0);
  CHECK(one.out ==
        "1 story read: 0 added, 0 updated, 1 unchanged; cards: 0 added, 0 updated, 0 retired\n"
        "  in the collection but not in these files (kept): example-ledger-cutover\n"
        "Nothing changed.\n");
  CHECK(bank.rehearse({"story", "list"}).out.find("example-ledger-cutover") != std::string::npos);
}

TEST_CASE("an import refused for one file leaves every story and card as it was") {
  Bank bank;
  const std::filesystem::path folder = bank.folder();
  REQUIRE(bank.rehearse({"story", "import", folder.string()}).exit_code == 0);
  std::string text = read(folder / "example-ledger-cutover.md");
  text.replace(text.find("no downtime."), 12, "zero downtime.");
  write(folder / "example-ledger-cutover.md", text);
  write(folder / "zz-broken.md", "---\nid: broken\ntitle: [unclosed\n---\n");
  const CliResult refused = bank.rehearse({"story", "import", folder.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err.starts_with("rehearse: " + (folder / "zz-broken.md").string() + ":3:"));
  CHECK(bank.rehearse({"show", "story:example-ledger-cutover:beats", "--json"})
            .out.find("with no downtime.") != std::string::npos);
  CHECK(bank.rehearse({"story", "list"}).out.find("broken") == std::string::npos);
}

TEST_CASE("a story whose card id another deck holds is refused, and nothing is imported") {
  Bank bank;
  write(bank.dir / "taken.json",
        R"({"format": "rehearse-deck/1", "deck": {"id": "mine", "name": "Mine", "description": ""},
  "cards": [{"id": "story:example-hiring-bar:beats", "front": "F", "back": "B", "tags": []}]})");
  REQUIRE(bank.rehearse({"import", (bank.dir / "taken.json").string()}).exit_code == 0);
  const CliResult refused = bank.rehearse({"story", "import", kExamples});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == fmt::format("rehearse: story \"example-hiring-bar\" generates card "
                                   "\"story:example-hiring-bar:beats\", which is a card of another "
                                   "deck in {}\n",
                                   bank.db));
  CHECK(bank.rehearse({"story", "list"}).out.starts_with("No stories."));
  CHECK(bank.rehearse({"decks"}).out.find("My stories") == std::string::npos);
}
