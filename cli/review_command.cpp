// review: the interactive daily session, and cram, the same session ahead of time whose answers
// move no schedule. Every answer is saved the moment it is given, so quitting at any point (q,
// end of input, Ctrl-C) loses nothing. On a terminal the session takes single keys on a screen
// redrawn for each card; piped input is read line by line.
#include <fmt/color.h>
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <utility>

#include "answer/answer.hpp"
#include "app.hpp"
#include "card_text.hpp"
#include "edit_card.hpp"
#include "layout.hpp"
#include "model/error.hpp"
#include "model/word_diff.hpp"
#include "review_screen.hpp"
#include "scheduler/sm2.hpp"
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

// A typed answer's words against `back`, safe to print.
std::vector<TypedWord> typed_words(const std::string& back, const std::string& typed) {
  std::vector<TypedWord> words;
  for (const DiffWord& word : word_diff(back, typed)) {
    const auto kind = static_cast<TypedWord::Kind>(word.kind);  // the same four, in order
    words.push_back({kind, visible_line(word.text)});
  }
  return words;
}

// What the session's answers add up to. An answer taken back by undo no longer counts.
struct Tally {
  int answers = 0;
  int passed = 0;
  std::map<std::string, int> cards;  // card id -> its answers standing
  std::set<std::int64_t> sequences;  // the log sequence of each answer standing
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::map<std::string, int> long_tellings;  // story id -> its longest telling over the aim

  void counted(const std::string& card_id, Grade grade, std::int64_t sequence) {
    ++answers;
    if (sm2::passed(grade)) ++passed;
    ++cards[card_id];
    sequences.insert(sequence);
  }
  // An answer undo took back; one given before the session changes nothing here.
  void taken_back(const LogEntry& entry) {
    if (sequences.erase(entry.sequence) == 0) return;
    --answers;
    if (sm2::passed(entry.grade)) --passed;
    if (--cards[entry.card_id] == 0) cards.erase(entry.card_id);
  }
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

// `text` as one word of a shell command line: quoted when it holds anything but letters,
// digits and a few safe characters.
std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_-./+=:,@%", c);
  });
  if (plain) return text;
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// How many times review tries to save an answer while another process keeps the collection
// locked; each try waits the busy timeout five times (50 s unless REHEARSE_BUSY_TIMEOUT_MS).
constexpr int kSaveAttempts = 3;

// What follows a card: the next card from the queue, a card given (undo brought it back), or
// the end of the session.
struct Step {
  bool stop = false;
  std::optional<Card> next;  // ask this card next
  std::string note;          // to show on the next card's screen
};

inline constexpr const char* kNothingToUndo = "Nothing to undo: no answer is left to take back.";
inline constexpr const char* kNoCramUndo =
    "Nothing to undo: cram answers leave every schedule as it was.";
inline constexpr const char* kBusyRetrying = "The collection is busy; retrying...";

// What a session does besides showing cards: saving answers, undo and suspend, the tally. A
// cram session (`cram` set) saves cram answers, which move no card's state, takes none back,
// and puts a card graded below 3 at the back of `cram` to be asked again.
class Session {
 public:
  Session(Context& context, const CardFilter& filter, std::deque<std::string>* cram = nullptr)
      : shelf(context.collection()), context_(context), filter_(filter), cram_(cram) {}

  bool cramming() const { return cram_ != nullptr; }
  // What `u` says when there is no answer to take back.
  const char* nothing_to_undo() const { return cram_ ? kNoCramUndo : kNothingToUndo; }
  // Why the last undo() took nothing back.
  const std::string& why_no_undo() const { return why_no_undo_; }

