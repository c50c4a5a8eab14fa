// End-to-end: `review` in a real pseudo-terminal, driven by single keys.
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <sstream>

#include "layout.hpp"
#include "support/pty.hpp"
#include "support/run_cli.hpp"
#include "support/screen_wait.hpp"
#include "support/temp_dir.hpp"

using rehearse::test::PtyProcess;
using rehearse::test::run_rehearse;
using rehearse::test::ScreenModel;
using rehearse::test::shows;
using rehearse::test::TempDir;

namespace {

// A back of 61 lines once wrapped to 80 columns, with bullets: four pages on 80x24.
std::string long_back() {
  std::string back = "Three ideas, each with its reasons:";
  for (int i = 1; i <= 30; ++i) {
    back += "\n- point " + std::to_string(i) +
            ": a sentence long enough to need wrapping at eighty columns, so that the "
            "hanging indent shows and no word is ever split";
  }
  return back;
}

// `text` with its newlines as JSON writes them.
std::string json_lines(const std::string& text) {
  std::string out;
  for (const char c : text)
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

std::string deck_json() {
  return R"({"format": "rehearse-deck/1", "deck": {"id": "pty", "name": "Pty", "description": ""},
  "cards": [
    {"id": "long.1", "front": "Which ideas make a design review worth the time of everyone in the room?",
     "back": ")" +
         json_lines(long_back()) + R"(", "tags": ["lp:ownership", "round:technical"]},
    {"id": "short.1", "front": "Short question?", "back": "Short answer.", "tags": []}
  ]})";
}

struct Fixture {
  TempDir dir;
  std::string db = (dir / "c.db").string();
  Fixture() {
    std::ofstream(dir / "deck.json") << deck_json();
    REQUIRE(run_rehearse({"--db", db, "import", (dir / "deck.json").string()}).exit_code == 0);
  }
  PtyProcess review() const {
    return PtyProcess({REHEARSE_BINARY, "--db", db, "--now", "2026-11-25T09:00", "review"}, 80, 24);
  }
};

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  for (std::string word; in >> word;)
    result.push_back(word);
  return result;
}

// The rows between the rule under the question and the blank row above the prompt.
std::vector<std::string> answer_rows(const ScreenModel& screen) {
  const std::vector<std::string> rows = screen.rows();
  std::vector<std::string> answer;
  bool inside = false;
  for (const std::string& row : rows) {
    if (row == std::string(80, '-')) {
      inside = true;
    } else if (inside && row.empty()) {
      break;
    } else if (inside) {
      answer.push_back(row);
    }
  }
  return answer;
}

std::string show(const Fixture& f, const std::string& id) {
  return run_rehearse({"--db", f.db, "show", id, "--json"}).out;
}

}  // namespace

