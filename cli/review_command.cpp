// review: the interactive daily session. Every answer is saved the moment it is given, so
// quitting at any point (q, end of input, Ctrl-C) loses nothing. On a terminal the session takes
// single keys on a screen redrawn for each card; piped input is read line by line.
#include <fmt/color.h>
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "answer/answer.hpp"
#include "app.hpp"
#include "card_text.hpp"
#include "layout.hpp"
#include "model/error.hpp"
#include "review_screen.hpp"
#include "session/queue.hpp"
#include "stories/bank.hpp"
#include "stories/cards.hpp"
#include "stories/match.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

bool styled_output() {
  return is_terminal(stdout) && !std::getenv("NO_COLOR");
}

// The columns to wrap to: the terminal's, 80 when unknown.
int output_columns() {
  return terminal_size().value_or(TerminalSize{}).columns;
}

std::string wrapped(const std::string& text) {
  std::string out;
  for (const std::string& line : wrap_text(text, output_columns()))
    out += line + "\n";
  return out;
}

struct Tally {
  int answers = 0;
  int passed = 0;
  std::set<std::string> cards;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::map<std::string, int> long_tellings;  // story id -> its longest telling over the aim

  void told(const std::string& story_id, int seconds) {
    if (seconds <= kTellingAimSeconds) return;
    int& longest = long_tellings[story_id];
    longest = std::max(longest, seconds);
  }
};

int whole_seconds(std::chrono::steady_clock::duration elapsed) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count());
}

// The story a story card drills (its sibling group is "story:ID"), or nullopt.
std::optional<std::string> story_of(const Card& card) {
  constexpr std::string_view kPrefix = "story:";
  if (card.deck_id != kStoryDeckId || !card.content.group.starts_with(kPrefix)) return {};
  return card.content.group.substr(kPrefix.size());
}

// The user's stories, read the first time a question card needs them.
class StoryShelf {
 public:
  explicit StoryShelf(const Collection& collection) : collection_(collection) {}

  // The back of `card`; for a behavioural question (stories/bank.hpp is_question_card) it ends
  // with "Your stories:" and those that fit it, best first (stories/match.hpp).
  std::string back_of(const Card& card) {
    if (!is_question_card(card)) return card.content.back;
    if (!stories_) stories_ = load_stories(collection_);
    std::string text = card.content.back + "\n\nYour stories:";
    const std::vector<std::size_t> fit =
        stories_for_card(card.content.id, card.content.tags, *stories_);
    if (fit.empty()) {
      return text + (stories_->empty() ? " none yet (rehearse story new)"
                                       : " none fits this question yet (rehearse story new)");
    }
    constexpr std::size_t kShown = 3;
    for (std::size_t i = 0; i < fit.size() && i < kShown; ++i) {
      const Story& story = (*stories_)[fit[i]];
      const bool named = std::find(story.answers.begin(), story.answers.end(), card.content.id) !=
                         story.answers.end();
      text += "\n- " + story.id + ": " + story.title + (named ? " (answers it)" : "");
    }
    return text;
  }

 private:
  const Collection& collection_;
  std::optional<std::vector<Story>> stories_;
};

std::string describe_duration(std::chrono::steady_clock::duration elapsed) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  if (seconds < 60) return fmt::format("{} s", seconds);
  return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

std::string describe_counts(const QueueCounts& counts) {
  return fmt::format("{} due, {} new, {} to repeat today", counts.due, counts.fresh, counts.reask);
}

// Saves the answer and counts it; returns when the card comes back, for the user to read, and
// the leech notice when the answer made the card a leech. `spent` is what the log keeps as the
// answer's duration.
std::string save_answer(Context& context, const Card& card, Grade grade,
                        std::chrono::steady_clock::duration elapsed, Tally& tally) {
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
  const Moment now = context.now();
  const AnsweredCard answered = answer_card(context.collection(), card.content.id, grade, now,
                                            spent, {}, context.settings().interview_date);
  ++tally.answers;
  if (sm2::passed(grade)) ++tally.passed;
  tally.cards.insert(card.content.id);
  const std::string due = describe_due(answered.card.state, now.day);
  if (!answered.suspended_as_leech) return due;
  return due + ". " + leech_notice(visible_line(card.content.id), answered.card.state.lapses);
}

// --- Piped input: one line per step ------------------------------------------------------------

class LineScreen {
 public:
  LineScreen() : styled_(styled_output()), input_is_terminal_(is_terminal(stdin)) {}