  // Saves the answer and counts it; returns when the card comes back, for the user to read,
  // and the leech notice when the answer made the card a leech. `spent` is what the log keeps
  // as the answer's duration. While another process keeps the collection locked it tries
  // again, calling `on_busy` before each new try; nullopt when it never could, with the grade
  // and how to save it in unsaved().
  std::optional<std::string> save(const Card& card, Grade grade,
                                  std::chrono::steady_clock::duration elapsed,
                                  const std::function<void()>& on_busy) {
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
    for (int attempt = 1;; ++attempt) {
      try {
        const Moment now = context_.now();
        if (cram_) return save_cram(card, grade, now, spent);
        const AnsweredCard answered =
            answer_card(context_.collection(), card.content.id, grade, now, spent, {},
                        context_.settings().interview_date);
        tally.counted(answered.entry.card_id, answered.entry.grade, answered.entry.sequence);
        const std::string due = describe_due(answered.card.state, now.day);
        if (!answered.suspended_as_leech) return due;
        return due + ". " + leech_notice(visible_line(card.content.id), answered.card.state.lapses);
      } catch (const BusyError&) {
        if (attempt == kSaveAttempts) break;
        on_busy();
      }
    }
    const std::string db =
        context_.db_given ? " --db " + shell_word(context_.collection_path().string()) : "";
    unsaved_ = fmt::format(
        "your grade {} for {} was not saved: the collection is busy; save it with: rehearse{} "
        "answer {} {}",
        grade.value(), visible_line(card.content.id), db, shell_word(card.content.id),
        grade.value());
    return std::nullopt;
  }
  // The line that ends a session whose last grade could not be saved, or nullopt.
  const std::optional<std::string>& unsaved() const { return unsaved_; }

  // Takes back the last answer (this session's, or the collection's before it): the next step
  // asks its card again when it is one this session asks. nullopt, with nothing changed, when
  // no answer can be taken back: why_no_undo() says why.
  std::optional<Step> undo() {
    why_no_undo_ = nothing_to_undo();
    if (cram_) return std::nullopt;
    std::optional<UndoneAnswer> undone;
    try {
      undone = undo_last_answer(context_.collection(), context_.now());
    } catch (const Error& e) {
      // An import's progress or a reset follows the last answer: the session goes on.
      why_no_undo_ = e.what();
      if (!why_no_undo_.empty()) why_no_undo_[0] = static_cast<char>(std::toupper(why_no_undo_[0]));
      why_no_undo_ += ".";
      return std::nullopt;
    }
    if (!undone) return std::nullopt;
    tally.taken_back(undone->entry);
    Step step;
    step.note = fmt::format("Undid: {} graded {}", visible_line(undone->entry.card_id),
                            undone->entry.grade.value());
    if (asks(undone->card)) {
      step.next = undone->card;
      step.note += "; asked again.";
    } else {
      step.note += ".";
    }
    return step;
  }

  // Suspends `card` and moves on to the next.
  Step suspend(const Card& card) {
    const std::string id = card.content.id;
    context_.collection().set_suspended(std::vector<std::string>{id}, true);
    return {false, std::nullopt,
            fmt::format("Suspended {}: kept out of reviews until 'rehearse unsuspend {}'.",
                        visible_line(id), visible_line(id))};
  }

  Tally tally;
  StoryShelf shelf;

 private:
  // Whether `card` is one of this session's: not suspended, and in its deck and tag.
  bool asks(const Card& card) const {
    const auto& tags = card.content.tags;
    return !card.suspended && (!filter_.deck || card.deck_id == *filter_.deck) &&
           (!filter_.tag || std::find(tags.begin(), tags.end(), *filter_.tag) != tags.end());
  }

  std::string save_cram(const Card& card, Grade grade, const Moment& now,
                        std::chrono::milliseconds spent) {
    const CramAnswer answer =
        context_.collection().record_cram_answer({card.content.id, grade, now, spent, {}});
    tally.counted(answer.card_id, answer.grade, answer.sequence);
    if (sm2::passed(grade)) return "schedule unchanged";
    cram_->push_back(card.content.id);
    return "schedule unchanged; asked again in this cram";
  }

  Context& context_;
  const CardFilter& filter_;
  std::deque<std::string>* cram_;
  std::optional<std::string> unsaved_;
  std::string why_no_undo_ = kNothingToUndo;
};

// --- Piped input: one line per step ------------------------------------------------------------

class LineScreen {
 public:
  LineScreen() : styled_(styled_output()), input_is_terminal_(is_terminal(stdin)) {}

