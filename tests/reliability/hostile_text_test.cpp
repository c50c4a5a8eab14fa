// Hostile text, end to end: card and deck texts holding terminal control sequences (clear the
// screen, set the title, write the clipboard with OSC 52, hide a line behind a carriage return)
// and every control byte. What rehearse prints for people shows them instead of obeying them;
// what it prints as JSON escapes them, so that every document parses.
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/deck_files.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::CliResult;
using rehearse::test::run_program;
using rehearse::test::run_rehearse;
using rehearse::test::TempDir;
using rehearse::test::write_text;

namespace {

constexpr const char* kNow = "2026-11-25T09:00";

// Every control character, C0 (newline and tab included), DEL and C1, and the sequences of the
// attack: clear the screen, set the title, put a command in the clipboard, return the carriage
// over the real text; then a byte that is not UTF-8 (a lone 0x9B is CSI to 8-bit terminals).
std::string hostile(const std::string& real) {
  std::string text = real + " \x1b[2J\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4=\x07\rfake ";
  for (int c = 1; c < 0x20; ++c)
    text += static_cast<char>(c);
  text += "\x7f";
  for (int c = 0x80; c < 0xA0; ++c) {
    text += '\xC2';
    text += static_cast<char>(c);
  }
  return text + "\x9b" + " end";
}

const char* kDeck =
    R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D"}, "cards": [
  {"id": "d.1", "front": "Q1?", "back": "A1", "tags": ["lp:ownership"]}]})";

// A collection whose deck and card texts hold hostile text, as a collection written before
// deck files were checked for control characters (or changed behind rehearse's back) may.
struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();

  Fixture() {
    REQUIRE(
        run_rehearse({"--db", db, "import", write_text(dir, "d.json", kDeck).string()}).exit_code ==
        0);
    SQLite::Database sql(db, SQLite::OPEN_READWRITE);
    SQLite::Statement texts(sql, "UPDATE card_texts SET front = ?, back = ?");
    texts.bind(1, hostile("front"));
    texts.bind(2, hostile("back"));
    texts.exec();
    SQLite::Statement deck(sql, "UPDATE decks SET name = ?, description = ?");
    deck.bind(1, hostile("name"));
    deck.bind(2, hostile("description"));
    deck.exec();
  }

  CliResult rehearse(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--db", db, "--now", kNow});
    return run_rehearse(args, input);
  }
};

// The first byte of `output` a terminal would obey: a C0 control other than newline and tab,
// DEL, a C1 control (U+0080-U+009F), or a byte that is not UTF-8. Empty when there is none.
std::string first_control(const std::string& output) {
  for (std::size_t i = 0; i < output.size(); ++i) {
    const auto byte = static_cast<unsigned char>(output[i]);
    if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) {
      return fmt::format("byte 0x{:02X} at offset {}", byte, i);
    }
    if (byte < 0x80) continue;
    // A UTF-8 sequence: its length from the lead byte, then its continuation bytes.
    const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    if (length == 0 || i + length > output.size()) {
      return fmt::format("byte 0x{:02X} at offset {}", byte, i);
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(output[i + k]);
      if (next < 0x80 || next > 0xBF) return fmt::format("byte 0x{:02X} at offset {}", byte, i);
    }
    const auto second = static_cast<unsigned char>(output[i + 1]);
    if (byte == 0xC2 && second < 0xA0) return fmt::format("U+{:04X} at offset {}", second, i);
    i += length - 1;
  }
  return "";
}

}  // namespace

TEST_CASE("control characters from card and deck texts never reach the terminal raw") {
  const Fixture f;
  const std::vector<std::vector<std::string>> commands = {
      {"show", "d.1"}, {"show", "d.1", "--log"}, {"cards"}, {"decks"}, {"next"},
  };
  for (const auto& command : commands) {
    const CliResult result = f.rehearse(command);
    INFO(fmt::format("rehearse {}", fmt::join(command, " ")));
    CHECK(result.exit_code == 0);
    CHECK(first_control(result.out) == "");
  }
  const CliResult review = f.rehearse({"review"}, "\n5\nq\n");
  CHECK(review.exit_code == 0);
  CHECK(first_control(review.out) == "");
  // The text is shown, not hidden: the real words and the picture of ESC are on screen.
  CHECK(review.out.find("front \u241B[2J\u241B]0;owned\u2407") != std::string::npos);
  CHECK(review.out.find("back ") != std::string::npos);
  CHECK(review.out.find("\u240Dfake") != std::string::npos);  // the carriage return, shown
}

