// init, import, export, decks, principles: getting content in and out of the collection.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <optional>

#include "app.hpp"
#include "card_text.hpp"
#include "clock.hpp"
#include "import/import.hpp"
#include "import_policy.hpp"
#include "io/anki_export.hpp"
#include "io/deck_file.hpp"
#include "io/deck_stream.hpp"
#include "io/file.hpp"
#include "io/import_formats.hpp"
#include "json_output.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"
#include "model/reverse_card.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

// "a, b, c and 4 more"
std::string id_list(const std::vector<std::string>& ids) {
  constexpr std::size_t kShown = 8;
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < kShown; ++i) {
    text += (i == 0 ? "" : ", ") + visible_line(ids[i]);
  }
  if (ids.size() > kShown) text += fmt::format(" and {} more", ids.size() - kShown);
  return text;
}

// What `import` is asked to do besides reading the files.
struct ImportOptions {
  bool dry_run = false;
  bool move = false;             // --move: cards another deck holds may move to the file's deck
  bool keep_scheduling = false;  // --keep-scheduling: Anki packages' progress comes along
  bool reset_changed = false;    // --reset-changed: changed cards start over as new
};

// "1 card", "2 cards"
std::string count_of(int count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

void print_report(const ImportReport& report, const std::string& file,
                  const ImportOptions& import) {
  fmt::print("{} ({}): {}{} added, {} updated, {} unchanged, {} missing\n",
             visible_line(report.deck_id), visible_line(file),
             report.deck_added ? "new deck, " : "", report.added, report.updated, report.unchanged,
             report.missing.size());
  if (import.keep_scheduling) {
    fmt::print("  kept the progress of {} and {}\n", count_of(report.progress_kept, "card"),
               count_of(report.answers_kept, "answer"));
  }
  if (report.progress_left > 0) {
    fmt::print("  {} already {} a history here and {} it: the package's progress left out\n",
               count_of(report.progress_left, "card"), report.progress_left == 1 ? "has" : "have",
               report.progress_left == 1 ? "keeps" : "keep");
  }
  if (import.reset_changed) {
    fmt::print("  {} changed since reviewed {} over as new\n", count_of(report.reset, "card"),
               report.reset == 1 ? "starts" : "start");
  } else if (report.changed > 0) {
    fmt::print("  {} changed since reviewed, schedule kept: cards --search is:changed lists them\n",
               report.changed);
  }
  if (!report.moved.empty()) {
    fmt::print("  moved here from other decks: {}\n", id_list(report.moved));
  }
  if (report.returned > 0) {
    fmt::print("  {} back in the file, with {} progress\n",
               report.returned == 1 ? "1 orphan" : fmt::format("{} orphans", report.returned),
               report.returned == 1 ? "its" : "their");
  }
  if (!report.missing.empty()) fmt::print("  {}\n", orphans_notice(report.missing.size()));
}

// The engine's policy for an import of the files called `sources` at `now` (import_policy.hpp)
// with import's --move and --reset-changed.
ImportPolicy policy_of(const ImportOptions& import, std::vector<std::string> sources,
                       const Moment& now) {
  return import_policy(std::move(sources), now, import.move, import.reset_changed);
}

void print_backup(const ImportOutcome& outcome) {
  if (const std::optional<std::string> notice = backup_notice(outcome)) {
    fmt::print("{}\n", *notice);
  }
}

// The folder of the decks shipped with rehearse: share/rehearse/decks beside the binary's folder
// (an installed tree, wherever it was moved), else where it was configured to be installed, else
// the source tree it was built from.
std::filesystem::path shipped_decks_folder() {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error)
    candidates.push_back(binary.parent_path().parent_path() / REHEARSE_DATA_SUBDIR / "decks");
  candidates.push_back(std::filesystem::path(REHEARSE_DATA_DIR) / "decks");
  candidates.push_back(std::filesystem::path(REHEARSE_SOURCE_DIR) / "decks");
  for (const std::filesystem::path& folder : candidates) {
    if (std::filesystem::exists(folder / "shipped.txt", error)) return folder;
  }
  throw Error("cannot find the shipped decks (no {}): name the deck files to import",
              (candidates.front() / "shipped.txt").string());
}

