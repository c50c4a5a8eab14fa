// Deck files are written with cereal's JSON archive (io/deck_writer.cpp) and read here in one
// streaming pass with rapidjson's SAX reader, the parser cereal's archive is built on. Reading
// builds the deck straight from the parser's events, so that every message names its line and
// a 100 MB file reads in a fraction of a second; cereal's input archive reads through
// std::istream one character at a time (about 2 s for 100 MB) and keeps no positions for
// messages. The text checks below the grammar are in io/deck_text.hpp, the content checks in
// io/deck_checks.hpp.
//
// The reader accepts exactly the documented shape (docs/deck-format.md) and refuses anything
// else at the first event that does not fit, so nesting never goes deeper than the format's
// four levels. Numbers are read as text (never converted: no field takes one), and strings
// holding \u0000 or half a UTF-16 surrogate pair are refused: the first would be cut short by
// C APIs, the second is not UTF-8 once decoded, so export would write what import refuses.
#include "io/deck_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "io/deck_checks.hpp"
#include "io/deck_text.hpp"
#include "io/file.hpp"
#include "io/rapidjson.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"
#include "model/reverse_card.hpp"

namespace rehearse {
namespace {

using text::Control;
using text::escaped_control;
using text::holds_control;
using text::invalid_utf8;
using text::LineCounter;
using text::position;
using text::raw_control;
using text::string_problem;

// ---- Reading ----------------------------------------------------------------------------------

// A deck file as read, with where each part was. Cards go to the sink as they end; what is
// wrong with the first wrong card is kept and thrown once the whole file is read, so that a
// syntax error anywhere in the file is still reported first.
struct Read {
  explicit Read(DeckSink& to) : sink(to) {}
  DeckSink& sink;
  Deck deck;
  int root_line = 1;
  bool has_format = false;
  int format_line = 1;
  std::optional<std::string> format;
  bool has_deck = false;
  bool has_cards = false;
  int deck_line = 1;
  int deck_id_line = 1;
  int deck_name_line = 1;
  CardContent card;  // the card being read
  CardLines card_lines;
  std::size_t cards_read = 0;                                // cards that ended before it
  std::unordered_map<std::string, std::size_t> first_index;  // by id
  // The ids of the reverses of the cards that ask both ways, with the index of their card.
  std::unordered_map<std::string, std::size_t> reverse_index;
  std::optional<Error> card_problem;
};

// The SAX handler: a state machine over the deck file grammar. A member or value that does
// not fit stops the parse with a message (returning false); the caller throws it.
class DeckReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DeckReader> {
 public:
  DeckReader(Read& read, std::string_view source, const rapidjson::StringStream& stream,
             std::string_view text)
      : read_(read), source_(source), stream_(stream), text_(text), lines_(text) {}

  bool StartObject();
  bool EndObject(rapidjson::SizeType);
  bool StartArray();
  bool EndArray(rapidjson::SizeType);
  bool Key(const char* text, rapidjson::SizeType length, bool);
  bool String(const char* text, rapidjson::SizeType length, bool);
  bool Bool(bool value);
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return wrong_type(); }
  bool Default() { return wrong_type(); }  // null

  // What stopped the parse, when the handler did.
  const std::optional<Error>& problem() const { return problem_; }

 private:
  // Where the parse is, and so what may come next.
  enum class At {
    root,         // the document's value
    root_member,  // a member of the root object, or its end
    format,       // the value of "format"
    deck,         // the value of "deck"
    deck_member,  // a member of the deck object, or its end
    deck_text,    // the value of a deck member (target_)
    cards,        // the value of "cards"
    card,         // an element of "cards", or its end
    card_member,  // a member of a card object, or its end
    card_text,    // the value of "id", "front" or "back" (target_)
    card_flag,    // the value of "reverse"
    tags,         // the value of "tags"
    tag,          // an element of "tags", or its end
  };

  int line() { return lines_.line_at(stream_.Tell()); }
  CardContent& card() { return read_.card; }
  CardLines& card_lines() { return read_.card_lines; }
  // Checks the card that ended and hands it to the sink.
  void finish_card();
  // Refuses a card whose id is another's reverse's, or whose reverse's id is another's.
  void check_reverse_ids(std::size_t index);

  template <typename... Args>
  bool fail(int line, fmt::format_string<Args...> format, Args&&... args) {
    problem_.emplace(
        Error("{}:{}: {}", source_, line, fmt::format(format, std::forward<Args>(args)...)));
    return false;
  }
  bool wrong_type();
  bool checked(std::string_view decoded);
  bool root_key(const std::string& name);
  bool deck_key(const std::string& name);
  bool card_key(const std::string& name);
  // Records a member's line, refusing a member given twice in the same object.
  bool first_time(bool& seen, int& line_of_member, const std::string& name);

