#include "io/markdown_deck.hpp"

#include <md4c.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <unordered_map>
#include <vector>

#include "io/html_text.hpp"
#include "io/interop_text.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

// ---- Front matter -----------------------------------------------------------------------------

// Reads the front matter of `text` (no byte order mark) into `deck`; returns the offset where
// the Markdown starts.
std::size_t read_front_matter(std::string_view text, std::string_view source, Deck& deck) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) {
    throw Error(
        "{}:1: no front matter (the file starts with a \"---\" line, then \"id:\" and "
        "\"name:\", then \"---\")",
        source);
  }
  std::size_t end = text.find("\n---", 3);
  while (end != std::string_view::npos && end + 4 < text.size() && text[end + 4] != '\n' &&
         text[end + 4] != '\r') {
    end = text.find("\n---", end + 1);
  }
  if (end == std::string_view::npos) {
    throw Error("{}:1: the front matter is never closed by \"---\"", source);
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text.substr(4, end - 4 + 1)));
    if (!root.IsMap()) throw Error("{}:2: the front matter is not \"key: value\" lines", source);
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key != "id" && key != "name" && key != "description") {
        throw Error("{}:{}: front matter: unknown key \"{}\" (expected id, name, description)",
                    source, entry.first.Mark().line + 2, key);
      }
      if (!entry.second.IsScalar()) {
        throw Error("{}:{}: front matter: \"{}\" is not text", source, entry.first.Mark().line + 2,
                    key);
      }
    }
    deck.id = root["id"] ? root["id"].as<std::string>() : "";
    deck.name = root["name"] ? root["name"].as<std::string>() : "";
    deck.description = root["description"] ? root["description"].as<std::string>() : "";
  } catch (const YAML::Exception& e) {
    throw Error("{}:{}: front matter: {}", source, e.mark.line + 2, e.msg);
  }
  if (deck.id.empty()) throw Error("{}:1: front matter: no \"id\"", source);
  if (trim(deck.name).empty()) throw Error("{}:1: front matter: no \"name\"", source);
  return std::min(text.find('\n', end + 1), text.size());
}

// ---- Blocks -----------------------------------------------------------------------------------

// A top-level block of the body as plain text, one string per line.
struct Block {
  enum Kind { kParagraph, kHeading, kOther } kind = kOther;
  int level = 0;
  std::vector<std::string> lines{""};
  std::size_t line = 0;  // 1-based, in the whole file
  // A paragraph's lines as written (trimmed), to tell "Q:" from an escaped "Q\\:".
  std::vector<std::string_view> raw;
};

class BlockCollector {
 public:
  BlockCollector(std::string_view body, std::size_t first_line)
      : body_(body), first_line_(first_line) {}

  std::vector<Block> blocks;

  static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
    return static_cast<BlockCollector*>(self)->enter(type, detail), 0;
  }
  static int leave_block(MD_BLOCKTYPE type, void*, void* self) {
    return static_cast<BlockCollector*>(self)->leave(type), 0;
  }
  static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
    auto& c = *static_cast<BlockCollector*>(self);
    if (type == MD_SPAN_IMG) {
      const auto& src = static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src;
      c.append("[image: ");
      c.append(c.within_body(std::string_view(src.text, src.size)));
      c.append("]");
      ++c.in_image_;
    }
    return 0;
  }
  static int leave_span(MD_SPANTYPE type, void*, void* self) {
    if (type == MD_SPAN_IMG) --static_cast<BlockCollector*>(self)->in_image_;
    return 0;
  }
  static int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    auto& c = *static_cast<BlockCollector*>(self);
    c.on_text(type, c.within_body(std::string_view(text, size)));
    return 0;
  }

  // md4c 0.4.8 (Debian 12) once handed over, in a long fuzzing run, a text starting past the
  // end of the document. It reads a copy of the body followed by kPadding zero bytes
  // (parse_blocks): a text that starts in the body or that padding is cut at the body's end.
  // Texts elsewhere are md4c's own (the " " of a code span's line break).
  static constexpr std::size_t kPadding = 16;
  std::string_view within_body(std::string_view text) const {
    const char* end = body_.data() + body_.size();
    if (text.data() < body_.data() || text.data() >= end + kPadding) return text;
    if (text.data() >= end) return {};
    return text.substr(0, std::min(text.size(), static_cast<std::size_t>(end - text.data())));
  }

 private:
  void enter(MD_BLOCKTYPE type, void* detail) {
    if (type == MD_BLOCK_DOC) return;
    if (depth_++ == 0) {
      blocks.push_back({});
      Block& block = blocks.back();
      block.kind = type == MD_BLOCK_P   ? Block::kParagraph
                   : type == MD_BLOCK_H ? Block::kHeading
                                        : Block::kOther;
      if (type == MD_BLOCK_H)
        block.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
      if (type != MD_BLOCK_UL && type != MD_BLOCK_OL) return;
    }
    if (type == MD_BLOCK_UL || type == MD_BLOCK_OL) {
      lists_.push_back(type == MD_BLOCK_OL
                           ? static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)
                           : 0);
    } else if (type == MD_BLOCK_LI && !lists_.empty()) {
      new_line();
      std::string bullet(2 * (lists_.size() - 1), ' ');
      bullet += lists_.back() > 0 ? std::to_string(lists_.back()++) + ". " : "- ";
      append(bullet);
    } else {
      new_line();
    }
  }

  void leave(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_DOC) return;
    if (type == MD_BLOCK_UL || type == MD_BLOCK_OL) lists_.pop_back();
    if (--depth_ == 0) {
      std::vector<std::string>& lines = blocks.back().lines;
      while (lines.size() > 1 && lines.back().empty())
        lines.pop_back();
      if (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
    }
  }

  void on_text(MD_TEXTTYPE type, std::string_view text) {
    if (blocks.empty() || in_image_ > 0) return;
    if (blocks.back().line == 0 && text.data() >= body_.data() &&
        text.data() < body_.data() + body_.size()) {
      blocks.back().line =
          first_line_ + line_at(body_, static_cast<std::size_t>(text.data() - body_.data())) - 1;
    }
    if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) return new_line();
    if (type == MD_TEXT_ENTITY) return append(html_to_text(text));
    if (type == MD_TEXT_NULLCHAR) return append("\xEF\xBF\xBD");
    if (type == MD_TEXT_HTML) return append(html_to_text(text));
    for (const char c : text) {
      if (c == '\n')
        new_line();
      else
        blocks.back().lines.back() += c;
    }
  }

  void append(std::string_view text) {
    if (!blocks.empty()) blocks.back().lines.back() += text;
  }
  void new_line() {
    if (!blocks.empty() && !blocks.back().lines.back().empty()) blocks.back().lines.emplace_back();
  }

  std::string_view body_;
  std::size_t first_line_;
  int depth_ = 0;
  int in_image_ = 0;
  std::vector<int> lists_;  // next number of each open ordered list; 0 for a bullet list
};