// The shipped deck files in the order shipped.txt gives.
std::vector<std::string> shipped_deck_files() {
  const std::filesystem::path folder = shipped_decks_folder();
  std::ifstream list(folder / "shipped.txt");
  std::vector<std::string> files;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && line[0] != '#') files.push_back((folder / line).string());
  }
  return files;
}

// Files of other tools' formats (docs/interop.md), read whole before anything is written, with
// the file each deck came from.
struct ReadFiles {
  std::vector<DeckFile> decks;
  std::vector<std::string> sources;
  std::vector<std::string> skipped;  // Anki cards left out, "FILE: why"
  std::vector<AnkiMedia> media;      // the media files of Anki packages
  ProgressByCard progress;           // Anki packages' cards' progress, by card id
};

// How standard input is named in messages and reports; "-" names it on the command line.
constexpr const char* kStandardInput = "standard input";

// How `import` reads files that are not deck files.
struct SourceOptions {
  std::string format;  // --format; empty: by content, then extension
  ImportFileOptions file;
};

// Standard input, read whole, as its content tells (a deck file when it does not) or --format.
ImportedFile read_standard_input(const SourceOptions& options) {
  const std::string text = read_file("/dev/stdin");
  const ImportFormat format =
      options.format.empty() ? detect_text_format(text) : parse_import_format(options.format);
  return parse_import_text(text, kStandardInput, format, options.file);
}

// The files as decks when one of them is not a deck file (or --format names another format,
// or one is standard input, "-"); nullopt when all are deck files, which DeckStream reads while
// their cards are written.
std::optional<ReadFiles> read_other_formats(const std::vector<std::string>& paths,
                                            const std::vector<ImportFormat>& formats,
                                            const SourceOptions& options) {
  const auto inputs = std::count(paths.begin(), paths.end(), "-");
  if (inputs == 0 && std::all_of(formats.begin(), formats.end(),
                                 [](ImportFormat f) { return f == ImportFormat::deck; })) {
    return std::nullopt;
  }
  ReadFiles read;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ImportedFile file = paths[i] == "-" ? read_standard_input(options)
                                        : read_import_file(paths[i], formats[i], options.file);
    const std::string source = paths[i] == "-" ? kStandardInput : paths[i];
    for (DeckFile& deck : file.decks) {
      read.decks.push_back(std::move(deck));
      read.sources.push_back(source);
    }
    if (file.anki) {
      for (const std::string& why : file.anki->skipped)
        read.skipped.push_back(source + ": " + why);
      for (AnkiMedia& media : file.anki->media)
        read.media.push_back(std::move(media));
    }
    read.progress.merge(file.progress);
  }
  return read;
}

// The format of each file: standard input (-) as a deck file here (its content decides once it
// is read), the others by --format or by content, then extension.
std::vector<ImportFormat> formats_of(const std::vector<std::string>& paths,
                                     const SourceOptions& options) {
  const auto inputs = std::count(paths.begin(), paths.end(), "-");
  if (inputs > 1) throw Error("standard input (-) is named {} times; name it once", inputs);
  std::vector<ImportFormat> formats;
  for (const std::string& path : paths) {
    formats.push_back(path == "-"              ? ImportFormat::deck
                      : options.format.empty() ? detect_import_format(path)
                                               : parse_import_format(options.format));
  }
  return formats;
}

// --keep-scheduling keeps what an Anki package knows; other formats know no scheduling.
void refuse_keep_scheduling(const std::vector<std::string>& paths,
                            const std::vector<ImportFormat>& formats) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (formats[i] == ImportFormat::apkg) continue;
    throw Error(
        "{}: --keep-scheduling keeps the progress of Anki packages (.apkg, .colpkg) only, and "
        "this is not one; nothing was imported; import it without --keep-scheduling",
        paths[i] == "-" ? kStandardInput : paths[i]);
  }
}

// Where the media files of imported Anki packages go: media/ beside the collection.
std::filesystem::path media_folder(const Context& context) {
  return context.collection_path().parent_path() / "media";
}

