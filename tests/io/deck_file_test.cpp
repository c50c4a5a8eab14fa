#include "io/deck_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "model/error.hpp"

using namespace rehearse;

namespace {

// A deck file whose "cards" member is `cards`; the cards start on line 4.
std::string deck_with(const std::string& cards) {
  return "{\n"
         "  \"format\": \"rehearse-deck/1\",\n"
         "  \"deck\": {\"id\": \"d\", \"name\": \"Deck\"},\n"
         "  \"cards\": [\n" +
         cards + "\n  ]\n}\n";
}

std::string error_of(const std::string& text) {
  try {
    parse_deck_file(text, "x.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("a deck file gives its deck and its cards in order, tags optional") {
  const DeckFile file =
      parse_deck_file(deck_with("    {\"id\": \"a.1\", \"front\": \"Q1\", \"back\": \"A1\", "
                                "\"tags\": [\"lp:ownership\", \"x\"]},\n"
                                "    {\"back\": \"A2\", \"front\": \"Q2\", \"id\": \"a.2\"}"),
                      "x.json");
  CHECK(file.deck == Deck{"d", "Deck", ""});
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[0] == CardContent{"a.1", "Q1", "A1", {"lp:ownership", "x"}});
  CHECK(file.cards[1] == CardContent{"a.2", "Q2", "A2", {}});
}

TEST_CASE("formatting then parsing a deck file gives back the same deck") {
  const DeckFile file{{"deck.id", "A \"quoted\" name", "Línea 1\nline 2"},
                      {{"c.1", "Front\twith tab", "Back\nwith lines", {"t:1", "lp:frugality"}},
                       {"c.2", "F", "B", {}}}};
  const std::string text = format_deck_file(file);
  const DeckFile again = parse_deck_file(text, "x.json");
  CHECK(again.deck == file.deck);
  CHECK(again.cards == file.cards);
  CHECK(format_deck_file(again) == text);
}

TEST_CASE("the written format is the documented one, two-space indented, tags always present") {
  const std::string text = format_deck_file({{"d", "Deck", ""}, {{"c", "F", "B", {}}}});
  CHECK(text ==
        "{\n"
        "  \"format\": \"rehearse-deck/1\",\n"
        "  \"deck\": {\n"
        "    \"id\": \"d\",\n"
        "    \"name\": \"Deck\",\n"
        "    \"description\": \"\"\n"
        "  },\n"
        "  \"cards\": [\n"
        "    {\n"
        "      \"id\": \"c\",\n"
        "      \"front\": \"F\",\n"
        "      \"back\": \"B\",\n"
        "      \"tags\": []\n"
        "    }\n"
        "  ]\n"
        "}\n");
}

TEST_CASE("invalid JSON is refused with its line and column") {
  // Line 7 is `    {"id": "a" "front": "F"}`: the second string starts at column 16.
  CHECK(error_of(deck_with("    {\"id\": \"a\",\n    \"front\": \"F\", \"back\": \"B\"},\n    "
                           "{\"id\": \"a\" \"front\": \"F\"}")) ==
        "x.json:7:16: invalid JSON: missing a comma or '}' after an object member");
  CHECK(error_of("") == "x.json:1:1: invalid JSON: the document is empty");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\"} []") ==
        "x.json:1:31: invalid JSON: the document root must not be followed by other values");
}

TEST_CASE("text that is not UTF-8 is refused") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"\xff\", \"back\": \"B\"}")) ==
        "x.json:5:27: the file is not valid UTF-8 text");
}

TEST_CASE("a missing field is named with the card and the line the card starts on") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\"}")) ==
        "x.json:5: card 1 (\"a\") has no \"back\"");
  CHECK(error_of(deck_with("    {\"front\": \"F\", \"back\": \"B\"}")) ==
        "x.json:5: card 1 has no \"id\"");
  CHECK(error_of("{\"deck\": {\"id\": \"d\", \"name\": \"D\"}, \"cards\": []}") ==
        "x.json:1: no \"format\" field (expected \"rehearse-deck/1\")");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"cards\": []}") ==
        "x.json:1: no \"deck\" field");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \"D\"}}") ==
        "x.json:1: no \"cards\" field");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\"}, \"cards\": []}") ==
        "x.json:1: \"deck\" has no \"name\"");
}

