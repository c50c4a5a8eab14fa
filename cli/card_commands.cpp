// cards, show, next, answer: the scripting interface (docs/cli.md), with text for people too.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "card_text.hpp"
#include "json_output.hpp"
#include "model/error.hpp"
#include "session/session.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string deck;
  std::string tag;
  std::string card;
  std::string grade;
  std::int64_t duration_ms = 0;
  bool json = false;
  bool log = false;
};

Card require_card(Context& context, const std::string& id) {
  std::optional<Card> card = context.collection().find_card(id);
  if (!card) {
    throw Error("no card '{}' in {} ('rehearse cards' lists them)", id,
                context.collection().path().string());
  }
  return std::move(*card);
}

void print_card(const Card& card, bool with_back) {
  fmt::print("{}  (deck {})\n", card.content.id, card.deck_id);
  if (!card.content.tags.empty()) {
    fmt::print("tags: {}\n", fmt::join(card.content.tags, " "));
  }
  fmt::print("state: {}{}\n\n{}\n", describe_state(card.state), card.suspended ? ", suspended" : "",
             card.content.front);
  if (with_back) fmt::print("\n{}\n", card.content.back);
}

void run_cards(Context& context, const Args& args) {
  const std::vector<Card> cards = context.collection().cards(context.filter(args.deck, args.tag));
  if (args.json) {
    fmt::print("{}\n", cards_json(cards));
    return;
  }
  for (const Card& card : cards) {
    const std::string due = card.state.due ? format_day(*card.state.due) : "new";
    std::string front = card.content.front.substr(0, card.content.front.find('\n'));
    if (front.size() > 70) front = front.substr(0, 67) + "...";
    fmt::print("{:<44} {:<10} {}\n", card.content.id, due, front);
  }
}

void run_show(Context& context, const Args& args) {
  const Card card = require_card(context, args.card);
  if (args.json && args.log) {
    fmt::print("{}\n", log_json(context.collection().review_log(args.card)));
  } else if (args.json) {
    fmt::print("{}\n", card_json(card));
  } else {
    print_card(card, true);
    if (args.log) {
      fmt::print("\nreviews:\n");
      for (const LogEntry& entry : context.collection().review_log(args.card)) {
        fmt::print("  {}  grade {}  {} -> {}\n", format_day(entry.moment.day), entry.grade.value(),
                   describe_state(entry.before), describe_state(entry.after));
      }
    }
  }
}

void run_next(Context& context, const Args& args) {
  const CardFilter filter = context.filter(args.deck, args.tag);
  const Day today = context.today();
  const std::optional<Card> card = next_card(context.collection(), filter, today);
  if (args.json) {
    fmt::print("{}\n",
               card ? card_json(*card) : done_json(context.collection().earliest_due(filter)));
  } else if (card) {
    print_card(*card, false);
  } else {
    const std::optional<Day> next_due = context.collection().earliest_due(filter);
    fmt::print("Nothing to review now. Next due: {}\n", next_due ? format_day(*next_due) : "none");
  }
}

void run_answer(Context& context, const Args& args) {
  const Grade grade = Grade::parse(args.grade);
  if (args.duration_ms < 0) throw Error("--duration must be 0 or more milliseconds");
  const Moment now = context.now();
  const AnsweredCard answered = answer_card(context.collection(), args.card, grade, now,
                                            std::chrono::milliseconds(args.duration_ms));
  if (args.json) {
    fmt::print("{}\n", answered_json(answered));
    return;
  }
  const bool scheduled = answered.kind == sm2::AnswerKind::scheduled;
  fmt::print("{}: grade {} {}; next: {}\n", args.card, grade.value(),
             scheduled ? "recorded" : "recorded as a same-day repeat (schedule unchanged)",
             describe_due(answered.card.state, now.day));
}

}  // namespace

void add_card_commands(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  const auto add_filter = [&](CLI::App* command) {
    command->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
    command->add_option("--tag", args->tag,
                        "Only cards with this tag, e.g. lp:ownership or round:people");
  };

  auto* cards = app.add_subcommand("cards", "List cards with their state");
  add_filter(cards);
  cards->add_flag("--json", args->json, "Print one JSON array (docs/cli.md)");
  cards->callback([&context, args] { run_cards(context, *args); });

  auto* show = app.add_subcommand("show", "Show a card and its state; changes nothing");
  show->add_option("CARD", args->card, "Card id")->required();
  show->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  show->add_flag("--log", args->log, "Show the card's review log (with --json: the log as JSON)");
  show->callback([&context, args] { run_show(context, *args); });

  auto* next = app.add_subcommand("next", "Show the card to review next; changes nothing");
  add_filter(next);
  next->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  next->callback([&context, args] { run_next(context, *args); });

  auto* answer = app.add_subcommand("answer", "Record a grade for a card, as in a review");
  answer->add_option("CARD", args->card, "Card id")->required();
  answer
      ->add_option("GRADE", args->grade,
                   "0-5: 5 perfect, 4 after hesitation, 3 with difficulty, 2 wrong but easy "
                   "once seen, 1 wrong but remembered, 0 blackout")
      ->required();
  answer->add_option("--duration", args->duration_ms, "Milliseconds spent answering (default 0)");
  answer->add_flag("--json", args->json, "Print the card's new state as JSON (docs/cli.md)");
  answer->callback([&context, args] { run_answer(context, *args); });
}

}  // namespace rehearse::cli
