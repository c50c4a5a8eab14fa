// plan: the interview date, new-card pacing and the workload until the interview.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

#include "app.hpp"
#include "io/json_writer.hpp"
#include "io/study_plan.hpp"
#include "model/error.hpp"
#include "plan/pacing.hpp"
#include "plan/workload.hpp"
#include "terminal.hpp"

namespace rehearse::cli {
namespace {

constexpr int kBarWidth = 46;  // a day's line: 13 + 1 + 46 + 1 + 17 = 78 columns

struct Args {
  std::string interview;
  bool clear = false;
  bool json = false;
};

// What `plan` shows, computed once for the text and the JSON.
struct Figures {
  Day today;
  Day interview;
  plan::Pacing pacing;
  std::vector<plan::DayLoad> days;
  std::string compression;
};

Day parse_interview(const std::string& text, Day today) {
  std::optional<LocalDateTime> parsed;
  try {
    if (text.size() == 10) parsed = parse_local_date_time(text);
  } catch (const Error&) {
  }
  if (!parsed) {
    throw Error("--interview '{}' is not a date: expected YYYY-MM-DD, e.g. {}", text,
                format_day(today + std::chrono::days{30}));
  }
  if (parsed->day < today) {
    throw Error("--interview {} is in the past (today is {}); nothing changed", text,
                format_day(today));
  }
  return parsed->day;
}

Figures figures(Context& context, Day interview) {
  Figures f{context.today(), interview, {}, {}, {}};
  std::vector<CardState> learned;
  std::map<std::string, int> new_by_deck;
  for (const Card& card : context.collection().cards({})) {
    if (card.suspended || card.orphaned) continue;
    if (card.state.is_new()) {
      ++new_by_deck[card.deck_id];
    } else {
      learned.push_back(card.state);
    }
  }
  // A deck held back (its own new-per-day 0) introduces nothing: it is not paced.
  std::vector<plan::DeckNew> decks;
  for (const DeckCounts& counts : context.collection().deck_counts(f.today)) {
    if (context.settings().deck_limits(counts.deck.id).new_per_day == 0) continue;
    decks.push_back({counts.deck.id, new_by_deck[counts.deck.id]});
  }
  const int limit = context.settings().new_per_day;
  f.pacing = plan::pace(decks, limit, f.today, interview);
  if (f.today < interview) {
    int total_new = f.pacing.new_cards;
    f.days = plan::forecast(learned, total_new, limit, f.today, interview);
  }
  f.compression = plan::compression(f.today, interview);
  return f;
}

// The decks to hold back and how: "c (50 new cards: rehearse config deck.c.new-per-day 0)".
std::string hold_back(const plan::Pacing& pacing) {
  std::string list;
  int cards = 0;
  for (const plan::DeckNew& deck : pacing.to_suspend) {
    list += (list.empty() ? "" : ", ") + deck.deck_id;
    cards += deck.new_cards;
  }
  const std::string how =
      pacing.to_suspend.size() == 1
          ? fmt::format("rehearse config deck.{}.new-per-day 0", pacing.to_suspend.front().deck_id)
          : "rehearse config deck.DECK.new-per-day 0 for each";
  return fmt::format("{} ({} new cards: {})", list, cards, how);
}

void print_pacing(const plan::Pacing& p) {
  if (p.new_cards == 0) return fmt::print("New cards: none left to introduce.\n");
  if (p.fits()) {
    return fmt::print(
        "New cards: {} left; {} a day introduces them all by {} (10 days before), within the "
        "limit of {} a day.\n",
        p.new_cards, p.needed_per_day, format_day(p.last_day), p.limit_per_day);
  }
  if (p.days == 0) {
    return fmt::print(
        "warning: {} new cards cannot be introduced 10 days before the interview ({} has "
        "passed): hold back {}, or move the date.\n",
        p.new_cards, format_day(p.last_day), hold_back(p));
  }
  fmt::print(
      "warning: {} new cards in the {} days to {} need {} a day, over the limit of {}: raise it "
      "(rehearse config new-per-day {}) or hold back {}.\n",
      p.new_cards, p.days, format_day(p.last_day), p.needed_per_day, p.limit_per_day,
      p.needed_per_day, hold_back(p));
}

// Words wrapped to 80 columns, continuation lines indented by `indent`.
void print_wrapped(const std::string& first, const std::vector<std::string>& words,
                   std::size_t indent) {
  std::string line = first;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string word = words[i] + (i + 1 < words.size() ? "," : "");
    if (line.size() + 1 + word.size() > 80) {
      fmt::print("{}\n", line);
      line = std::string(indent, ' ') + word;
    } else {
      line += " " + word;
    }
  }
  fmt::print("{}\n", line);
}

std::string_view weekday_name(Day day) {
  static constexpr std::array<std::string_view, 7> kNames{"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
  return kNames[std::chrono::weekday{day}.c_encoding()];
}

std::string bar(const plan::DayLoad& load, int scale, bool unicode) {
  const int total = load.reviews + load.new_cards;
  const int width = scale == 0 ? 0 : (total * kBarWidth + scale - 1) / scale;
  const int review_width = total == 0 ? 0 : width * load.reviews / total;
  std::string text;
  for (int i = 0; i < width; ++i)
    text += i < review_width ? (unicode ? "\u2588" : "#") : (unicode ? "\u2592" : "+");
  return text + std::string(static_cast<std::size_t>(kBarWidth - width), ' ');
}

void print_days(const Figures& f) {
  const bool unicode = is_terminal(stdout) && !std::getenv("NO_COLOR");
  int scale = 0;
  for (const plan::DayLoad& load : f.days)
    scale = std::max(scale, load.reviews + load.new_cards);
  fmt::print("\nWorkload (forecast: every answer a 4; {} reviews, {} new cards, F final window):\n",
             unicode ? "\u2588" : "#", unicode ? "\u2592" : "+");
  int week = -1;
  const StudyPlan& study = shipped_study_plan();
  for (const plan::DayLoad& load : f.days) {
    if (load.week != week) {
      week = load.week;
      const PlanPhase* phase = study.phase_of(week);
      if (phase) {
        print_wrapped(fmt::format("Week {} ({}):", week, phase->id), phase->decks, 4);
      } else {
        fmt::print("Before week 1: review what comes due\n");
      }
    }
    const std::string day = format_day(load.day).substr(5);
    fmt::print("{} {} {} {} {:>4} rev {:>3} new\n", day, weekday_name(load.day),
               load.final_window ? "F" : " ", bar(load, scale, unicode), load.reviews,
               load.new_cards);
  }
}

void print_plan(const Figures& f) {
  const int left = static_cast<int>((f.interview - f.today).count());
  fmt::print("Interview: {}, {} days left; final window {} to {}.\n", format_day(f.interview), left,
             format_day(sm2::final_window_start(f.interview)),
             format_day(f.interview - std::chrono::days{1}));
  print_pacing(f.pacing);
  if (!f.compression.empty()) fmt::print("Study plan: {}.\n", f.compression);
  if (!f.days.empty()) print_days(f);
}

using Writer = JsonWriter;

void write(Writer& w, std::string_view text) {
  w.String(text);
}

void write_pacing(Writer& w, const plan::Pacing& p) {
  w.StartObject();
  w.Key("new_cards");
  w.Int(p.new_cards);
  w.Key("introduce_by");
  write(w, format_day(p.last_day));
  w.Key("days");
  w.Int(p.days);
  w.Key("needed_per_day");
  w.Int(p.needed_per_day);
  w.Key("limit_per_day");
  w.Int(p.limit_per_day);
  w.Key("fits");
  w.Bool(p.fits());
  w.Key("suspend");
  w.StartArray();
  for (const plan::DeckNew& deck : p.to_suspend)
    write(w, deck.deck_id);
  w.EndArray();
  w.EndObject();
}

void write_day(Writer& w, const plan::DayLoad& load) {
  w.StartObject();
  w.Key("day");
  write(w, format_day(load.day));
  w.Key("reviews");
  w.Int(load.reviews);
  w.Key("new");
  w.Int(load.new_cards);
  w.Key("final_window");
  w.Bool(load.final_window);
  w.Key("week");
  w.Int(load.week);
  const PlanPhase* phase = shipped_study_plan().phase_of(load.week);
  w.Key("phase");
  if (phase)
    write(w, phase->id);
  else
    w.Null();
  w.Key("decks");
  w.StartArray();
  if (phase)
    for (const std::string& deck : phase->decks)
      write(w, deck);
  w.EndArray();
  w.EndObject();
}

std::string plan_json(const std::optional<Figures>& f) {
  Writer w;
  w.StartObject();
  w.Key("interview");
  if (!f) {
    w.Null();
    w.EndObject();
    return w.text();
  }
  write(w, format_day(f->interview));
  w.Key("today");
  write(w, format_day(f->today));
  w.Key("days_left");
  w.Int(static_cast<int>((f->interview - f->today).count()));
  w.Key("final_window");
  w.StartArray();
  write(w, format_day(sm2::final_window_start(f->interview)));
  write(w, format_day(f->interview - std::chrono::days{1}));
  w.EndArray();
  w.Key("pacing");
  write_pacing(w, f->pacing);
  w.Key("compression");
  if (f->compression.empty())
    w.Null();
  else
    write(w, f->compression);
  w.Key("days");
  w.StartArray();
  for (const plan::DayLoad& load : f->days)
    write_day(w, load);
  w.EndArray();
  w.EndObject();
  return w.text();
}

void run_plan(Context& context, const Args& args) {
  if (args.clear && !args.interview.empty()) {
    throw Error("plan takes --interview DATE or --clear, not both");
  }
  const Day today = context.today();
  if (args.clear) {
    const bool was_set = context.collection().unset_setting("interview-date");
    if (!args.json) {
      fmt::print("{}\n", was_set ? "Interview date cleared: SM-2 schedules as usual."
                                 : "No interview date was set; nothing changed.");
      return;
    }
  }
  std::optional<Day> interview = args.clear ? std::nullopt : context.settings().interview_date;
  if (!args.interview.empty()) {
    interview = parse_interview(args.interview, today);
    context.collection().set_setting("interview-date", format_day(*interview));
  }
  std::optional<Figures> f;
  if (interview) f = figures(context, *interview);
  if (args.json) return fmt::print("{}\n", plan_json(f));
  if (!f) return fmt::print("No interview date set: rehearse plan --interview YYYY-MM-DD\n");
  print_plan(*f);
}

}  // namespace

void add_plan_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* plan = app.add_subcommand(
      "plan",
      "The interview date and the work until it: days left, new cards a day needed to introduce "
      "every card 10 days before, and the reviews and new cards of each day with the 8-week "
      "study plan's week and decks. With a date set, no card comes due on the interview day or "
      "later: it comes due in the 3 days before (docs/scheduler.md).");
  plan->add_option("--interview", args->interview, "Set the interview date (YYYY-MM-DD)");
  plan->add_flag("--clear", args->clear, "Remove the interview date");
  plan->add_flag("--json", args->json, "Print the figures as one JSON document");
  plan->callback([&context, args] { run_plan(context, *args); });
}

}  // namespace rehearse::cli
