#include "io/import_formats.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <unordered_set>

#include "io/anki_schedule.hpp"
#include "io/anki_text.hpp"
#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/interop_text.hpp"
#include "io/markdown_deck.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"

namespace rehearse {
namespace {

constexpr std::array<std::pair<ImportFormat, std::string_view>, 6> kNames{{
    {ImportFormat::deck, "deck"},
    {ImportFormat::csv, "csv"},
    {ImportFormat::tsv, "tsv"},
    {ImportFormat::anki_text, "anki-text"},
    {ImportFormat::markdown, "markdown"},
    {ImportFormat::apkg, "apkg"},
}};

std::optional<ImportFormat> by_content(std::string_view head) {
  if (head.starts_with("PK\x03\x04")) return ImportFormat::apkg;
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (trim(head).starts_with('{')) return ImportFormat::deck;
  if (head.starts_with("---\n") || head.starts_with("---\r\n")) return ImportFormat::markdown;
  const std::string_view first_line = head.substr(0, head.find('\n'));
  if (first_line.starts_with("#separator:") || first_line.starts_with("#html:") ||
      (first_line.starts_with('#') && first_line.find(" column:") != std::string_view::npos)) {
    return ImportFormat::anki_text;
  }
  return std::nullopt;
}

std::optional<ImportFormat> by_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext)
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (ext == ".apkg" || ext == ".colpkg") return ImportFormat::apkg;
  if (ext == ".json") return ImportFormat::deck;
  if (ext == ".md" || ext == ".markdown") return ImportFormat::markdown;
  if (ext == ".csv") return ImportFormat::csv;
  if (ext == ".tsv") return ImportFormat::tsv;
  if (ext == ".txt") return ImportFormat::anki_text;
  return std::nullopt;
}

void check_card(const CardContent& card, std::string_view source) {
  if (!is_id_text(card.id)) {
    throw Error("{}: card id \"{}\" must be 1-200 characters from a-z A-Z 0-9 . _ - :", source,
                card.id);
  }
  if (is_blank_text(card.front))
    throw Error("{}: card \"{}\": the front is empty", source, card.id);
  if (is_blank_text(card.back)) throw Error("{}: card \"{}\": the back is empty", source, card.id);
  for (std::size_t i = 0; i < card.tags.size(); ++i) {
    if (const std::optional<std::string> problem = tag_problem(card.tags[i])) {
      throw Error("{}: card \"{}\": {}", source, card.id, *problem);
    }
    if (std::find(card.tags.begin(), card.tags.begin() + static_cast<std::ptrdiff_t>(i),
                  card.tags[i]) != card.tags.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw Error("{}: card \"{}\": tag '{}' is listed twice", source, card.id, card.tags[i]);
    }
  }
}

}  // namespace

void check_deck_content(const DeckFile& file, std::string_view source) {
  if (!is_id_text(file.deck.id) || file.deck.id.size() > 100) {
    throw Error(
        "{}: deck id \"{}\" must be 1-100 characters from a-z A-Z 0-9 . _ - : (name one "
        "with --deck)",
        source, file.deck.id);
  }
  if (trim(file.deck.name).empty()) throw Error("{}: the deck has no name", source);
  std::unordered_set<std::string_view> seen;
  for (const CardContent& card : file.cards) {
    check_card(card, source);
    if (!seen.insert(card.id).second) {
      throw Error("{}: card id \"{}\" is used twice; ids must be unique", source, card.id);
    }
  }
}

std::string_view format_name(ImportFormat format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "deck";
}

ImportFormat parse_import_format(std::string_view name) {
  for (const auto& [format, known] : kNames) {
    if (known == name) return format;
  }
  throw Error(
      "--format: \"{}\" is not a format (expected apkg, csv, tsv, anki-text, markdown or "
      "deck)",
      name);
}

