// cards, show, next, answer: the scripting interface (docs/cli.md), with text for people too.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <sstream>

#include "answer/answer.hpp"
#include "app.hpp"
#include "card_text.hpp"
#include "json_output.hpp"
#include "log_order.hpp"
#include "model/error.hpp"
#include "session/queue.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string deck;
  std::string tag;
  std::string card;
  std::string grade;
  std::string duration = "0";
  bool json = false;
  bool batch = false;
  bool log = false;
  bool suspended = false;
  bool leech = false;
  std::optional<std::string> search;
  bool new_first = false;
  bool reviews_first = false;
  std::vector<std::string> cards;
};

Card require_card(Context& context, const std::string& id) {
  std::optional<Card> card = context.collection().find_card(id);
  if (!card) {
    throw Error("no card '{}' in {} ('rehearse cards' lists them)", id,
                context.collection().path().string());
  }
  return std::move(*card);
}

void print_card(const Card& card, bool with_back, int leech_threshold) {
  fmt::print("{}  (deck {})\n", visible_line(card.content.id), visible_line(card.deck_id));
  if (!card.content.tags.empty()) {
    fmt::print("tags: {}\n", visible_line(fmt::format("{}", fmt::join(card.content.tags, " "))));
  }
  if (!card.content.group.empty()) fmt::print("group: {}\n", card.content.group);
  std::string flags = card.suspended ? ", suspended" : "";
  if (card.state.lapses > 0) {
    flags +=
        fmt::format(", lapsed {} time{}{}", card.state.lapses, card.state.lapses == 1 ? "" : "s",
                    is_leech(card.state.lapses, leech_threshold) ? ": a leech" : "");
  }
  if (card.changed) flags += ", changed since your last review";
  if (card.orphaned) flags += ", an orphan: no longer in its deck's file (rehearse orphans)";
  fmt::print("state: {}{}\n\n{}\n", describe_state(card.state), flags, visible(card.content.front));
  if (with_back) fmt::print("\n{}\n", visible(card.content.back));
}

void run_cards(Context& context, const Args& args) {
  std::vector<Card> cards =
      context.collection().cards(context.filter(args.deck, args.tag, args.search));
  const int threshold = context.settings().leech_threshold;
  if (args.suspended) std::erase_if(cards, [](const Card& card) { return !card.suspended; });
  if (args.leech) {
    std::erase_if(cards, [&](const Card& card) { return !is_leech(card.state.lapses, threshold); });
  }
  if (args.json) {
    fmt::print("{}\n", cards_json(cards, threshold));
    return;
  }
  for (const Card& card : cards) {
    const std::string due = card.state.due ? format_day(*card.state.due) : "new";
    std::string front = card.content.front.substr(0, card.content.front.find('\n'));
    if (front.size() > 70) front = front.substr(0, 67) + "...";
    fmt::print("{:<44} {:<10} {}\n", visible_line(card.content.id), due, visible_line(front));
  }
}

// A state record as `show --log` lists it: what set the card's state, and to what.
void print_state_record(const StateRecord& record) {
  const std::string from = record.source.empty()
                               ? std::string()
                               : " from " + visible_line(record.source.filename().string());
  fmt::print("  {}  {}  -> {}{}\n", format_day(record.moment.day),
             record.kind == StateRecord::Kind::reset
                 ? "started over as new (import --reset-changed)"
                 : "progress imported" + from,
             describe_state(record.state), record.suspended ? ", suspended" : "");
}

// The card's answers, oldest first, with its state records in their places among them.
void print_log(const Collection& collection, const std::string& card_id) {
  fmt::print("\nreviews:\n");
  const auto print_answer = [](const LogEntry& entry) {
    fmt::print(
        "  {}  grade {}  {} -> {}{}\n", format_day(entry.moment.day), entry.grade.value(),
        describe_state(entry.before), describe_state(entry.after),
        entry.undone ? fmt::format("  (undone on {})", format_day(entry.undone->moment.day)) : "");
  };
  in_log_order(collection.review_log(card_id), collection.state_records(card_id), print_answer,
               print_state_record);
}

void run_show(Context& context, const Args& args) {
  const Card card = require_card(context, args.card);
  const int threshold = context.settings().leech_threshold;
  if (args.json && args.log) {
    fmt::print("{}\n", log_json(context.collection().review_log(args.card),
                                context.collection().state_records(args.card)));
  } else if (args.json) {
    fmt::print("{}\n", card_json(card, threshold));
  } else {
    print_card(card, true, threshold);
    if (args.log) print_log(context.collection(), args.card);
  }
}

