// orphans: the cards an import no longer found in their deck's file, listed and, on request,
// removed.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app.hpp"
#include "clock.hpp"
#include "import/import.hpp"
#include "io/json_writer.hpp"
#include "model/error.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string deck;
  bool json = false;
  bool remove = false;  // --delete
  bool yes = false;
};

std::string cards_text(std::size_t n) {
  return fmt::format("{} {}", n, n == 1 ? "orphaned card" : "orphaned cards");
}

// "3 answers, last 2024-03-02", "never answered"
std::string history_text(const Orphan& orphan) {
  if (orphan.answers == 0 || !orphan.last_answered) return "never answered";
  return fmt::format("{} answer{}, last {}", orphan.answers, orphan.answers == 1 ? "" : "s",
                     format_day(*orphan.last_answered));
}

void print_orphans(const std::vector<Orphan>& orphans, const std::string& deck) {
  if (orphans.empty()) {
    if (deck.empty()) return fmt::print("No orphans: every card is in its deck's file.\n");
    return fmt::print("No orphans in deck {}.\n", visible_line(deck));
  }
  fmt::print("{} no longer in {} deck's file, kept with {} history (not asked, not counted):\n",
             cards_text(orphans.size()), orphans.size() == 1 ? "its" : "their",
             orphans.size() == 1 ? "its" : "their");
  for (const Orphan& orphan : orphans) {
    fmt::print("  {} {}: {} ({})\n", visible_line(orphan.deck_id), visible_line(orphan.card_id),
               visible_line(orphan.front), history_text(orphan));
  }
  fmt::print(
      "An import that lists one again puts it back; 'rehearse orphans --delete' removes "
      "them.\n");
}

// [{"id", "deck", "front", "answers", "last_answered"}, ...]
std::string orphans_json(const std::vector<Orphan>& orphans) {
  JsonWriter w;
  w.StartArray();
  for (const Orphan& orphan : orphans) {
    w.StartObject();
    w.Key("id");
    w.String(orphan.card_id);
    w.Key("deck");
    w.String(orphan.deck_id);
    w.Key("front");
    w.String(orphan.front);
    w.Key("answers");
    w.Int(orphan.answers);
    w.Key("last_answered");
    if (orphan.last_answered) {
      w.String(format_day(*orphan.last_answered));
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  return w.text();
}

// Whether the user agrees to remove `count` orphans: --yes, or "y" on a terminal.
bool confirmed(std::size_t count, bool yes) {
  if (yes) return true;
  if (!is_terminal(stdin)) {
    throw Error(
        "orphans --delete asks before it removes cards: run it on a terminal, or pass --yes");
  }
  fmt::print("Delete {} and their history? [y/N] ", cards_text(count));
  std::fflush(stdout);
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

void run_delete(Context& context, const std::vector<Orphan>& orphans, const Args& args) {
  if (orphans.empty()) return print_orphans(orphans, args.deck);
  if (!confirmed(orphans.size(), args.yes)) return fmt::print("Kept.\n");
  const Moment now = context.now();
  const OrphanRemoval removal = remove_orphans(context.collection(), orphans, now,
                                               "before-orphans-delete-" + file_stamp(now));
  if (removal.backup) {
    fmt::print("Backed up the collection to {} first.\n", removal.backup->string());
  }
  fmt::print("Deleted {} and their history.\n", cards_text(removal.removed));
}

void run_orphans(Context& context, const Args& args) {
  context.filter(args.deck, "");  // an unknown deck is an error
  const std::vector<Orphan> orphans = context.collection().orphans(args.deck);
  if (args.remove) return run_delete(context, orphans, args);
  if (args.json) return fmt::print("{}\n", orphans_json(orphans));
  print_orphans(orphans, args.deck);
}

}  // namespace

void add_orphans_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* orphans = app.add_subcommand(
      "orphans",
      "The cards an import no longer found in their deck's file: kept with their schedule and "
      "history, neither asked nor counted, back in the deck when an import lists them again. "
      "--delete removes them, after a backup.");
  orphans->add_option("DECK", args->deck, "Only this deck");
  auto* json = orphans->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  auto* remove =
      orphans->add_flag("--delete", args->remove,
                        "Delete the orphans and their history (asks first, backs up first)");
  orphans->add_flag("--yes", args->yes, "With --delete: do not ask")->needs(remove);
  json->excludes(remove);
  orphans->callback([&context, args] { run_orphans(context, *args); });
}

}  // namespace rehearse::cli