// Copies the packages' media files once their cards are in (or, for a dry run, says what it
// would copy), and lists them.
void report_media(const std::vector<AnkiMedia>& media, const std::filesystem::path& folder,
                  bool dry_run) {
  if (media.empty()) return;
  std::vector<std::string> names;
  if (dry_run) {
    for (const AnkiMedia& file : media)
      names.push_back(file.name);
  } else {
    try {
      names = save_media(media, folder);
    } catch (const Error& e) {
      throw Error(
          "the cards were imported, but not their media files: {}; import the package "
          "again to copy them",
          e.what());
    }
  }
  for (std::string& name : names)
    name = visible_line(name);
  const std::size_t kept = media.size() - names.size();
  fmt::print("  media: {} file{} {} {}{}{}\n", names.size(), names.size() == 1 ? "" : "s",
             dry_run ? "would be copied to" : "copied to", visible_line(folder.string()),
             names.empty() ? "" : ": " + id_list(names),
             kept == 0 ? "" : fmt::format(" ({} already there)", kept));
}

// The collection an import of `batch` writes to, or for --dry-run the one it previews against
// (an empty one when there is none yet), opened when the import pipeline allows
// (open_for_import): a wrong file is reported before a collection that cannot be opened.
Collection& collection_for(Context& context, ImportBatch& batch, bool dry_run) {
  if (!dry_run) context.allow_creating();
  const ImportTarget target{context.collection_path(), [&context, dry_run]() -> Collection& {
                              return dry_run ? context.collection_to_preview()
                                             : context.collection();
                            }};
  return open_for_import(target, batch);
}

// Imports `batch` into `collection` (or, with --dry-run, says what it would do) and prints each
// deck's report; `sources` names the file of each deck. A progress bar `label` shows how far
// the import is, in the batch's `unit`.
void import_batch(Context& context, Collection& collection, ImportBatch& batch,
                  const std::vector<std::string>& sources, const ImportOptions& import,
                  const std::string& label, ProgressBar::Unit unit) {
  const ImportPolicy policy = policy_of(import, sources, context.now());
  std::vector<ImportReport> reports;
  if (import.dry_run) {
    reports = preview_files(collection, batch, policy);
  } else {
    std::optional<ProgressBar> bar(std::in_place, label, unit);
    const auto progress = [&](std::size_t done, std::size_t total) {
      if (bar) bar->update(done, total);
    };
    // Planned and applied in one transaction, so the backup decision sees exactly what
    // commits; the backup copies the collection as it was before the import.
    ImportOutcome outcome = import_files(collection, batch, policy, progress);
    bar.reset();
    print_backup(outcome);
    reports = std::move(outcome.reports);
  }
  for (std::size_t i = 0; i < reports.size(); ++i)
    print_report(reports[i], sources[i], import);
}

// Files of other tools' formats, read whole: their decks, skipped cards and media.
void import_read_files(Context& context, ReadFiles& read, const ImportOptions& import) {
  const bool dry_run = import.dry_run;
  ReadBatch batch(read.decks, import.keep_scheduling ? &read.progress : nullptr);
  Collection& collection = collection_for(context, batch, dry_run);
  // Another program's answers count for the day they fall on here, as answers given here do.
  if (import.keep_scheduling) {
    const int day_starts_at = context.settings().day_starts_at;
    count_days_with(read.progress,
                    [day_starts_at](std::chrono::sys_time<std::chrono::milliseconds> instant) {
                      return moment_of(instant, day_starts_at).day;
                    });
  }
  import_batch(context, collection, batch, read.sources, import, "Importing",
               ProgressBar::Unit::items);
  for (const std::string& why : read.skipped)
    fmt::print("  skipped: {}\n", why);
  report_media(read.media, media_folder(context), dry_run);
  if (dry_run) fmt::print("Dry run: nothing was written.\n");
}

void run_import(Context& context, const std::vector<std::string>& paths,
                const ImportOptions& import, const SourceOptions& options) {
  const std::vector<ImportFormat> formats = formats_of(paths, options);
  if (import.keep_scheduling) refuse_keep_scheduling(paths, formats);
  if (std::optional<ReadFiles> read = read_other_formats(paths, formats, options)) {
    return import_read_files(context, *read, import);
  }
  // Deck files are read on a second thread while the first writes their cards.
  DeckStream files(std::vector<std::filesystem::path>(paths.begin(), paths.end()));
  Collection& collection = collection_for(context, files, import.dry_run);
  import_batch(context, collection, files, paths, import,
               paths.size() == 1 ? fmt::format("Importing {}", paths[0])
                                 : fmt::format("Importing {} files", paths.size()),
               ProgressBar::Unit::bytes);
  if (import.dry_run) fmt::print("Dry run: nothing was written.\n");
}

