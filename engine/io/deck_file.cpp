// Deck files are read in two passes over the same text. A SAX pass (rapidjson, which cereal is
// built on) checks the syntax and records the line of every object and member, so that every
// message can say where; cereal's JSON archive then reads the values into our types, member by
// member, so that unknown, missing and mistyped fields are named.
//
// The SAX pass is also the gate for what the second pass may see: it refuses nesting deeper
// than any deck file needs (rapidjson parses recursively), strings that hold \u0000 (cereal reads
// strings as C strings and would cut them) or a lone UTF-16 surrogate (not UTF-8 once decoded,
// so format_deck_file would write a file that parse_deck_file refuses), and it reads numbers as
// text: cereal's pass gets the text with every number replaced by 0, since no field takes a
// number and rapidjson 1.1.0's full-precision conversion has undefined behaviour (0e65).
#include "io/deck_file.hpp"

#include <algorithm>
#include <cctype>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>
#include <unordered_map>

#include "io/file.hpp"
#include "io/rapidjson.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"

namespace rehearse {
namespace {

// ---- Where things are ------------------------------------------------------------------------

enum class Kind { object, array, string, other };

// An object (or value) of interest and the lines of its members, all 1-based.
struct Located {
  int line = 1;
  Kind kind = Kind::other;
  std::vector<std::pair<std::string, int>> members;

  int line_of(std::string_view member) const {
    for (const auto& [name, line_number] : members) {
      if (name == member) return line_number;
    }
    return line;
  }
};

struct Layout {
  Located root;
  std::optional<Located> deck;
  std::vector<Located> cards;
};

// Counts lines up to a byte offset; offsets only grow during a parse.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  int line_at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    line_ +=
        static_cast<int>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(seen_),
                                    text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    seen_ = std::max(seen_, offset);
    return line_;
  }

 private:
  std::string_view text_;
  std::size_t seen_ = 0;
  int line_ = 1;
};

// Line (1-based) and column (1-based, in bytes) of a byte offset.
std::pair<int, std::size_t> position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineCounter lines(text);
  const int line = lines.line_at(offset);
  const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column =
      offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {line, column};
}

// Deeper than any deck file (root, cards, card, tags: 4), far below what would overflow the
// stack in rapidjson's recursive parsers.
constexpr std::size_t kMaxDepth = 64;

// What is wrong with the decoded text of a JSON string or member name, or an empty string.
// Raw bytes were checked as UTF-8 by the parser; escapes were not: \u0000 gives a NUL byte, and
// a lone \uDC00-\uDFFF gives the 3 bytes ED B0-BF xx, a surrogate, which is not UTF-8.
std::string string_problem(std::string_view decoded) {
  if (decoded.find('\0') != std::string_view::npos) {
    return "a string holds \\u0000, which deck files do not allow";
  }
  for (std::size_t i = 0; i + 2 < decoded.size(); ++i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(decoded[k]); };
    if (byte(i) == 0xED && byte(i + 1) >= 0xA0) {
      const unsigned code = 0xD000u | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
      return fmt::format(
          "a string holds \\u{:04X} alone, half of a UTF-16 surrogate pair (write the character "
          "itself, or both halves)",
          code);
    }
  }
  return {};
}

// The SAX handler: follows the nesting and fills a Layout.
class LayoutHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, LayoutHandler> {
 public:
  // Not EncodedInputStream: that skips a byte order mark byte by byte (even a lone 0xEF),
  // which cereal's pass would not. parse_deck_file removes a whole BOM itself.
  using Stream = rapidjson::MemoryStream;

  // Something the handler refused, which stops the parse: the message and the byte offset.
  struct Problem {
    std::string message;
    std::size_t offset;
  };

  LayoutHandler(Layout& layout, const Stream& stream, LineCounter& lines)
      : layout_(layout), stream_(stream), lines_(lines) {}

