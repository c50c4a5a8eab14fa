// A small RFC 4180 reader of our own: Debian 12 ships no maintained C++ CSV library, and the
// grammar is a handful of rules (tests/io/csv_test.cpp has them as cases; fuzz/csv_fuzz.cpp
// fuzzes it).
#include "io/csv.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "io/interop_text.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Reads records one by one; `pos_` is always at the start of a field or past the end.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter, std::string_view source)
      : text_(text), delimiter_(delimiter), source_(source) {}

  std::vector<CsvRecord> read_all() {
    std::vector<CsvRecord> records;
    if (text_.starts_with(kBom)) pos_ = kBom.size();
    while (pos_ < text_.size()) {
      if (at_line_end()) {
        skip_line_end();
        continue;
      }
      records.push_back(read_record());
    }
    return records;
  }

 private:
  bool at_line_end() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  void skip_line_end() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  CsvRecord read_record() {
    CsvRecord record{{}, line_};
    while (true) {
      record.fields.push_back(pos_ < text_.size() && text_[pos_] == '"' ? quoted() : bare());
      if (pos_ >= text_.size()) return record;
      if (text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      skip_line_end();
      return record;
    }
  }

  std::string bare() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != delimiter_ && !at_line_end()) {
      if (text_[pos_] == '"') {
        throw Error(
            "{}:{}: a quote inside an unquoted field; quote the whole field and double "
            "the quotes inside (\"say \"\"hi\"\"\")",
            source_, line_);
      }
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string quoted() {
    const std::size_t opened_on = line_;
    std::string field;
    ++pos_;
    while (true) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) {
        throw Error("{}:{}: a quoted field is never closed (a \" is missing)", source_, opened_on);
      }
      const std::string_view part = text_.substr(pos_, quote - pos_);
      line_ += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
      field += part;
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] != delimiter_ && !at_line_end()) {
        throw Error(
            "{}:{}: text after a closing quote; a quote inside a quoted field is "
            "written twice (\"\")",
            source_, line_);
      }
      return field;
    }
  }

  std::string_view text_;
  char delimiter_;
  std::string_view source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool needs_quotes(std::string_view field, char delimiter) {
  return field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos ||
         trim(field).size() != field.size();
}

std::string lower(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool is_field_name(std::string_view name) {
  return name == "front" || name == "back" || name == "tags" || name == "id" || name == "skip";
}

// Which column holds each field; -1 when none does.
struct Columns {
  int front = -1, back = -1, tags = -1, id = -1;
  std::size_t count = 0;
};

Columns map_header(const CsvRecord& header, const CsvDeckOptions& options,
                   std::string_view source) {
  Columns columns;
  columns.count = header.fields.size();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = lower(header.fields[i]);
    const auto mapped = options.columns.find(name);
    const std::string field = mapped == options.columns.end() ? name : mapped->second;
    int* slot = field == "front"  ? &columns.front
                : field == "back" ? &columns.back
                : field == "tags" ? &columns.tags
                : field == "id"   ? &columns.id
                                  : nullptr;
    if (field == "skip") continue;
    if (slot == nullptr) {
      throw Error(
          "{}:{}: column \"{}\" is not front, back, tags or id; map it with --columns "
          "\"{}=FIELD\" (FIELD one of front, back, tags, id, skip)",
          source, header.line, name, name);
    }
    if (*slot >= 0) {
      throw Error("{}:{}: two columns hold \"{}\" (columns {} and {})", source, header.line, field,
                  *slot + 1, i + 1);
    }
    *slot = static_cast<int>(i);
  }
  for (const auto& [field, slot] : {std::pair{"front", columns.front}, {"back", columns.back}}) {
    if (slot < 0) {
      throw Error(
          "{}:{}: no \"{}\" column; name one in the header or map one with --columns "
          "NAME={}",
          source, header.line, field, field);
    }
  }
  return columns;
}

std::vector<std::string> split_tags(std::string_view text) {
  std::vector<std::string> tags;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t\r\n", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    std::string tag(text.substr(start, end - start));
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    pos = end;
  }
  return tags;
}