// The deck with its cards' SM-2 state and review log, as an Anki package.
void export_anki_package(Context& context, const std::string& deck, const std::string& path) {
  const Collection& collection = context.collection();
  AnkiExport out;
  out.deck = collection.export_deck(deck).deck;
  out.created = day_number(context.today()) * 86400;  // due days count from today
  for (const Card& card : collection.cards({.deck = deck, .tag = {}, .search = {}})) {
    if (card.orphaned) continue;  // no longer in the deck, as export_deck leaves it out
    AnkiExportCard& exported =
        out.cards.emplace_back(AnkiExportCard{card.content, card.state, card.suspended, {}});
    for (const LogEntry& entry : collection.review_log(card.content.id)) {
      if (entry.undone) continue;  // taken back: it counts for nothing
      exported.answers.push_back({entry.moment.instant.time_since_epoch().count(),
                                  entry.grade.value(), entry.duration.count(),
                                  entry.before.interval_days, entry.after.interval_days,
                                  entry.after.ease.hundredths()});
    }
  }
  write_anki_package(out, path);
  fmt::print("{}: wrote {} cards of deck {} as an Anki package\n", path, out.cards.size(), deck);
}

void run_export(Context& context, const std::string& deck, const std::string& path) {
  if (path != "-" && export_format_for(path) == ImportFormat::apkg) {
    return export_anki_package(context, deck, path);
  }
  const DeckFile cards = context.collection().export_deck(deck);
  if (path == "-") {
    fmt::print("{}", format_deck_file(folded_deck_file(cards)));
    return;
  }
  // The format follows the file's extension: .csv, .tsv, .md, else a deck file. Only a deck
  // file says "reverse": the others list each reverse card as a card of its own.
  const ImportFormat format = export_format_for(path);
  const DeckFile file = format == ImportFormat::deck ? folded_deck_file(cards) : cards;
  write_file_atomically(path, format_for_export(file, format));
  const auto asks_both_ways = std::count_if(file.cards.begin(), file.cards.end(),
                                            [](const CardContent& card) { return card.reverse; });
  fmt::print(
      "{}: wrote {} cards of deck {}{}\n", path, file.cards.size(), deck,
      asks_both_ways == 0 ? std::string() : fmt::format(" ({} asking both ways)", asks_both_ways));
}

void run_decks(Context& context, bool json) {
  const std::vector<DeckCounts> decks = context.collection().deck_counts(context.today());
  if (json) {
    fmt::print("{}\n", decks_json(decks));
    return;
  }
  if (decks.empty()) {
    fmt::print("No decks yet. Import one: rehearse import FILE.json\n");
    return;
  }
  std::size_t width = 4;
  for (const DeckCounts& d : decks)
    width = std::max(width, visible_line(d.deck.id).size());
  fmt::print("{:<{}}  {:>5}  {:>5}  {:>5}  {}\n", "DECK", width, "NEW", "DUE", "TOTAL", "NAME");
  int fresh = 0, due = 0, total = 0;
  for (const DeckCounts& d : decks) {
    fmt::print("{:<{}}  {:>5}  {:>5}  {:>5}  {}\n", visible_line(d.deck.id), width, d.new_cards,
               d.due, d.total, visible_line(d.deck.name));
    fresh += d.new_cards;
    due += d.due;
    total += d.total;
  }
  fmt::print("{:<{}}  {:>5}  {:>5}  {:>5}\n", "all", width, fresh, due, total);
}

void run_init(Context& context) {
  const std::filesystem::path path = context.collection_path();
  const bool existed = std::filesystem::exists(path);
  context.allow_creating();
  context.collection();
  if (existed) {
    fmt::print("The collection at {} is ready.\n", path.string());
  } else {
    fmt::print("Created a new collection at {}.\nNext: rehearse import DECK.json\n", path.string());
  }
}