  bool Default() { return value(Kind::other); }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return check_string({text, length}) && value(Kind::string);
  }
  // Numbers come as text (kParseNumbersAsStringsFlag), never converted; noted for cereal's pass.
  bool RawNumber(const char*, rapidjson::SizeType length, bool) {
    const std::size_t end = stream_.Tell();
    numbers_.emplace_back(end - length, length);
    return value(Kind::other);
  }
  bool StartObject() { return value(Kind::object); }
  bool StartArray() { return value(Kind::array); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* name, rapidjson::SizeType length, bool) {
    if (!check_string({name, length})) return false;
    Frame& frame = stack_.back();
    frame.key.assign(name, length);
    if (Located* located = tracked(frame.part)) {
      const int line = line_now();
      if (std::any_of(located->members.begin(), located->members.end(),
                      [&](const auto& member) { return member.first == frame.key; })) {
        duplicate_ = {frame.key, line};
        return false;
      }
      located->members.emplace_back(frame.key, line);
    }
    return true;
  }

  // A member given twice in one object, which stops the parse: name and line.
  const std::optional<std::pair<std::string, int>>& duplicate() const { return duplicate_; }
  const std::optional<Problem>& problem() const { return problem_; }
  // Every number in the text: byte offset and length.
  const std::vector<std::pair<std::size_t, std::size_t>>& numbers() const { return numbers_; }

 private:
  enum class Part { root, deck, cards, card, other };
  struct Frame {
    Part part;
    std::string key;
  };

  int line_now() { return lines_.line_at(stream_.Tell()); }

  bool check_string(std::string_view decoded) {
    std::string why = string_problem(decoded);
    if (why.empty()) return true;
    problem_ = Problem{std::move(why), stream_.Tell()};
    return false;
  }

  Located* tracked(Part part) {
    switch (part) {
      case Part::root:
        return &layout_.root;
      case Part::deck:
        return layout_.deck ? &*layout_.deck : nullptr;
      case Part::card:
        return layout_.cards.empty() ? nullptr : &layout_.cards.back();
      default:
        return nullptr;
    }
  }

  // A value begins; work out which part of the file it is.
  bool value(Kind kind) {
    if ((kind == Kind::object || kind == Kind::array) && stack_.size() >= kMaxDepth) {
      problem_ =
          Problem{fmt::format("arrays and objects are nested more than {} levels deep", kMaxDepth),
                  stream_.Tell() - 1};
      return false;
    }
    Part part = Part::other;
    const Located here{line_now(), kind, {}};
    if (stack_.empty()) {
      part = Part::root;
      layout_.root = here;
    } else if (stack_.back().part == Part::root && stack_.back().key == "deck") {
      part = Part::deck;
      layout_.deck = here;
    } else if (stack_.back().part == Part::root && stack_.back().key == "cards") {
      part = Part::cards;
    } else if (stack_.back().part == Part::cards) {
      part = Part::card;
      layout_.cards.push_back(here);
    }
    if (kind == Kind::object || kind == Kind::array) stack_.push_back({part, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  Layout& layout_;
  const Stream& stream_;
  LineCounter& lines_;
  std::vector<Frame> stack_;
  std::optional<std::pair<std::string, int>> duplicate_;
  std::optional<Problem> problem_;
  std::vector<std::pair<std::size_t, std::size_t>> numbers_;
};

// The layout of a deck file, and its text as cereal's pass is to read it.
struct LocatedText {
  Layout layout;
  std::string for_cereal;
};

LocatedText locate(std::string_view text, std::string_view source) {
  LocatedText located;
  Layout& layout = located.layout;
  LineCounter lines(text);
  LayoutHandler::Stream stream(text.data(), text.size());
  LayoutHandler handler(layout, stream, lines);
  rapidjson::Reader reader;
  const auto result =
      reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag>(
          stream, handler);
  if (handler.duplicate()) {
    throw Error("{}:{}: \"{}\" is given twice in the same object", source,
                handler.duplicate()->second, handler.duplicate()->first);
  }
  if (handler.problem()) {
    const auto [line, column] = position(text, handler.problem()->offset);
    throw Error("{}:{}:{}: {}", source, line, column, handler.problem()->message);
  }
  if (result.IsError()) {
    const auto [line, column] = position(text, result.Offset());
    // rapidjson says "Missing a comma or '}' after an object member."; we say it our way.
    std::string reason = rapidjson::GetParseError_En(result.Code());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    if (!reason.empty())
      reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    throw Error("{}:{}:{}: invalid JSON: {}", source, line, column, reason);
  }
  // Every number becomes 0, which reads the same to cereal (a number where a string or an
  // object was expected) without the conversion.
  std::size_t copied = 0;
  located.for_cereal.reserve(text.size());
  for (const auto& [offset, length] : handler.numbers()) {
    located.for_cereal.append(text.substr(copied, offset - copied)).push_back('0');
    copied = offset + length;
  }
  located.for_cereal.append(text.substr(copied));
  return located;
}

// ---- Reading values with cereal ----------------------------------------------------------------

struct Context {
  std::string_view source;
  const Layout& layout;
};

std::string card_label(std::size_t index, const std::string& id) {
  return id.empty() ? fmt::format("card {}", index + 1)
                    : fmt::format("card {} (\"{}\")", index + 1, id);
}

// Reads the current member into `value`, turning cereal's type errors into our message.
template <typename T>
void read_member(cereal::JSONInputArchive& archive, T& value, std::string_view expected,
                 const std::string& where, int line, std::string_view source,
                 std::string_view name) {
  try {
    archive(value);
  } catch (const cereal::Exception&) {
    throw Error("{}:{}: {}\"{}\" must be {}", source, line, where, name, expected);
  }
}

struct DeckIn {
  Deck& deck;
  const Context& context;
};

struct CardIn {
  CardContent& card;
  std::size_t index;
  const Context& context;
};

struct CardsIn {
  std::vector<CardContent>& cards;
  const Context& context;
};

void load(cereal::JSONInputArchive& archive, DeckIn& in) {
  const Located& located = *in.context.layout.deck;
  const std::string_view source = in.context.source;
  bool has_id = false;
  bool has_name = false;
  while (const char* member = archive.getNodeName()) {
    const std::string name = member;
    const int line = located.line_of(name);
    if (name == "id") {
      read_member(archive, in.deck.id, "a string", "deck ", line, source, name);
      has_id = true;
    } else if (name == "name") {
      read_member(archive, in.deck.name, "a string", "deck ", line, source, name);
      has_name = true;
    } else if (name == "description") {
      read_member(archive, in.deck.description, "a string", "deck ", line, source, name);
    } else {
      throw Error("{}:{}: unknown field \"{}\" in \"deck\" (expected id, name, description)",
                  source, line, name);
    }
  }
  if (!has_id) throw Error("{}:{}: \"deck\" has no \"id\"", source, located.line);
  if (!has_name) throw Error("{}:{}: \"deck\" has no \"name\"", source, located.line);
}

void load(cereal::JSONInputArchive& archive, CardIn& in) {
  const Located& located = in.context.layout.cards[in.index];
  const std::string_view source = in.context.source;
  bool has[3] = {false, false, false};
  while (const char* member = archive.getNodeName()) {
    const std::string name = member;
    const int line = located.line_of(name);
    const std::string where = card_label(in.index, in.card.id) + ": ";
    if (name == "id") {
      read_member(archive, in.card.id, "a string", where, line, source, name);
      has[0] = true;
    } else if (name == "front") {
      read_member(archive, in.card.front, "a string", where, line, source, name);
      has[1] = true;
    } else if (name == "back") {
      read_member(archive, in.card.back, "a string", where, line, source, name);
      has[2] = true;
    } else if (name == "tags") {
      read_member(archive, in.card.tags, "an array of strings", where, line, source, name);
    } else {
      throw Error("{}:{}: {}unknown field \"{}\" (expected id, front, back, tags)", source, line,
                  where, name);
    }
  }
  constexpr const char* kRequired[3] = {"id", "front", "back"};
  for (int i = 0; i < 3; ++i) {
    if (!has[i]) {
      throw Error("{}:{}: {} has no \"{}\"", source, located.line, card_label(in.index, in.card.id),
                  kRequired[i]);
    }
  }
}

void load(cereal::JSONInputArchive& archive, CardsIn& in) {
  cereal::size_type count = 0;
  archive(cereal::make_size_tag(count));
  in.cards.resize(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < in.cards.size(); ++i) {
    if (in.context.layout.cards[i].kind != Kind::object) {
      throw Error("{}:{}: card {} must be an object with id, front, back and tags",
                  in.context.source, in.context.layout.cards[i].line, i + 1);
    }
    CardIn card{in.cards[i], i, in.context};
    archive(card);
  }
}

DeckFile read_root(cereal::JSONInputArchive& archive, const Context& context) {
  const Layout& layout = context.layout;
  const std::string_view source = context.source;
  DeckFile file;
  std::optional<std::string> format;
  bool has_deck = false;
  bool has_cards = false;
  while (const char* member = archive.getNodeName()) {
    const std::string name = member;
    const int line = layout.root.line_of(name);
    if (name == "format") {
      read_member(archive, format.emplace(), "a string", "", line, source, name);
    } else if (name == "deck") {
      if (layout.deck->kind != Kind::object) {
        throw Error("{}:{}: \"deck\" must be an object with id, name and description", source,
                    line);
      }
      DeckIn deck{file.deck, context};
      archive(deck);
      has_deck = true;
    } else if (name == "cards") {
      CardsIn cards{file.cards, context};
      try {
        archive(cards);
      } catch (const cereal::Exception&) {
        throw Error("{}:{}: \"cards\" must be an array of card objects", source, line);
      }
      has_cards = true;
    } else {
      throw Error("{}:{}: unknown field \"{}\" (expected format, deck, cards)", source, line, name);
    }
  }
  if (!format)
    throw Error("{}:{}: no \"format\" field (expected \"{}\")", source, layout.root.line,
                kDeckFormat);
  if (*format != kDeckFormat) {
    throw Error("{}:{}: format \"{}\" is not one this rehearse reads (expected \"{}\")", source,
                layout.root.line_of("format"), *format, kDeckFormat);
  }
  if (!has_deck) throw Error("{}:{}: no \"deck\" field", source, layout.root.line);
  if (!has_cards) throw Error("{}:{}: no \"cards\" field", source, layout.root.line);
  return file;
}

// ---- Checks that the JSON types cannot express -------------------------------------------------

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// What is wrong with an author's id, or an empty string.
std::string id_problem(std::string_view id, std::size_t max_length) {
  if (id.empty()) return "is empty";
  if (id.size() > max_length) return fmt::format("is longer than {} characters", max_length);
  const bool valid = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == ':';
  });
  return valid ? "" : "may only contain letters, digits and . _ - :";
}

