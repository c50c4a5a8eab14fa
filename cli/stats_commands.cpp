// stats, coverage: where the collection stands today, and the story bank against the principles.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "app.hpp"
#include "json_output.hpp"
#include "layout.hpp"
#include "model/principle.hpp"
#include "stats/coverage.hpp"
#include "stats/statistics.hpp"
#include "stories/bank.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

// "45 s", "12 min", "2 h 05 min".
std::string format_time(std::chrono::milliseconds time) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time).count();
  if (seconds < 60) return fmt::format("{} s", seconds);
  const auto minutes = seconds / 60;
  if (minutes < 60) return fmt::format("{} min", minutes);
  return fmt::format("{} h {:02} min", minutes / 60, minutes % 60);
}

std::string format_share(const Retention& r) {
  if (!r.share()) return "-";
  return fmt::format("{:.1f}%", *r.share() * 100);
}

std::string format_average(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : "-";
}

void print_today(const Statistics& s) {
  const QueueCounts& waiting = s.counts.waiting;
  const QueueCounts& left = s.counts.left;
  const DeckStatistics& f = s.total;
  fmt::print(
      "Today, {}\n"
      "  reviews        {:>7}  ({} card{})\n"
      "  due            {:>7}  (due today or overdue)\n"
      "  re-asks        {:>7}  (failed today, asked again today)\n"
      "  new            {:>7}  (never answered)\n"
      "  left today     {:>7}  ({} due, {} new, {} re-ask{}: daily limits, siblings)\n"
      "  due tomorrow   {:>7}\n",
      format_day(s.today), f.activity[0].reviews, f.cards_reviewed_today,
      f.cards_reviewed_today == 1 ? "" : "s", waiting.due, waiting.reask, waiting.fresh,
      left.total(), left.due, left.fresh, left.reask, left.reask == 1 ? "" : "s", f.due_tomorrow);
}

void print_cards(const DeckStatistics& f, int leech_threshold) {
  const StateCounts& c = f.cards;
  fmt::print(
      "Cards            {:>7}\n"
      "  new            {:>7}  (never answered)\n"
      "  learning       {:>7}  (answered, not yet recalled)\n"
      "  lapsed         {:>7}  (forgotten after being learned, not yet recalled)\n"
      "  young          {:>7}  (interval under {} days)\n"
      "  mature         {:>7}  (interval {} days or more)\n"
      "  suspended      {:>7}\n"
      "  leech          {:>7}  ({} lapses or more)\n"
      "  average ease   {:>7}  (young and mature cards)\n"
      "  average interval {:>5}  days\n",
      c.total(), c.fresh, c.learning, c.lapsed, c.young, sm2::kMatureIntervalDays, c.mature,
      sm2::kMatureIntervalDays, c.suspended, c.leech, leech_threshold,
      format_average(f.average_ease, 2), format_average(f.average_interval, 1));
}

void print_activity(const DeckStatistics& f) {
  fmt::print("{:<17}{:>7}  TIME\n", "Reviews", "ANSWERS");
  for (const Activity& a : f.activity) {
    const std::string span = a.days == 1 ? "today" : fmt::format("last {} days", a.days);
    fmt::print("  {:<15}{:>7}  {}\n", span, a.reviews, format_time(a.time));
  }
  fmt::print("  {:<15}{:>7}\n", "all time", f.total_reviews);
  fmt::print("{:<26}(answers to due cards graded {} or more)\n", "Retention", sm2::kPassingGrade);
  fmt::print("  {:<15}{:>7}  ({} of {})\n", "young", format_share(f.young), f.young.passed,
             f.young.reviews);
  fmt::print("  {:<15}{:>7}  ({} of {})\n", "mature", format_share(f.mature), f.mature.passed,
             f.mature.reviews);
  const Streaks& st = f.streaks;
  fmt::print("{:<17}{:>7}  day{} in a row{}; longest {}\n", "Streak", st.current,
             st.current == 1 ? "" : "s",
             st.current == 0 ? "" : (st.today ? ", today included" : ", up to yesterday"),
             st.longest);
}

