#include "io/import_formats.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "io/anki_schedule.hpp"
#include "model/error.hpp"
#include "support/temp_dir.hpp"

using namespace rehearse;

namespace {

std::filesystem::path write(const test::TempDir& dir, const std::string& name,
                            const std::string& text) {
  const std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(REHEARSE_SOURCE_DIR) / "tests/data/anki" / name;
}

}  // namespace

TEST_CASE("a file's format is told by its content first, then by its extension") {
  const test::TempDir dir;
  CHECK(detect_import_format(fixture("legacy-schema11.apkg")) == ImportFormat::apkg);
  CHECK(detect_import_format(write(dir, "a.txt", "{\"format\": 1}")) == ImportFormat::deck);
  CHECK(detect_import_format(write(dir, "b.txt", "---\nid: x\n")) == ImportFormat::markdown);
  CHECK(detect_import_format(write(dir, "c.csv", "#separator:tab\nQ\tA\n")) ==
        ImportFormat::anki_text);
  CHECK(detect_import_format(write(dir, "d.tsv", "front\tback\n")) == ImportFormat::tsv);
  CHECK(detect_import_format(write(dir, "e.CSV", "front,back\n")) == ImportFormat::csv);
  CHECK(detect_import_format(write(dir, "f.md", "# title\n")) == ImportFormat::markdown);
  CHECK_THROWS_WITH(detect_import_format(write(dir, "g.dat", "front,back\n")),
                    (dir / "g.dat").string() +
                        ": cannot tell its format; name it with --format apkg, csv, tsv, "
                        "anki-text, markdown or deck");
}

TEST_CASE("format names are the --format values") {
  for (const ImportFormat format :
       {ImportFormat::deck, ImportFormat::csv, ImportFormat::tsv, ImportFormat::anki_text,
        ImportFormat::markdown, ImportFormat::apkg}) {
    CHECK(parse_import_format(format_name(format)) == format);
  }
  CHECK_THROWS_WITH(parse_import_format("xlsx"),
                    "--format: \"xlsx\" is not a format (expected apkg, csv, tsv, anki-text, "
                    "markdown or deck)");
}

TEST_CASE("an Anki package read for import gives one deck file per Anki deck") {
  const ImportedFile file = read_import_file(fixture("legacy-schema11.apkg"), ImportFormat::apkg);
  REQUIRE(file.anki.has_value());
  REQUIRE(file.decks.size() == 3);
  CHECK(file.decks[0].deck.id == "anki.interview");
  CHECK(file.decks[0].cards.size() == 2);  // Basic, custom with empty fields
  CHECK(file.decks[1].cards.size() == 3);  // the reversed pair, custom
  CHECK(file.decks[2].cards.size() == 3);  // type-in, two cloze cards
}

TEST_CASE("a TSV file read for import takes --deck and --columns") {
  const test::TempDir dir;
  ImportFileOptions options;
  options.deck_id = "mine";
  options.columns = parse_column_mapping("q=front,a=back");
  const ImportedFile file =
      read_import_file(write(dir, "x.tsv", "q\ta\nQ\tA\n"), ImportFormat::tsv, options);
  REQUIRE(file.decks.size() == 1);
  CHECK(file.decks[0].deck.id == "mine");
  CHECK(file.decks[0].cards.at(0).front == "Q");
}

TEST_CASE("Anki's scheduling maps onto SM-2 state as docs/interop.md says") {
  const std::int64_t created = 1767225600;  // 2026-01-01
  const Day jan1 = utc_day(created);
  CHECK(sm2_progress({0, 0, 7, 0, 0, 0, 0}, created, std::nullopt) == AnkiProgress{});
  const AnkiProgress review = sm2_progress({2, 2, 40, 12, 2360, 5, 1}, created, jan1);
  CHECK(review.state.repetitions == 5);
  CHECK(review.state.ease == Ease::from_hundredths(236));
  CHECK(review.state.interval_days == 12);
  CHECK(review.state.due == jan1 + std::chrono::days{40});
  CHECK(review.state.last_answered == jan1);
  CHECK_FALSE(review.suspended);
  CHECK(sm2_progress({2, -1, 30, 4, 2500, 2, 0}, created, std::nullopt).suspended);
  const AnkiProgress learning =
      sm2_progress({1, 1, created + 86400 * 45, -600, 1200, 1, 0}, created, std::nullopt);
  CHECK(learning.state.due == jan1 + std::chrono::days{45});
  CHECK(learning.state.interval_days == 1);
  CHECK(learning.state.ease == Ease::from_hundredths(130));
}

TEST_CASE("Anki's answer buttons map to SM-2 grades, a reschedule to none") {
  CHECK(grade_of_button(1) == Grade::from_int(1));
  CHECK(grade_of_button(2) == Grade::from_int(3));
  CHECK(grade_of_button(3) == Grade::from_int(4));
  CHECK(grade_of_button(4) == Grade::from_int(5));
  CHECK(grade_of_button(0) == std::nullopt);
  CHECK(grade_of_button(7) == std::nullopt);
}

