// add: one new card, written in the user's editor or given with --front and --back, appended to
// the deck file its deck came from (or to a user deck file), which is then imported.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <optional>
#include <span>

#include "app.hpp"
#include "card_text.hpp"
#include "editor.hpp"
#include "import/import.hpp"
#include "import_policy.hpp"
#include "io/card_template.hpp"
#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/import_formats.hpp"
#include "io/interop_text.hpp"
#include "model/error.hpp"
#include "model/reverse_card.hpp"
#include "stories/cards.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

constexpr const char* kDefaultDeck = "my-cards";
constexpr std::size_t kMaxDeckIdLength = 100;

// The deck file a new card goes to, as it is now.
struct Target {
  std::string deck_id;
  std::filesystem::path path;
  std::string text;  // the file's text; for a file not written yet, what it starts as
};

// Where decks without a file of their own get one: $XDG_DATA_HOME/rehearse/decks.
std::filesystem::path user_decks_folder() {
  return user_data_folder("to write the deck file: HOME is not set; set XDG_DATA_HOME") / "decks";
}

// The text of the deck file at `path`, checked to hold deck `deck_id`.
std::string deck_file_text(const std::filesystem::path& path, const std::string& deck_id) {
  std::string text = read_file(path);
  const DeckFile file = parse_deck_file(text, path.string());
  if (file.deck.id != deck_id) {
    throw Error("{} holds deck '{}', not '{}': import it, or name its deck", path.string(),
                file.deck.id, deck_id);
  }
  return text;
}

// The deck file of a deck imported from `source`; refused when it is no deck file.
Target recorded_target(const std::string& deck_id, const std::filesystem::path& source) {
  std::error_code error;
  if (!std::filesystem::exists(source, error)) {
    throw Error(
        "deck '{}' was imported from {}, which is not there any more: import the deck from "
        "where it is now, then add to it",
        deck_id, source.string());
  }
  const ImportFormat format = detect_import_format(source);
  if (format != ImportFormat::deck) {
    throw Error(
        "deck '{}' comes from {} ({} format), and add appends only to deck files: add the card "
        "there and import it again, or move the deck to a deck file (rehearse export {} "
        "FILE.json, then rehearse import FILE.json) and add to that",
        deck_id, source.string(), format_name(format), deck_id);
  }
  return {deck_id, source, deck_file_text(source, deck_id)};
}

// The deck file for `deck_id`: the one it was imported from, else the user deck file (which a
// deck already in the collection starts with its cards).
Target find_target(Collection& collection, const std::string& deck_id) {
  if (const auto problem = id_problem(deck_id, kMaxDeckIdLength)) {
    throw Error("the deck id {}", *problem);
  }
  if (deck_id == kStoryDeckId) {
    throw Error("deck '{}' holds the story bank's cards: write a story with rehearse story new",
                deck_id);
  }
  const std::filesystem::path source = collection.deck_source(deck_id);
  if (!source.empty()) return recorded_target(deck_id, source);
  const std::filesystem::path path = user_decks_folder() / (deck_id + ".json");
  std::error_code error;
  if (std::filesystem::exists(path, error)) return {deck_id, path, deck_file_text(path, deck_id)};
  const DeckFile start = collection.find_deck(deck_id)
                             ? folded_deck_file(collection.export_deck(deck_id))
                             : DeckFile{{deck_id, deck_id, ""}, {}};
  return {deck_id, path, format_deck_file(start)};
}

// Refuses a card that could not be imported, or that would take another card's id.
void check_new_card(const Collection& collection, const CardContent& card) {
  if (const std::optional<std::string> problem = new_card_problem(card)) {
    throw Error("{}", *problem);
  }
  if (const std::optional<Card> taken = collection.find_card(card.id)) {
    throw Error("card '{}' exists already, in deck '{}': give the new card another id", card.id,
                taken->deck_id);
  }
}

// The card checked, and the deck file's text with it appended, checked as import checks it.
// Writes nothing.
std::string appended_text(const Collection& collection, const Target& target,
                          const CardContent& card) {
  check_new_card(collection, card);
  std::string text = with_card_appended(target.text, card);
  parse_deck_file(text, target.path.string());
  return text;
}

