#include "io/anki_text.hpp"

#include <catch2/catch.hpp>

#include "io/interop_text.hpp"
#include "model/error.hpp"

using namespace rehearse;

namespace {

std::string text_error(std::string_view text) {
  try {
    parse_anki_text(text, "notes.txt");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("Anki's text export with guid, note type, deck and tags columns gives its cards") {
  const std::string text =
      "#separator:tab\n"
      "#html:true\n"
      "#guid column:1\n"
      "#notetype column:2\n"
      "#deck column:3\n"
      "#tags column:6\n"
      "aB3$xY!q0\tBasic\tInterview\tWhat does <b>Ownership</b> ask?\tAct &amp; own\tlp::ownership "
      "basics\n"
      "Rev-12345\tBasic (and reversed card)\tInterview::Systems\t\"Two-way\n"
      "door\"\tCheap to reverse\t\n"
      "clz~0001\tCloze\tInterview::Systems\t{{c1::CAP}} picks {{c2::two::how many}}\tBrewer\t\n";
  const std::vector<DeckFile> decks = parse_anki_text(text, "notes.txt");
  REQUIRE(decks.size() == 2);
  CHECK(decks[0].deck == Deck{"anki.interview", "Interview", ""});
  CHECK(decks[1].deck == Deck{"anki.interview.systems", "Interview::Systems", ""});
  REQUIRE(decks[0].cards.size() == 1);
  CHECK(decks[0].cards[0] == CardContent{"anki.614233247859217130.1",
                                         "What does Ownership ask?",
                                         "Act & own",
                                         {"anki:lp::ownership", "basics"}});
  REQUIRE(decks[1].cards.size() == 4);
  CHECK(decks[1].cards[0] == CardContent{"anki.5265762d3132333435.1",
                                         "Two-way door",
                                         "Cheap to reverse",
                                         {},
                                         "anki.5265762d3132333435"});
  CHECK(decks[1].cards[1].front == "Cheap to reverse");
  CHECK(decks[1].cards[1].id == "anki.5265762d3132333435.2");
  CHECK(decks[1].cards[2].front == "[...] picks two");
  CHECK(decks[1].cards[3].front == "CAP picks [how many]");
  CHECK(decks[1].cards[3].back == "CAP picks two\nBrewer");
  CHECK(decks[1].cards[3].id == "anki.636c7a7e30303031.2");
}

TEST_CASE("without guid or deck columns, cards get ids from their front and the file's deck") {
  const std::vector<DeckFile> decks = parse_anki_text(
      "#separator:Comma\n#html:false\n#tags:imported\nQ1,A1\n\"Q, 2\",A2\n", "My Notes.txt");
  REQUIRE(decks.size() == 1);
  CHECK(decks[0].deck == Deck{"my-notes", "My Notes", ""});
  REQUIRE(decks[0].cards.size() == 2);
  CHECK(decks[0].cards[0] ==
        CardContent{derived_card_id("my-notes", "Q1"), "Q1", "A1", {"imported"}});
  CHECK(decks[0].cards[1].front == "Q, 2");
}

TEST_CASE("plain-text exports keep their text and HTML ones become text") {
  CHECK(parse_anki_text("#html:false\n<b>x</b>\ty\n", "a.txt")[0].cards[0].front == "<b>x</b>");
  CHECK(parse_anki_text("#html:true\n<b>x</b>\ty\n", "a.txt")[0].cards[0].front == "x");
}

TEST_CASE("a text export that does not fit its header is refused naming the line") {
  CHECK(text_error("#separator:dash\nQ-A\n") ==
        "notes.txt:1: #separator: \"dash\" is not Tab, Comma, Semicolon, Space, Pipe, Colon or one "
        "character");
  CHECK(text_error("#separator:tab\n#deck column:x\n") ==
        "notes.txt:2: \"x\" is not a column number (1 or more)");
  CHECK(text_error("#separator:tab\n#tags column:4\nQ\tA\n") ==
        "notes.txt:3: the header names column 4, this note has 2");
  CHECK(text_error("#separator:tab\n\tA\n") == "notes.txt:2: the note's front is empty");
  CHECK(text_error("#separator:tab\nQ\tA\nQ\tB\n") ==
        "notes.txt:3: card id \"notes." + text_hash("Q") + "\" is also on line 2");
}
