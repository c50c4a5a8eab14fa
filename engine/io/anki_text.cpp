#include "io/anki_text.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>

#include "io/anki_template.hpp"
#include "io/csv.hpp"
#include "io/html_text.hpp"
#include "io/interop_text.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

struct Header {
  char separator = '\t';
  bool html = false;
  int guid = 0, notetype = 0, deck = 0, tags = 0;  // 1-based columns; 0 none
  std::string fixed_notetype, fixed_deck, fixed_tags;
  std::size_t lines = 0;  // how many lines the header takes
};

std::string lower(std::string_view text) {
  std::string out(trim(text));
  for (char& c : out)
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

char separator_of(std::string_view value, std::string_view source, std::size_t line) {
  const std::string name = lower(value);
  static const std::map<std::string, char> kNames{{"tab", '\t'},      {"comma", ','},
                                                  {"semicolon", ';'}, {"space", ' '},
                                                  {"pipe", '|'},      {"colon", ':'}};
  if (const auto it = kNames.find(name); it != kNames.end()) return it->second;
  if (value.size() == 1) return value[0];
  throw Error(
      "{}:{}: #separator: \"{}\" is not Tab, Comma, Semicolon, Space, Pipe, Colon or one "
      "character",
      source, line, value);
}

int column_of(std::string_view value, std::string_view source, std::size_t line) {
  const std::string_view digits = trim(value);
  int column = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), column);
  if (error != std::errc() || end != digits.data() + digits.size() || column < 1) {
    throw Error("{}:{}: \"{}\" is not a column number (1 or more)", source, line, value);
  }
  return column;
}

void apply(Header& header, std::string_view key, std::string_view value, std::string_view source,
           std::size_t line) {
  if (key == "separator") header.separator = separator_of(value, source, line);
  if (key == "html") header.html = lower(value) == "true";
  if (key == "guid column") header.guid = column_of(value, source, line);
  if (key == "notetype column") header.notetype = column_of(value, source, line);
  if (key == "deck column") header.deck = column_of(value, source, line);
  if (key == "tags column") header.tags = column_of(value, source, line);
  if (key == "notetype") header.fixed_notetype = trim(value);
  if (key == "deck") header.fixed_deck = trim(value);
  if (key == "tags") header.fixed_tags = trim(value);
}

// Reads "#key:value" lines from the top; returns the header and where the records start.
std::pair<Header, std::size_t> read_header(std::string_view text, std::string_view source) {
  Header header;
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size() && text[pos] == '#') {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos + 1, end - pos - 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    ++header.lines;
    if (colon != std::string_view::npos) {
      apply(header, lower(line.substr(0, colon)), line.substr(colon + 1), source, header.lines);
    }
    pos = end + 1;
  }
  return {header, std::min(pos, text.size())};
}

std::vector<std::string> split_tags(std::string_view a, std::string_view b) {
  std::vector<std::string> tags;
  for (const std::string_view text : {a, b}) {
    std::size_t pos = 0;
    while ((pos = text.find_first_not_of(" \t", pos)) != std::string_view::npos) {
      const std::size_t end = std::min(text.find_first_of(" \t", pos), text.size());
      std::string tag = anki_tag(std::string(text.substr(pos, end - pos)));
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
      pos = end;
    }
  }
  return tags;
}

std::string hex(std::string_view bytes) {
  std::string out;
  for (const char c : bytes)
    out += fmt::format("{:02x}", static_cast<unsigned char>(c));
  return out;
}

struct Note {
  std::string guid, notetype, deck;
  std::vector<std::string> tags;
  std::vector<std::string> fields;  // as text
};

