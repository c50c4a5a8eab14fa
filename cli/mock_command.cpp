// mock: a mock interview round. Questions of one round, drawn towards what the user knows
// least, one at a time with a timer; each grade is saved as a review of its card; a report at
// the end. Input is read line by line, from a terminal or a pipe.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>

#include "answer/answer.hpp"
#include "app.hpp"
#include "card_text.hpp"
#include "io/json_writer.hpp"
#include "mock/round.hpp"
#include "model/error.hpp"
#include "review_screen.hpp"
#include "scheduler/sm2.hpp"
#include "stories/bank.hpp"
#include "stories/match.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string round;
  int questions = 5;
  int minutes = 45;
  std::optional<std::uint64_t> seed;
  bool list = false;
  bool json = false;
};

constexpr std::size_t kStoriesShown = 3;

std::string rounds_list() {
  return "people, technical, strategy or culture";
}

std::string minutes_and_seconds(int seconds) {
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

int seconds_since(std::chrono::steady_clock::time_point start) {
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
          .count());
}

std::vector<std::string> principles_of(const Card& card) {
  std::vector<std::string> slugs;
  for (const std::string& tag : card.content.tags) {
    if (tag.starts_with("lp:")) slugs.push_back(tag.substr(3));
  }
  return slugs;
}

// The round's question cards (not suspended) with their answers and lapses from the log.
std::vector<mock::Candidate> candidates(const Collection& collection, const std::string& round) {
  std::vector<mock::Candidate> found;
  for (Card& card : collection.cards({.deck = {}, .tag = "round:" + round, .search = {}})) {
    if (card.suspended || !mock::is_round_question(card, round)) continue;
    mock::Candidate candidate{std::move(card), 0, 0};
    for (const LogEntry& entry : collection.review_log(candidate.card.content.id)) {
      if (entry.undone) continue;
      ++candidate.answers;
      if (sm2::is_lapse(entry.before, entry.grade)) ++candidate.lapses;
    }
    found.push_back(std::move(candidate));
  }
  return found;
}

void run_list(const Collection& collection, bool json) {
  const std::vector<Story> stories = load_stories(collection);
  JsonWriter w;
  w.StartArray();
  if (!json) fmt::print("{:<10} {:>9} {:>8}\n", "ROUND", "QUESTIONS", "STORIES");
  for (const std::string_view round : mock::kRounds) {
    const std::string name(round);
    const std::size_t questions = candidates(collection, name).size();
    const auto told = std::count_if(stories.begin(), stories.end(), [&](const Story& story) {
      return std::find(story.tags.begin(), story.tags.end(), "round:" + name) != story.tags.end();
    });
    if (json) {
      w.StartObject();
      w.Key("round");
      w.String(name);
      w.Key("questions");
      w.Int(static_cast<int>(questions));
      w.Key("stories");
      w.Int(static_cast<int>(told));
      w.EndObject();
    } else {
      fmt::print("{:<10} {:>9} {:>8}\n", name, questions, told);
    }
  }
  w.EndArray();
  if (json) fmt::print("{}\n", w.text());
}

// Where the round talks to the user: standard output, or standard error when standard output
// carries the JSON report. Lines are read from standard input.
class Console {
 public:
  explicit Console(std::FILE* out) : out_(out), echo_(!is_terminal(stdin)) {}

  template <typename... T>
  void say(fmt::format_string<T...> format, T&&... args) const {
    fmt::print(out_, format, std::forward<T>(args)...);
  }

  std::optional<std::string> ask(std::string_view prompt) const {
    fmt::print(out_, "{}", prompt);
    std::fflush(out_);
    std::string line;
    if (InterruptGuard::interrupted() || !std::getline(std::cin, line) ||
        InterruptGuard::interrupted()) {
      fmt::print(out_, "\n");
      return std::nullopt;
    }
    if (echo_) fmt::print(out_, "{}\n", line);
    return line;
  }

 private:
  std::FILE* out_;
  bool echo_;  // piped input is not echoed by a terminal: show it
};

// The story told for a question: a number of the stories shown, a story id, or none.
std::optional<std::string> ask_story(const Console& console, const std::vector<Story>& stories,
                                     const std::vector<std::size_t>& shown, bool* quit) {
  if (stories.empty()) return std::string();
  for (;;) {
    const std::optional<std::string> line =
        console.ask(shown.empty() ? "Story you told (an id; Enter for none): "
                                  : "Story you told (a number above or an id; Enter for none): ");
    if (!line || *line == "q") {
      *quit = true;
      return std::nullopt;
    }
    if (line->empty()) return std::string();
    if (line->size() == 1 && (*line)[0] >= '1' &&
        static_cast<std::size_t>((*line)[0] - '0') <= shown.size()) {
      return stories[shown[static_cast<std::size_t>((*line)[0] - '1')]].id;
    }
    const auto named = std::find_if(stories.begin(), stories.end(),
                                    [&](const Story& story) { return story.id == *line; });
    if (named != stories.end()) return named->id;
    console.say("No story '{}'.\n", visible_line(*line));
  }
}