  void heading(const std::string& text) const { print(fmt::emphasis::faint, text + "\n"); }
  void front(const std::string& text) const { print(fmt::emphasis::bold, wrapped(text)); }
  void plain(const std::string& text) const { fmt::print("{}", text); }
  // Lines laid out for the screen (a typed answer's words), coloured when output is.
  void lines(const std::vector<ScreenLine>& lines) const {
    for (const ScreenLine& line : lines) {
      if (styled_ && line.style == ScreenLine::Style::faint) {
        print(fmt::emphasis::faint, line.text + "\n");
      } else {
        fmt::print("{}\n", styled_ ? marked_text(line) : line.text);
      }
    }
  }

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

// What a line at the reveal or the grade prompt asked for.
struct LineChoice {
  enum class Kind { go_on, quit, undo, suspend };
  Kind kind = Kind::go_on;
  std::optional<Grade> grade;  // at the grade prompt, with go_on
};

// `q`, `u` and `s`, which both prompts take; go_on for any other line.
LineChoice::Kind line_kind(const std::optional<std::string>& line) {
  if (!line || *line == "q") return LineChoice::Kind::quit;
  if (*line == "u") return LineChoice::Kind::undo;
  if (*line == "s") return LineChoice::Kind::suspend;
  return LineChoice::Kind::go_on;
}

// Asks for a grade until one is valid, or a line that does something else.
LineChoice ask_grade(const LineScreen& screen) {
  for (;;) {
    const std::optional<std::string> line =
        screen.ask("Grade 0-5 (u undo, s suspend, ? legend, q quit): ");
    if (const LineChoice::Kind kind = line_kind(line); kind != LineChoice::Kind::go_on) {
      return {kind, std::nullopt};
    }
    if (*line == "?") {
      screen.plain(std::string(kGradeLegend) + "\n");
      continue;
    }
    try {
      return {LineChoice::Kind::go_on, Grade::parse(*line)};
    } catch (const Error& e) {
      screen.plain(fmt::format("{}\n", e.what()));
    }
  }
}

// Follows a line that quits, undoes or suspends; nullopt when it does nothing (an undo with no
// answer left to take back says so, and the prompt is asked again).
std::optional<Step> follow(const LineScreen& screen, Session& session, const Card& card,
                           LineChoice::Kind kind) {
  switch (kind) {
    case LineChoice::Kind::quit:
      return Step{true, std::nullopt, {}};
    case LineChoice::Kind::undo: {
      std::optional<Step> step = session.undo();
      screen.plain(step ? wrapped(step->note) + "\n" : wrapped(session.why_no_undo()));
      return step;
    }
    case LineChoice::Kind::suspend: {
      Step step = session.suspend(card);
      screen.plain(wrapped(step.note) + "\n");
      return step;
    }
    case LineChoice::Kind::go_on:
      break;
  }
  return std::nullopt;
}

inline constexpr const char* kShowPrompt = "[Enter] show the answer, u undo, s suspend, q quit: ";
inline constexpr const char* kTypePrompt =
    "Your answer (Enter alone shows it; u undo, s suspend, q quit): ";

// Asks one card: shows it, then its answer, and saves its grade, unless a line quits, undoes
// an answer or suspends the card. With `type`, the line before the answer is the answer typed
// (a story's card is told aloud, not typed), compared with the back once it is shown.
Step review_card_by_lines(const LineScreen& screen, Session& session, const Card& card,
                          const QueueCounts& left, bool type) {
  screen.heading(fmt::format("--- {} | {} | {} left{} ---", visible_line(card.deck_id),
                             visible_line(card.content.id), left.total(),
                             card.changed ? " | changed since your last review" : ""));
  screen.front(visible(card.content.front));
  const std::optional<std::string> story = story_of(card);
  if (story) screen.plain("Timer started: tell it aloud, then press Enter.\n");
  const auto shown = std::chrono::steady_clock::now();
  const bool typing = type && !story;
  std::string typed;
  for (;;) {
    const std::optional<std::string> line = screen.ask(typing ? kTypePrompt : kShowPrompt);
    const LineChoice::Kind kind = line_kind(line);
    if (kind == LineChoice::Kind::go_on) {
      typed = typing ? *line : std::string();
      break;
    }
    if (std::optional<Step> step = follow(screen, session, card, kind)) return *step;
  }
  const auto told = std::chrono::steady_clock::now() - shown;
  if (story) screen.plain(told_line(whole_seconds(told)) + "\n");
  if (!split_words(typed).empty()) {
    screen.lines(typed_lines(typed_words(card.content.back, typed), output_columns()));
  }
  screen.plain(wrapped(visible(session.shelf.back_of(card))));
  std::optional<Grade> grade;
  while (!grade) {
    const LineChoice choice = ask_grade(screen);
    grade = choice.grade;
    if (grade) break;
    if (std::optional<Step> step = follow(screen, session, card, choice.kind)) return *step;
  }
  const auto spent = story ? told : std::chrono::steady_clock::now() - shown;
  const std::optional<std::string> due =
      session.save(card, *grade, spent, [&] { screen.plain(std::string(kBusyRetrying) + "\n"); });
  if (!due) return {true, std::nullopt, {}};
  if (story) session.tally.told(*story, whole_seconds(told));
  screen.plain(wrapped(fmt::format("-> {}", *due)) + "\n");
  return {};
}

// --- A terminal: single keys on a screen redrawn for each card --------------------------------

void draw(const std::vector<ScreenLine>& lines, bool styled) {
  std::string frame = "\033[H\033[2J";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ScreenLine& line = lines[i];
    const bool styled_line = styled && line.style != ScreenLine::Style::plain && !line.text.empty();
    if (styled_line) frame += line.style == ScreenLine::Style::bold ? "\033[1m" : "\033[2m";
    frame += styled && !line.marks.empty() ? marked_text(line) : line.text;
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
  view.reask = sm2::waiting_for_reask(card.state, today);
  view.changed = card.changed;
  view.front = visible(card.content.front);
  view.back = visible(back);
  view.last = last;
  return view;
}

// What the keys of one card led to.
struct KeyOutcome {
  enum class Kind { quit, graded, undone, suspend };
  Kind kind = Kind::quit;
  std::optional<Grade> grade;                     // with graded
  std::chrono::steady_clock::duration elapsed{};  // from the card shown to its grade
  std::chrono::steady_clock::duration told{};     // from the card shown to its answer shown
};

// Whether a key ends the session while an answer is typed, when every other key types.
bool ends_typing(const Key& key) {
  return key.kind == Key::Kind::escape || key.kind == Key::Kind::ctrl_c ||
         key.kind == Key::Kind::end || key.kind == Key::Kind::interrupted;
}

// Applies a key to the answer being typed; true for Enter, which ends it.
bool type_key(const Key& key, std::string& typing) {
  switch (key.kind) {
    case Key::Kind::enter:
      return true;
    case Key::Kind::character:
      typing += key.character;
      break;
    case Key::Kind::text:
      typing += key.text;
      break;
    case Key::Kind::backspace:
      while (!typing.empty() && (static_cast<unsigned char>(typing.back()) & 0xC0) == 0x80)
        typing.pop_back();
      if (!typing.empty()) typing.pop_back();
      break;
    default:
      break;
  }
  return false;
}

class KeyScreen {
 public:
  // `why_no_undo` says why an undo took nothing back.
  KeyScreen(RawMode& raw, std::function<std::string()> why_no_undo)
      : raw_(raw), styled_(styled_output()), why_no_undo_(std::move(why_no_undo)) {}