void check_deck(const Deck& deck, const Context& context) {
  const Located& located = *context.layout.deck;
  if (const std::string problem = id_problem(deck.id, 100); !problem.empty()) {
    throw Error("{}:{}: deck id \"{}\" {}", context.source, located.line_of("id"), deck.id,
                problem);
  }
  if (is_blank(deck.name)) {
    throw Error("{}:{}: deck \"name\" is empty", context.source, located.line_of("name"));
  }
}

void check_card(const CardContent& card, std::size_t index, const Context& context) {
  const Located& located = context.layout.cards[index];
  const std::string label = card_label(index, card.id);
  if (const std::string problem = id_problem(card.id, 200); !problem.empty()) {
    throw Error("{}:{}: {}: id {}", context.source, located.line_of("id"), label, problem);
  }
  if (is_blank(card.front)) {
    throw Error("{}:{}: {}: \"front\" is empty", context.source, located.line_of("front"), label);
  }
  if (is_blank(card.back)) {
    throw Error("{}:{}: {}: \"back\" is empty", context.source, located.line_of("back"), label);
  }
  for (std::size_t i = 0; i < card.tags.size(); ++i) {
    if (const std::string problem = tag_problem(card.tags[i]); !problem.empty()) {
      throw Error("{}:{}: {}: {}", context.source, located.line_of("tags"), label, problem);
    }
    if (std::find(card.tags.begin(), card.tags.begin() + static_cast<std::ptrdiff_t>(i),
                  card.tags[i]) != card.tags.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw Error("{}:{}: {}: tag '{}' is listed twice", context.source, located.line_of("tags"),
                  label, card.tags[i]);
    }
  }
}