void run_next(Context& context, const Args& args) {
  const CardFilter filter = context.filter(args.deck, args.tag, args.search);
  const Day today = context.today();
  QueueConfig config;
  if (args.new_first && args.reviews_first) {
    throw Error("choose --new-first or --reviews-first, not both");
  }
  config.mix = args.new_first       ? NewMix::new_first
               : args.reviews_first ? NewMix::reviews_first
                                    : NewMix::spread;
  const std::optional<Card> card = next_card(context.collection(), filter, today, config);
  if (args.json) {
    const int threshold = context.settings().leech_threshold;
    fmt::print("{}\n", card ? card_json(*card, threshold)
                            : done_json(context.collection().earliest_due(filter)));
  } else if (card) {
    print_card(*card, false, context.settings().leech_threshold);
  } else {
    const std::optional<Day> next_due = context.collection().earliest_due(filter);
    fmt::print("Nothing to review now. Next due: {}\n", next_due ? format_day(*next_due) : "none");
  }
}

// Prints what an answer did: the card's JSON, or a line for people.
void print_answer(const AnsweredCard& answered, Day today, bool json, int leech_threshold) {
  if (json) {
    fmt::print("{}\n", answered_json(answered, leech_threshold));
    return;
  }
  const bool scheduled = answered.kind == sm2::AnswerKind::scheduled;
  fmt::print("{}: grade {} {}; next: {}\n", visible_line(answered.card.content.id),
             answered.entry.grade.value(),
             scheduled ? "recorded" : "recorded as a same-day repeat (schedule unchanged)",
             describe_due(answered.card.state, today));
  if (answered.suspended_as_leech) {
    fmt::print("{}\n",
               leech_notice(visible_line(answered.card.content.id), answered.card.state.lapses));
  }
}

std::chrono::milliseconds parse_duration(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    throw Error("duration '{}' must be a whole number of milliseconds, 0 or more", text);
  }
  return std::chrono::milliseconds(value);
}

void run_answer(Context& context, const Args& args) {
  if (args.card.empty() || args.grade.empty()) {
    throw Error("answer needs CARD and GRADE, or --batch with lines on standard input");
  }
  const Moment now = context.now();
  const AnsweredCard answered =
      answer_card(context.collection(), args.card, Grade::parse(args.grade), now,
                  parse_duration(args.duration), {}, context.settings().interview_date);
  print_answer(answered, now.day, args.json, context.settings().leech_threshold);
}

// One answer per line of standard input, "CARD GRADE [DURATION_MS]", each saved (and
// acknowledged on standard output) before the next line is read. Blank lines and lines
// starting with # are skipped. A bad line stops the batch; the answers before it are kept.
void answer_lines(Context& context, Collection& collection, const Args& args) {
  const int threshold = context.settings().leech_threshold;
  std::string line;
  for (int number = 1; std::getline(std::cin, line); ++number) {
    std::istringstream fields(line);
    std::string card, grade, duration, extra;
    fields >> card >> grade >> duration >> extra;
    if (card.empty() || card.starts_with('#')) continue;
    try {
      if (grade.empty() || !extra.empty()) throw Error("expected CARD GRADE [DURATION_MS]");
      const Moment now = context.now();
      const AnsweredCard answered = answer_card(collection, card, Grade::parse(grade), now,
                                                parse_duration(duration.empty() ? "0" : duration),
                                                {}, context.settings().interview_date);
      print_answer(answered, now.day, args.json, threshold);
      std::fflush(stdout);
    } catch (const Error& e) {
      throw Error("standard input, line {}: {}", number, e.what());
    }
  }
}

void run_answer_batch(Context& context, const Args& args) {
  if (!args.card.empty()) throw Error("answer --batch reads its answers from standard input only");
  // One fsync per answer would cap a batch at a few hundred answers a second. Each commit
  // still survives a crash of the process; the end of the batch (a bad line included) makes
  // all of it durable against a power cut as well, even while others have the file open.
  context.durability = Durability::process_crash;
  Collection& collection = context.collection();
  try {
    answer_lines(context, collection, args);
  } catch (const Error&) {
    try {
      collection.make_durable();
    } catch (const Error&) {  // the bad line is the error to report
    }
    throw;
  }
  collection.make_durable();
}