TEST_CASE("a field of the wrong type is named with its own line") {
  CHECK(error_of(deck_with("    {\"id\": \"a\",\n     \"front\": 42, \"back\": \"B\"}")) ==
        "x.json:6: card 1 (\"a\"): \"front\" must be a string");
  CHECK(
      error_of(deck_with(
          "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": \"lp:ownership\"}")) ==
      "x.json:5: card 1 (\"a\"): \"tags\" must be an array of strings");
  CHECK(error_of(
            deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": [1]}")) ==
        "x.json:5: card 1 (\"a\"): \"tags\" must be an array of strings");
  CHECK(error_of(deck_with("    \"just text\"")) ==
        "x.json:5: card 1 must be an object with id, front, back and tags");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \"D\"}, "
                 "\"cards\": {}}") == "x.json:1: \"cards\" must be an array of card objects");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": [], \"cards\": []}") ==
        "x.json:1: \"deck\" must be an object with id, name and description");
  CHECK(error_of("[1, 2]") ==
        "x.json:1: a deck file holds one JSON object with \"format\", \"deck\" and \"cards\"");
}

TEST_CASE("an unknown or repeated field is refused rather than ignored") {
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\",\n     \"tgas\": []}")) ==
        "x.json:6: card 1 (\"a\"): unknown field \"tgas\" (expected id, front, back, tags, group, "
        "reverse)");
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\",\n     \"front\": \"G\", \"back\": \"B\"}")) ==
        "x.json:6: \"front\" is given twice in the same object");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \"D\", "
                 "\"owner\": \"me\"}, \"cards\": []}") ==
        "x.json:1: unknown field \"owner\" in \"deck\" (expected id, name, description)");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"version\": 2, \"deck\": {\"id\": \"d\", "
                 "\"name\": \"D\"}, \"cards\": []}") ==
        "x.json:1: unknown field \"version\" (expected format, deck, cards)");
}

TEST_CASE("another format version is refused") {
  CHECK(error_of("{\"format\": \"rehearse-deck/2\", \"deck\": {\"id\": \"d\", \"name\": \"D\"}, "
                 "\"cards\": []}") ==
        "x.json:1: format \"rehearse-deck/2\" is not one this rehearse reads (expected "
        "\"rehearse-deck/1\")");
}

TEST_CASE("empty text and invalid ids are refused") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"  \\n \", \"back\": \"B\"}")) ==
        "x.json:5: card 1 (\"a\"): \"front\" is empty");
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"\"}")) ==
        "x.json:5: card 1 (\"a\"): \"back\" is empty");
  CHECK(error_of(deck_with("    {\"id\": \"a b\", \"front\": \"F\", \"back\": \"B\"}")) ==
        "x.json:5: card 1 (\"a b\"): id may only contain letters, digits and . _ - :");
  CHECK(error_of(deck_with("    {\"id\": \"\", \"front\": \"F\", \"back\": \"B\"}")) ==
        "x.json:5: card 1: id is empty");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d d\", \"name\": \"D\"}, "
                 "\"cards\": []}") ==
        "x.json:1: deck id \"d d\" may only contain letters, digits and . _ - :");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \" \"}, "
                 "\"cards\": []}") == "x.json:1: deck \"name\" is empty");
}

TEST_CASE("a card id used twice is refused naming both cards") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\"},\n"
                           "    {\"id\": \"b\", \"front\": \"F\", \"back\": \"B\"},\n"
                           "    {\"id\": \"a\", \"front\": \"G\", \"back\": \"C\"}")) ==
        "x.json:7: card id \"a\" is used twice (cards 1 and 3); ids must be unique");
}

TEST_CASE("unknown principles and rounds in tags are refused and a tag may not repeat") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\",\n     \"tags\": "
                           "[\"lp:ownershp\"]}")) ==
        "x.json:6: card 1 (\"a\"): tag 'lp:ownershp' names no Leadership Principle (see 'rehearse "
        "principles')");
  CHECK(error_of(
            deck_with(
                "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": [\"round:x\"]}"))
            .starts_with("x.json:5: card 1 (\"a\"): tag 'round:x' names no round"));
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": [\"x\", \"x\"]}")) ==
        "x.json:5: card 1 (\"a\"): tag 'x' is listed twice");
}

TEST_CASE("a byte order mark at the start is accepted") {
  CHECK(parse_deck_file("\xEF\xBB\xBF" + deck_with(""), "x.json").cards.empty());
}