TEST_CASE("every card of a package gets its SM-2 progress, its last answer from the review log") {
  const AnkiPackage package = read_anki_package(fixture("legacy-schema11.apkg"));
  const auto progress = anki_progress(package);
  REQUIRE(progress.size() == package.cards.size());
  const AnkiProgress& basic = progress.at("anki.614233247859217130.1");
  CHECK(basic.state.due == utc_day(package.created) + std::chrono::days{40});
  // Its last row is a manual reschedule, no answer: the last answer is the Easy before it.
  CHECK(basic.state.last_answered == utc_day(1767500000));
  CHECK(progress.at("anki.5265762d3132333435.1").suspended);
  CHECK(progress.at("anki.5265762d3132333435.2").state.is_new());
}

TEST_CASE("what other formats give is checked like a deck file, naming the card") {
  const auto error_of = [](const DeckFile& file) -> std::string {
    try {
      check_deck_content(file, "x.csv");
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  };
  const Deck deck{"d", "D", ""};
  CHECK(error_of({deck, {{"ok.1", "F", "B", {"t"}}}}) == "accepted");
  CHECK(error_of({{"bad id", "D", ""}, {}}) ==
        "x.csv: deck id \"bad id\" must be 1-100 characters from a-z A-Z 0-9 . _ - : (name one "
        "with --deck)");
  CHECK(error_of({deck, {{"my card", "F", "B", {}}}}) ==
        "x.csv: card id \"my card\" must be 1-200 characters from a-z A-Z 0-9 . _ - :");
  CHECK(error_of({deck, {{"c", "F", "B", {"lp:nope"}}}}) ==
        "x.csv: card \"c\": tag 'lp:nope' names no Leadership Principle (see 'rehearse "
        "principles')");
  CHECK(error_of({deck, {{"c", "F", "B", {"t", "t"}}}}) ==
        "x.csv: card \"c\": tag 't' is listed twice");
  CHECK(error_of({deck, {{"c", "F", "B", {}}, {"c", "G", "B", {}}}}) ==
        "x.csv: card id \"c\" is used twice; ids must be unique");
  CHECK(error_of({deck, {{"c", " ", "B", {}}}}) == "x.csv: card \"c\": the front is empty");
}

TEST_CASE("a package's kept progress holds each card's Anki state and its answers, oldest first") {
  const AnkiPackage package = read_anki_package(fixture("legacy-schema11.apkg"));
  const ProgressByCard kept = kept_progress(package);
  CHECK(kept.size() == 5);  // the new cards that are not suspended have nothing to keep
  CHECK_FALSE(kept.contains("anki.5265762d3132333435.2"));
  const CardProgress& basic = kept.at("anki.614233247859217130.1");
  CHECK(basic.state.lapses == 1);
  CHECK(basic.state.repetitions == 5);
  // Good, Again, Easy; the manual reschedule after them is no answer.
  REQUIRE(basic.answers.size() == 3);
  CHECK(basic.answers[0].grade == Grade::from_int(4));
  CHECK(basic.answers[1].grade == Grade::from_int(1));
  CHECK(basic.answers[2].grade == Grade::from_int(5));
  CHECK(basic.answers[1].duration == std::chrono::milliseconds(12000));
  CHECK(basic.answers[1].moment.instant.time_since_epoch() ==
        std::chrono::milliseconds(1767400000000));
  CHECK(basic.answers[1].moment.day == utc_day(1767400000));
  const CardProgress& suspended = kept.at("anki.5265762d3132333435.1");
  CHECK(suspended.suspended);
  REQUIRE(suspended.answers.size() == 1);
  CHECK(suspended.answers[0].grade == Grade::from_int(3));
  CHECK(kept.at("anki.747970652f696e3d31.1").answers.empty());  // progress, no review log
}

TEST_CASE("count_days_with puts a package's answers on the days the given function gives") {
  const AnkiPackage package = read_anki_package(fixture("legacy-schema11.apkg"));
  // Days that begin at 05:00 UTC (a time zone 5 hours behind, days from midnight) put
  // 2026-01-03 00:26:40 UTC on 2026-01-02 and 2026-01-04 04:13:20 UTC on 2026-01-03.
  const DayOfInstant five_hours_behind = [](std::chrono::sys_time<std::chrono::milliseconds> t) {
    return Day{std::chrono::floor<std::chrono::days>(t - std::chrono::hours{5}).time_since_epoch()};
  };
  ProgressByCard kept = kept_progress(package);
  count_days_with(kept, five_hours_behind);
  const CardProgress& basic = kept.at("anki.614233247859217130.1");
  REQUIRE(basic.answers.size() == 3);
  CHECK(basic.answers[1].moment.day == Day{std::chrono::year{2026} / 1 / 2});
  CHECK(basic.answers[1].moment.instant.time_since_epoch() ==
        std::chrono::milliseconds(1767400000000));
  CHECK(basic.answers[2].moment.day == Day{std::chrono::year{2026} / 1 / 3});
  CHECK(basic.state.last_answered == Day{std::chrono::year{2026} / 1 / 3});
}
