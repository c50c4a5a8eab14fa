// End-to-end: `forecast` through the real binary, with --now.
#include <catch2/catch.hpp>

#include "support/numbered_collection.hpp"
#include "support/output_text.hpp"

using rehearse::test::CliResult;
using rehearse::test::lines_of;

namespace {

// Decks a (4 cards) and b (2 cards), imported on 1 Dec.
struct Fixture : rehearse::test::NumberedCollection {
  Fixture() : NumberedCollection({{"a", 4}, {"b", 2}}) {}
};

// a.0 and a.1 answered 5 on 1 Dec (due 2 Dec), a.2 on 1 and 2 Dec (I = 6: due 8 Dec), b.0 on
// 1 Dec (due 2 Dec, overdue by 3 Dec); a.3 and b.1 new.
void answer_some(const Fixture& f) {
  for (const char* card : {"a.0", "a.1", "a.2", "b.0"})
    REQUIRE(f.rehearse("2026-12-01", {"answer", card, "5"}).exit_code == 0);
  REQUIRE(f.rehearse("2026-12-02", {"answer", "a.2", "5"}).exit_code == 0);
}

}  // namespace

TEST_CASE("forecast --json counts the cards due each day, overdue ones today") {
  const Fixture f;
  answer_some(f);
  const CliResult json = f.rehearse("2026-12-03", {"forecast", "--days", "6", "--json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out ==
        "{\"today\":\"2026-12-03\",\"interview\":null,\"days\":[{\"day\":\"2026-12-03\",\"due\":3},"
        "{\"day\":\"2026-12-04\",\"due\":0},{\"day\":\"2026-12-05\",\"due\":0},"
        "{\"day\":\"2026-12-06\",\"due\":0},{\"day\":\"2026-12-07\",\"due\":0},"
        "{\"day\":\"2026-12-08\",\"due\":1}]}\n");
  CHECK(f.rehearse("2026-12-03", {"forecast", "b", "--days", "1", "--json"}).out ==
        "{\"today\":\"2026-12-03\",\"interview\":null,\"days\":[{\"day\":\"2026-12-03\",\"due\":1}"
        "]}\n");
}

TEST_CASE("forecast draws a bar per day in ASCII off a terminal, within 80 columns") {
  const Fixture f;
  answer_some(f);
  REQUIRE(f.rehearse("2026-12-01", {"plan", "--interview", "2026-12-08"}).exit_code == 0);
  const CliResult text = f.rehearse("2026-12-03", {"forecast", "--days", "7"});
  REQUIRE(text.exit_code == 0);
  const std::vector<std::string> lines = lines_of(text.out);
  REQUIRE(lines.size() == 8);
  CHECK(lines[0] == "Reviews due in the next 7 days (all decks): 4, at most 3 a day.");
  // Bar width 80 - 26 = 54 for the busiest day.
  CHECK(lines[1] == "12-03 Thu " + std::string(54, '#') + "    3");
  CHECK(lines[2] == "12-04 Fri " + std::string(54, ' ') + "    0");
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.size() <= 80);
  }
  // 8 Dec, the interview day, is past 5 days and within 9.
  const CliResult before = f.rehearse("2026-12-03", {"forecast", "--days", "5"});
  CHECK(before.out.find(" interview\n") == std::string::npos);
  CHECK(before.out.ends_with("Interview: 2026-12-08, after these days.\n"));
  const CliResult marked = f.rehearse("2026-12-03", {"forecast", "--days", "9"});
  CHECK(marked.out.find("12-08 Tue " + std::string(18, '#') + std::string(36, ' ') +
                        "    1 interview\n") != std::string::npos);
  CHECK(marked.out.find("Interview: ") == std::string::npos);
}

TEST_CASE("forecast refuses an unknown deck and a day count out of range") {
  const Fixture f;
  const CliResult deck = f.rehearse("2026-12-03", {"forecast", "zz"});
  CHECK(deck.exit_code == 1);
  CHECK(deck.err.starts_with("rehearse: no deck 'zz' in "));
  CHECK(f.rehearse("2026-12-03", {"forecast", "--days", "0"}).exit_code != 0);
  CHECK(f.rehearse("2026-12-03", {"forecast", "--days", "366"}).exit_code != 0);
}