TEST_CASE("review on a terminal reveals with Space, grades with one key and quits with q") {
  const Fixture f;
  PtyProcess review = f.review();
  const termios before = review.initial_modes();
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
  const std::vector<std::string> front = review.screen().rows();
  CHECK(front[0].starts_with("pty \u00b7 lp:ownership round:technical"));
  CHECK(front[0].ends_with("2 new \u00b7 0 due \u00b7 0 re-asks"));
  CHECK(rehearse::cli::display_width(front[0]) == 80);
  CHECK(shows(review.screen(), "Which ideas make a design review worth the time of everyone in"));
  CHECK_FALSE(shows(review.screen(), "Three ideas"));
  CHECK_FALSE(rehearse::test::same_modes(before, review.modes()));  // raw mode while it runs

  review.send(" ");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "0-5 grade"); }));
  const ScreenModel& first_page = review.screen();
  // The question is still at the top, then the answer's first page, whole words only.
  CHECK(first_page.rows()[2].starts_with("Which ideas make a design review"));
  const std::vector<std::string> answer = answer_rows(first_page);
  REQUIRE(answer.size() >= 10);
  std::string shown;
  for (const std::string& row : answer) {
    CHECK(row.size() <= 80);
    shown += row + " ";
  }
  const std::vector<std::string> all_words = words(long_back());
  const std::vector<std::string> on_screen = words(shown);
  REQUIRE(on_screen.size() < all_words.size());
  CHECK(std::equal(on_screen.begin(), on_screen.end(), all_words.begin()));
  CHECK(answer[1] ==
        "- point 1: a sentence long enough to need wrapping at eighty columns, so that");
  CHECK(answer[2] == "  the hanging indent shows and no word is ever split");
  CHECK(shows(first_page, "Space: more (1/4)"));
  CHECK(first_page.rows()[23].find("q quit") != std::string::npos);  // the prompt on the last row

  review.send(" ");  // the next page keeps the question on top
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "Space: more (2/4)"); }));
  CHECK(review.screen().rows()[2].starts_with("Which ideas make a design review"));
  CHECK(shows(review.screen(), "- point 9:"));
  CHECK_FALSE(shows(review.screen(), "- point 8:"));

  review.send("4");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "Short question?"); }));
  CHECK(shows(review.screen(), "Last: long.1 graded 4, back tomorrow (2026-11-26)."));
  CHECK(shows(review.screen(), "1 new \u00b7 0 due \u00b7 0 re-asks"));
  review.send("5");  // a grade before the answer is shown does nothing
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Show the answer first"); }));

  review.send("q");
  CHECK(review.wait() == 0);
  CHECK(shows(review.screen(), "Session stopped: 1 answer on 1 card, 100% graded 3 or better"));
  CHECK(rehearse::test::same_modes(before, review.modes()));
  CHECK(show(f, "long.1").find(R"("repetitions":1)") != std::string::npos);
  CHECK(show(f, "short.1").find(R"("due":null)") != std::string::npos);
}

TEST_CASE("review on a terminal shows the keys with ? and goes back with any key") {
  const Fixture f;
  PtyProcess review = f.review();
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
  review.send("?");
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "Grades (SM-2)"); }));
  CHECK(shows(review.screen(), "q, Q, Esc"));
  review.send("x");
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
  review.send("\r");  // Enter reveals too
  REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "0-5 grade"); }));
  review.send("\x1b");  // Esc alone quits
  CHECK(review.wait() == 0);
  CHECK(shows(review.screen(), "Still to do today: 0 due, 2 new, 0 to repeat today."));
}

TEST_CASE("review on a terminal follows a resize and wraps to the new width") {
  const Fixture f;
  PtyProcess review = f.review();
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
  review.resize(40, 30);
  REQUIRE(
      review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
  for (const std::string& row : review.screen().rows())
    CHECK(rehearse::cli::display_width(row) <= 40);
  CHECK(shows(review.screen(), "Which ideas make a design review worth"));
  review.send("q");
  CHECK(review.wait() == 0);
}

TEST_CASE("review on a terminal puts the terminal back however it ends") {
  const Fixture f;
  struct Ending {
    const char* name;
    std::function<void(PtyProcess&)> end;
  };
  const Ending endings[] = {
      {"Ctrl-C", [](PtyProcess& p) { p.send("\x03"); }},
      {"Ctrl-D", [](PtyProcess& p) { p.send("\x04"); }},
      {"Q", [](PtyProcess& p) { p.send("Q"); }},
      {"SIGINT", [](PtyProcess& p) { ::kill(p.pid(), SIGINT); }},
      {"SIGTERM", [](PtyProcess& p) { ::kill(p.pid(), SIGTERM); }},
      {"SIGHUP", [](PtyProcess& p) { ::kill(p.pid(), SIGHUP); }},
  };
  for (const Ending& ending : endings) {
    INFO(ending.name);
    PtyProcess review = f.review();
    const termios before = review.initial_modes();
    REQUIRE(
        review.wait_until([](const ScreenModel& s) { return shows(s, "Space: show the answer"); }));
    review.send(" ");
    REQUIRE(review.wait_until([](const ScreenModel& s) { return shows(s, "0-5 grade"); }));
    ending.end(review);
    CHECK(review.wait() == 0);
    CHECK(rehearse::test::same_modes(before, review.modes()));
    CHECK(shows(review.screen(), "Still to do today"));
  }
}