std::optional<Grade> ask_grade(const Console& console) {
  for (;;) {
    const std::optional<std::string> line = console.ask("Grade 0-5 (? legend, q stop): ");
    if (!line || *line == "q") return std::nullopt;
    if (*line == "?") {
      console.say("{}\n", kGradeLegend);
      continue;
    }
    try {
      return Grade::parse(*line);
    } catch (const Error& e) {
      console.say("{}\n", e.what());
    }
  }
}

// Asks one question; nullopt when the user stops the round before grading it.
std::optional<mock::Asked> ask_question(Context& context, const Console& console,
                                        const std::vector<Story>& stories, const Card& card,
                                        int number, int total) {
  console.say("--- Question {} of {} | {} ---\n{}\n", number, total, visible_line(card.content.id),
              visible(card.content.front));
  const auto shown = std::chrono::steady_clock::now();
  const std::optional<std::string> done = console.ask("Answer aloud, then press Enter (q stop): ");
  if (!done || *done == "q") return std::nullopt;
  mock::Asked asked{card.content.id, principles_of(card), seconds_since(shown), 0, {}};
  console.say("Answered in {}.\n{}\n", minutes_and_seconds(asked.seconds),
              visible(card.content.back));
  const std::vector<std::size_t> fit =
      stories_for_card(card.content.id, card.content.tags, stories);
  const std::vector<std::size_t> shown_stories(
      fit.begin(), fit.begin() + static_cast<long>(std::min(fit.size(), kStoriesShown)));
  if (!shown_stories.empty()) console.say("Your stories:\n");
  for (std::size_t i = 0; i < shown_stories.size(); ++i) {
    const Story& story = stories[shown_stories[i]];
    console.say("  {}. {}: {}\n", i + 1, visible_line(story.id), visible_line(story.title));
  }
  bool quit = false;
  const std::optional<std::string> story = ask_story(console, stories, shown_stories, &quit);
  if (quit) return std::nullopt;
  asked.story = *story;
  const std::optional<Grade> grade = ask_grade(console);
  if (!grade) return std::nullopt;
  asked.grade = grade->value();
  const Moment now = context.now();
  const AnsweredCard answered =
      answer_card(context.collection(), card.content.id, *grade, now,
                  std::chrono::seconds(asked.seconds), {}, context.settings().interview_date);
  console.say("-> {}\n\n", describe_due(answered.card.state, now.day));
  return asked;
}

struct Report {
  std::string round;
  int planned = 0;
  int minutes = 0;
  int seconds = 0;
  std::vector<mock::Asked> asked;
};

std::map<std::string, int> stories_told(const Report& report) {
  std::map<std::string, int> told;
  for (const mock::Asked& a : report.asked) {
    if (!a.story.empty()) ++told[a.story];
  }
  return told;
}

void print_report(const Report& r, const Console& console) {
  const bool finished = static_cast<int>(r.asked.size()) == r.planned;
  console.say("{}: {} of {} questions in {} ({} minutes allowed).\n",
              finished ? "Round over" : "Round stopped", r.asked.size(), r.planned,
              minutes_and_seconds(r.seconds), r.minutes);
  for (std::size_t i = 0; i < r.asked.size(); ++i) {
    const mock::Asked& a = r.asked[i];
    console.say("  {}. {}  {}  grade {}{}\n", i + 1, visible_line(a.card_id),
                minutes_and_seconds(a.seconds), a.grade,
                a.story.empty() ? "" : "  story " + visible_line(a.story));
  }
  const std::vector<mock::PrincipleScore> scores = mock::principle_scores(r.asked);
  if (!scores.empty()) {
    std::string weakest;
    for (std::size_t i = 0; i < scores.size() && i < 3; ++i) {
      weakest += fmt::format("{}{} ({:.1f})", i == 0 ? "" : ", ", scores[i].principle,
                             static_cast<double>(scores[i].grade_sum) / scores[i].questions);
    }
    console.say("Weakest principles: {}.\n", weakest);
  }
  const std::map<std::string, int> told = stories_told(r);
  std::string stories;
  for (const auto& [id, times] : told)
    stories += fmt::format("{}{}{}", stories.empty() ? "" : ", ", visible_line(id),
                           times > 1 ? fmt::format(" ({} times)", times) : "");
  console.say("Stories told: {}.\n", stories.empty() ? "none" : stories);
}