  // Shows the card and follows the keys until it is graded, suspended or the user quits. A
  // `timed` card (a story told aloud) shows the time running each second until its answer is
  // shown. `u` calls `undo`, which says whether an answer was taken back: if none was, the
  // note line says so and the card stays. `e` calls `edit`, which edits the card and puts the
  // view of the card as edited in `view`. While `view.typing` is set, every key types the
  // answer until Enter shows it with `compare` of what was typed.
  KeyOutcome ask(CardView view, bool timed, const std::function<bool()>& undo,
                 const std::function<void(CardView&)>& edit,
                 const std::function<std::vector<TypedWord>(const std::string&)>& compare) {
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
      if (view.typing && !page) {
        if (ends_typing(key)) return {};
        if (key.kind == Key::Kind::ctrl_z) raw_.stop_process();
        if (!type_key(key, *view.typing)) continue;
        if (!split_words(*view.typing).empty()) view.typed = compare(*view.typing);
        page = 0;
        told = std::chrono::steady_clock::now() - shown;
        continue;
      }
      if (help) {
        help = key.kind == Key::Kind::resized;
        if (!ends_session(key)) continue;
      }
      if (ends_session(key)) return {};
      using Kind = KeyOutcome::Kind;
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
      } else if (c == 'u') {
        if (undo()) return {Kind::undone, std::nullopt, {}, {}};
        view.note = why_no_undo_();
      } else if (c == 's') {
        return {Kind::suspend, std::nullopt, {}, {}};
      } else if (c == 'e') {
        edit(view);
        if (page) page = 0;
      } else if (c >= '0' && c <= '5') {
        if (page) {
          return {Kind::graded, Grade::from_int(c - '0'), std::chrono::steady_clock::now() - shown,
                  *told};
        }
        view.note = "Show the answer first: Space.";
      }
    }
  }

  // Puts `note` over the prompt line, for a wait that follows a key.
  void busy(const std::string& note) {
    fmt::print("\r\033[2K{}", note);
    std::fflush(stdout);
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
  std::function<std::string()> why_no_undo_;
};

