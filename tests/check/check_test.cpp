#include "check/check.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "import/import.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;
using rehearse::test::TempDir;
using std::chrono::days;

namespace {

const Day kDay0 = Day{std::chrono::year{2026} / 11 / 1};

Moment at(Day day) {
  return {std::chrono::sys_time<std::chrono::milliseconds>(day.time_since_epoch()), day};
}

// A collection at `path` whose card "a" was answered 2 on day 0 and 5 on day 1.
void answered_collection(const std::filesystem::path& path) {
  Collection collection = Collection::open(path);
  const DeckFile file{{"deck", "Deck", ""}, {{"a", "A?", "A", {}}, {"b", "B?", "B", {}}}};
  import_decks(collection, std::span<const DeckFile>(&file, 1));
  answer_card(collection, "a", Grade::from_int(2), at(kDay0), {});
  answer_card(collection, "a", Grade::from_int(5), at(kDay0 + days{1}), {});
}

// Rewrites one column of the log's row `id`, as a tool working behind rehearse's back could.
void tamper(const std::filesystem::path& path, const std::string& assignment, int id) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  db.exec("DROP TRIGGER reviews_no_update");
  db.exec("UPDATE reviews SET " + assignment + " WHERE id = " + std::to_string(id));
}

}  // namespace

TEST_CASE("check finds every log row's before and after as the replay gives them") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  const CheckReport report = check_collection(Collection::open(dir / "c.db"));
  CHECK(report.ok());
  CHECK(report.answers_replayed == 2);
  CHECK(report.mismatched_log_cards.empty());
}

TEST_CASE("check reports a log row whose state after the answer is not the replay's") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  // The first answer (grade 2 on day 0) made "a" due on day 1; say it stayed as before.
  tamper(dir / "c.db", "due_after = due_before", 1);
  const CheckReport report = check_collection(Collection::open(dir / "c.db"));
  CHECK_FALSE(report.ok());
  CHECK(report.mismatched_log_cards == std::vector<std::string>{"a"});
  CHECK(report.mismatched_cards.empty());  // the card's own state still matches
}

TEST_CASE("check reports a log row whose state before the answer is not the replay's") {
  const TempDir dir;
  answered_collection(dir / "c.db");
  tamper(dir / "c.db", "ease_before = 130", 2);
  CHECK(check_collection(Collection::open(dir / "c.db")).mismatched_log_cards ==
        std::vector<std::string>{"a"});
}
