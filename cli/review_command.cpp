// review: the interactive daily session. Every answer is saved the moment it is given, so
// quitting at any point (q, end of input, Ctrl-C) loses nothing.
#include <fmt/color.h>
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>

#include "answer/answer.hpp"
#include "app.hpp"
#include "card_text.hpp"
#include "model/error.hpp"
#include "session/queue.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

// Closing standard input (async-signal-safe) also ends a read that was about to start when the
// signal came, which the flag alone would miss.
extern "C" void on_interrupt(int) {
  g_interrupted = 1;
  ::close(STDIN_FILENO);
}

// While alive, Ctrl-C (and SIGTERM) interrupt a pending read instead of killing the process,
// so the session can end with its summary.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

constexpr const char* kLegend =
    "Grades: 5 perfect | 4 right after hesitation | 3 right with difficulty | "
    "2 wrong, easy once seen | 1 wrong, remembered on seeing | 0 blackout";

class Screen {
 public:
  Screen()
      : styled_(is_terminal(stdout) && !std::getenv("NO_COLOR")),
        input_is_terminal_(is_terminal(stdin)) {}

  void heading(const std::string& text) const { print(fmt::emphasis::faint, text + "\n"); }
  void front(const std::string& text) const { print(fmt::emphasis::bold, text + "\n"); }
  void plain(const std::string& text) const { fmt::print("{}", text); }

  // Prints the prompt and reads one line; nullopt at end of input or on Ctrl-C.
  std::optional<std::string> ask(const std::string& prompt) const {
    fmt::print("{}", prompt);
    std::fflush(stdout);
    std::string line;
    if (g_interrupted || !std::getline(std::cin, line) || g_interrupted) {
      fmt::print("\n");
      return std::nullopt;
    }
    // A terminal echoes what was typed, newline included; piped input is not echoed.
    if (!input_is_terminal_) fmt::print("{}\n", line);
    return line;
  }

 private:
  void print(fmt::text_style style, const std::string& text) const {
    if (styled_) {
      fmt::print(style, "{}", text);
    } else {
      fmt::print("{}", text);
    }
  }
  bool styled_;
  bool input_is_terminal_;
};

struct Tally {
  int answers = 0;
  int passed = 0;
  std::set<std::string> cards;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

std::string describe_duration(std::chrono::steady_clock::duration elapsed) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  if (seconds < 60) return fmt::format("{} s", seconds);
  return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

std::string describe_counts(const QueueCounts& counts) {
  return fmt::format("{} due, {} new, {} to repeat today", counts.due, counts.fresh, counts.reask);
}

// Asks for a grade until one is valid; nullopt when the user quits.
std::optional<Grade> ask_grade(const Screen& screen) {
  for (;;) {
    const std::optional<std::string> line = screen.ask("Grade 0-5 (? legend, q quit): ");
    if (!line || *line == "q") return std::nullopt;
    if (*line == "?") {
      screen.plain(std::string(kLegend) + "\n");
      continue;
    }
    try {
      return Grade::parse(*line);
    } catch (const Error& e) {
      screen.plain(fmt::format("{}\n", e.what()));
    }
  }
}

// Asks one card; false when the user quits before grading it.
bool review_card(Context& context, const Screen& screen, const Card& card, const QueueCounts& left,
                 Tally& tally) {
  screen.heading(fmt::format("--- {} | {} | {} left ---", visible_line(card.deck_id),
                             visible_line(card.content.id), left.total()));
  screen.front(visible(card.content.front));
  const auto shown = std::chrono::steady_clock::now();
  const std::optional<std::string> reveal = screen.ask("[Enter] show the answer, q quit: ");
  if (!reveal || *reveal == "q") return false;
  screen.plain(visible(card.content.back) + "\n");
  const std::optional<Grade> grade = ask_grade(screen);
  if (!grade) return false;
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - shown);
  const Moment now = context.now();
  const AnsweredCard answered =
      answer_card(context.collection(), card.content.id, *grade, now, spent);
  screen.plain(fmt::format("-> {}\n\n", describe_due(answered.card.state, now.day)));
  ++tally.answers;
  if (sm2::passed(*grade)) ++tally.passed;
  tally.cards.insert(card.content.id);
  return true;
}

void print_summary(Context& context, const Screen& screen, const CardFilter& filter,
                   const Tally& tally, bool finished) {
  Collection& collection = context.collection();
  const Day today = context.today();
  if (tally.answers > 0) {
    screen.plain(fmt::format("{}: {} answer{} on {} card{}, {}% graded 3 or better, in {}.\n",
                             finished ? "Session done" : "Session stopped", tally.answers,
                             tally.answers == 1 ? "" : "s", tally.cards.size(),
                             tally.cards.size() == 1 ? "" : "s", tally.passed * 100 / tally.answers,
                             describe_duration(std::chrono::steady_clock::now() - tally.started)));
  }
  const QueueCounts left = collection.queue_counts(filter, today);
  if (left.total() > 0) {
    screen.plain(fmt::format("Still to do today: {}.\n", describe_counts(left)));
    return;
  }
  const std::optional<Day> next_due = collection.earliest_due(filter);
  screen.plain(fmt::format("Nothing left for today. Next due: {}.\n",
                           next_due ? format_day(*next_due) : "nothing scheduled"));
}

void run_review(Context& context, const std::string& deck, const std::string& tag) {
  const CardFilter filter = context.filter(deck, tag);
  Collection& collection = context.collection();
  const Screen screen;
  const QueueCounts start = collection.queue_counts(filter, context.today());
  const std::string scope = !deck.empty()  ? "deck " + deck
                            : !tag.empty() ? "tag " + tag
                                           : "all decks";
  screen.plain(fmt::format("Reviewing {}: {}.\n{}\n\n", scope, describe_counts(start), kLegend));

  const InterruptGuard guard;
  g_interrupted = 0;
  Tally tally;
  bool finished = true;
  for (;;) {
    const Day today = context.today();
    const std::optional<Card> card = next_card(collection, filter, today);
    if (!card) break;
    if (!review_card(context, screen, *card, collection.queue_counts(filter, today), tally)) {
      finished = false;
      break;
    }
  }
  print_summary(context, screen, filter, tally, finished);
}

}  // namespace

void add_review_command(CLI::App& app, Context& context) {
  struct Args {
    std::string deck;
    std::string tag;
  };
  auto args = std::make_shared<Args>();
  auto* review = app.add_subcommand(
      "review",
      "Review due and new cards interactively: Enter shows the answer, then type a grade 0-5. "
      "Each answer is saved at once; q, end of input or Ctrl-C ends the session.");
  review->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
  review->add_option("--tag", args->tag,
                     "Only cards with this tag, e.g. lp:ownership or round:people");
  review->callback([&context, args] { run_review(context, args->deck, args->tag); });
}

}  // namespace rehearse::cli
