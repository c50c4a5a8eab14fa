// End-to-end: cards --search, next --search and review --search through the real binary on a
// temporary collection whose cards were answered, failed, suspended and undone with --now.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;

namespace {

constexpr const char* kDesign = R"({"format": "rehearse-deck/1",
 "deck": {"id": "design", "name": "Design"},
 "cards": [
  {"id": "design.queue", "front": "What does a queue buy you?", "back": "Back pressure", "tags": ["round:technical"]},
  {"id": "design.cache", "front": "When to cache?", "back": "Read-heavy, 50%_off", "tags": ["round:technical", "lp:frugality"]},
  {"id": "design.shard", "front": "Why shard?", "back": "Write throughput"}
 ]}
)";

constexpr const char* kPeople = R"({"format": "rehearse-deck/1",
 "deck": {"id": "people", "name": "People"},
 "cards": [
  {"id": "people.hire", "front": "How do you hire?", "back": "Raise the bar", "tags": ["lp:hire-and-develop-the-best"]},
  {"id": "people.fire", "front": "Managing out", "back": "Clear expectations", "tags": ["lp:ownership"]},
  {"id": "people.coach", "front": "How do you coach?", "back": "Ask, then listen"}
 ]}
)";

// The collection after three days of use, looked at on 2026-12-03:
//   12-01  design.queue 5, people.hire 2 (failed, asked again today), people.coach 4 (undone),
//          design.shard 4; people.fire suspended
//   12-02  design.shard 1 (a lapse: a leech at threshold 1, suspended)
struct Searched {
  TempDir dir;
  std::string db = (dir / "collection.db").string();

  Searched() {
    write_file("design.json", kDesign);
    write_file("people.json", kPeople);
    at("2026-12-01T09:00",
       {"import", (dir / "design.json").string(), (dir / "people.json").string()});
    at("2026-12-01T09:00", {"config", "leech-threshold", "1"});
    at("2026-12-01T09:00", {"answer", "design.queue", "5"});
    at("2026-12-01T09:01", {"answer", "people.hire", "2"});
    at("2026-12-01T09:02", {"answer", "design.shard", "4"});
    at("2026-12-01T09:03", {"answer", "people.coach", "4"});
    at("2026-12-01T09:04", {"undo"});
    at("2026-12-01T09:05", {"suspend", "people.fire"});
    at("2026-12-02T09:00", {"answer", "design.shard", "1"});
  }

  void write_file(const std::string& name, const std::string& text) const {
    rehearse::test::write_text(dir, name, text);
  }

  CliResult run(const std::string& now, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db, "--now", now});
    return run_rehearse(args);
  }

  void at(const std::string& now, const std::vector<std::string>& args) const {
    const CliResult result = run(now, args);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
  }

  // The ids `cards --search QUERY` lists on `day` (09:00), in deck order.
  std::vector<std::string> found(const std::string& query,
                                 const std::string& day = "2026-12-03") const {
    const CliResult result = run(day + "T09:00", {"cards", "--search", query});
    INFO(query << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<std::string> ids;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);)
      ids.push_back(line.substr(0, line.find(' ')));
    return ids;
  }
};

using Ids = std::vector<std::string>;

TEST_CASE("cards --search finds text in fronts and backs, whatever the case, % and _ literal") {
  const Searched c;
  CHECK(c.found("queue") == Ids{"design.queue"});
  CHECK(c.found("BACK") == Ids{"design.queue"});
  CHECK(c.found("\"raise the\"") == Ids{"people.hire"});
  CHECK(c.found("how -coach") == Ids{"people.hire"});
  CHECK(c.found("50%_") == Ids{"design.cache"});
  CHECK(c.found("%") == Ids{"design.cache"});
  CHECK(c.found("_") == Ids{"design.cache"});
  CHECK(c.found("nowhere").empty());
}

TEST_CASE("cards --search matches decks and tags, with * as a wildcard") {
  const Searched c;
  CHECK(c.found("deck:people") == Ids{"people.hire", "people.fire", "people.coach"});
  CHECK(c.found("deck:des*") == Ids{"design.queue", "design.cache", "design.shard"});
  CHECK(c.found("deck:peop").empty());
  CHECK(c.found("tag:lp:ownership") == Ids{"people.fire"});
  CHECK(c.found("tag:lp:*") == Ids{"design.cache", "people.hire", "people.fire"});
  CHECK(c.found("-tag:lp:*") == Ids{"design.queue", "design.shard", "people.coach"});
  CHECK(c.found("tag:round:* tag:lp:*") == Ids{"design.cache"});
}

TEST_CASE("cards --search matches states: new, due, suspended, leech and re-asks") {
  const Searched c;
  // people.coach's only answer was undone: new again. Suspended cards still count as new.
  CHECK(c.found("is:new") == Ids{"design.cache", "people.fire", "people.coach"});
  CHECK(c.found("is:new -is:suspended") == Ids{"design.cache", "people.coach"});
  // design.queue and people.hire fell due on 12-02; design.shard is suspended as a leech.
  CHECK(c.found("is:due") == Ids{"design.queue", "people.hire"});
  CHECK(c.found("is:due", "2026-12-01").empty());
  CHECK(c.found("is:suspended") == Ids{"design.shard", "people.fire"});
  CHECK(c.found("is:leech") == Ids{"design.shard"});
  CHECK(c.found("is:reask", "2026-12-01") == Ids{"people.hire"});
  CHECK(c.found("is:reask").empty());
}

