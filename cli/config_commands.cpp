// config: the settings the collection keeps (limits, day start, new-card order, leeches).
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "model/error.hpp"

namespace rehearse::cli {
namespace {

struct Args {
  std::string key;
  std::string value;
  bool unset = false;
};

void list_settings(Context& context) {
  const std::vector<SettingLine> lines = describe_settings(context.collection().stored_settings());
  std::size_t width = 0;
  for (const SettingLine& line : lines)
    width = std::max(width, line.key.size());
  for (const SettingLine& line : lines) {
    fmt::print("{:<{}}  {:<12} {:<22} {}\n", line.key, width, line.value,
               line.set ? fmt::format("(set; default {})", line.default_value) : "(default)",
               line.meaning);
  }
}

// A per-deck key must name a deck of the collection.
void check_deck_of(Context& context, const std::string& key) {
  const std::optional<std::string> deck = setting_deck(key);
  if (deck && !context.collection().find_deck(*deck)) {
    throw Error("no deck '{}' in {} ('rehearse decks' lists them)", *deck,
                context.collection().path().string());
  }
}

void run_config(Context& context, const Args& args) {
  if (args.key.empty()) {
    if (args.unset) throw Error("config --unset needs the KEY to take back");
    return list_settings(context);
  }
  if (args.unset) {
    if (!args.value.empty()) throw Error("config --unset takes a KEY and no VALUE");
    check_setting(args.key, "0");  // an unknown key is an error, not a silent no-op
    const bool was_set = context.collection().unset_setting(args.key);
    fmt::print("{}\n", was_set ? fmt::format("{}: back to its default", args.key)
                               : fmt::format("{} was not set; nothing changed", args.key));
    return;
  }
  if (args.value.empty()) {
    for (const SettingLine& line : describe_settings(context.collection().stored_settings())) {
      if (line.key == args.key) return fmt::print("{}\n", line.value);
    }
    check_setting(args.key, "0");  // names the known keys when this is none of them
    check_deck_of(context, args.key);
    return fmt::print("none\n");  // a deck's limit not set: the collection's apply
  }
  check_deck_of(context, args.key);
  context.collection().set_setting(args.key, args.value);
  fmt::print("{} = {}\n", args.key, check_setting(args.key, args.value));
}

}  // namespace

void add_config_commands(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* config = app.add_subcommand(
      "config",
      "Show or change the collection's settings. Alone: every setting with its value, default "
      "and whether it was set. KEY: its value. KEY VALUE: set it. Keys: new-per-day (20), "
      "reviews-per-day (200), new-order (interleaved or deck-by-deck), day-starts-at (4), "
      "leech-threshold (8), deck.<deck id>.new-per-day, deck.<deck id>.reviews-per-day.");
  config->add_option("KEY", args->key, "Setting to show or change");
  config->add_option("VALUE", args->value, "New value");
  config->add_flag("--unset", args->unset, "Take the setting back to its default");
  config->callback([&context, args] { run_config(context, *args); });
}

}  // namespace rehearse::cli