// Writes the file and imports it under import's policy (import_policy.hpp); when the import
// fails, or the policy refuses it, the file gets its old text back.
void write_and_import(Context& context, const Target& target, const std::string& text,
                      const CardContent& card) {
  std::error_code error;
  const bool existed = std::filesystem::exists(target.path, error);
  if (!existed) std::filesystem::create_directories(target.path.parent_path(), error);
  write_file_atomically(target.path, text);
  ImportOutcome outcome;
  try {
    DeckFile file = parse_deck_file(text, target.path.string());
    file.source = deck_source_path(target.path);
    Collection& collection = context.collection();
    outcome = import_files(collection, std::span<const DeckFile>(&file, 1),
                           import_policy({target.path.string()}, context.now()));
  } catch (...) {
    if (existed) {
      write_file_atomically(target.path, target.text);
    } else {
      std::filesystem::remove(target.path, error);
    }
    throw;
  }
  if (const std::optional<std::string> notice = backup_notice(outcome)) {
    fmt::print("{}\n", *notice);
  }
  fmt::print("Added card {} to deck {} ({}).\n", visible_line(card.id),
             visible_line(target.deck_id), visible_line(target.path.string()));
  const ImportReport& report = outcome.reports.front();
  if (!report.missing.empty()) fmt::print("  {}\n", orphans_notice(report.missing.size()));
}

// --- The card from the command line -------------------------------------------------------------

struct Args {
  std::string deck = kDefaultDeck;
  std::optional<std::string> front;
  std::optional<std::string> back;
  std::string id;
  std::vector<std::string> tags;
};

CardContent card_of(const Args& args, const std::string& front, const std::string& back) {
  const std::string id = args.id.empty() ? derived_card_id(args.deck, front) : args.id;
  return {id, front, back, args.tags};
}

void add_from_options(Context& context, const Args& args) {
  if (!args.front || !args.back) {
    throw Error("give both --front and --back (or neither, to write the card in the editor)");
  }
  const Target target = find_target(context.collection(), args.deck);
  const CardContent card = card_of(args, *args.front, *args.back);
  std::string text;
  try {
    text = appended_text(context.collection(), target, card);
  } catch (const Error& e) {
    throw Error("{}; nothing was added", e.what());
  }
  write_and_import(context, target, text, card);
}

// --- The card in the editor ------------------------------------------------------------------

std::string card_template(const Args& args, const Target& target) {
  return format_card_template(target.deck_id, target.path.string(),
                              CardContent{args.id, "", "", args.tags});
}

void add_in_editor(Context& context, const Args& args, const std::string& editor) {
  const Target target = find_target(context.collection(), args.deck);
  EditLoop loop;
  loop.editor = editor;
  loop.start = card_template(args, target);
  loop.file_name = "new-card.txt";
  loop.comment_mark = "# rehearse: ";
  loop.check = [&](const std::filesystem::path&, const std::string& text) {
    appended_text(context.collection(), target, parse_card_template(text, target.deck_id));
  };
  loop.save = [&](const std::filesystem::path&, const std::string& text) {
    // The file as it is now: it may have changed while the editor was open.
    const Target now = find_target(context.collection(), args.deck);
    const CardContent card = parse_card_template(text, now.deck_id);
    write_and_import(context, now, appended_text(context.collection(), now, card), card);
  };
  if (!edit_until_accepted(loop)) fmt::print("The file was empty: nothing was added.\n");
}

void run_add(Context& context, const Args& args) {
  context.allow_creating();
  if (args.front || args.back) return add_from_options(context, args);
  const std::optional<std::string> editor = editor_on_terminal();
  if (!editor) {
    throw Error(
        "add writes the card in an editor on a terminal (set VISUAL or EDITOR), or takes it "
        "from --front and --back");
  }
  add_in_editor(context, args, *editor);
}

}  // namespace

void add_add_command(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* add = app.add_subcommand(
      "add",
      "Add a card: write it in $VISUAL or $EDITOR (or give --front and --back), append it to "
      "the deck file the deck was imported from, and import that file. A deck with no file "
      "gets one under $XDG_DATA_HOME/rehearse/decks.");
  add->add_option("DECK", args->deck,
                  fmt::format("The deck (default: {}); a new id makes a new deck", kDefaultDeck));
  add->add_option("--front", args->front, "The question (no editor is opened)");
  add->add_option("--back", args->back, "The answer (its newlines are kept)");
  add->add_option("--id", args->id,
                  "The card's id (default: made from the deck and the front, DECK.HASH)");
  add->add_option("--tag", args->tags, "A tag, e.g. lp:ownership; repeat for more")
      ->allow_extra_args(false);
  add->callback([&context, args] { run_add(context, *args); });
}

}  // namespace rehearse::cli