TEST_CASE("cards --search is:changed finds answered cards whose text an import edited") {
  const Searched c;
  CHECK(c.found("is:changed").empty());
  // design.queue was answered; design.cache never was; people.coach's answer was undone;
  // design.shard only gains a tag.
  std::string edited = kDesign;
  edited.replace(edited.find("What does a queue"), 17, "What does a queue really");
  edited.replace(edited.find("Read-heavy"), 10, "Read-mostly");
  edited.replace(edited.find("\"Write throughput\""), 18,
                 "\"Write throughput\", \"tags\": [\"x\"]");
  c.write_file("design.json", edited);
  std::string people = kPeople;
  people.replace(people.find("Ask, then listen"), 16, "Listen");
  c.write_file("people.json", people);
  const std::vector<std::string> files{(c.dir / "design.json").string(),
                                       (c.dir / "people.json").string()};
  std::vector<std::string> dry{"import", "--dry-run"};
  dry.insert(dry.end(), files.begin(), files.end());
  const CliResult preview = c.run("2026-12-03T09:00", dry);
  CHECK(preview.exit_code == 0);
  CHECK(preview.out.find("design (" + files[0] +
                         "): 0 added, 3 updated, 0 unchanged, 0 missing\n"
                         "  1 changed since reviewed, schedule kept: cards --search is:changed "
                         "lists them\n"
                         "people (" +
                         files[1] + "): 0 added, 1 updated, 2 unchanged, 0 missing\n") == 0);
  CHECK(c.found("is:changed").empty());
  std::vector<std::string> import{"import"};
  import.insert(import.end(), files.begin(), files.end());
  c.at("2026-12-03T09:00", import);
  CHECK(c.found("is:changed") == Ids{"design.queue"});
  CHECK(c.found("-is:changed deck:design") == Ids{"design.cache", "design.shard"});
  // The schedule is kept: design.queue is still due.
  CHECK(c.found("is:due is:changed") == Ids{"design.queue"});
  const CliResult shown = c.run("2026-12-03T09:00", {"show", "design.queue", "--json"});
  CHECK(shown.out.find(R"("lapses":0,"changed":true,)") != std::string::npos);
  // The next answer is given to the new text: the flag clears.
  c.at("2026-12-03T09:01", {"answer", "design.queue", "4"});
  CHECK(c.found("is:changed").empty());
}

TEST_CASE("cards --search compares ease, interval and lapses") {
  const Searched c;
  // design.queue 5: ease 2.60, interval 1. people.hire 2: ease 2.18. design.shard 4 then 1.
  CHECK(c.found("ease>2.5") == Ids{"design.queue"});
  CHECK(c.found("ease>=2.60") == Ids{"design.queue"});
  CHECK(c.found("ease>2.6").empty());
  CHECK(c.found("ease<2.5") == Ids{"design.shard", "people.hire"});
  CHECK(c.found("ease=2.5") == Ids{"design.cache", "people.fire", "people.coach"});
  CHECK(c.found("interval>0") == Ids{"design.queue", "design.shard", "people.hire"});
  CHECK(c.found("lapses>=1") == Ids{"design.shard"});
  CHECK(c.found("lapses=0 -is:new") == Ids{"design.queue", "people.hire"});
}

TEST_CASE("cards --search rated:N counts today as one of the N days and skips undone answers") {
  const Searched c;
  CHECK(c.found("rated:1").empty());
  CHECK(c.found("rated:2") == Ids{"design.shard"});
  CHECK(c.found("rated:3") == Ids{"design.queue", "design.shard", "people.hire"});
  CHECK(c.found("rated:1", "2026-12-01") == Ids{"design.queue", "design.shard", "people.hire"});
  CHECK(c.found("-rated:30") == Ids{"design.cache", "people.fire", "people.coach"});
}

TEST_CASE("a search that does not parse is refused with its column and nothing is listed") {
  const Searched c;
  const CliResult result = c.run("2026-12-03T09:00", {"cards", "--search", "tag:lp:* is:done"});
  CHECK(result.exit_code == 1);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "rehearse: search: column 10, 'is:done': expected is:new, is:due, is:suspended, "
        "is:leech, is:reask or is:changed\n");
  const CliResult empty = c.run("2026-12-03T09:00", {"review", "--search", ""});
  CHECK(empty.exit_code == 1);
  CHECK(empty.err ==
        "rehearse: search: the query is empty; give a word or a term such as tag:lp:ownership\n");
}

TEST_CASE("next --search and review --search ask only the matching cards") {
  const Searched c;
  const CliResult next = c.run("2026-12-03T09:00", {"next", "--search", "deck:people", "--json"});
  REQUIRE(next.exit_code == 0);
  CHECK(next.out.find("\"id\":\"people.hire\"") != std::string::npos);

  const CliResult review = c.run("2026-12-03T09:00", {"review", "--search", "is:new deck:design"});
  REQUIRE(review.exit_code == 0);
  CHECK(review.out.starts_with("Reviewing search 'is:new deck:design': 0 due, 1 new"));
  CHECK(review.out.find("design.cache") != std::string::npos);
  CHECK(review.out.find("design.queue") == std::string::npos);
}

}  // namespace