CardContent row_card(const CsvRecord& row, const Columns& columns, std::string_view deck_id,
                     std::string_view source) {
  if (row.fields.size() != columns.count) {
    throw Error("{}:{}: this row has {} fields, the header has {}", source, row.line,
                row.fields.size(), columns.count);
  }
  const auto at = [&](int column) {
    return column < 0 ? std::string() : normalize_newlines(row.fields[column]);
  };
  CardContent card{std::string(trim(at(columns.id))), at(columns.front), at(columns.back),
                   split_tags(at(columns.tags))};
  if (trim(card.front).empty()) throw Error("{}:{}: \"front\" is empty", source, row.line);
  if (trim(card.back).empty()) throw Error("{}:{}: \"back\" is empty", source, row.line);
  if (card.id.empty()) card.id = derived_card_id(deck_id, card.front);
  return card;
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter, std::string_view source) {
  if (const auto bad = first_invalid_utf8(text)) {
    throw Error("{}:{}: not valid UTF-8 (save the sheet as UTF-8)", source, line_at(text, *bad));
  }
  return CsvReader(text, delimiter, source).read_all();
}

std::string format_csv_record(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    // A first field starting with a byte order mark is quoted: at the start of a file, a bare
    // one would be read as the file's mark and dropped.
    const bool leading_bom = i == 0 && std::string_view(fields[i]).starts_with(kBom);
    if (!needs_quotes(fields[i], delimiter) && !leading_bom) {
      out += fields[i];
      continue;
    }
    out += '"';
    for (const char c : fields[i])
      out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  // One empty field alone would read back as an empty line, which parse_csv skips.
  if (fields.size() == 1 && fields[0].empty()) out = "\"\"";
  return out;
}

DeckFile parse_csv_deck(std::string_view text, std::string_view source,
                        const CsvDeckOptions& options) {
  const std::vector<CsvRecord> records = parse_csv(text, options.delimiter, source);
  const std::string stem = std::filesystem::path(source).stem().string();
  DeckFile file;
  file.deck.id = options.deck_id.empty() ? deck_id_from_name(stem) : options.deck_id;
  file.deck.name = options.deck_name.empty() ? stem : options.deck_name;
  if (records.empty()) throw Error("{}:1: no header row (expected e.g. front,back,tags)", source);
  const Columns columns = map_header(records.front(), options, source);
  std::unordered_map<std::string, std::size_t> line_of_id;
  for (std::size_t i = 1; i < records.size(); ++i) {
    CardContent card = row_card(records[i], columns, file.deck.id, source);
    const auto [seen, added] = line_of_id.emplace(card.id, records[i].line);
    if (!added) {
      throw Error(
          "{}:{}: card id \"{}\" is also on line {}{}", source, records[i].line, card.id,
          seen->second,
          columns.id < 0 ? " (the same front twice; add an id column to tell them apart)" : "");
    }
    file.cards.push_back(std::move(card));
  }
  return file;
}

std::string format_csv_deck(const DeckFile& file, char delimiter) {
  std::string out = format_csv_record({"id", "front", "back", "tags"}, delimiter) + "\n";
  for (const CardContent& card : file.cards) {
    std::string tags;
    for (const std::string& tag : card.tags)
      tags += (tags.empty() ? "" : " ") + tag;
    out += format_csv_record({card.id, card.front, card.back, tags}, delimiter) + "\n";
  }
  return out;
}

std::map<std::string, std::string> parse_column_mapping(std::string_view text) {
  std::map<std::string, std::string> mapping;
  for (const CsvRecord& record : parse_csv(text, ',', "--columns")) {
    for (const std::string& entry : record.fields) {
      const std::size_t equals = entry.find('=');
      if (equals == std::string::npos) {
        throw Error("--columns: \"{}\" is not NAME=FIELD (e.g. question=front)", entry);
      }
      const std::string field = lower(entry.substr(equals + 1));
      if (!is_field_name(field)) {
        throw Error("--columns: \"{}\" is not a field (expected front, back, tags, id or skip)",
                    field);
      }
      mapping[lower(entry.substr(0, equals))] = field;
    }
  }
  return mapping;
}

}  // namespace rehearse
