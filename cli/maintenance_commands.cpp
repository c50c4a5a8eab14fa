// check, backup, restore: keeping the collection sound and safe.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "check/check.hpp"
#include "clock.hpp"
#include "model/error.hpp"
#include "terminal.hpp"

namespace rehearse::cli {
namespace {

void run_check(Context& context) {
  CheckReport report;
  {
    ProgressBar bar("Replaying review logs");
    report = check_collection(context.collection(), {}, [&](std::size_t done, std::size_t total) {
      bar.update(done, total);
    });
  }
  for (const std::string& problem : report.integrity_problems) {
    fmt::print("integrity: {}\n", problem);
  }
  for (const std::string& card : report.mismatched_cards) {
    fmt::print("card {}: stored state differs from its replayed review log\n", card);
  }
  for (const std::string& card : report.mismatched_log_cards) {
    fmt::print("card {}: a review-log row's state before or after differs from the replay\n", card);
  }
  for (const std::string& problem : report.mismatched_answer_days) {
    fmt::print("statistics: {}\n", problem);
  }
  if (report.ok()) {
    const std::size_t records = report.state_records;
    fmt::print("{} is sound: {} cards replayed from {} answers{}, every state matches its log.\n",
               context.collection().path().string(), report.cards_checked, report.answers_replayed,
               records == 0
                   ? std::string()
                   : fmt::format(" and {} state record{}", records, records == 1 ? "" : "s"));
  } else {
    context.exit_code = 1;
  }
}

void run_backup(Context& context, std::string file) {
  Collection& collection = context.collection();
  const bool default_name = file.empty();
  if (default_name) {
    const std::filesystem::path path = collection.path();
    file = (path.parent_path() / "backups" /
            fmt::format("{}-{}.db", path.stem().string(), file_stamp(context.clock_moment())))
               .string();
  }
  // A default name is never reused: a second backup in the same second gets -2, -3...
  const std::filesystem::path written =
      collection.backup_to(file, default_name ? store::IfExists::keep : store::IfExists::replace);
  fmt::print("Backed up {} to {}\n", collection.path().string(), written.string());
}

void run_restore(Context& context, const std::string& file) {
  const std::filesystem::path path = context.collection_path();
  const std::filesystem::path safety = Collection::restore_with_automatic_backup(
      path, file, "before-restore-" + file_stamp(context.clock_moment()));
  fmt::print("Restored {} from {}\nThe collection as it was is kept in {}\n", path.string(), file,
             safety.string());
}

}  // namespace

void add_maintenance_commands(CLI::App& app, Context& context) {
  auto file = std::make_shared<std::string>();

  app.add_subcommand("check",
                     "Check the collection: SQLite's integrity check, then every card's state "
                     "against a replay of its review log. Exit code 1 when anything is wrong.")
      ->callback([&context] { run_check(context); });

  auto* backup = app.add_subcommand(
      "backup", "Copy the collection, consistent even while it is in use (SQLite online backup)");
  backup->add_option("FILE", *file,
                     "Where to write the copy (default: backups/<name>-<time>.db next to the "
                     "collection)");
  backup->callback([&context, file] { run_backup(context, *file); });

  auto* restore = app.add_subcommand(
      "restore",
      "Replace the collection with a backup. The backup is checked first, and the collection "
      "as it was is saved to backups/ before it is replaced.");
  restore->add_option("FILE", *file, "A backup made by 'rehearse backup' (or any collection)")
      ->required();
  restore->callback([&context, file] { run_restore(context, *file); });
}

}  // namespace rehearse::cli