TEST_CASE("a missing file is named in the error") {
  CHECK_THROWS_WITH(read_deck_file("/nonexistent/deck.json"),
                    "cannot read /nonexistent/deck.json: No such file or directory");
}

TEST_CASE("strings holding NUL or half a surrogate pair are refused, naming the line") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"x\\u0000y\", \"back\": \"B\"}")) ==
        "x.json:5: a string holds \\u0000, which deck files do not allow");
  CHECK(error_of(deck_with("    {\"id\": \"a\",\n     \"front\": \"\\udc00\", \"back\": \"B\"}")) ==
        "x.json:6: a string holds \\uDC00 alone, half of a UTF-16 surrogate pair (write the "
        "character itself, or both halves)");
  // Both halves together are one character, U+1F600, kept as UTF-8.
  CHECK(parse_deck_file(
            deck_with("    {\"id\": \"a\", \"front\": \"\\ud83d\\ude00\", \"back\": \"B\"}"),
            "x.json")
            .cards[0]
            .front == "\xF0\x9F\x98\x80");
}

TEST_CASE("a NUL byte in the file is refused with its line and column, whatever follows it") {
  // A whole deck, then a NUL and bytes that are not JSON: the parser alone would stop at the
  // NUL and never see them.
  const std::string deck = deck_with("");
  const int lines = static_cast<int>(std::count(deck.begin(), deck.end(), '\n'));
  CHECK(error_of(deck + std::string(1, '\0') + "not json") ==
        fmt::format("x.json:{}:1: the file holds a NUL byte, which a text file never does",
                    lines + 1));
  // Inside a string, before the deck is complete. Line 5 is `    {"id": "a`, NUL at 14.
  CHECK(error_of(deck_with(std::string("    {\"id\": \"a") + '\0' + "\"}")) ==
        "x.json:5:14: the file holds a NUL byte, which a text file never does");
}

TEST_CASE("bytes that are not UTF-8 are refused with their line and column") {
  // Line 5 is `    {"id": "a", "front": "?`: the opening quote is column 26, the bad byte 27.
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"\xC0\xAF\", \"back\": \"B\"}")) ==
        "x.json:5:27: the file is not valid UTF-8 text");
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"\xED\xA0\x80\", \"back\": \"B\"}")) ==
        "x.json:5:27: the file is not valid UTF-8 text");
  CHECK(parse_deck_file(
            deck_with(
                "    {\"id\": \"a\", \"front\": \"caf\xC3\xA9 \xE2\x82\xAC\", \"back\": \"B\"}"),
            "x.json")
            .cards[0]
            .front == "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST_CASE("a number where text is expected is a type error, never converted") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": 0e65, \"back\": \"B\"}")) ==
        "x.json:5: card 1 (\"a\"): \"front\" must be a string");
  CHECK(error_of("{\"format\": 1}") == "x.json:1: \"format\" must be a string");
}

TEST_CASE("nesting deeper than the format allows is refused at its first level") {
  CHECK(error_of(std::string(100000, '[')) ==
        "x.json:1: a deck file holds one JSON object with \"format\", \"deck\" and \"cards\"");
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": [[\"x\"]]}")) ==
        "x.json:5: card 1 (\"a\"): \"tags\" must be an array of strings");
}

TEST_CASE("a root member given again after the deck object is still refused") {
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \"D\"},\n"
                 " \"format\": \"rehearse-deck/1\", \"cards\": []}") ==
        "x.json:2: \"format\" is given twice in the same object");
}

TEST_CASE("a card may name its sibling group, and a card without one has none") {
  const DeckFile file =
      parse_deck_file(deck_with("    {\"id\": \"a.1\", \"front\": \"Q1\", \"back\": \"A1\", "
                                "\"group\": \"story.launch\"},\n"
                                "    {\"id\": \"a.2\", \"front\": \"Q2\", \"back\": \"A2\"}"),
                      "x.json");
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[0] == CardContent{"a.1", "Q1", "A1", {}, "story.launch"});
  CHECK(file.cards[1].group.empty());
}