TEST_CASE("a card's newlines and tabs keep their layout on screen") {
  const Fixture f;
  SQLite::Database sql(f.db, SQLite::OPEN_READWRITE);
  sql.exec("UPDATE card_texts SET front = 'line one' || char(10) || char(9) || 'indented'");
  const CliResult show = f.rehearse({"show", "d.1"});
  CHECK(show.out.find("\nline one\n\tindented\n") != std::string::npos);
}

TEST_CASE("an error naming text with a newline stays on one line") {
  const Fixture f;
  const CliResult result = f.rehearse({"show", "no\nsuch\x1b[2Jcard"});
  CHECK(result.exit_code == 1);
  CHECK(result.err == "rehearse: no card 'no\u240Asuch\u241B[2Jcard' in " + f.db +
                          " ('rehearse cards' lists them)\n");
}

TEST_CASE("an error naming a tag or a file name with a newline stays on one line") {
  const Fixture f;
  const CliResult tag = f.rehearse({"cards", "--tag", "lp:x\ny"});
  CHECK(tag.exit_code == 1);
  CHECK(tag.err == "rehearse: tag 'lp:x\u240Ay' contains white space\n");
  const CliResult missing = f.rehearse({"import", "no\nsuch.json"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "rehearse: no\u240Asuch.json: cannot open it\n");
  const std::string bad = write_text(f.dir, "bad\nname.json",
                                     R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name":)"
                                     R"( "D"}, "cards": [{"id": "d.1", "front": "f", "back": "b",)"
                                     R"( "tags": ["a\nb"]}]})")
                              .string();
  const CliResult tagged = f.rehearse({"import", bad});
  CHECK(tagged.exit_code == 1);
  CHECK(tagged.err == "rehearse: " + (f.dir / "bad\u240Aname.json").string() +
                          ":1: card 1 (\"d.1\"): tag 'a\u240Ab' contains white space\n");
}

namespace {

// Every byte 0x01-0x1F at each of sixteen offsets, so that some fall in the blocks rapidjson's
// SSE2 scanner reads sixteen at a time and some in the bytes before and after them.
std::string every_control_byte() {
  std::string text;
  for (int offset = 0; offset < 16; ++offset) {
    text += std::string(static_cast<std::size_t>(offset), 'x');
    for (int c = 1; c < 0x20; ++c)
      text += static_cast<char>(c);
    text += '|';
  }
  return text;
}

bool have_jq() {
  try {
    return run_program({"jq", "--version"}).exit_code == 0;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

TEST_CASE("every --json output of a card holding every byte 0x01-0x1F parses as JSON") {
  if (!have_jq()) {
    WARN("SKIPPED: jq is not installed (the Makefile installs it), so this case was not tested");
    return;
  }
  const Fixture f;
  const std::string text = every_control_byte();
  {
    SQLite::Database sql(f.db, SQLite::OPEN_READWRITE);
    SQLite::Statement update(sql, "UPDATE card_texts SET front = ?1, back = ?1");
    update.bind(1, text);
    update.exec();
    SQLite::Statement deck(sql, "UPDATE decks SET name = ?1, description = ?1");
    deck.bind(1, text);
    deck.exec();
  }
  const std::vector<std::pair<std::vector<std::string>, std::string>> commands = {
      {{"show", "d.1", "--json"}, ".front"},    {{"next", "--json"}, ".back"},
      {{"cards", "--json"}, ".[0].front"},      {{"decks", "--json"}, ".[0].name"},
      {{"export", "d", "-"}, ".cards[0].back"}, {{"answer", "d.1", "4", "--json"}, ".front"},
      {{"undo", "--json"}, ".card.front"},
  };
  for (const auto& [command, field] : commands) {
    INFO(fmt::format("rehearse {} | jq -j '{}'", fmt::join(command, " "), field));
    const CliResult result = f.rehearse(command);
    REQUIRE(result.exit_code == 0);
    const CliResult parsed = run_program({"jq", "-j", field}, result.out);
    CHECK(parsed.err == "");
    CHECK(parsed.exit_code == 0);
    CHECK(parsed.out == text);
  }
  // An orphan keeps its text: d.1 is no longer in its deck's file.
  const std::string without_d1 =
      write_text(f.dir, "d2.json",
                 R"({"format": "rehearse-deck/1", "deck": {"id": "d", "name": "D"}, "cards": [
  {"id": "d.2", "front": "Q2?", "back": "A2"}]})")
          .string();
  REQUIRE(f.rehearse({"import", without_d1}).exit_code == 0);
  const CliResult orphans = f.rehearse({"orphans", "--json"});
  REQUIRE(orphans.exit_code == 0);
  CHECK(run_program({"jq", "-j", ".[0].front"}, orphans.out).out == text);
}
