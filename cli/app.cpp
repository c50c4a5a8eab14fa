#include "app.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "clock.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"
#include "model/search.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

std::filesystem::path default_collection_path() {
  return user_data_folder(
             "the collection lives: HOME is not set; pass --db PATH or set "
             "REHEARSE_DB") /
         "collection.db";
}

// Accepts a --now value that parse_local_date_time accepts.
CLI::Validator time_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          parse_local_date_time(text);
          return {};
        } catch (const Error& e) {
          return e.what();
        }
      },
      "YYYY-MM-DD[THH:MM[:SS]]");
}

// The edit distance of a and b, a swap of two neighbours counting one (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// "unknown command 'reveiw'; did you mean 'review'?" when the first word left over after parsing
// is close to a command's name; empty otherwise.
std::string unknown_command_message(const CLI::App& app) {
  const std::vector<std::string> left = app.remaining();
  if (left.empty() || left.front().starts_with("-")) return {};
  const std::string& word = left.front();
  std::string best;
  std::size_t best_distance = 3;  // at most two edits away
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    const std::size_t distance = edit_distance(word, command->get_name());
    if (distance < best_distance) {
      best_distance = distance;
      best = command->get_name();
    }
  }
  if (best.empty()) return fmt::format("unknown command '{}'", word);
  return fmt::format("unknown command '{}'; did you mean '{}'?", word, best);
}

// Flushes standard output and reports a write that failed there (a full disk, a closed pipe's
// reader gone is SIGPIPE's business): the command's exit code, or 1 after one line.
int with_output_flushed(int exit_code) {
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  if (flushed && !std::ferror(stdout)) return exit_code;
  const int error = errno;
  fmt::print(stderr, "rehearse: cannot write the output: {}\n",
             error != 0 ? std::strerror(error) : "write error");
  return exit_code == 0 ? 1 : exit_code;
}

// REHEARSE_BUSY_TIMEOUT_MS, when set: how long a write waits for another process's lock before
// trying again (docs/cli.md). For tests, which would otherwise wait 50 s for a lock held on
// purpose.
void apply_busy_timeout() {
  const char* text = std::getenv("REHEARSE_BUSY_TIMEOUT_MS");
  if (!text) return;
  constexpr long kMaxMs = 3'600'000;
  char* end = nullptr;
  errno = 0;
  const long ms = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || errno != 0 || ms < 1 || ms > kMaxMs) {
    throw Error("REHEARSE_BUSY_TIMEOUT_MS is '{}'; give a number of milliseconds from 1 to {}",
                text, kMaxMs);
  }
  set_busy_timeout(std::chrono::milliseconds(ms));
}

}  // namespace

std::filesystem::path user_data_folder(std::string_view what) {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  if (data_home && data_home[0] == '/') return std::filesystem::path(data_home) / "rehearse";
  const char* home = std::getenv("HOME");
  if (!home || home[0] == '\0') throw Error("cannot tell where {}", what);
  return std::filesystem::path(home) / ".local" / "share" / "rehearse";
}

std::filesystem::path Context::collection_path() const {
  if (db_given && db_option.empty()) {
    throw Error(
        "--db names no file (it is empty); give a collection file, or leave --db out for "
        "the default one");
  }
  return db_option.empty() ? default_collection_path() : std::filesystem::path(db_option);
}

Collection& Context::collection() {
  if (collection_) return *collection_;
  const std::filesystem::path path = collection_path();
  std::error_code error;
  if (!may_create_ && path != ":memory:" &&
      !std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
    throw Error("no collection at {}; create it with 'rehearse init'", path.string());
  }
  return collection_.emplace(Collection::open(path, {durability}));
}

Collection& Context::collection_to_preview() {
  if (collection_) return *collection_;
  std::error_code error;
  const std::filesystem::path path = collection_path();
  if (path == ":memory:" || std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
    return collection();
  }
  return collection_.emplace(Collection::open(":memory:"));
}

const Settings& Context::settings() {
  if (!settings_) settings_ = collection().settings();
  return *settings_;
}

Moment Context::now() {
  const int day_starts_at = settings().day_starts_at;
  return now_option.empty() ? moment_now(day_starts_at) : moment_at(now_option, day_starts_at);
}

Moment Context::clock_moment() const {
  return now_option.empty() ? moment_now(0) : moment_at(now_option, 0);
}

CardFilter Context::filter(const std::string& deck, const std::string& tag,
                           const std::optional<std::string>& search) {
  CardFilter filter;
  if (!deck.empty()) {
    if (!collection().find_deck(deck)) {
      throw Error("no deck '{}' in {} ('rehearse decks' lists them)", deck,
                  collection().path().string());
    }
    filter.deck = deck;
  }
  if (!tag.empty()) {
    if (const std::optional<std::string> problem = tag_problem(tag)) throw Error("{}", *problem);
    if (!collection().has_tag(tag)) throw Error("no card is tagged '{}'", tag);
    filter.tag = tag;
  }
  if (search) {
    filter.search = Search{parse_search(*search), today(), settings().leech_threshold};
  }
  return filter;
}

int run(int argc, char** argv) {
  // A write beyond `ulimit -f` then fails with EFBIG and is reported like any failed write,
  // instead of the signal killing rehearse without a word and leaving a temporary file.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "rehearse: spaced-repetition drills (SM-2) for interview preparation.\n"
      "Review decks of questions every day; nothing is forgotten before the interview.",
      "rehearse"};
  app.set_version_flag("--version", fmt::format("rehearse {}", kVersion));
  app.fallthrough();
  app.option_defaults()->always_capture_default(false);
  Context context;
  app.add_option("--db", context.db_option,
                 "Collection file (default: $XDG_DATA_HOME/rehearse/collection.db, else "
                 "~/.local/share/rehearse/collection.db)")
      ->envname("REHEARSE_DB")
      ->each([&context](const std::string&) { context.db_given = true; });
  app.add_option("--now", context.now_option,
                 "Act as if it were this local time (years 1970 to 2200), for tests and scripts")
      ->envname("REHEARSE_NOW")
      ->check(time_validator());
  add_deck_commands(app, context);
  add_orphans_command(app, context);
  add_add_command(app, context);
  add_card_commands(app, context);
  add_review_command(app, context);
  add_cram_command(app, context);
  add_stats_commands(app, context);
  add_maintenance_commands(app, context);
  add_config_commands(app, context);
  add_story_commands(app, context);
  add_plan_command(app, context);
  add_mock_command(app, context);
  add_forecast_command(app, context);
  add_heatmap_command(app, context);
  add_report_command(app, context);

  try {
    apply_busy_timeout();
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) run_today(context);
    return with_output_flushed(context.exit_code);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string unknown =
        app.get_subcommands().empty() ? unknown_command_message(app) : std::string();
    fmt::print(stderr, "rehearse: {} (see 'rehearse --help')\n",
               visible_line(unknown.empty() ? e.what() : unknown));
    return 2;
  } catch (const Error& e) {
    fmt::print(stderr, "rehearse: {}\n", visible_line(e.what()));
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "rehearse: unexpected failure: {}\n", visible_line(e.what()));
    return 1;
  }
}

}  // namespace rehearse::cli