void check(const DeckFile& file, const Context& context) {
  check_deck(file.deck, context);
  std::unordered_map<std::string_view, std::size_t> first_index;
  for (std::size_t i = 0; i < file.cards.size(); ++i) {
    check_card(file.cards[i], i, context);
    const auto [it, added] = first_index.emplace(file.cards[i].id, i);
    if (!added) {
      throw Error("{}:{}: card id \"{}\" is used twice (cards {} and {}); ids must be unique",
                  context.source, context.layout.cards[i].line_of("id"), file.cards[i].id,
                  it->second + 1, i + 1);
    }
  }
}

// ---- Writing -----------------------------------------------------------------------------------

struct DeckOut {
  const Deck& deck;
};

struct CardOut {
  const CardContent& card;
};

void save(cereal::JSONOutputArchive& archive, const DeckOut& out) {
  archive(cereal::make_nvp("id", out.deck.id), cereal::make_nvp("name", out.deck.name),
          cereal::make_nvp("description", out.deck.description));
}

void save(cereal::JSONOutputArchive& archive, const CardOut& out) {
  archive(cereal::make_nvp("id", out.card.id), cereal::make_nvp("front", out.card.front),
          cereal::make_nvp("back", out.card.back), cereal::make_nvp("tags", out.card.tags));
}

}  // namespace

DeckFile parse_deck_file(std::string_view text, std::string_view source) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  LocatedText located = locate(text, source);
  const Layout& layout = located.layout;
  if (layout.root.kind != Kind::object) {
    throw Error("{}:{}: a deck file holds one JSON object with \"format\", \"deck\" and \"cards\"",
                source, layout.root.line);
  }
  const Context context{source, layout};
  std::istringstream stream{std::move(located.for_cereal)};
  cereal::JSONInputArchive archive(stream);
  DeckFile file = read_root(archive, context);
  check(file, context);
  return file;
}

DeckFile read_deck_file(const std::filesystem::path& path) {
  return parse_deck_file(read_file(path), path.string());
}

std::string format_deck_file(const DeckFile& file) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(
        out, cereal::JSONOutputArchive::Options(
                 324, cereal::JSONOutputArchive::Options::IndentChar::space, 2));
    std::vector<CardOut> cards;
    cards.reserve(file.cards.size());
    for (const CardContent& card : file.cards)
      cards.push_back({card});
    archive(cereal::make_nvp("format", std::string(kDeckFormat)),
            cereal::make_nvp("deck", DeckOut{file.deck}), cereal::make_nvp("cards", cards));
  }
  out << '\n';
  return std::move(out).str();
}

void write_deck_file(const DeckFile& file, const std::filesystem::path& path) {
  write_file_atomically(path, format_deck_file(file));
}

}  // namespace rehearse