  Read& read_;
  std::string_view source_;
  const rapidjson::StringStream& stream_;
  std::string_view text_;
  LineCounter lines_;
  At at_ = At::root;
  std::string* target_ = nullptr;
  int key_line_ = 1;  // line of the member whose value comes next
  std::string key_;   // its name
  // Members seen in the current deck or card object (not the root's). A deck uses id, name
  // and description; a card id, front, back, tags, group and reverse.
  struct Seen {
    bool id = false;
    bool name = false;
    bool description = false;
    bool front = false;
    bool back = false;
    bool tags = false;
    bool group = false;
    bool reverse = false;
  };
  Seen seen_;
  std::optional<Error> problem_;
};

bool DeckReader::checked(std::string_view decoded) {
  if (const std::optional<std::string> why = string_problem(decoded)) {
    return fail(line(), "{}", *why);
  }
  if (!holds_control(decoded)) return true;
  // rapidjson parses a string on a copy of the stream, which it hands back once the handler
  // returns: the stream is still at the string's opening quote.
  const Control control = escaped_control(text_, stream_.Tell());
  const auto [line, column] = position(text_, control.offset);
  problem_.emplace(Error(
      "{}:{}:{}: a string holds the control character U+{:04X}, which deck files do not allow "
      "(\\n and \\t are the only ones a string may hold)",
      source_, line, column, control.code));
  return false;
}

bool DeckReader::first_time(bool& seen, int& line_of_member, const std::string& name) {
  if (seen) return fail(key_line_, "\"{}\" is given twice in the same object", name);
  seen = true;
  line_of_member = key_line_;
  return true;
}

bool DeckReader::StartObject() {
  switch (at_) {
    case At::root:
      read_.root_line = line();
      at_ = At::root_member;
      return true;
    case At::deck:
      read_.deck_line = line();
      seen_ = {};
      at_ = At::deck_member;
      return true;
    case At::card:
      read_.card = {};
      read_.card_lines = {line()};
      seen_ = {};
      at_ = At::card_member;
      return true;
    default:
      return wrong_type();
  }
}

bool DeckReader::EndObject(rapidjson::SizeType) {
  switch (at_) {
    case At::root_member:  // the root's required members are checked once the parse is done
      return true;
    case At::deck_member:
      if (!seen_.id) return fail(read_.deck_line, "\"deck\" has no \"id\"");
      if (!seen_.name) return fail(read_.deck_line, "\"deck\" has no \"name\"");
      read_.sink.deck(read_.deck);
      at_ = At::root_member;
      return true;
    case At::card_member: {
      const std::pair<bool, const char*> required[] = {
          {seen_.id, "id"}, {seen_.front, "front"}, {seen_.back, "back"}};
      for (const auto& [seen, name] : required) {
        if (!seen) {
          return fail(card_lines().start, "{} has no \"{}\"",
                      card_label(read_.cards_read, card().id), name);
        }
      }
      finish_card();
      at_ = At::card;
      return true;
    }
    default:
      return false;  // unreachable: every other object is refused when it starts
  }
}

bool DeckReader::StartArray() {
  if (at_ == At::cards) {
    at_ = At::card;
  } else if (at_ == At::tags) {
    at_ = At::tag;
  } else {
    return wrong_type();
  }
  return true;
}

bool DeckReader::EndArray(rapidjson::SizeType) {
  at_ = at_ == At::card ? At::root_member : At::card_member;  // only cards and tags are arrays
  return true;
}

bool DeckReader::Key(const char* text, rapidjson::SizeType length, bool) {
  if (!checked({text, length})) return false;
  key_.assign(text, length);
  key_line_ = line();
  switch (at_) {
    case At::root_member:
      return root_key(key_);
    case At::deck_member:
      return deck_key(key_);
    default:
      return card_key(key_);
  }
}

bool DeckReader::root_key(const std::string& name) {
  if (name == "format") {
    if (!first_time(read_.has_format, read_.format_line, name)) return false;
    at_ = At::format;
  } else if (name == "deck") {
    int ignored = 0;
    if (!first_time(read_.has_deck, ignored, name)) return false;
    at_ = At::deck;
  } else if (name == "cards") {
    int ignored = 0;
    if (!first_time(read_.has_cards, ignored, name)) return false;
    at_ = At::cards;
  } else {
    return fail(key_line_, "unknown field \"{}\" (expected format, deck, cards)", name);
  }
  return true;
}

bool DeckReader::deck_key(const std::string& name) {
  int ignored = 0;
  if (name == "id") {
    if (!first_time(seen_.id, read_.deck_id_line, name)) return false;
    target_ = &read_.deck.id;
  } else if (name == "name") {
    if (!first_time(seen_.name, read_.deck_name_line, name)) return false;
    target_ = &read_.deck.name;
  } else if (name == "description") {
    if (!first_time(seen_.description, ignored, name)) return false;
    target_ = &read_.deck.description;
  } else {
    return fail(key_line_, "unknown field \"{}\" in \"deck\" (expected id, name, description)",
                name);
  }
  at_ = At::deck_text;
  return true;
}

bool DeckReader::card_key(const std::string& name) {
  CardLines& lines = card_lines();
  if (name == "id") {
    if (!first_time(seen_.id, lines.id, name)) return false;
    target_ = &card().id;
  } else if (name == "front") {
    if (!first_time(seen_.front, lines.front, name)) return false;
    target_ = &card().front;
  } else if (name == "back") {
    if (!first_time(seen_.back, lines.back, name)) return false;
    target_ = &card().back;
  } else if (name == "tags") {
    if (!first_time(seen_.tags, lines.tags, name)) return false;
    at_ = At::tags;
    return true;
  } else if (name == "group") {
    if (!first_time(seen_.group, lines.group, name)) return false;
    target_ = &card().group;
  } else if (name == "reverse") {
    if (!first_time(seen_.reverse, lines.reverse, name)) return false;
    at_ = At::card_flag;
    return true;
  } else {
    return fail(key_line_,
                "{}: unknown field \"{}\" (expected id, front, back, tags, group, reverse)",
                card_label(read_.cards_read, card().id), name);
  }
  at_ = At::card_text;
  return true;
}

bool DeckReader::String(const char* text, rapidjson::SizeType length, bool) {
  if (!checked({text, length})) return false;
  switch (at_) {
    case At::format:
      read_.format.emplace(text, length);
      if (*read_.format != kDeckFormat) {
        return fail(key_line_, "format \"{}\" is not one this rehearse reads (expected \"{}\")",
                    *read_.format, kDeckFormat);
      }
      at_ = At::root_member;
      return true;
    case At::deck_text:
      target_->assign(text, length);
      at_ = At::deck_member;
      return true;
    case At::card_text:
      target_->assign(text, length);
      at_ = At::card_member;
      return true;
    case At::tag:
      card().tags.emplace_back(text, length);
      return true;
    default:
      return wrong_type();
  }
}

bool DeckReader::Bool(bool value) {
  if (at_ != At::card_flag) return wrong_type();
  card().reverse = value;
  at_ = At::card_member;
  return true;
}

// A value of the wrong JSON type where the parse is.
bool DeckReader::wrong_type() {
  const std::size_t index = read_.cards_read;  // the card being read, if any
  switch (at_) {
    case At::root:
      return fail(line(),
                  "a deck file holds one JSON object with \"format\", \"deck\" and \"cards\"");
    case At::format:
      return fail(key_line_, "\"format\" must be a string");
    case At::deck:
      return fail(key_line_, "\"deck\" must be an object with id, name and description");
    case At::deck_text:
      return fail(key_line_, "deck \"{}\" must be a string", key_);
    case At::cards:
      return fail(key_line_, "\"cards\" must be an array of card objects");
    case At::card:
      return fail(line(), "card {} must be an object with id, front, back and tags",
                  read_.cards_read + 1);
    case At::card_text:
      return fail(key_line_, "{}: \"{}\" must be a string", card_label(index, card().id), key_);
    case At::tags:
    case At::tag:
      return fail(key_line_, "{}: \"tags\" must be an array of strings",
                  card_label(index, card().id));
    case At::card_flag:
      return fail(key_line_, "{}: \"reverse\" must be true or false", card_label(index, card().id));
    default:
      return false;  // unreachable: members are names, never values
  }
}

// ---- Checks that the grammar cannot express ---------------------------------------------------

void check_root(const Read& read, std::string_view source) {
  if (!read.format) {
    throw Error("{}:{}: no \"format\" field (expected \"{}\")", source, read.root_line,
                kDeckFormat);
  }
  if (!read.has_deck) throw Error("{}:{}: no \"deck\" field", source, read.root_line);
  if (!read.has_cards) throw Error("{}:{}: no \"cards\" field", source, read.root_line);
}

void check_deck(const Read& read, std::string_view source) {
  const Deck& deck = read.deck;
  if (const auto problem = id_problem(deck.id, 100)) {
    throw Error("{}:{}: deck id \"{}\" {}", source, read.deck_id_line, deck.id, *problem);
  }
  if (is_blank_text(deck.name))
    throw Error("{}:{}: deck \"name\" is empty", source, read.deck_name_line);
}

void DeckReader::finish_card() {
  const std::size_t index = read_.cards_read++;
  const CardContent& card = read_.card;
  if (!read_.card_problem) {
    try {
      check_card(card, read_.card_lines, seen_.group, index, source_);
    } catch (const Error& e) {
      read_.card_problem.emplace(e);
    }
  }
  const auto [it, added] = read_.first_index.emplace(card.id, index);
  if (!added && !read_.card_problem) {
    read_.card_problem.emplace(
        Error("{}:{}: card id \"{}\" is used twice (cards {} and {}); ids must be unique", source_,
              read_.card_lines.id, card.id, it->second + 1, index + 1));
  }
  if (!read_.card_problem) check_reverse_ids(index);
  read_.sink.card(std::move(read_.card), stream_.Tell());
}

void DeckReader::check_reverse_ids(std::size_t index) {
  const CardContent& card = read_.card;
  if (const auto taken = read_.reverse_index.find(card.id); taken != read_.reverse_index.end()) {
    read_.card_problem.emplace(
        Error("{}:{}: card id \"{}\" is the id of the reverse of card {} (\"{}\", which has "
              "\"reverse\": true); give this card another id",
              source_, read_.card_lines.id, card.id, taken->second + 1,
              card_of_reverse(card.id).value_or("")));
    return;
  }
  if (!card.reverse) return;
  std::string reverse = reverse_id(card.id);
  if (const auto taken = read_.first_index.find(reverse); taken != read_.first_index.end()) {
    read_.card_problem.emplace(
        Error("{}:{}: card {} (\"{}\"): \"reverse\": true would add card \"{}\", which is the id "
              "of card {}; give that card another id",
              source_, read_.card_lines.reverse, index + 1, card.id, reverse, taken->second + 1));
    return;
  }
  read_.reverse_index.emplace(std::move(reverse), index);
}

// The checks of the whole file, in the order they are reported: the root's members, the deck,
// then the cards in file order.
void check(const Read& read, std::string_view source) {
  check_root(read, source);
  check_deck(read, source);
  if (read.card_problem) throw *read.card_problem;
}

// rapidjson says "Missing a comma or '}' after an object member."; we say it our way.
std::string syntax_message(rapidjson::ParseErrorCode code) {
  std::string reason = rapidjson::GetParseError_En(code);
  if (!reason.empty() && reason.back() == '.') reason.pop_back();
  if (!reason.empty())
    reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

// The bytes the parser may read past the NUL that ends the text (see rapidjson.hpp).
constexpr std::size_t kSimdPadding = 16;

// `text` must be followed in memory by a NUL and kSimdPadding - 1 more bytes: the parser reads
// to the NUL, in blocks of sixteen.
Deck parse_padded(std::string_view text, std::string_view source, DeckSink& sink) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  if (const std::size_t bad = invalid_utf8(text); bad != std::string_view::npos) {
    const auto [line, column] = position(text, bad);
    throw Error("{}:{}:{}: the file is not valid UTF-8 text", source, line, column);
  }
  // The parser takes a NUL for the end of the text: what followed one would go unread.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = position(text, nul);
    throw Error("{}:{}:{}: the file holds a NUL byte, which a text file never does", source, line,
                column);
  }
  if (const std::optional<Control> control = raw_control(text)) {
    const auto [line, column] = position(text, control->offset);
    throw Error(
        "{}:{}:{}: the file holds the control character U+{:04X}, which deck files do not allow",
        source, line, column, control->code);
  }
  Read read(sink);
  rapidjson::StringStream stream(text.data());
  DeckReader handler(read, source, stream, text);
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;
  const rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
  if (handler.problem()) throw *handler.problem();
  if (result.IsError()) {
    const auto [line, column] = position(text, result.Offset());
    throw Error("{}:{}:{}: invalid JSON: {}", source, line, column, syntax_message(result.Code()));
  }
  check(read, source);
  return std::move(read.deck);
}

// Keeps the cards in a vector.
class CardCollector final : public DeckSink {
 public:
  explicit CardCollector(std::vector<CardContent>& cards) : cards_(cards) {}
  void card(CardContent&& card, std::size_t) override { cards_.push_back(std::move(card)); }

 private:
  std::vector<CardContent>& cards_;
};

}  // namespace

DeckFile parse_deck_file(std::string_view text, std::string_view source) {
  std::string padded;
  padded.reserve(text.size() + kSimdPadding);
  padded.assign(text);
  DeckFile file;
  CardCollector collector(file.cards);
  file.deck = parse_padded(padded, source, collector);
  return file;
}

DeckFile read_deck_file(const std::filesystem::path& path) {
  DeckFile file;
  CardCollector collector(file.cards);
  file.deck = read_deck_file(path, collector);
  return file;
}

Deck read_deck_file(const std::filesystem::path& path, DeckSink& sink) {
  const std::string text = read_file(path, kSimdPadding);
  return parse_padded(text, path.string(), sink);
}

}  // namespace rehearse