  void heading(const std::string& text) const { print(fmt::emphasis::faint, text + "\n"); }
  void front(const std::string& text) const { print(fmt::emphasis::bold, wrapped(text)); }
  void plain(const std::string& text) const { fmt::print("{}", text); }

  // Prints the prompt and reads one line; nullopt at end of input or on Ctrl-C.
  std::optional<std::string> ask(const std::string& prompt) const {
    fmt::print("{}", prompt);
    std::fflush(stdout);
    std::string line;
    if (InterruptGuard::interrupted() || !std::getline(std::cin, line) ||
        InterruptGuard::interrupted()) {
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

// Asks for a grade until one is valid; nullopt when the user quits.
std::optional<Grade> ask_grade(const LineScreen& screen) {
  for (;;) {
    const std::optional<std::string> line = screen.ask("Grade 0-5 (? legend, q quit): ");
    if (!line || *line == "q") return std::nullopt;
    if (*line == "?") {
      screen.plain(std::string(kGradeLegend) + "\n");
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
bool review_card_by_lines(Context& context, const LineScreen& screen, StoryShelf& shelf,
                          const Card& card, const QueueCounts& left, Tally& tally) {
  screen.heading(fmt::format("--- {} | {} | {} left ---", visible_line(card.deck_id),
                             visible_line(card.content.id), left.total()));
  screen.front(visible(card.content.front));
  const std::optional<std::string> story = story_of(card);
  if (story) screen.plain("Timer started: tell it aloud, then press Enter.\n");
  const auto shown = std::chrono::steady_clock::now();
  const std::optional<std::string> reveal = screen.ask("[Enter] show the answer, q quit: ");
  if (!reveal || *reveal == "q") return false;
  const auto told = std::chrono::steady_clock::now() - shown;
  if (story) screen.plain(told_line(whole_seconds(told)) + "\n");
  screen.plain(wrapped(visible(shelf.back_of(card))));
  const std::optional<Grade> grade = ask_grade(screen);
  if (!grade) return false;
  if (story) tally.told(*story, whole_seconds(told));
  const auto spent = story ? told : std::chrono::steady_clock::now() - shown;
  screen.plain(wrapped(fmt::format("-> {}", save_answer(context, card, *grade, spent, tally))) +
               "\n");
  return true;
}

// --- A terminal: single keys on a screen redrawn for each card --------------------------------

void draw(const std::vector<ScreenLine>& lines, bool styled) {
  std::string frame = "\033[H\033[2J";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ScreenLine& line = lines[i];
    const bool styled_line = styled && line.style != ScreenLine::Style::plain && !line.text.empty();
    if (styled_line) frame += line.style == ScreenLine::Style::bold ? "\033[1m" : "\033[2m";
    frame += line.text;
    if (styled_line) frame += "\033[0m";
    if (i + 1 < lines.size()) frame += "\n";  // the last line must not scroll the screen
  }
  fmt::print("{}", frame);
  std::fflush(stdout);
}

CardView view_of(const Card& card, const std::string& back, const QueueCounts& left, Day today,
                 const std::string& last) {
  CardView view;
  view.deck = visible_line(card.deck_id);
  for (const std::string& tag : card.content.tags)
    view.tags.push_back(visible_line(tag));
  view.left_new = left.fresh;
  view.left_due = left.due;
  view.left_reasks = left.reask;
  view.reask = card.state.reask && card.state.last_answered == today;
  view.front = visible(card.content.front);
  view.back = visible(back);
  view.last = last;
  return view;
}

// What the keys of one card led to.
struct KeyOutcome {
  std::optional<Grade> grade;                     // nullopt: the session ends
  std::chrono::steady_clock::duration elapsed{};  // from the card shown to its grade
  std::chrono::steady_clock::duration told{};     // from the card shown to its answer shown
};

class KeyScreen {
 public:
  explicit KeyScreen(RawMode& raw) : raw_(raw), styled_(styled_output()) {}

  // Shows the card and follows the keys until it is graded or the user quits. A `timed` card (a
  // story told aloud) shows the time running each second until its answer is shown.
  KeyOutcome ask(CardView view, bool timed) {
    const auto shown = std::chrono::steady_clock::now();
    std::optional<std::chrono::steady_clock::duration> told;
    std::optional<int> page;  // set once the answer is shown
    bool help = false;
    for (;;) {
      const TerminalSize size = terminal_size().value_or(TerminalSize{});
      const int columns = std::max(size.columns, 20);
      int pages = 1;
      const auto elapsed = std::chrono::steady_clock::now() - shown;
      if (timed && view.note.empty()) {
        view.note = told ? told_line(whole_seconds(*told)) : telling_line(whole_seconds(elapsed));
      }
      draw(help ? help_screen(columns) : card_screen(view, columns, size.rows, page, &pages),
           styled_);
      const Key key = read_key(timed && !told ? until_next_second(elapsed) : -1);
      if (key.kind == Key::Kind::timeout) {
        view.note.clear();
        continue;
      }
      view.note.clear();
      if (help) {
        help = key.kind == Key::Kind::resized;
        if (!ends_session(key)) continue;
      }
      if (ends_session(key)) return {};
      if (key.kind == Key::Kind::ctrl_z) raw_.stop_process();
      const char c = key.kind == Key::Kind::character ? key.character : '\0';
      const bool forward = key.kind == Key::Kind::enter || c == ' ' ||
                           key.kind == Key::Kind::down || key.kind == Key::Kind::page_down;
      const bool back = c == 'b' || key.kind == Key::Kind::up || key.kind == Key::Kind::page_up;
      if (c == '?') help = true;
      if (!page && forward) {
        page = 0;
        told = std::chrono::steady_clock::now() - shown;
      } else if (page && forward) {
        if (*page + 1 < pages) ++*page;
      } else if (page && back) {
        if (*page > 0) --*page;
      } else if (c >= '0' && c <= '5') {
        if (page) {
          return {Grade::from_int(c - '0'), std::chrono::steady_clock::now() - shown, *told};
        }
        view.note = "Show the answer first: Space.";
      }
    }
  }

  void show_summary(const std::string& text) {
    fmt::print("\033[H\033[2J{}", text);
    std::fflush(stdout);
  }

 private:
  // Milliseconds until the timer's next whole second, for a redraw then.
  static int until_next_second(std::chrono::steady_clock::duration elapsed) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    return static_cast<int>(1000 - ms % 1000);
  }

  static bool ends_session(const Key& key) {
    switch (key.kind) {
      case Key::Kind::escape:
      case Key::Kind::ctrl_c:
      case Key::Kind::end:
      case Key::Kind::interrupted:
        return true;
      case Key::Kind::character:
        return key.character == 'q' || key.character == 'Q';
      default:
        return false;
    }
  }

  RawMode& raw_;
  bool styled_;
};

// --- The session -----------------------------------------------------------------------------

std::string summary(Context& context, const CardFilter& filter, const Tally& tally, bool finished) {
  Collection& collection = context.collection();
  const Day today = context.today();
  std::string text;
  if (tally.answers > 0) {
    text += fmt::format("{}: {} answer{} on {} card{}, {}% graded 3 or better, in {}.\n",
                        finished ? "Session done" : "Session stopped", tally.answers,
                        tally.answers == 1 ? "" : "s", tally.cards.size(),
                        tally.cards.size() == 1 ? "" : "s", tally.passed * 100 / tally.answers,
                        describe_duration(std::chrono::steady_clock::now() - tally.started));
  }
  std::vector<LongTelling> long_tellings;
  for (const auto& [story, seconds] : tally.long_tellings)
    long_tellings.push_back({visible_line(story), seconds});
  if (!long_tellings.empty()) text += long_tellings_line(long_tellings) + "\n";
  const QueueCounts left = counts_today(collection, filter, today);
  if (left.total() > 0)
    return text + fmt::format("Still to do today: {}.\n", describe_counts(left));
  const std::optional<Day> next_due = collection.earliest_due(filter);
  return text + fmt::format("Nothing left for today. Next due: {}.\n",
                            next_due ? format_day(*next_due) : "nothing scheduled");
}

std::string describe_scope(const std::string& deck, const std::string& tag,
                           const std::optional<std::string>& search) {
  std::vector<std::string> parts;
  if (!deck.empty()) parts.push_back("deck " + visible_line(deck));
  if (!tag.empty()) parts.push_back("tag " + visible_line(tag));
  if (search) parts.push_back(fmt::format("search '{}'", visible_line(*search)));
  if (parts.empty()) return "all decks";
  std::string scope = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i)
    scope += ", " + parts[i];
  return scope;
}

// What a session asks and for how long.
struct Plan {
  QueueConfig queue;
  std::optional<int> max_cards;  // review --max: end after this many answers
};

// Asks cards with `ask` (card, counts left) -> whether it was graded, until none is left, the
// plan's number of cards is reached or the user quits; returns whether the session ran to its
// end.
template <typename Ask>
bool ask_cards(Context& context, const CardFilter& filter, const Plan& plan, Ask ask) {
  for (int asked = 0;; ++asked) {
    if (plan.max_cards && asked >= *plan.max_cards) return true;
    const Day today = context.today();
    const std::optional<Card> card = next_card(context.collection(), filter, today, plan.queue);
    if (!card) return true;
    if (!ask(*card, counts_today(context.collection(), filter, today), today)) return false;
  }
}

void review_by_lines(Context& context, const CardFilter& filter, const Plan& plan,
                     const std::string& scope) {
  const LineScreen screen;
  const QueueCounts start = counts_today(context.collection(), filter, context.today());
  screen.plain(
      fmt::format("Reviewing {}: {}.\n{}\n\n", scope, describe_counts(start), kGradeLegend));
  const InterruptGuard guard(/*close_input=*/true);
  Tally tally;
  StoryShelf shelf(context.collection());
  const bool finished =
      ask_cards(context, filter, plan, [&](const Card& card, const QueueCounts& left, Day) {
        return review_card_by_lines(context, screen, shelf, card, left, tally);
      });
  screen.plain(summary(context, filter, tally, finished));
}

void review_by_keys(Context& context, const CardFilter& filter, const Plan& plan) {
  const InterruptGuard guard(/*close_input=*/false);
  RawMode raw;
  KeyScreen screen(raw);
  Tally tally;
  StoryShelf shelf(context.collection());
  std::string last;
  const bool finished =
      ask_cards(context, filter, plan, [&](const Card& card, const QueueCounts& left, Day today) {
        const std::optional<std::string> story = story_of(card);
        const KeyOutcome outcome =
            screen.ask(view_of(card, shelf.back_of(card), left, today, last), story.has_value());
        if (!outcome.grade) return false;
        if (story) tally.told(*story, whole_seconds(outcome.told));
        const auto spent = story ? outcome.told : outcome.elapsed;
        last = fmt::format("Last: {} graded {}, back {}.", visible_line(card.content.id),
                           outcome.grade->value(),
                           save_answer(context, card, *outcome.grade, spent, tally));
        return true;
      });
  screen.show_summary(summary(context, filter, tally, finished));
}

void run_review(Context& context, const std::string& deck, const std::string& tag,
                const std::optional<std::string>& search, const Plan& plan) {
  const CardFilter filter = context.filter(deck, tag, search);
  if (is_terminal(stdin) && is_terminal(stdout)) {
    review_by_keys(context, filter, plan);
  } else {
    review_by_lines(context, filter, plan, describe_scope(deck, tag, search));
  }
}

}  // namespace

void add_review_command(CLI::App& app, Context& context) {
  struct Args {
    std::string deck;
    std::string tag;
    bool new_first = false;
    bool reviews_first = false;
    int max_cards = 0;
    std::optional<std::string> search;
  };
  auto args = std::make_shared<Args>();
  auto* review = app.add_subcommand(
      "review",
      "Review due and new cards. On a terminal: Space shows the answer, a key 0-5 grades it, ? "
      "lists the keys, q quits. With piped input: one line per step (Enter, then a grade 0-5). "
      "Each answer is saved at once; q, end of input or Ctrl-C ends the session.");
  review->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
  review->add_option("--tag", args->tag,
                     "Only cards with this tag, e.g. lp:ownership or round:people");
  review->add_option("--search", args->search,
                     "Only cards matching QUERY, e.g. 'tag:round:* -is:new' (the query language "
                     "is in docs/cli.md, \"Searching cards\")");
  review->add_flag("--new-first", args->new_first, "Today's new cards before the reviews");
  review->add_flag("--reviews-first", args->reviews_first, "Today's reviews before new cards");
  review
      ->add_option("--max", args->max_cards,
                   "End the session after N cards (after a break: the most overdue "
                   "relative to their interval come first)")
      ->check(CLI::PositiveNumber);
  review->callback([&context, args] {
    if (args->new_first && args->reviews_first) {
      throw Error("choose --new-first or --reviews-first, not both");
    }
    Plan plan;
    plan.queue.mix = args->new_first       ? NewMix::new_first
                     : args->reviews_first ? NewMix::reviews_first
                                           : NewMix::spread;
    if (args->max_cards > 0) plan.max_cards = args->max_cards;
    run_review(context, args->deck, args->tag, args->search, plan);
  });
}

}  // namespace rehearse::cli
