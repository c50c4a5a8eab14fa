#include "io/csv.hpp"

#include <catch2/catch.hpp>

#include "io/interop_text.hpp"
#include "model/error.hpp"

using namespace rehearse;

namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> fields_of(std::string_view text, char delimiter = ',') {
  std::vector<Fields> out;
  for (const CsvRecord& record : parse_csv(text, delimiter, "x.csv"))
    out.push_back(record.fields);
  return out;
}

std::string csv_error(std::string_view text) {
  try {
    parse_csv(text, ',', "x.csv");
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

std::string deck_error(std::string_view text, const CsvDeckOptions& options = {}) {
  try {
    parse_csv_deck(text, "sheet.csv", options);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

CsvDeckOptions deck_options(std::string deck_id, char delimiter = ',') {
  CsvDeckOptions options;
  options.deck_id = std::move(deck_id);
  options.delimiter = delimiter;
  return options;
}

}  // namespace

// The cases of RFC 4180, section 2, one per rule.
TEST_CASE("RFC 4180: records end with CRLF, the last one may end without") {
  CHECK(fields_of("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n") ==
        std::vector<Fields>{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}});
  CHECK(fields_of("aaa,bbb,ccc\r\nzzz,yyy,xxx") ==
        std::vector<Fields>{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}});
}

TEST_CASE("LF alone ends a record too, and empty lines are skipped") {
  CHECK(fields_of("a,b\n\nc,d\n\r\n") == std::vector<Fields>{{"a", "b"}, {"c", "d"}});
}

TEST_CASE("RFC 4180: quoted fields hold commas, newlines and doubled quotes") {
  CHECK(fields_of("\"aaa\",\"b\r\nbb\",\"ccc\"\r\n") ==
        std::vector<Fields>{{"aaa", "b\r\nbb", "ccc"}});
  CHECK(fields_of("\"a,b\",\"say \"\"hi\"\"\"\n") == std::vector<Fields>{{"a,b", "say \"hi\""}});
}

TEST_CASE("RFC 4180: spaces are part of a field and empty fields are kept") {
  CHECK(fields_of(" a , b ,\n") == std::vector<Fields>{{" a ", " b ", ""}});
  CHECK(fields_of(",,\n") == std::vector<Fields>{{"", "", ""}});
  CHECK(fields_of("\"\",x\n") == std::vector<Fields>{{"", "x"}});
}

TEST_CASE("a UTF-8 byte order mark at the start is skipped") {
  CHECK(fields_of("\xEF\xBB\xBF"
                  "front,back\n") == std::vector<Fields>{{"front", "back"}});
}

TEST_CASE("a tab-separated file is read with a tab as the delimiter") {
  CHECK(fields_of("a\tb,c\n\"x\ty\"\tz\n", '\t') ==
        std::vector<Fields>{{"a", "b,c"}, {"x\ty", "z"}});
}

TEST_CASE("each record knows the line it starts on, past multi-line fields") {
  const std::vector<CsvRecord> records = parse_csv("a,\"1\n2\n3\"\r\nb,c\n\nd,e", ',', "x.csv");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[1].line == 4);
  CHECK(records[2].line == 6);
}

TEST_CASE("malformed CSV is refused naming its line") {
  CHECK(csv_error("a,b\nc,d\"e\n") ==
        "x.csv:2: a quote inside an unquoted field; quote the whole field and double the quotes "
        "inside (\"say \"\"hi\"\"\")");
  CHECK(csv_error("a,b\n\"c\"d,e\n") ==
        "x.csv:2: text after a closing quote; a quote inside a quoted field is written twice "
        "(\"\")");
  CHECK(csv_error("a,b\nc,\"d\n\ne\n") ==
        "x.csv:2: a quoted field is never closed (a \" is missing)");
  CHECK(csv_error("a,b\n\xC3\x28,x\n") == "x.csv:2: not valid UTF-8 (save the sheet as UTF-8)");
}