TEST_CASE("a group follows the rules of ids, and is given once") {
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\",\n"
                           "     \"group\": \"two words\"}")) ==
        "x.json:6: card 1 (\"a\"): \"group\" may only contain letters, digits and . _ - :");
  CHECK(error_of(
            deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"group\": \"\"}")) ==
        "x.json:5: card 1 (\"a\"): \"group\" is empty");
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"group\": [\"g\"]}")) ==
        "x.json:5: card 1 (\"a\"): \"group\" must be a string");
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"group\": \"g\",\n"
            "     \"group\": \"h\"}")) == "x.json:6: \"group\" is given twice in the same object");
}

TEST_CASE("a group is written after the tags, only for a card that has one, and reads back") {
  const DeckFile file{{"d", "Deck", ""},
                      {{"c.1", "F", "B", {}, "g.1"}, {"c.2", "F2", "B2", {"t"}}}};
  const std::string text = format_deck_file(file);
  CHECK(text ==
        "{\n"
        "  \"format\": \"rehearse-deck/1\",\n"
        "  \"deck\": {\n"
        "    \"id\": \"d\",\n"
        "    \"name\": \"Deck\",\n"
        "    \"description\": \"\"\n"
        "  },\n"
        "  \"cards\": [\n"
        "    {\n"
        "      \"id\": \"c.1\",\n"
        "      \"front\": \"F\",\n"
        "      \"back\": \"B\",\n"
        "      \"tags\": [],\n"
        "      \"group\": \"g.1\"\n"
        "    },\n"
        "    {\n"
        "      \"id\": \"c.2\",\n"
        "      \"front\": \"F2\",\n"
        "      \"back\": \"B2\",\n"
        "      \"tags\": [\n"
        "        \"t\"\n"
        "      ]\n"
        "    }\n"
        "  ]\n"
        "}\n");
  const DeckFile again = parse_deck_file(text, "x.json");
  CHECK(again.cards == file.cards);
  CHECK(format_deck_file(again) == text);
}

namespace {

// A small deck on two lines, for placing one byte anywhere in it.
const std::string kSmallDeck =
    "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": \"D\"},\n"
    "\"cards\": [{\"id\": \"d.1\", \"front\": \"Q?\", \"back\": \"A\", \"tags\": [\"t\"]}]}\n";

// Line and column (1-based, in bytes) of an offset of `text`.
std::string line_and_column(const std::string& text, std::size_t offset) {
  const std::string before = text.substr(0, offset);
  const auto line = std::count(before.begin(), before.end(), '\n') + 1;
  const std::size_t newline = before.rfind('\n');
  const std::size_t column = newline == std::string::npos ? offset + 1 : offset - newline;
  return fmt::format("{}:{}", line, column);
}

}  // namespace

TEST_CASE(
    "every control byte 0x00-0x1F at every offset of a deck is refused with its line and column, "
    "wherever it falls in a 16-byte block") {
  for (int byte = 0; byte < 0x20; ++byte) {
    if (byte == '\t' || byte == '\n' || byte == '\r') continue;  // JSON's white space
    for (std::size_t offset = 0; offset <= kSmallDeck.size(); ++offset) {
      std::string text = kSmallDeck;
      text.insert(offset, 1, static_cast<char>(byte));
      INFO(fmt::format("byte 0x{:02X} at offset {}", byte, offset));
      const std::string where = "x.json:" + line_and_column(text, offset);
      CHECK(error_of(text) ==
            (byte == 0 ? where + ": the file holds a NUL byte, which a text file never does"
                       : fmt::format("{}: the file holds the control character U+{:04X}, which "
                                     "deck files do not allow",
                                     where, byte)));
    }
  }
}

TEST_CASE("tab, newline and carriage return are accepted between tokens and refused in strings") {
  std::size_t accepted = 0;
  for (std::size_t offset = 0; offset <= kSmallDeck.size(); ++offset) {
    std::vector<std::string> verdicts;
    for (const char space : {'\t', '\n', '\r'}) {
      std::string text = kSmallDeck;
      text.insert(offset, 1, space);
      const std::string verdict = error_of(text);
      verdicts.push_back(verdict == "accepted" ? verdict : "refused");
      if (verdict == "accepted") {
        CHECK(parse_deck_file(text, "x.json").cards == parse_deck_file(kSmallDeck, "x").cards);
      }
    }
    INFO("offset " << offset);
    CHECK(verdicts[0] == verdicts[1]);
    CHECK(verdicts[1] == verdicts[2]);
    accepted += verdicts[0] == "accepted";
  }
  CHECK(accepted == 58);  // the places between tokens, counted by hand
}