// One line per deck, in 80 columns: the deck id cut to 21.
void print_deck_table(const std::vector<DeckStatistics>& decks) {
  fmt::print("{:<21} {:>6} {:>6} {:>5} {:>6} {:>6} {:>6} {:>4} {:>5} {:>6}\n", "DECK", "CARDS",
             "NEW", "LEARN", "LAPSED", "YOUNG", "MATURE", "SUSP", "LEECH", "RETAIN");
  for (const DeckStatistics& d : decks) {
    const StateCounts& c = d.cards;
    const Retention both{d.young.passed + d.mature.passed, d.young.reviews + d.mature.reviews};
    const std::string id = truncate_to_width(visible_line(d.deck_id), 21);
    fmt::print("{}{:<{}} {:>6} {:>6} {:>5} {:>6} {:>6} {:>6} {:>4} {:>5} {:>6}\n", id, "",
               21 - display_width(id), c.total(), c.fresh, c.learning, c.lapsed, c.young, c.mature,
               c.suspended, c.leech, format_share(both));
  }
}

void run_stats(Context& context, const std::string& deck, bool json) {
  if (!deck.empty()) context.filter(deck, "");  // a clear error for a deck that is not there
  const Statistics s = statistics(context.collection(), deck, context.today());
  if (json) {
    fmt::print("{}\n", statistics_json(s));
    return;
  }
  if (!deck.empty()) fmt::print("Deck {}: {}\n", visible_line(deck), visible_line(s.total.name));
  print_today(s);
  print_cards(s.total, context.settings().leech_threshold);
  print_activity(s.total);
  if (s.decks.size() > 1) {
    fmt::print("\n");
    print_deck_table(s.decks);
  }
}

// ANSI colour around `text` when `on`.
std::string coloured(std::string_view text, std::string_view colour, bool on) {
  if (!on) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", colour, text);
}

constexpr std::string_view kRed = "31";
constexpr std::string_view kYellow = "33";
constexpr std::string_view kGreen = "32";

// The colour of a principle's STORIES and KNOWN cells: red for a gap in stories, yellow for
// weak stories, green otherwise.
std::string_view colour_of(const PrincipleStories& p) {
  if (p.stories.size() < static_cast<std::size_t>(kStoriesPerPrinciple)) return kRed;
  return p.strength < kWeakStrength ? kYellow : kGreen;
}

std::string percent(double share) {
  return fmt::format("{}%", static_cast<int>(std::lround(share * 100)));
}

// Lines of at most 80 columns: `label` then the items joined by ", ", continued lines indented.
void print_wrapped(std::string_view label, const std::vector<std::string>& items) {
  std::string text(label);
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? " " : ", ") + items[i];
  const std::vector<std::string> lines = wrap_text(visible_line(text), 78);
  for (std::size_t i = 0; i < lines.size(); ++i)
    fmt::print("{}{}\n", i == 0 ? "" : "  ", lines[i]);
}

// The name column is 36 wide (a longer name goes on over the next lines), which leaves room
// for counts of up to 999,999 cards within 80 columns.
constexpr int kNameWidth = 36;

void print_matrix(const StoryCoverage& coverage, bool colour) {
  fmt::print("{:<36} {:>7} {:>5} {:>6} {:>6} {:>6} {:>5}\n", "PRINCIPLE", "STORIES", "KNOWN",
             "CARDS", "SEEN", "MATURE", "DUE");
  for (const PrincipleStories& p : coverage.principles) {
    const std::string known = p.stories.empty() ? "-" : percent(p.strength);
    const std::vector<std::string> name = wrap_text(p.principle->name, kNameWidth);
    fmt::print("{:<36} {} {} {:>6} {:>6} {:>6} {:>5}\n", name.front(),
               coloured(fmt::format("{:>7}", p.stories.size()), colour_of(p), colour),
               coloured(fmt::format("{:>5}", known), colour_of(p), colour), p.counts.cards,
               p.counts.seen, p.counts.mature, p.counts.due);
    for (std::size_t i = 1; i < name.size(); ++i)
      fmt::print("  {}\n", name[i]);
  }
}

void print_gaps(const StoryCoverage& coverage) {
  std::vector<std::string> thin;
  std::vector<std::string> weak;
  for (const std::string& slug : coverage.gaps) {
    const PrincipleStories& p =
        *std::find_if(coverage.principles.begin(), coverage.principles.end(),
                      [&](const PrincipleStories& entry) { return entry.principle->slug == slug; });
    if (p.stories.size() < static_cast<std::size_t>(kStoriesPerPrinciple)) {
      thin.emplace_back(p.principle->name);
    } else {
      weak.push_back(fmt::format("{} ({} known)", p.principle->name, percent(p.strength)));
    }
  }
  if (!thin.empty()) {
    print_wrapped(fmt::format("Fewer than {} stories ({}):", kStoriesPerPrinciple, thin.size()),
                  thin);
  }
  if (!weak.empty()) print_wrapped("Stories not yet known:", weak);
  std::vector<std::string> rounds;
  for (const auto& [round, count] : coverage.rounds)
    rounds.push_back(fmt::format("{} {}", round == "none" ? "no round tag" : round, count));
  print_wrapped("Stories by round:", rounds);
}