// --- The session -----------------------------------------------------------------------------

// "Session done: 3 answers on 2 cards, 66% graded 3 or better, in 12 s.", empty with no answer;
// `session` names the kind of session.
std::string tally_line(const std::string& session, const Tally& tally, bool finished) {
  if (tally.answers == 0) return "";
  return fmt::format("{} {}: {} answer{} on {} card{}, {}% graded 3 or better, in {}.\n", session,
                     finished ? "done" : "stopped", tally.answers, tally.answers == 1 ? "" : "s",
                     tally.cards.size(), tally.cards.size() == 1 ? "" : "s",
                     tally.passed * 100 / tally.answers,
                     describe_duration(std::chrono::steady_clock::now() - tally.started));
}

std::string summary(Context& context, const CardFilter& filter, const Tally& tally, bool finished) {
  Collection& collection = context.collection();
  const Day today = context.today();
  std::string text = tally_line("Session", tally, finished);
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
  bool type_answers = false;     // review --type: each answer typed before it is shown
};

// The cards a review asks: the day's queue.
struct ReviewCards {
  Context& context;
  const CardFilter& filter;
  const QueueConfig& queue;
  std::optional<Card> next(Day today) {
    return next_card(context.collection(), filter, today, queue);
  }
  QueueCounts left(Day today) { return counts_today(context.collection(), filter, today); }
};

// The cards a cram asks: a list made when it starts, in order, and those failed in it again.
struct CramCards {
  Context& context;
  std::deque<std::string> ids;
  std::optional<Card> next(Day) {
    while (!ids.empty()) {
      std::optional<Card> card = context.collection().find_card(ids.front());
      ids.pop_front();
      if (card && !card->suspended) return card;  // suspended during the session: skipped
    }
    return std::nullopt;
  }
  // The card being asked included.
  QueueCounts left(Day) { return {static_cast<int>(ids.size()) + 1, 0, 0}; }
};

// Asks the cards `cards` gives with `ask` (card, counts left, today) -> what follows, until none
// is left, the plan's number of answers standing is reached or a step stops; returns whether
// the session ran to its end. A step's card is asked next, before the next of `cards`.
template <typename Cards, typename Ask>
bool ask_cards(Context& context, Cards& cards, const Plan& plan, const Tally& tally, Ask ask) {
  std::optional<Card> given;
  for (;;) {
    if (!given && plan.max_cards && tally.answers >= *plan.max_cards) return true;
    const Day today = context.today();
    const std::optional<Card> card = given ? std::exchange(given, std::nullopt) : cards.next(today);
    if (!card) return true;
    Step step = ask(*card, cards.left(today), today);
    if (step.stop) return false;
    given = std::move(step.next);
  }
}

// After the summary: a grade that could not be saved ends the session with an error.
void end_session(const Session& session) {
  if (session.unsaved()) throw Error("{}", *session.unsaved());
}

// A session's summary from its tally and whether it ran to its end.
using Summary = std::function<std::string(const Tally& tally, bool finished)>;

// Asks `cards` line by line after `intro`, then prints the summary.
template <typename Cards>
void ask_by_lines(Context& context, Cards& cards, Session& session, const Plan& plan,
                  const std::string& intro, const Summary& summary) {
  const LineScreen screen;
  screen.plain(fmt::format("{}\n{}\n\n", intro, kGradeLegend));
  const InterruptGuard guard(/*close_input=*/true);
  const bool finished = ask_cards(
      context, cards, plan, session.tally, [&](const Card& card, const QueueCounts& left, Day) {
        return review_card_by_lines(screen, session, card, left, plan.type_answers);
      });
  screen.plain(summary(session.tally, finished));
  end_session(session);
}