TEST_CASE("DEL and C1 control characters written raw are refused with their line and column") {
  CHECK(error_of("{\"format\": \"rehearse-deck/1\",\n \"x\": \"a\x7f\"}") ==
        "x.json:2:9: the file holds the control character U+007F, which deck files do not allow");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\",\n \"x\": \"\xC2\x9B[2J\"}") ==
        "x.json:2:8: the file holds the control character U+009B, which deck files do not allow");
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"x\": \"\xC2\xA0\xC3\xA9\"}") ==
        "x.json:1: unknown field \"x\" (expected format, deck, cards)");
}

TEST_CASE("an escape that writes a control character other than newline and tab is refused at it") {
  const std::string message =
      ": a string holds the control character U+{:04X}, which deck files do not allow (\\n and "
      "\\t are the only ones a string may hold)";
  // The escape starts at column 26 of line 2: {"id": "d.1", "front": "a<escape>
  const std::vector<std::pair<std::string, int>> refused = {
      {"\\u001b[2J", 0x1B}, {"\\u001B", 0x1B}, {"\\r", 0x0D},     {"\\b", 0x08},    {"\\f", 0x0C},
      {"\\u0007", 0x07},    {"\\u007f", 0x7F}, {"\\u0085", 0x85}, {"\\u009b", 0x9B}};
  for (const auto& [escape, code] : refused) {
    const std::string text =
        "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": "
        "\"D\"}, \"cards\": [\n{\"id\": \"d.1\", \"front\": \"a" +
        escape + "\", \"back\": \"A\"}]}";
    INFO(escape);
    CHECK(error_of(text) == "x.json:2:26" + fmt::format(fmt::runtime(message), code));
  }
  // After an escaped quote and an escaped backslash, in a deck's name and in a member name.
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": "
                 "\"\\\"\\\\\\u001b\"}}") ==
        "x.json:1:64" + fmt::format(fmt::runtime(message), 0x1B));
  CHECK(error_of("{\"a\\r\": 1}") == "x.json:1:4" + fmt::format(fmt::runtime(message), 0x0D));
  // \n, \t and other escapes are text.
  const DeckFile file = parse_deck_file(
      "{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": "
      "\"D\"}, \"cards\": [{\"id\": \"d.1\", \"front\": \"a\\nb\\tc\\u00e9\\\\r\", "
      "\"back\": \"\\u00a0A\"}]}",
      "x.json");
  CHECK(file.cards.at(0).front == "a\nb\tc\xC3\xA9\\r");
}

TEST_CASE("a front, back or deck name of only Unicode white space is empty") {
  for (const std::string blank :
       {"\\u00a0", "\xC2\xA0", "\xE3\x80\x80", "\\u3000 \\u2003\\u200b", "\\ufeff\\t\\n"}) {
    INFO(blank);
    CHECK(
        error_of(deck_with("    {\"id\": \"a\", \"front\": \"" + blank + "\", \"back\": \"B\"}")) ==
        "x.json:5: card 1 (\"a\"): \"front\" is empty");
    CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"" + blank +
                             "\"}")) == "x.json:5: card 1 (\"a\"): \"back\" is empty");
  }
  CHECK(error_of("{\"format\": \"rehearse-deck/1\", \"deck\": {\"id\": \"d\", \"name\": "
                 "\"\\u3000\"}, \"cards\": []}") == "x.json:1: deck \"name\" is empty");
  // A visible character among them is text.
  CHECK(parse_deck_file(
            deck_with("    {\"id\": \"a\", \"front\": \"\\u00a0\xC3\xA9\", \"back\": \"B\"}"),
            "x.json")
            .cards.at(0)
            .front == "\xC2\xA0\xC3\xA9");
}