// The record's columns sorted into a note. Columns are 1-based.
Note note_of(const CsvRecord& record, const Header& header, std::string_view source) {
  const auto at = [&](int column) -> std::string {
    if (column == 0) return {};
    if (static_cast<std::size_t>(column) > record.fields.size()) {
      throw Error("{}:{}: the header names column {}, this note has {}", source, record.line,
                  column, record.fields.size());
    }
    return record.fields[static_cast<std::size_t>(column - 1)];
  };
  Note note{at(header.guid), at(header.notetype), at(header.deck), {}, {}};
  if (note.notetype.empty()) note.notetype = header.fixed_notetype;
  if (note.deck.empty()) note.deck = header.fixed_deck;
  note.tags = split_tags(at(header.tags), header.fixed_tags);
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const int column = static_cast<int>(i) + 1;
    if (column == header.guid || column == header.notetype || column == header.deck ||
        column == header.tags)
      continue;
    note.fields.push_back(record.fields[i]);
  }
  return note;
}

// One card of a note: its ordinal (Anki's card ord + 1: the cloze number for a cloze), and
// its sides, still HTML or plain as the file has them.
struct Sides {
  int ordinal = 1;
  std::string front, back;
};

std::vector<Sides> sides(const Note& note) {
  const std::string first = note.fields.empty() ? "" : note.fields[0];
  const std::string second = note.fields.size() > 1 ? note.fields[1] : "";
  std::vector<Sides> cards;
  if (note.notetype.find("Cloze") != std::string::npos) {
    for (const int number : cloze_numbers(first)) {
      cards.push_back({number, cloze_text(first, number, false),
                       cloze_text(first, number, true) + (second.empty() ? "" : "<br>" + second)});
    }
    return cards;
  }
  cards.push_back({1, first, second});
  if (note.notetype.find("reversed") != std::string::npos) cards.push_back({2, second, first});
  return cards;
}

}  // namespace

std::vector<DeckFile> parse_anki_text(std::string_view text, std::string_view source,
                                      const AnkiTextOptions& options) {
  // Not a structured binding: clang 14 cannot capture one in a lambda.
  const std::pair<Header, std::size_t> read = read_header(text, source);
  const Header& header = read.first;
  const std::size_t start = read.second;
  const std::string stem = std::filesystem::path(source).stem().string();
  std::vector<DeckFile> decks;
  std::unordered_map<std::string, std::size_t> deck_index;
  std::unordered_map<std::string, std::size_t> line_of_id;
  for (CsvRecord& record : parse_csv(text.substr(start), header.separator, source)) {
    record.line += header.lines;
    const Note note = note_of(record, header, source);
    const bool own_deck = note.deck.empty();
    const std::string deck_id =
        own_deck ? (options.deck_id.empty() ? deck_id_from_name(stem) : options.deck_id)
                 : "anki." + deck_id_from_name(note.deck);
    const auto [slot, added] = deck_index.emplace(deck_id, decks.size());
    if (added) {
      const std::string name =
          own_deck ? (options.deck_name.empty() ? stem : options.deck_name) : note.deck;
      decks.push_back({{deck_id, name, ""}, {}});
    }
    const std::vector<Sides> cards = sides(note);
    for (const Sides& side : cards) {
      const auto as_text = [&](const std::string& html) {
        return header.html ? html_to_text(html) : normalize_newlines(std::string(trim(html)));
      };
      CardContent card{{}, as_text(side.front), as_text(side.back), note.tags};
      if (card.front.empty()) throw Error("{}:{}: the note's front is empty", source, record.line);
      if (card.back.empty()) card.back = "(empty)";
      card.id = note.guid.empty() ? derived_card_id(deck_id, card.front)
                                  : fmt::format("anki.{}.{}", hex(note.guid), side.ordinal);
      if (!note.guid.empty() && cards.size() > 1) card.group = "anki." + hex(note.guid);
      if (const auto [seen, fresh] = line_of_id.emplace(card.id, record.line); !fresh) {
        throw Error("{}:{}: card id \"{}\" is also on line {}", source, record.line, card.id,
                    seen->second);
      }
      decks[slot->second].cards.push_back(std::move(card));
    }
  }
  return decks;
}

}  // namespace rehearse