std::vector<std::string_view> source_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

// `body` starts line `first_line` of `text`.
std::vector<Block> parse_blocks(std::string_view text, std::string_view body,
                                std::size_t first_line) {
  // md4c may read past the end of what it is given (BlockCollector::within_body): it reads a
  // copy with zero bytes after it instead of the caller's text.
  const std::string padded = std::string(body) + std::string(BlockCollector::kPadding, '\0');
  body = std::string_view(padded.data(), body.size());
  BlockCollector collector(body, first_line);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_NOHTMLSPANS | MD_FLAG_STRIKETHROUGH | MD_FLAG_TABLES;
  parser.enter_block = &BlockCollector::enter_block;
  parser.leave_block = &BlockCollector::leave_block;
  parser.enter_span = &BlockCollector::enter_span;
  parser.leave_span = &BlockCollector::leave_span;
  parser.text = &BlockCollector::text;
  md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &collector);
  const std::vector<std::string_view> lines = source_lines(text);
  for (Block& block : collector.blocks) {
    if (block.kind != Block::kParagraph || block.line == 0) continue;
    for (std::size_t k = 0; k < block.lines.size(); ++k) {
      const std::size_t at = block.line - 1 + k;
      block.raw.push_back(at < lines.size() ? lines[at] : std::string_view());
    }
  }
  return std::move(collector.blocks);
}

// ---- Cards ------------------------------------------------------------------------------------