TEST_CASE("a card appended to a deck file comes last, and the rest of the text stays as it was") {
  const std::string text =
      "{\"cards\": [\n"
      "  {\"id\": \"a.1\", \"front\": \"Q] {1\", \"back\": \"A\\\"1\", \"tags\": [\"x\"]}\n"
      "],\n"
      " \"deck\": {\"id\": \"d\", \"name\": \"Deck [cards]\"}, \"format\": \"rehearse-deck/1\"}\n";
  const std::string appended =
      with_card_appended(text, CardContent{"a.2", "Q2", "A2\nmore", {"lp:ownership"}});
  CHECK(
      appended ==
      "{\"cards\": [\n"
      "  {\"id\": \"a.1\", \"front\": \"Q] {1\", \"back\": \"A\\\"1\", \"tags\": [\"x\"]},\n"
      "    {\n"
      "      \"id\": \"a.2\",\n"
      "      \"front\": \"Q2\",\n"
      "      \"back\": \"A2\\nmore\",\n"
      "      \"tags\": [\n"
      "        \"lp:ownership\"\n"
      "      ]\n"
      "    }\n"
      "],\n"
      " \"deck\": {\"id\": \"d\", \"name\": \"Deck [cards]\"}, \"format\": \"rehearse-deck/1\"}\n");
  const DeckFile file = parse_deck_file(appended, "x.json");
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[1] == CardContent{"a.2", "Q2", "A2\nmore", {"lp:ownership"}});
}

TEST_CASE("a card appended to an exported deck file reads as a second export would write it") {
  const DeckFile one{{"d", "Deck", ""}, {{"c.1", "F", "B", {}}}};
  const DeckFile two{{"d", "Deck", ""}, {{"c.1", "F", "B", {}}, {"c.2", "G", "C", {"t"}}}};
  const DeckFile none{{"d", "Deck", ""}, {}};
  CHECK(with_card_appended(format_deck_file(one), two.cards[1]) == format_deck_file(two));
  CHECK(parse_deck_file(with_card_appended(format_deck_file(none), two.cards[1]), "x.json").cards ==
        std::vector<CardContent>{two.cards[1]});
}

TEST_CASE("a card may ask both ways with reverse set true, written after the group, read back") {
  const DeckFile file = parse_deck_file(
      deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"reverse\": true},\n"
                "    {\"id\": \"b\", \"front\": \"F\", \"back\": \"B\", \"reverse\": false}"),
      "x.json");
  REQUIRE(file.cards.size() == 2);  // the reverse is the collection's, not the file's
  CHECK(file.cards[0].reverse);
  CHECK_FALSE(file.cards[1].reverse);
  const std::string text = format_deck_file(file);
  CHECK(text.find("      \"tags\": [],\n      \"reverse\": true\n    },") != std::string::npos);
  CHECK(text.find("false") == std::string::npos);
  const DeckFile again = parse_deck_file(text, "x.json");
  CHECK(again.cards == file.cards);
  CHECK(format_deck_file(again) == text);
}

TEST_CASE("reverse takes true or false, once") {
  CHECK(error_of(deck_with(
            "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"reverse\": \"yes\"}")) ==
        "x.json:5: card 1 (\"a\"): \"reverse\" must be true or false");
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"reverse\": "
                           "true,\n     \"reverse\": true}")) ==
        "x.json:6: \"reverse\" is given twice in the same object");
  CHECK(error_of(
            deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\", \"tags\": true}")) ==
        "x.json:5: card 1 (\"a\"): \"tags\" must be an array of strings");
}

TEST_CASE("a reverse's id may not be an author's: the later card is refused, at its line") {
  // The author's card comes after the card asking both ways: refused at its id.
  CHECK(error_of(deck_with("    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\",\n"
                           "     \"reverse\": true},\n"
                           "    {\"id\": \"a.reverse\", \"front\": \"F\", \"back\": \"B\"}")) ==
        "x.json:7: card id \"a.reverse\" is the id of the reverse of card 1 (\"a\", which has "
        "\"reverse\": true); give this card another id");
  // The author's card comes first: refused at "reverse".
  CHECK(error_of(deck_with("    {\"id\": \"a.reverse\", \"front\": \"F\", \"back\": \"B\"},\n"
                           "    {\"id\": \"a\", \"front\": \"F\", \"back\": \"B\",\n"
                           "     \"reverse\": true}")) ==
        "x.json:7: card 2 (\"a\"): \"reverse\": true would add card \"a.reverse\", which is the "
        "id of card 1; give that card another id");
  // A reverse's id stays an id: at most 200 characters.
  const std::string long_id(193, 'x');
  CHECK(error_of(deck_with("    {\"id\": \"" + long_id +
                           "\", \"front\": \"F\", \"back\": \"B\", \"reverse\": true}")) ==
        "x.json:5: card 1 (\"" + long_id +
            "\"): \"reverse\" needs an id of at most 192 characters (its reverse's id adds "
            "\".reverse\")");
}
