#include "io/anki_package.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "model/error.hpp"

using namespace rehearse;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(REHEARSE_SOURCE_DIR) / "tests/data/anki" / name;
}

std::string package_error(const std::string& name, const AnkiReadOptions& options = {}) {
  try {
    read_anki_package(fixture(name), options);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

const AnkiCard& card(const AnkiPackage& package, const std::string& id) {
  for (const AnkiCard& c : package.cards) {
    if (c.content.id == id) return c;
  }
  FAIL("no card " << id);
  throw;
}

// What both fixtures hold (tests/data/anki/make_fixtures.py), whatever the package format.
void check_fixture_cards(const AnkiPackage& package) {
  CHECK(package.created == 1767225600);
  REQUIRE(package.decks.size() == 3);
  CHECK(package.decks[0] == Deck{"anki.interview", "Interview", ""});
  CHECK(package.decks[1].name == "Interview::Leadership 🚀");
  CHECK(package.decks[1].id.starts_with("anki.interview.leadership-"));
  CHECK(package.decks[2] == Deck{"anki.interview.systems", "Interview::Systems", ""});
  REQUIRE(package.cards.size() == 8);

  // Basic, with HTML and tags; "aB3$xY!q0" in hex.
  const AnkiCard& basic = card(package, "anki.614233247859217130.1");
  CHECK(basic.content.front == "What does Ownership ask of a leader?");
  CHECK(basic.content.back == "Act for the whole company,\nnot only the team.");
  CHECK(basic.content.tags == std::vector<std::string>{"anki:lp::ownership", "basics"});
  CHECK(basic.deck_id == "anki.interview");
  CHECK(basic.schedule == AnkiSchedule{2, 2, 40, 12, 2360, 5, 1});

  // Basic (and reversed card): two siblings.
  const AnkiCard& forward = card(package, "anki.5265762d3132333435.1");
  const AnkiCard& reverse = card(package, "anki.5265762d3132333435.2");
  CHECK(forward.content.front == "Two-way door");
  CHECK(forward.content.back == "A decision cheap to reverse");
  CHECK(reverse.content.front == "A decision cheap to reverse");
  CHECK(reverse.content.back == "Two-way door");
  CHECK(forward.content.group == "anki.5265762d3132333435");
  CHECK(reverse.content.group == forward.content.group);
  CHECK(forward.schedule.queue == -1);

  // Type in the answer: the answer box is left out of the question.
  const AnkiCard& typed = card(package, "anki.747970652f696e3d31.1");
  CHECK(typed.content.front == "Latency budget for a page load?");
  CHECK(typed.content.back == "About 100 ms");
  CHECK(typed.deck_id == "anki.interview.systems");

  // Cloze: one card per number, the gap or its hint on the front, the text on the back.
  const AnkiCard& cloze1 = card(package, "anki.636c7a7e30303031.1");
  const AnkiCard& cloze2 = card(package, "anki.636c7a7e30303031.2");
  CHECK(cloze1.content.front ==
        "[...] says: pick two of consistency, availability and partition tolerance.");
  CHECK(cloze2.content.front == "CAP says: pick two of [three letters] and partition tolerance.");
  CHECK(cloze2.content.back ==
        "CAP says: pick two of consistency, availability and partition tolerance.\nBrewer, 2000");

  // A custom note type with sections, unicode and entities.
  const AnkiCard& custom = card(package, "anki.756e692dc3b12de697a5e69cac.1");
  CHECK(custom.content.front == "Was heißt Kundenbesessenheit? →\n\n(Customer Obsession)");
  CHECK(custom.content.back == "- Vom Kunden aus denken\n- Vertrauen gewinnen\n\nno source");
  CHECK(custom.content.tags == std::vector<std::string>{"unicode", "日本語"});

  // Empty fields: sections drop, an empty answer is shown as such, images are named.
  const AnkiCard& empty = card(package, "anki.656d7074792d666c64.1");
  CHECK(empty.content.front == "Name a metric you own.");
  CHECK(empty.content.back == "Source: [image: chart.png] team wiki");
  CHECK(package.skipped.empty());
}

}  // namespace

TEST_CASE("a schema 11 package gives its decks, its cards by note type, and their scheduling") {
  const AnkiPackage package = read_anki_package(fixture("legacy-schema11.apkg"));
  CHECK(package.collection_member == "collection.anki2");
  CHECK(package.schema_version == 11);
  check_fixture_cards(package);
}

TEST_CASE("a zstd-compressed anki21b package reads like the legacy one, its placeholder ignored") {
  const AnkiPackage package = read_anki_package(fixture("latest-anki21b.apkg"));
  CHECK(package.collection_member == "collection.anki21b");
  CHECK(package.schema_version == 18);
  check_fixture_cards(package);
}

TEST_CASE("Anki's review log comes with the cards it belongs to, oldest first") {
  const AnkiPackage package = read_anki_package(fixture("legacy-schema11.apkg"));
  REQUIRE(package.reviews.size() == 5);
  CHECK(package.reviews[0] ==
        AnkiReview{"anki.614233247859217130.1", 1767300000000, 3, 1, 0, 2500, 8000, 0});
  CHECK(package.reviews[1].button == 1);
  CHECK(package.reviews[3].card_id == "anki.5265762d3132333435.1");
  CHECK(package.reviews[4].kind == 4);
}

TEST_CASE("media files come out under their names, from the JSON map or the zstd protobuf") {
  AnkiReadOptions options;
  options.read_media = true;
  for (const char* name : {"legacy-schema11.apkg", "latest-anki21b.apkg"}) {
    const AnkiPackage package = read_anki_package(fixture(name), options);
    REQUIRE(package.media.size() == 1);
    CHECK(package.media[0].name == "chart.png");
    CHECK(package.media[0].data.size() == 66);
    CHECK(package.media[0].data.starts_with("\x89PNG"));
  }
}

TEST_CASE("hostile or broken packages are refused with one line each") {
  const std::string dir = fixture("").string();
  CHECK(package_error("broken-not-a-zip.apkg") ==
        dir + "broken-not-a-zip.apkg: not an Anki package (not a zip archive)");
  CHECK(package_error("hostile-zip-slip.apkg") ==
        dir +
            "hostile-zip-slip.apkg: refused: it holds a path that leads outside the folder it "
            "is read into (\"../../outside.txt\")");
  AnkiReadOptions media;
  media.read_media = true;
  CHECK(package_error("hostile-media-slip.apkg", media) ==
        dir +
            "hostile-media-slip.apkg: refused: a media file name leads outside the media "
            "folder (\"../../evil.sh\")");
  CHECK(package_error("hostile-zip-bomb.apkg") ==
        dir +
            "hostile-zip-bomb.apkg: refused: \"collection.anki2\" inflates to more than 200 "
            "times its compressed size (a zip bomb?)");
  CHECK(package_error("broken-no-collection.apkg") ==
        dir +
            "broken-no-collection.apkg: no collection inside (expected collection.anki21b, "
            "collection.anki21 or collection.anki2): not an Anki package");
  CHECK(package_error("broken-corrupt-collection.apkg") ==
        dir +
            "broken-corrupt-collection.apkg: the collection inside (collection.anki2) cannot be "
            "read: file is not a database");
  CHECK(package_error("broken-schema-99.apkg") ==
        dir +
            "broken-schema-99.apkg: collection schema version 99 is not supported (expected 11 "
            "to 18)");
  CHECK(
      package_error("does-not-exist.apkg").starts_with(dir + "does-not-exist.apkg: cannot open: "));
}

TEST_CASE("a package is refused once it inflates past the absolute cap, while inflating") {
  AnkiReadOptions options;
  options.limits.max_total_bytes = 16 * 1024;
  CHECK(package_error("legacy-schema11.apkg", options) ==
        fixture("legacy-schema11.apkg").string() +
            ": refused: the package inflates to more than 16 KiB (a zip bomb?)");
}
