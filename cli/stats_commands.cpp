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
#include "stories/bank.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

void run_stats(Context& context, bool json) {
  const Day today = context.today();
  const Stats s = context.collection().stats(today);
  if (json) {
    fmt::print("{}\n", stats_json(s, today));
    return;
  }
  fmt::print(
      "Today, {}\n"
      "  reviews        {:>7}  ({} cards)\n"
      "  due today      {:>7}\n"
      "  due tomorrow   {:>7}\n"
      "  to repeat      {:>7}\n"
      "Cards            {:>7}\n"
      "  new            {:>7}\n"
      "  lapsed         {:>7}  (last answer failed)\n"
      "  young          {:>7}  (interval under {} days)\n"
      "  mature         {:>7}  (interval {} days or more)\n"
      "  suspended      {:>7}\n"
      "Reviews, all time {:>6}\n",
      format_day(today), s.reviews_today, s.cards_reviewed_today, s.due_today, s.due_tomorrow,
      s.reask_today, s.total, s.new_cards, s.lapsed, s.young, sm2::kMatureIntervalDays, s.mature,
      sm2::kMatureIntervalDays, s.suspended, s.total_reviews);
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
  auto* stats =
      app.add_subcommand("stats", "Reviews today, cards due today and tomorrow, cards by state");
  stats->add_flag("--json", *json, "Print JSON (docs/cli.md)");
  stats->callback([&context, json] { run_stats(context, *json); });

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
