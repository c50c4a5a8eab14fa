#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/anki_package.hpp"
#include "io/csv.hpp"
#include "model/card.hpp"

namespace rehearse {

// The formats `import` reads (docs/interop.md), and how one is chosen for a file.
enum class ImportFormat { deck, csv, tsv, anki_text, markdown, apkg };

// The --format names: "deck", "csv", "tsv", "anki-text", "markdown", "apkg".
std::string_view format_name(ImportFormat format);

// The format named `name` (as format_name gives it). Throws Error listing the names.
ImportFormat parse_import_format(std::string_view name);

// The format of the file at `path`, by content first: a zip ("PK\3\4") is an Anki package, a
// JSON object a deck file, a "---" first line a Markdown deck, a first line "#separator:",
// "#html:" or "#... column:" Anki's text export. Otherwise by extension: .apkg .colpkg .json
// .md .markdown .csv .tsv .txt. Throws Error "PATH: ..." when the file cannot be read or
// neither tells, naming --format.
ImportFormat detect_import_format(const std::filesystem::path& path);

struct ImportFileOptions {
  // The deck for formats whose files hold no deck (CSV, TSV, a text export without a deck
  // column). Default: made from the file name.
  std::string deck_id;
  // For CSV and TSV: header name -> field (parse_column_mapping). Default: none.
  std::map<std::string, std::string> columns;
  // For Anki packages: read the media files too. Default: false.
  bool read_media = false;
};

// What one file gave: its decks with their cards, and for an Anki package the package itself
// (scheduling, review log, media, skipped cards).
struct ImportedFile {
  std::vector<DeckFile> decks;
  std::optional<AnkiPackage> anki;
  // For an Anki package: each card's progress there that `import --keep-scheduling` keeps
  // (io/anki_schedule.hpp kept_progress: state, suspension, answers); empty otherwise.
  ProgressByCard progress = {};
};

// Puts each answer of `progress` on the day `day_of` gives its moment, and each card's last
// answered day on its last answer's. The readers count UTC days: the user's time zone is the
// machine's, and when their days begin is a setting of the collection the answers go into,
// which is opened once the files are read.
void count_days_with(ProgressByCard& progress, const DayOfInstant& day_of);

// Checks what a reader of another tool's format made of `source` against the rules every deck
// file keeps (docs/deck-format.md): a deck id of 1-100 and card ids of 1-200 characters from
// a-z A-Z 0-9 . _ - :, a deck name, fronts and backs not blank, valid tags (tag_problem), each
// once per card, and ids used once. Throws Error "SOURCE: ..." naming the card.
void check_deck_content(const DeckFile& file, std::string_view source);

// Reads the file at `path` as `format`, checked with check_deck_content, each deck's source
// set to deck_source_path(path). Throws Error as that format's reader does.
ImportedFile read_import_file(const std::filesystem::path& path, ImportFormat format,
                              const ImportFileOptions& options = {});

// The format of `text` by its content, as detect_import_format tells it; a deck file when the
// content does not tell (text from standard input has no extension to go by).
ImportFormat detect_text_format(std::string_view text);

// Reads `text` as `format`, checked as read_import_file checks a file; `source` names it in
// messages and gives sheets their default deck. Throws Error as that format's reader does, and
// for an Anki package, which is read from a file only.
ImportedFile parse_import_text(std::string_view text, std::string_view source, ImportFormat format,
                               const ImportFileOptions& options = {});

// The format `export` writes to `path`, by its extension (as detect_import_format reads them):
// .csv, .tsv, .md or .markdown, .apkg or .colpkg; anything else is a deck file.
ImportFormat export_format_for(const std::filesystem::path& path);

// `file` as the text of `format`: a deck file, a CSV or TSV sheet (format_csv_deck) or a
// Markdown deck (format_markdown_deck); reading it back gives the same cards. Throws Error
// for a format that is not text (apkg) or not written (anki-text).
std::string format_for_export(const DeckFile& file, ImportFormat format);

}  // namespace rehearse