ImportFormat detect_import_format(const std::filesystem::path& path) {
  // A FIFO or a device can be read only once: its extension tells, reading would consume it.
  std::error_code error;
  if (std::filesystem::exists(path, error) && !std::filesystem::is_regular_file(path, error) &&
      !std::filesystem::is_directory(path, error)) {
    if (const auto format = by_extension(path)) return *format;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("{}: cannot open it", path.string());
  std::array<char, 512> buffer{};
  in.read(buffer.data(), buffer.size());
  const std::string_view head(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (const auto format = by_content(head)) return *format;
  if (const auto format = by_extension(path)) return *format;
  throw Error(
      "{}: cannot tell its format; name it with --format apkg, csv, tsv, anki-text, "
      "markdown or deck",
      path.string());
}

ImportedFile read_import_file(const std::filesystem::path& path, ImportFormat format,
                              const ImportFileOptions& options) {
  const std::string source = path.string();
  ImportedFile imported;
  switch (format) {
    case ImportFormat::deck:
      imported.decks.push_back(read_deck_file(path));
      break;
    case ImportFormat::csv:
    case ImportFormat::tsv: {
      CsvDeckOptions csv;
      csv.delimiter = format == ImportFormat::tsv ? '\t' : ',';
      csv.deck_id = options.deck_id;
      csv.columns = options.columns;
      imported.decks.push_back(parse_csv_deck(read_file(path), source, csv));
      break;
    }
    case ImportFormat::anki_text: {
      AnkiTextOptions text;
      text.deck_id = options.deck_id;
      imported.decks = parse_anki_text(read_file(path), source, text);
      break;
    }
    case ImportFormat::markdown:
      imported.decks.push_back(parse_markdown_deck(read_file(path), source));
      break;
    case ImportFormat::apkg: {
      AnkiReadOptions anki;
      anki.read_media = options.read_media;
      imported.anki = read_anki_package(path, anki);
      for (const Deck& deck : imported.anki->decks)
        imported.decks.push_back({deck, {}});
      for (const AnkiCard& card : imported.anki->cards) {
        for (DeckFile& file : imported.decks) {
          if (file.deck.id == card.deck_id) file.cards.push_back(card.content);
        }
      }
      imported.progress = kept_progress(*imported.anki);
      break;
    }
  }
  if (format != ImportFormat::deck) {
    for (const DeckFile& deck : imported.decks)
      check_deck_content(deck, source);
  }
  for (DeckFile& deck : imported.decks)
    deck.source = deck_source_path(path);
  return imported;
}

void count_days_with(ProgressByCard& progress, const DayOfInstant& day_of) {
  for (auto& [card_id, card] : progress) {
    for (ImportedAnswer& answer : card.answers)
      answer.moment.day = day_of(answer.moment.instant);
    if (!card.answers.empty()) card.state.last_answered = card.answers.back().moment.day;
  }
}

ImportFormat detect_text_format(std::string_view text) {
  return by_content(text.substr(0, 512)).value_or(ImportFormat::deck);
}

ImportedFile parse_import_text(std::string_view text, std::string_view source, ImportFormat format,
                               const ImportFileOptions& options) {
  ImportedFile imported;
  switch (format) {
    case ImportFormat::deck:
      imported.decks.push_back(parse_deck_file(text, source));
      return imported;
    case ImportFormat::csv:
    case ImportFormat::tsv: {
      CsvDeckOptions csv;
      csv.delimiter = format == ImportFormat::tsv ? '\t' : ',';
      csv.deck_id = options.deck_id;
      csv.columns = options.columns;
      imported.decks.push_back(parse_csv_deck(text, source, csv));
      break;
    }
    case ImportFormat::anki_text: {
      AnkiTextOptions anki_text;
      anki_text.deck_id = options.deck_id;
      imported.decks = parse_anki_text(text, source, anki_text);
      break;
    }
    case ImportFormat::markdown:
      imported.decks.push_back(parse_markdown_deck(text, source));
      break;
    case ImportFormat::apkg:
      throw Error("{}: an Anki package is read from a file only; save it to a file and import that",
                  source);
  }
  for (const DeckFile& deck : imported.decks)
    check_deck_content(deck, source);
  return imported;
}

ImportFormat export_format_for(const std::filesystem::path& path) {
  const std::optional<ImportFormat> format = by_extension(path);
  return format && *format != ImportFormat::anki_text ? *format : ImportFormat::deck;
}

std::string format_for_export(const DeckFile& file, ImportFormat format) {
  switch (format) {
    case ImportFormat::deck:
      return format_deck_file(file);
    case ImportFormat::csv:
      return format_csv_deck(file, ',');
    case ImportFormat::tsv:
      return format_csv_deck(file, '\t');
    case ImportFormat::markdown:
      return format_markdown_deck(file);
    case ImportFormat::anki_text:
    case ImportFormat::apkg:
      break;
  }
  throw Error("export: {} is not a text format", format_name(format));
}

}  // namespace rehearse
