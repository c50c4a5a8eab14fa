#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/time.hpp"
#include "store/collection.hpp"

namespace CLI {
class App;
}

namespace rehearse::cli {

// Runs the command line and returns the process exit code: 0 done, 1 error, 2 usage error.
int run(int argc, char** argv);

// What every command shares: the global options, the collection (opened on first use) and the
// time.
class Context {
 public:
  std::string db_option;   // --db / REHEARSE_DB
  std::string now_option;  // --now / REHEARSE_NOW
  int exit_code = 0;       // what run() returns once the command is done
  // How the collection is opened; a command may lower it before its first use.
  Durability durability = Durability::power_loss;

  // The collection at --db, REHEARSE_DB or the default path, opened on first use. A missing
  // file is an error naming it and 'rehearse init', unless allow_creating() was called first.
  Collection& collection();
  // Lets collection() create a missing collection: for the commands that add to it (init,
  // import, add, story import).
  void allow_creating() { may_create_ = true; }
  // The collection for a preview (import --dry-run): when it is missing, an empty one in
  // memory, so that nothing is created.
  Collection& collection_to_preview();
  // Throws Error when --db was given as "" (which would otherwise mean the default).
  std::filesystem::path collection_path() const;
  bool db_given = false;  // --db or REHEARSE_DB was given

  // The current moment: --now when given (the same for the whole run), else the clock; its day
  // is the one it counts for under the collection's day-starts-at (read once, on first use).
  Moment now();
  Day today() { return now().day; }
  // The current moment with its calendar day, for what needs no collection (file names).
  Moment clock_moment() const;
  // The collection's settings, read on first use.
  const Settings& settings();

  // A filter for DECK, --tag and --search, checked: an unknown deck, an unused tag or a query
  // that does not parse is an error.
  CardFilter filter(const std::string& deck, const std::string& tag,
                    const std::optional<std::string>& search = std::nullopt);

 private:
  std::optional<Collection> collection_;
  std::optional<Settings> settings_;
  bool may_create_ = false;
};

// rehearse's folder under $XDG_DATA_HOME (when absolute), else ~/.local/share/rehearse. Throws
// Error "cannot tell where WHAT" when HOME is needed and not set.
std::filesystem::path user_data_folder(std::string_view what);

// Each command group adds its subcommands to `app`; their callbacks use `context`.
void add_deck_commands(CLI::App& app, Context& context);
void add_add_command(CLI::App& app, Context& context);
void add_card_commands(CLI::App& app, Context& context);
void add_review_command(CLI::App& app, Context& context);
void add_cram_command(CLI::App& app, Context& context);
void add_stats_commands(CLI::App& app, Context& context);
void add_maintenance_commands(CLI::App& app, Context& context);
void add_config_commands(CLI::App& app, Context& context);
void add_story_commands(CLI::App& app, Context& context);
void add_plan_command(CLI::App& app, Context& context);
void add_mock_command(CLI::App& app, Context& context);
void add_forecast_command(CLI::App& app, Context& context);
void add_heatmap_command(CLI::App& app, Context& context);
void add_report_command(CLI::App& app, Context& context);
void add_orphans_command(CLI::App& app, Context& context);

// rehearse with no command: due and new cards per deck, the streak, the command to run next.
void run_today(Context& context);

}  // namespace rehearse::cli