// Suspends or unsuspends the cards named, all or none, and says what changed.
void run_suspend(Context& context, const Args& args, bool suspend) {
  std::vector<std::string> ids;  // each once, in the order given
  for (const std::string& id : args.cards) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  const std::vector<std::string> changed = context.collection().set_suspended(ids, suspend);
  for (const std::string& id : ids) {
    const bool did = std::find(changed.begin(), changed.end(), id) != changed.end();
    if (suspend) {
      fmt::print(
          "{}: {}\n", id,
          did ? "suspended (kept out of reviews until 'rehearse unsuspend')" : "already suspended");
    } else {
      fmt::print("{}: {}\n", id, did ? "back in reviews" : "was not suspended");
    }
  }
}

// Takes back the last answer and says what the card is back to.
void run_undo(Context& context, const Args& args) {
  const Moment now = context.now();
  const std::optional<UndoneAnswer> undone = undo_last_answer(context.collection(), now);
  if (!undone) throw Error("nothing to undo: no answer is left to take back");
  if (args.json) {
    return fmt::print("{}\n", undone_json(*undone, context.settings().leech_threshold));
  }
  fmt::print("Took back {}: grade {} on {}. The card is back to: {}; next: {}.\n",
             visible_line(undone->entry.card_id), undone->entry.grade.value(),
             format_day(undone->entry.moment.day), describe_state(undone->card.state),
             describe_due(undone->card.state, now.day));
  if (undone->unsuspended_leech) {
    fmt::print("That answer had suspended it as a leech; it is back in reviews.\n");
  }
}

}  // namespace

void add_card_commands(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  const auto add_filter = [&](CLI::App* command) {
    command->add_option("DECK", args->deck, "Only this deck (see 'rehearse decks')");
    command->add_option("--tag", args->tag,
                        "Only cards with this tag, e.g. lp:ownership or round:people");
    command->add_option("--search", args->search,
                        "Only cards matching QUERY, e.g. 'tag:lp:* is:due ease<2.0' (the query "
                        "language is in docs/cli.md, \"Searching cards\")");
  };

  auto* cards = app.add_subcommand("cards", "List cards with their state");
  add_filter(cards);
  cards->add_flag("--suspended", args->suspended, "Only suspended cards");
  cards->add_flag("--leech", args->leech,
                  "Only leeches: cards forgotten leech-threshold times (default 8) after being "
                  "learned");
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
  next->add_flag("--new-first", args->new_first, "Today's new cards before the reviews");
  next->add_flag("--reviews-first", args->reviews_first, "Today's reviews before new cards");
  next->callback([&context, args] { run_next(context, *args); });

  auto* undo = app.add_subcommand(
      "undo",
      "Take back the last answer (run again: the one before). The log keeps the answer and "
      "records the undo; the card's state is replayed without it.");
  undo->add_flag("--json", args->json, "Print the answer taken back and the card as JSON");
  undo->callback([&context, args] { run_undo(context, *args); });

  auto* suspend = app.add_subcommand(
      "suspend", "Keep cards out of every review until unsuspended; their progress is kept");
  suspend->add_option("CARD", args->cards, "Card ids")->required();
  suspend->callback([&context, args] { run_suspend(context, *args, true); });

  auto* unsuspend = app.add_subcommand("unsuspend", "Bring suspended cards back into reviews");
  unsuspend->add_option("CARD", args->cards, "Card ids")->required();
  unsuspend->callback([&context, args] { run_suspend(context, *args, false); });

  auto* answer = app.add_subcommand(
      "answer",
      "Record a grade for a card, as in a review. With --batch, read one answer per line of "
      "standard input (CARD GRADE [DURATION_MS]); each is saved and acknowledged before the "
      "next is read, and a bad line stops the batch, keeping the answers before it.");
  answer->add_option("CARD", args->card, "Card id");
  answer->add_option("GRADE", args->grade,
                     "0-5: 5 perfect, 4 after hesitation, 3 with difficulty, 2 wrong but easy "
                     "once seen, 1 wrong but remembered, 0 blackout");
  answer->add_option("--duration", args->duration, "Milliseconds spent answering (default 0)");
  answer->add_flag("--batch", args->batch, "Read answers from standard input, one per line");
  answer->add_flag("--json", args->json, "Print the card's new state as JSON (docs/cli.md)");
  answer->callback([&context, args] {
    args->batch ? run_answer_batch(context, *args) : run_answer(context, *args);
  });
}

}  // namespace rehearse::cli