TEST_CASE("formatting a record quotes only what needs it and reads back the same") {
  const Fields fields{"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""};
  const std::string text = format_csv_record(fields, ',');
  CHECK(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",");
  CHECK(fields_of(text) == std::vector<Fields>{fields});
  CHECK(fields_of(format_csv_record({""}, ',')) == std::vector<Fields>{{""}});
  // Found by fuzz/csv_fuzz.cpp: a field starting with a byte order mark, written first.
  CHECK(fields_of(format_csv_record({"\xEF\xBB\xBFopen"}, ',')) ==
        std::vector<Fields>{{"\xEF\xBB\xBFopen"}});
}

TEST_CASE("a sheet with a front,back,tags header becomes a deck named after the file") {
  const DeckFile file =
      parse_csv_deck("Front,Back,Tags\r\nWhat is 2+2?,4,math lp:dive-deep\r\n\"Two\nlines\",B,\r\n",
                     "dir/My Sheet.csv");
  CHECK(file.deck == Deck{"my-sheet", "My Sheet", ""});
  REQUIRE(file.cards.size() == 2);
  CHECK(file.cards[0] == CardContent{derived_card_id("my-sheet", "What is 2+2?"),
                                     "What is 2+2?",
                                     "4",
                                     {"math", "lp:dive-deep"}});
  CHECK(file.cards[1].front == "Two\nlines");
  CHECK(file.cards[1].tags.empty());
}

TEST_CASE("a card's id comes from the id column, else from its front, the same on every import") {
  const std::string sheet = "id,front,back\nq.1,Q one,A\n,Q two,B\n";
  const DeckFile file = parse_csv_deck(sheet, "s.csv", deck_options("deck"));
  CHECK(file.cards[0].id == "q.1");
  CHECK(file.cards[1].id == "deck." + text_hash("Q two"));
  CHECK(parse_csv_deck(sheet, "s.csv", deck_options("deck")).cards == file.cards);
  // A changed front is another card.
  CHECK(parse_csv_deck("front,back\nQ two!,B\n", "s.csv", deck_options("deck")).cards[0].id !=
        file.cards[1].id);
}

TEST_CASE("a column mapping renames a sheet's own header names and can skip columns") {
  CsvDeckOptions options;
  options.columns = parse_column_mapping("question=front,Answer=back,notes=skip");
  const DeckFile file = parse_csv_deck("Question,answer,Notes\nQ,A,n\n", "s.csv", options);
  CHECK(file.cards.at(0).front == "Q");
  CHECK(file.cards.at(0).back == "A");
}

TEST_CASE("a sheet whose header or rows do not fit is refused naming the line") {
  CHECK(deck_error("question,back\nQ,A\n") ==
        "sheet.csv:1: column \"question\" is not front, back, tags or id; map it with --columns "
        "\"question=FIELD\" (FIELD one of front, back, tags, id, skip)");
  CHECK(deck_error("front,tags\nQ,t\n") ==
        "sheet.csv:1: no \"back\" column; name one in the header or map one with --columns "
        "NAME=back");
  CHECK(deck_error("front,back,front\n") ==
        "sheet.csv:1: two columns hold \"front\" (columns 1 and 3)");
  CHECK(deck_error("front,back\nQ,A\nQ2,A2,extra\n") ==
        "sheet.csv:3: this row has 3 fields, the header has 2");
  CHECK(deck_error("front,back\n\" \",A\n") == "sheet.csv:2: \"front\" is empty");
  CHECK(deck_error("front,back\nQ,\n") == "sheet.csv:2: \"back\" is empty");
  CHECK(deck_error("front,back\nQ,A\n\nQ,B\n") ==
        "sheet.csv:4: card id \"sheet." + text_hash("Q") +
            "\" is also on line 2 (the same front twice; add an id column to tell them apart)");
  CHECK(deck_error("") == "sheet.csv:1: no header row (expected e.g. front,back,tags)");
}

TEST_CASE("a bad --columns value is refused") {
  CHECK_THROWS_WITH(parse_column_mapping("question"),
                    "--columns: \"question\" is not NAME=FIELD (e.g. question=front)");
  CHECK_THROWS_WITH(parse_column_mapping("q=frnt"),
                    "--columns: \"frnt\" is not a field (expected front, back, tags, id or skip)");
}

TEST_CASE("a deck written as CSV or TSV reads back to the same cards") {
  const DeckFile file{{"d", "D", ""},
                      {{"c.1", "Front, with comma", "Back \"quoted\"\nsecond line", {"a", "b:c"}},
                       {"c.2", "Tab\there", "B", {}}}};
  for (const char delimiter : {',', '\t'}) {
    const std::string text = format_csv_deck(file, delimiter);
    const DeckFile again = parse_csv_deck(text, "d.csv", deck_options("", delimiter));
    CHECK(again.cards == file.cards);
    CHECK(format_csv_deck(again, delimiter) == text);
  }
}

TEST_CASE("deck ids made from names keep ASCII words and mark anything dropped with a hash") {
  CHECK(deck_id_from_name("My Sheet") == "my-sheet");
  CHECK(deck_id_from_name("Parent::Child Deck") == "parent.child-deck");
  CHECK(deck_id_from_name("日本語") == text_hash("日本語").substr(0, 8));
  CHECK(deck_id_from_name("Café") == "caf-" + text_hash("Café").substr(0, 8));
}

TEST_CASE("UTF-8 checks find overlong forms, surrogates and cut sequences") {
  CHECK(first_invalid_utf8("plain ✓ 日本") == std::nullopt);
  CHECK(first_invalid_utf8("ab\xC0\x80") == 2u);
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0u);
  CHECK(first_invalid_utf8("x\xE2\x9C") == 1u);
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);
}

TEST_CASE("Anki tags keep their text unless they would be a reserved tag rehearse refuses") {
  CHECK(anki_tag("basics") == "basics");
  CHECK(anki_tag("lp:ownership") == "lp:ownership");
  CHECK(anki_tag("lp::ownership") == "anki:lp::ownership");
  CHECK(anki_tag("round:final") == "anki:round:final");
}