void review_by_lines(Context& context, const CardFilter& filter, const Plan& plan,
                     const std::string& scope) {
  const QueueCounts start = counts_today(context.collection(), filter, context.today());
  ReviewCards cards{context, filter, plan.queue};
  Session session(context, filter);
  ask_by_lines(
      context, cards, session, plan,
      fmt::format("Reviewing {}: {}.", scope, describe_counts(start)),
      [&](const Tally& tally, bool finished) { return summary(context, filter, tally, finished); });
}

// Asks one card on the terminal; `last` says what the previous answer did, `note` is shown
// on the card's screen and receives the note for the next. With `type`, the answer is typed
// before it is shown (a story's card is told aloud, not typed).
Step review_card_by_keys(Context& context, KeyScreen& screen, Session& session, const Card& card,
                         const QueueCounts& left, Day today, std::string& last, std::string& note,
                         bool type) {
  const std::optional<std::string> story = story_of(card);
  CardView view = view_of(card, session.shelf.back_of(card), left, today, last);
  view.note = std::exchange(note, {});
  if (type && !story) view.typing.emplace();
  std::optional<Step> undone;
  const auto edit = [&](CardView& shown) {
    const CardEdit edited = edit_card_source(context, card);
    if (edited.card) {
      CardView fresh =
          view_of(*edited.card, session.shelf.back_of(*edited.card), left, today, last);
      fresh.typing = std::move(shown.typing);
      fresh.typed = std::move(shown.typed);
      shown = std::move(fresh);
    }
    shown.note = edited.note;
  };
  const auto compare = [&](const std::string& typed) {
    return typed_words(card.content.back, typed);
  };
  const KeyOutcome outcome = screen.ask(
      std::move(view), story.has_value(),
      [&] {
        undone = session.undo();
        return undone.has_value();
      },
      edit, compare);
  Step step;
  switch (outcome.kind) {
    case KeyOutcome::Kind::quit:
      return {true, std::nullopt, {}};
    case KeyOutcome::Kind::undone:
      step = std::move(*undone);
      last.clear();  // what it said is taken back
      break;
    case KeyOutcome::Kind::suspend:
      step = session.suspend(card);
      break;
    case KeyOutcome::Kind::graded: {
      const auto spent = story ? outcome.told : outcome.elapsed;
      const std::optional<std::string> due =
          session.save(card, *outcome.grade, spent, [&] { screen.busy(kBusyRetrying); });
      if (!due) return {true, std::nullopt, {}};
      if (story) session.tally.told(*story, whole_seconds(outcome.told));
      last = session.cramming()
                 ? fmt::format("Last: {} graded {}, {}.", visible_line(card.content.id),
                               outcome.grade->value(), *due)
                 : fmt::format("Last: {} graded {}, back {}.", visible_line(card.content.id),
                               outcome.grade->value(), *due);
      break;
    }
  }
  note = step.note;
  return step;
}

// Asks `cards` on the terminal, then shows the summary.
template <typename Cards>
void ask_by_keys(Context& context, Cards& cards, Session& session, const Plan& plan,
                 const Summary& summary) {
  const InterruptGuard guard(/*close_input=*/false);
  RawMode raw;
  KeyScreen screen(raw, [&session] { return session.why_no_undo(); });
  std::string last;
  std::string note;
  const bool finished =
      ask_cards(context, cards, plan, session.tally,
                [&](const Card& card, const QueueCounts& left, Day today) {
                  return review_card_by_keys(context, screen, session, card, left, today, last,
                                             note, plan.type_answers);
                });
  screen.show_summary(summary(session.tally, finished));
  end_session(session);
}

void review_by_keys(Context& context, const CardFilter& filter, const Plan& plan) {
  ReviewCards cards{context, filter, plan.queue};
  Session session(context, filter);
  ask_by_keys(context, cards, session, plan, [&](const Tally& tally, bool finished) {
    return summary(context, filter, tally, finished);
  });
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

// What cram is asked besides its filter.
struct CramArgs {
  std::string deck;
  std::string tag;
  std::optional<std::string> search;
  std::optional<std::string> due_within;
  std::optional<std::string> failed_since;
};

// A number of days as --due-within and --failed-since take it: 7d or 7, at least `least`.
int days_option(const std::string& option, const std::string& text, int least) {
  const std::string digits = text.ends_with('d') ? text.substr(0, text.size() - 1) : text;
  int value = -1;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
      value < least || value > 36500) {
    throw Error("{}: expected a number of days such as 7d (at least {}d), not '{}'", option, least,
                visible_line(text));
  }
  return value;
}