// The weakest by cards: the smallest share of cards seen, then the fewest cards.
void print_least_practised(const StoryCoverage& coverage) {
  std::vector<PrincipleStories> weakest = coverage.principles;
  std::stable_sort(weakest.begin(), weakest.end(), [](const auto& a, const auto& b) {
    const long left = static_cast<long>(a.counts.seen) * std::max(b.counts.cards, 1);
    const long right = static_cast<long>(b.counts.seen) * std::max(a.counts.cards, 1);
    return left != right ? left < right : a.counts.cards < b.counts.cards;
  });
  std::vector<std::string> least;
  for (std::size_t i = 0; i < 3 && i < weakest.size(); ++i) {
    least.push_back(fmt::format("{} ({} of {} seen)", weakest[i].principle->name,
                                weakest[i].counts.seen, weakest[i].counts.cards));
  }
  print_wrapped("Least practised:", least);
  fmt::print("Practise: rehearse review --tag lp:{}\n", weakest.front().principle->slug);
}

void run_coverage(Context& context, bool json) {
  const StoryCoverage coverage = story_coverage(context.collection(), context.today());
  if (json) {
    fmt::print("{}\n", coverage_json(coverage));
    return;
  }
  print_matrix(coverage, is_terminal(stdout) && !std::getenv("NO_COLOR"));
  fmt::print("\n");
  print_gaps(coverage);
  print_least_practised(coverage);
  if (!coverage.gaps.empty()) {
    const Principle* first = find_principle(coverage.gaps.front());
    fmt::print("Write a story for {}: rehearse story new (docs/stories.md)\n", first->name);
  }
}

void run_questions(Context& context, bool json) {
  const std::vector<UnansweredQuestion> questions = unanswered_questions(context.collection());
  if (json) {
    fmt::print("{}\n", questions_json(questions));
    return;
  }
  if (questions.empty()) {
    fmt::print("Every question card is answered by one of your stories (answers:).\n");
    return;
  }
  std::string round;
  for (const UnansweredQuestion& q : questions) {
    if (q.round != round) {
      round = q.round;
      const auto count =
          std::count_if(questions.begin(), questions.end(),
                        [&](const UnansweredQuestion& o) { return o.round == round; });
      fmt::print("{}{} ({} without a story)\n", round == questions.front().round ? "" : "\n",
                 find_round(round)->name, count);
    }
    fmt::print("  {}\n", truncate_to_width(visible_line(q.card.content.id), 78));
    fmt::print("    {}\n", truncate_to_width(visible_line(q.card.content.front), 76));
    if (!q.fitting.empty()) {
      fmt::print("    {}\n",
                 truncate_to_width(visible_line("fits by principle: " + q.fitting.front()), 76));
    }
  }
  fmt::print("\n{} questions no story names in answers: (docs/stories.md)\n", questions.size());
}

}  // namespace

void add_stats_commands(CLI::App& app, Context& context) {
  auto json = std::make_shared<bool>(false);
  auto* stats = app.add_subcommand(
      "stats",
      "Of the whole collection and each deck, or of DECK: today's counts, cards by state, "
      "answers and time spent today and over the last 7, 30 and 365 days, true retention of "
      "young and mature cards, average ease and interval, the daily streak; from the review "
      "log, answers taken back by undo left out");
  auto deck = std::make_shared<std::string>();
  stats->add_option("DECK", *deck, "Only this deck (a deck id)");
  stats->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  stats->callback([&context, json, deck] { run_stats(context, *deck, *json); });

  auto* coverage = app.add_subcommand(
      "coverage",
      "For each Leadership Principle: your stories that claim it and how well you know them, "
      "the cards that probe it (lp: tags: seen, mature, due); then the gaps: principles with "
      "fewer than 2 stories, then those whose stories are weak");
  auto questions = std::make_shared<bool>(false);
  coverage->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  coverage->add_flag("--questions", *questions,
                     "List the behavioural question cards (topic:behavioral, round: and lp: tags) "
                     "that no story names in its answers:, by round");
  coverage->callback([&context, json, questions] {
    if (*questions) {
      run_questions(context, *json);
    } else {
      run_coverage(context, *json);
    }
  });
}

}  // namespace rehearse::cli