void run_principles(bool json) {
  if (json) {
    fmt::print("{}\n", principles_json());
    return;
  }
  for (const Principle& p : principles())
    fmt::print("lp:{:<46} {}\n", p.slug, p.name);
}

}  // namespace

void add_deck_commands(CLI::App& app, Context& context) {
  // The parsed arguments must outlive parsing: the callbacks share them.
  struct Args {
    std::vector<std::string> files;
    std::string deck;
    std::string path;
    bool json = false;
    bool dry_run = false;
    bool move = false;
    bool keep_scheduling = false;
    bool reset_changed = false;
    bool shipped = false;
    std::string format;
    std::string deck_option;
    std::string columns;
  };
  auto args = std::make_shared<Args>();

  app.add_subcommand("init", "Create the collection (nothing happens if it exists)")
      ->callback([&context] { run_init(context); });

  auto* import_command = app.add_subcommand(
      "import",
      "Add or update decks from deck files. Cards are matched by id: edited cards keep their "
      "progress. A file with any error is refused whole and nothing is imported.");
  import_command->add_option("FILE", args->files,
                             "Deck files (docs/deck-format.md), Anki packages, CSV/TSV sheets, "
                             "Anki text exports or Markdown decks (docs/interop.md); - reads "
                             "standard input, by default as a deck file");
  import_command->add_flag("--shipped", args->shipped,
                           "Also the decks shipped with rehearse (share/rehearse/decks), in the "
                           "order a new user meets them");
  import_command->add_flag("--dry-run", args->dry_run,
                           "Check the files and report what would be added, updated and missing, "
                           "without writing anything");
  import_command->add_flag("--move", args->move,
                           "Let a card another deck holds move to the file's deck (without it, "
                           "such an import is refused whole)");
  import_command->add_flag(
      "--keep-scheduling", args->keep_scheduling,
      "Anki packages only: cards keep Anki's progress (ease, interval, due, repetitions, lapses, "
      "suspension) and review log; a card already answered here keeps its own (docs/interop.md)");
  import_command->add_flag("--reset-changed", args->reset_changed,
                           "Cards whose front or back changed since they were answered start "
                           "over as new (their history stays in the log)");
  import_command->add_option(
      "--format", args->format,
      "Read the files as apkg, csv, tsv, anki-text, markdown or deck (default: by "
      "content, then extension; docs/interop.md)");
  import_command->add_option(
      "--deck", args->deck_option,
      "Deck id for CSV, TSV and Anki text files (default: from the file name)");
  import_command->add_option(
      "--columns", args->columns,
      "CSV/TSV header names to fields, e.g. question=front,answer=back,notes=skip");
  import_command->callback([&context, args] {
    std::vector<std::string> files =
        args->shipped ? shipped_deck_files() : std::vector<std::string>{};
    files.insert(files.end(), args->files.begin(), args->files.end());
    if (files.empty()) throw CLI::RequiredError("FILE");
    SourceOptions options;
    options.format = args->format;
    options.file.deck_id = args->deck_option;
    options.file.read_media = true;  // an Anki package's media go to media/ beside the collection
    if (!args->columns.empty()) options.file.columns = parse_column_mapping(args->columns);
    run_import(context, files,
               {args->dry_run, args->move, args->keep_scheduling, args->reset_changed}, options);
  });

  auto* export_ = app.add_subcommand(
      "export", "Write a deck to a deck file, or to FILE.csv, FILE.tsv, FILE.md or FILE.apkg");
  export_->add_option("DECK", args->deck, "Deck id (see 'rehearse decks')")->required();
  export_
      ->add_option("FILE", args->path,
                   "File to write (.json, .csv, .tsv, .md or .apkg), or - for a deck file on "
                   "standard output")
      ->required();
  export_->callback([&context, args] { run_export(context, args->deck, args->path); });

  auto* decks = app.add_subcommand("decks", "List decks with their new, due and total cards");
  decks->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  decks->callback([&context, args] { run_decks(context, args->json); });

  auto* list = app.add_subcommand("principles", "List the 16 Leadership Principles and their tags");
  list->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  list->callback([args] { run_principles(args->json); });
}  // namespace rehearse::cli

}  // namespace rehearse::cli