std::string cram_summary(const Tally& tally, bool finished) {
  return tally_line("Cram", tally, finished) + "No card's schedule changed.\n";
}

void run_cram(Context& context, const CramArgs& args) {
  CramScope scope;
  if (args.due_within) scope.due_within = days_option("--due-within", *args.due_within, 0);
  if (args.failed_since) scope.failed_since = days_option("--failed-since", *args.failed_since, 1);
  const CardFilter filter = context.filter(args.deck, args.tag, args.search);
  std::vector<std::string> ids = context.collection().cram_cards(filter, scope, context.today());
  std::string what = describe_scope(args.deck, args.tag, args.search);
  if (scope.due_within) what += fmt::format(", due within {} days", *scope.due_within);
  if (scope.failed_since) what += fmt::format(", failed in the last {} days", *scope.failed_since);
  if (ids.empty()) {
    fmt::print("Nothing to cram in {}.\n", what);
    return;
  }
  CramCards cards{context, std::deque<std::string>(ids.begin(), ids.end())};
  Session session(context, filter, &cards.ids);
  const Plan plan;
  if (is_terminal(stdin) && is_terminal(stdout)) {
    ask_by_keys(context, cards, session, plan, cram_summary);
  } else {
    ask_by_lines(context, cards, session, plan,
                 fmt::format("Cramming {}: {} card{}. Answers are kept apart and leave every "
                             "schedule as it is.",
                             what, ids.size(), ids.size() == 1 ? "" : "s"),
                 cram_summary);
  }
}

}  // namespace

void add_cram_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<CramArgs>();
  auto* cram = app.add_subcommand(
      "cram",
      "Review cards ahead of time, as review does (the same keys and lines), without touching "
      "their schedules: answers are logged apart, left out of statistics and daily limits; a "
      "card graded below 3 is asked again at the end. Without options: every card not "
      "suspended.");
  cram->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
  cram->add_option("--tag", args->tag, "Only cards with this tag, e.g. lp:ownership");
  cram->add_option("--search", args->search,
                   "Only cards matching QUERY (docs/cli.md, \"Searching cards\")");
  cram->add_option("--due-within", args->due_within,
                   "Only cards due within N days, overdue included, e.g. 7d");
  cram->add_option("--failed-since", args->failed_since,
                   "Only cards graded below 3 in the last N days, today included, e.g. 3d");
  cram->callback([&context, args] { run_cram(context, *args); });
}

void add_review_command(CLI::App& app, Context& context) {
  struct Args {
    std::string deck;
    std::string tag;
    bool new_first = false;
    bool reviews_first = false;
    int max_cards = 0;
    std::optional<std::string> search;
    bool type_answers = false;
  };
  auto args = std::make_shared<Args>();
  auto* review = app.add_subcommand(
      "review",
      "Review due and new cards. On a terminal: Space shows the answer, a key 0-5 grades it, u "
      "takes back the last answer and asks its card again, s suspends the card, e edits it "
      "in its deck file, ? lists the keys, q quits. With piped input: one line per step (Enter, "
      "then a grade 0-5; a line u or s at either). Each answer is saved at once; q, end of "
      "input or Ctrl-C ends the session. With --type, the answer is typed first (Enter alone "
      "skips it) and shown against the back word by word; the grade is still yours.");
  review->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
  review->add_option("--tag", args->tag,
                     "Only cards with this tag, e.g. lp:ownership or round:people");
  review->add_option("--search", args->search,
                     "Only cards matching QUERY, e.g. 'tag:round:* -is:new' (the query language "
                     "is in docs/cli.md, \"Searching cards\")");
  review->add_flag("--new-first", args->new_first, "Today's new cards before the reviews");
  review->add_flag("--reviews-first", args->reviews_first, "Today's reviews before new cards");
  review->add_flag("--type", args->type_answers,
                   "Type each answer before it is shown, then see it against the back: words "
                   "typed, [missing] and ~extra~ (a story's card is told aloud, not typed)");
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
    plan.type_answers = args->type_answers;
    run_review(context, args->deck, args->tag, args->search, plan);
  });
}

}  // namespace rehearse::cli