std::string report_json(const Report& r) {
  JsonWriter w;
  w.StartObject();
  w.Key("round");
  w.String(r.round);
  w.Key("planned");
  w.Int(r.planned);
  w.Key("minutes");
  w.Int(r.minutes);
  w.Key("seconds");
  w.Int(r.seconds);
  w.Key("finished");
  w.Bool(static_cast<int>(r.asked.size()) == r.planned);
  w.Key("questions");
  w.StartArray();
  for (const mock::Asked& a : r.asked) {
    w.StartObject();
    w.Key("card");
    w.String(a.card_id);
    w.Key("seconds");
    w.Int(a.seconds);
    w.Key("grade");
    w.Int(a.grade);
    w.Key("story");
    if (a.story.empty()) {
      w.Null();
    } else {
      w.String(a.story);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("principles");  // weakest first
  w.StartArray();
  for (const mock::PrincipleScore& s : mock::principle_scores(r.asked)) {
    w.StartObject();
    w.Key("principle");
    w.String(s.principle);
    w.Key("questions");
    w.Int(s.questions);
    w.Key("grade_sum");
    w.Int(s.grade_sum);
    w.EndObject();
  }
  w.EndArray();
  w.Key("stories");
  w.StartObject();
  for (const auto& [id, times] : stories_told(r)) {
    w.Key(id);
    w.Int(times);
  }
  w.EndObject();
  w.EndObject();
  return w.text();
}

void run_round(Context& context, const Args& args) {
  if (!mock::is_round(args.round)) {
    throw Error("mock: '{}' is not a round (expected {}; mock --list shows them)",
                visible_line(args.round), rounds_list());
  }
  Collection& collection = context.collection();
  const std::vector<mock::Candidate> pool = candidates(collection, args.round);
  if (pool.empty()) {
    throw Error(
        "mock: no question card is tagged round:{} (import the shipped decks: rehearse import "
        "--shipped)",
        args.round);
  }
  const std::uint64_t seed = args.seed.value_or(std::random_device{}());
  const std::vector<std::size_t> order = mock::draw_questions(pool, args.questions, seed);
  const std::vector<Story> stories = load_stories(collection);
  const Console console(args.json ? stderr : stdout);
  console.say(
      "Mock {} round: {} questions, {} minutes (seed {}: --seed {} asks them again).\n"
      "Answer each aloud as you would in the loop.\n\n",
      args.round, order.size(), args.minutes, seed, seed);
  const InterruptGuard guard(/*close_input=*/true);
  Report report{args.round, static_cast<int>(order.size()), args.minutes, 0, {}};
  const auto started = std::chrono::steady_clock::now();
  bool warned = false;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (!warned && seconds_since(started) >= args.minutes * 60) {
      console.say("The round's {} minutes are up: go on, or q to stop.\n", args.minutes);
      warned = true;
    }
    const std::optional<mock::Asked> asked =
        ask_question(context, console, stories, pool[order[i]].card, static_cast<int>(i) + 1,
                     static_cast<int>(order.size()));
    if (!asked) break;
    report.asked.push_back(*asked);
  }
  report.seconds = seconds_since(started);
  print_report(report, console);
  if (args.json) fmt::print("{}\n", report_json(report));
}

}  // namespace

void add_mock_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* mock = app.add_subcommand(
      "mock",
      "A mock interview round: questions of one round (people, technical, strategy, culture), "
      "drawn towards what you know least and across principles, one at a time with a timer. "
      "Each grade counts as a review of its card. A report at the end: time per answer, the "
      "weakest principles, the stories told.");
  mock->add_option("ROUND", args->round, "people, technical, strategy or culture");
  mock->add_option("--questions", args->questions, "Questions in the round (default 5)")
      ->check(CLI::Range(1, 50));
  mock->add_option("--minutes", args->minutes,
                   "The round's length; a warning when it is up (default 45)")
      ->check(CLI::Range(1, 600));
  mock->add_option("--seed", args->seed, "Draw the same questions again (any whole number)");
  mock->add_flag("--list", args->list, "The rounds with their question cards and stories");
  mock->add_flag("--json", args->json,
                 "The report as one JSON document on standard output (the round itself on "
                 "standard error)");
  mock->callback([&context, args] {
    if (args->list) return run_list(context.collection(), args->json);
    if (args->round.empty()) throw Error("mock needs a ROUND ({}), or --list", rounds_list());
    run_round(context, *args);
  });
}

}  // namespace rehearse::cli