struct Draft {
  std::size_t line = 0;
  std::vector<std::string> question;
  std::vector<std::string> answer;  // paragraphs, each possibly several lines
  std::string id;
  std::vector<std::string> tags;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

bool starts(const Block& block, std::size_t k, std::string_view marker) {
  return k < block.raw.size() && block.raw[k].starts_with(marker) && k < block.lines.size() &&
         block.lines[k].starts_with(marker);
}

bool is_meta(const Block& block, std::size_t k) {
  return starts(block, k, "id:") || starts(block, k, "tags:");
}

// Takes "id:" and "tags:" lines from the front of the block's lines into the draft.
void take_meta(Block& block, Draft& draft) {
  while (!block.lines.empty() && is_meta(block, 0)) {
    const std::string_view line = block.lines.front();
    if (line.starts_with("id:")) {
      draft.id = trim(line.substr(3));
    } else if (line.starts_with("tags:")) {
      std::string_view rest = line.substr(5);
      while (!(rest = trim(rest)).empty()) {
        const std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
        draft.tags.emplace_back(rest.substr(0, end));
        rest.remove_prefix(end);
      }
    }
    block.lines.erase(block.lines.begin());
    block.raw.erase(block.raw.begin());
  }
}

// A paragraph starting "Q:": the question, the meta lines, then from "A:" on the answer.
Draft question_block(Block& block) {
  Draft draft;
  draft.line = block.line;
  block.lines.front() = std::string(trim(std::string_view(block.lines.front()).substr(2)));
  block.raw.front() = {};
  std::size_t i = 0;
  while (i < block.lines.size() && !starts(block, i, "A:") && !(i > 0 && is_meta(block, i))) {
    draft.question.push_back(block.lines[i++]);
  }
  block.lines.erase(block.lines.begin(), block.lines.begin() + static_cast<std::ptrdiff_t>(i));
  block.raw.erase(block.raw.begin(), block.raw.begin() + static_cast<std::ptrdiff_t>(i));
  take_meta(block, draft);
  if (starts(block, 0, "A:")) {
    block.lines.front() = std::string(trim(std::string_view(block.lines.front()).substr(2)));
    if (block.lines.front().empty()) block.lines.erase(block.lines.begin());
    if (!block.lines.empty()) draft.answer.push_back(join(block.lines, "\n"));
  } else {
    draft.question.insert(draft.question.end(), block.lines.begin(), block.lines.end());
  }
  return draft;
}

CardContent finish(const Draft& draft, const std::string& deck_id, std::string_view source) {
  CardContent card;
  card.front = join(draft.question, "\n");
  card.back = join(draft.answer, "\n\n");
  if (trim(card.front).empty())
    throw Error("{}:{}: a card's question is empty", source, draft.line);
  if (trim(card.back).empty()) {
    throw Error("{}:{}: card \"{}\" has no answer (write it below the question, or after \"A:\")",
                source, draft.line, card.front);
  }
  card.id = draft.id.empty() ? derived_card_id(deck_id, card.front) : draft.id;
  card.tags = draft.tags;
  return card;
}

// ---- Writing ----------------------------------------------------------------------------------

std::string escape_line(std::string_view line) {
  constexpr std::string_view kAnywhere = "\\`*_[]<>&!~|#";
  std::string out;
  const std::string_view body = trim(line);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    const bool at_start = i == 0;
    const bool list_marker = at_start && (c == '-' || c == '+' || c == '=');
    const bool ordered =
        i > 0 && (c == '.' || c == ')') && body.find_first_not_of("0123456789") == i;
    const bool meta_colon = c == ':' && (body.substr(0, i) == "Q" || body.substr(0, i) == "A" ||
                                         body.substr(0, i) == "id" || body.substr(0, i) == "tags");
    if (kAnywhere.find(c) != std::string_view::npos || list_marker || ordered || meta_colon)
      out += '\\';
    out += c;
  }
  return out;
}

std::string escape_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (start > 0) out += '\n';
    out += escape_line(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string yaml_scalar(std::string_view value) {
  YAML::Emitter out;
  out << YAML::DoubleQuoted << std::string(value);
  return out.c_str();
}

}  // namespace

DeckFile parse_markdown_deck(std::string_view text, std::string_view source) {
  if (const auto bad = first_invalid_utf8(text)) {
    throw Error("{}:{}: not valid UTF-8", source, line_at(text, *bad));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  DeckFile file;
  const std::size_t offset = read_front_matter(text, source, file.deck);
  const std::string_view body = text.substr(offset);
  std::vector<Block> blocks = parse_blocks(text, body, line_at(text, offset));
  std::optional<Draft> draft;
  std::unordered_map<std::string, std::size_t> line_of_id;
  const auto close = [&] {
    if (!draft) return;
    CardContent card = finish(*draft, file.deck.id, source);
    if (const auto [seen, fresh] = line_of_id.emplace(card.id, draft->line); !fresh) {
      throw Error("{}:{}: card id \"{}\" is also used on line {}", source, draft->line, card.id,
                  seen->second);
    }
    file.cards.push_back(std::move(card));
    draft.reset();
  };
  for (Block& block : blocks) {
    if (block.kind == Block::kHeading && block.level == 1) continue;
    if (block.kind == Block::kHeading && block.level == 2) {
      close();
      draft = Draft{block.line, {join(block.lines, " ")}, {}, {}, {}};
      continue;
    }
    if (block.kind == Block::kParagraph && starts(block, 0, "Q:")) {
      close();
      draft = question_block(block);
      continue;
    }
    if (!draft) {
      throw Error(
          "{}:{}: text before the first card (start a card with \"## question\" or "
          "\"Q: question\")",
          source, block.line);
    }
    if (draft->answer.empty() && draft->id.empty() && draft->tags.empty()) take_meta(block, *draft);
    if (!block.lines.empty()) draft->answer.push_back(join(block.lines, "\n"));
  }
  close();
  return file;
}

std::string format_markdown_deck(const DeckFile& file) {
  std::string out =
      "---\nid: " + yaml_scalar(file.deck.id) + "\nname: " + yaml_scalar(file.deck.name) + "\n";
  if (!file.deck.description.empty())
    out += "description: " + yaml_scalar(file.deck.description) + "\n";
  out += "---\n";
  for (const CardContent& card : file.cards) {
    out += "\nQ: " + escape_text(card.front) + "\nid: " + card.id + "\n";
    if (!card.tags.empty()) out += "tags: " + join(card.tags, " ") + "\n";
    out += "A: " + escape_text(card.back) + "\n";
  }
  return out;
}

}  // namespace rehearse
