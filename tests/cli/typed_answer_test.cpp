// review --type: the answer typed before it is shown, compared word by word with the back, on
// the screen (a pseudo-terminal) and with piped lines; the grade stays the user's.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "review_screen.hpp"
#include "support/keys_collection.hpp"
#include "support/output_text.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/screen_wait.hpp"

using rehearse::cli::marked_text;
using rehearse::cli::ScreenLine;
using rehearse::cli::typed_lines;
using rehearse::cli::TypedWord;
using rehearse::test::CliResult;
using rehearse::test::PtyProcess;
using rehearse::test::ScreenModel;
using rehearse::test::shows;
using rehearse::test::wait_for;

namespace {

using Kind = TypedWord::Kind;

std::vector<std::string> texts(const std::vector<ScreenLine>& lines) {
  std::vector<std::string> out;
  for (const ScreenLine& line : lines)
    out.push_back(line.text);
  return out;
}

struct Fixture : rehearse::test::KeysCollection {
  PtyProcess review(const std::vector<std::string>& env = {}) const {
    return PtyProcess(
        {REHEARSE_BINARY, "--db", db, "--now", rehearse::test::kKeysNow, "review", "--type"}, 80,
        24, env);
  }
};

}  // namespace

TEST_CASE("typed words are laid out with their markers, wrapped between words, counted") {
  const std::vector<TypedWord> words{{Kind::punctuation, "-"},   {Kind::matched, "act"},
                                     {Kind::missing, "for"},     {Kind::extra, "four"},
                                     {Kind::matched, "the"},     {Kind::matched, "whole"},
                                     {Kind::missing, "company"}, {Kind::extra, "team"}};
  const std::vector<ScreenLine> lines = typed_lines(words, 20);
  CHECK(texts(lines) == std::vector<std::string>{"You typed 3 of 5 wo…", "- act [for] ~four~",
                                                 "the whole [company]", "~team~"});
  CHECK(texts(typed_lines(words, 80)) ==
        std::vector<std::string>{"You typed 3 of 5 words, and 2 not in the answer:",
                                 "- act [for] ~four~ the whole [company] ~team~"});
  // Colours go around each word with its markers; punctuation is left plain.
  CHECK(marked_text(lines[1]) ==
        "- \033[32mact\033[0m \033[33;4m[for]\033[0m \033[31;9m~four~\033[0m");
  CHECK(texts(typed_lines({{Kind::matched, "Paris"}}, 80)) ==
        std::vector<std::string>{"You typed 1 of 1 word:", "Paris"});
}

TEST_CASE(
    "review --type with piped input reads the answer, shows it against the back, then grades") {
  const Fixture f;
  // k.1: typed with a slip, graded 4; k.2: an empty line only shows the answer; then q.
  const CliResult review = f.rehearse({"review", "--type"}, "first answr\n4\n\n5\nq\n");
  CHECK(review.exit_code == 0);
  CHECK(review.err == "");
  CHECK(
      review.out.find("First question?\n"
                      "Your answer (Enter alone shows it; u undo, s suspend, q quit): first answr\n"
                      "You typed 1 of 2 words, and 1 not in the answer:\n"
                      "First [answer.] ~answr~\n"
                      "First answer.\n"
                      "Grade 0-5 (u undo, s suspend, ? legend, q quit): 4\n") != std::string::npos);
  CHECK(review.out.find("Second question?\n"
                        "Your answer (Enter alone shows it; u undo, s suspend, q quit): \n"
                        "Second answer.\n"
                        "Grade 0-5") != std::string::npos);
  CHECK(review.out.find("\033[") == std::string::npos);  // not a terminal: no colour
  CHECK(f.log("k.1").find(R"("grade":4,)") != std::string::npos);
  CHECK(f.log("k.2").find(R"("grade":5,)") != std::string::npos);
}

TEST_CASE("review --type with piped input still takes u, s and q on the answer line") {
  const Fixture f;
  const CliResult review = f.rehearse({"review", "--type"}, "s\nq\n");
  CHECK(review.exit_code == 0);
  CHECK(review.out.find("Suspended k.1: kept out of reviews until 'rehearse unsuspend k.1'.") !=
        std::string::npos);
  CHECK(review.out.find("You typed") == std::string::npos);
}

TEST_CASE("review --type on a terminal: keys type the answer, Enter shows it compared, 0-5 grade") {
  const Fixture f;
  PtyProcess review = f.review();
  wait_for(review, "Type the answer \u00b7 Enter: show it \u00b7 Esc quit");
  // Every key types, q and digits included; Backspace takes back a character, even a
  // two-byte one.
  review.send("frist 5q");
  wait_for(review, "Your answer: frist 5q_");
  review.send("\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f");
  wait_for(review, "Your answer: _");
  review.send("first answer \xc3\xa9");
  wait_for(review, "Your answer: first answer \xc3\xa9_");
  review.send("\x7f");
  wait_for(review, "Your answer: first answer _");
  review.send("caf\xc3\xa9\r");
  wait_for(review, "You typed 2 of 2 words, and 1 not in the answer:");
  // The compared answer and the legend may reach the terminal after the line above.
  wait_for(review, "First answer. ~caf\xc3\xa9~");
  wait_for(review, "0-5 grade");
  CHECK(review.output().find("\033[32mFirst\033[0m") != std::string::npos);
  review.send("3");
  wait_for(review, "Second question?");
  wait_for(review, "Last: k.1 graded 3");
  // An empty answer shows the back alone.
  review.send("\r");
  wait_for(review, "Second answer.");
  CHECK_FALSE(shows(review.screen(), "You typed"));
  review.send("\x1b");  // Esc quits, as without --type
  CHECK(review.wait() == 0);
  CHECK(f.log("k.1").find(R"("grade":3,)") != std::string::npos);
}

TEST_CASE("review --type without colour marks the words with brackets and tildes alone") {
  const Fixture f;
  PtyProcess review = f.review({"NO_COLOR=1"});
  wait_for(review, "Your answer: _");
  review.send("second first\r");
  wait_for(review, "You typed 1 of 2 words, and 1 not in the answer:");
  wait_for(review, "~second~ First [answer.]");
  CHECK(review.output().find("\033[3") == std::string::npos);
  review.send("\x03");
  CHECK(review.wait() == 0);
}
