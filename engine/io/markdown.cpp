// md4c reports a document as nested blocks, spans and runs of text (a SAX-style interface).
// The outline keeps the top-level headings and where they are: md4c gives no offsets, but the
// text it hands out points into the document, so a heading's lines are found from its text.
#include "io/markdown.hpp"

#include <md4c.h>
#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "model/error.hpp"

namespace rehearse {
namespace {

// Calls the member functions of a Handler (enter, leave, span, text) from md4c's callbacks.
template <typename Handler>
void walk(std::string_view markdown, Handler& handler) {
  MD_PARSER parser{};
  parser.flags = MD_DIALECT_COMMONMARK;
  parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
    static_cast<Handler*>(self)->enter(type, detail);
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
    static_cast<Handler*>(self)->leave(type);
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
    static_cast<Handler*>(self)->enter_span(type, detail);
    return 0;
  };
  parser.leave_span = [](MD_SPANTYPE type, void* detail, void* self) {
    static_cast<Handler*>(self)->leave_span(type, detail);
    return 0;
  };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    static_cast<Handler*>(self)->text(type, std::string_view(text, size));
    return 0;
  };
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &handler) != 0) {
    throw Error("out of memory while reading Markdown");
  }
}

std::size_t line_start(std::string_view text, std::size_t offset) {
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

// The offset just past the line holding `offset` (past its '\n').
std::size_t line_end(std::string_view text, std::size_t offset) {
  const std::size_t newline = text.find('\n', offset);
  return newline == std::string_view::npos ? text.size() : newline + 1;
}

// An ATX heading line: up to three spaces, 1-6 '#', then a space, a tab or the line's end.
bool is_atx_line(std::string_view line) {
  const std::size_t hashes = line.find_first_not_of(' ');
  if (hashes == std::string_view::npos || hashes > 3 || line[hashes] != '#') return false;
  const std::size_t after = line.find_first_not_of('#', hashes);
  if (after == std::string_view::npos) return after - hashes <= 6;
  return after - hashes <= 6 && (line[after] == ' ' || line[after] == '\t' || line[after] == '\n');
}

// An ATX heading with no text ("##", "## ##"): the first such line at or after `from`.
std::size_t empty_atx_line(std::string_view text, std::size_t from) {
  for (std::size_t at = line_start(text, from); at < text.size(); at = line_end(text, at)) {
    const std::string_view line = text.substr(at, line_end(text, at) - at);
    if (is_atx_line(line) && line.find_first_not_of(" #\t\n") == std::string_view::npos) return at;
  }
  return text.size();
}

// Entities md4c hands over as written, decoded: the five of XML, &nbsp; and numeric ones.
std::string decode_entity(std::string_view entity) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
      {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}};
  for (const auto& [name, value] : kNamed) {
    if (entity == name) return std::string(value);
  }
  if (!entity.starts_with("&#") || entity.size() < 4) return std::string(entity);
  const bool hex = entity[2] == 'x' || entity[2] == 'X';
  const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
  long code = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  const bool control = code < 0x20 ? code != '\t' && code != '\n' : code >= 0x7F && code <= 0x9F;
  if (error != std::errc{} || end != digits.data() + digits.size() || control ||
      !utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(code)) || code == 0) {
    return "\xEF\xBF\xBD";
  }
  utf8proc_uint8_t bytes[4];
  const auto size = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code), bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

// ---- Outline ----------------------------------------------------------------------------------

class Outline {
 public:
  explicit Outline(std::string_view text) : text_(text) {}

  void enter(MD_BLOCKTYPE type, void* detail) {
    if (type == MD_BLOCK_H && depth_ == 1) {
      heading_.emplace();
      heading_->level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
      first_ = std::string_view::npos;
      last_ = 0;
    }
    ++depth_;
  }
  void leave(MD_BLOCKTYPE type) {
    --depth_;
    if (type == MD_BLOCK_H && depth_ == 1 && heading_) finish_heading();
  }
  void enter_span(MD_SPANTYPE, void*) {}
  void leave_span(MD_SPANTYPE, void*) {}
  void text(MD_TEXTTYPE type, std::string_view text) {
    const bool inside = text.data() >= text_.data() && text.data() < text_.data() + text_.size();
    if (inside) {
      const auto offset = static_cast<std::size_t>(text.data() - text_.data());
      seen_ = std::max(seen_, offset + text.size());
      if (heading_) {
        first_ = std::min(first_, offset);
        last_ = std::max(last_, offset + text.size());
      }
    }
    if (!heading_) return;
    if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) {
      heading_->text += ' ';
    } else if (type == MD_TEXT_ENTITY) {
      heading_->text += decode_entity(text);
    } else if (type == MD_TEXT_NULLCHAR) {
      heading_->text += "\xEF\xBF\xBD";
    } else if (type != MD_TEXT_HTML) {
      heading_->text += text;
    }
  }

  std::vector<MarkdownHeading> headings;

 private:
  void finish_heading() {
    MarkdownHeading& h = *heading_;
    if (first_ == std::string_view::npos) {  // no text: an empty ATX heading
      h.begin = empty_atx_line(text_, seen_);
      h.end = line_end(text_, h.begin);
    } else {
      h.begin = line_start(text_, first_);
      const std::string_view first_line = text_.substr(h.begin, line_end(text_, h.begin) - h.begin);
      h.end = line_end(text_, last_ == 0 ? first_ : last_ - 1);
      if (!is_atx_line(first_line)) h.end = line_end(text_, h.end);  // a setext underline
    }
    seen_ = std::max(seen_, h.end);
    const std::size_t a = h.text.find_first_not_of(" \t");
    h.text = a == std::string::npos ? "" : h.text.substr(a, h.text.find_last_not_of(" \t") - a + 1);
    headings.push_back(std::move(h));
    heading_.reset();
  }

  std::string_view text_;
  int depth_ = 0;  // the document is depth 0, its children depth 1
  std::optional<MarkdownHeading> heading_;
  std::size_t first_ = 0;  // the heading's text spans [first_, last_)
  std::size_t last_ = 0;
  std::size_t seen_ = 0;  // the end of the last text seen
};

// ---- Plain text -------------------------------------------------------------------------------

class PlainRenderer {
 public:
  void enter(MD_BLOCKTYPE type, void* detail);
  void leave(MD_BLOCKTYPE type);
  void enter_span(MD_SPANTYPE type, void*) {
    if (type == MD_SPAN_A) link_starts_.push_back(out_.size());
  }
  void leave_span(MD_SPANTYPE type, void* detail);
  void text(MD_TEXTTYPE type, std::string_view text);

  std::string finish() {
    const std::size_t end = out_.find_last_not_of(" \t\n");
    out_.resize(end == std::string::npos ? 0 : end + 1);
    return std::move(out_);
  }

 private:
  // A block that puts something in front of each of its lines.
  struct Container {
    MD_BLOCKTYPE type;
    std::string marker;  // a list item's "- " or "3. ", until its first line is written
    std::size_t width = 0;
  };
  struct List {
    bool ordered;
    bool tight;
    unsigned next;
  };

  void write(std::string_view text);
  void start_block();
  // A block ended: a blank line before the next, or a line break inside a tight list's item.
  void end_block() {
    const bool in_tight_item = !lists_.empty() && lists_.back().tight && !containers_.empty() &&
                               containers_.back().type == MD_BLOCK_LI;
    gap_ = in_tight_item ? 1 : 2;
  }
  void start_line();

  std::string out_;
  std::vector<Container> containers_;
  std::vector<List> lists_;
  std::vector<std::size_t> link_starts_;
  bool at_line_start_ = true;
  int gap_ = 0;  // newlines owed before the next block: 1 ends the line, 2 leaves a blank one
  bool in_html_ = false;
};

void PlainRenderer::start_line() {
  for (Container& c : containers_) {
    if (c.type == MD_BLOCK_QUOTE) {
      out_ += "> ";
    } else if (!c.marker.empty()) {
      out_ += c.marker;
      c.marker.clear();
    } else {
      out_.append(c.width, ' ');
    }
  }
  at_line_start_ = false;
}

void PlainRenderer::write(std::string_view text) {
  for (const char c : text) {
    if (at_line_start_ && c != '\n') start_line();
    if (c == '\n') {
      // Trailing white space of a line (a quote's "> " on a blank line) goes.
      while (!out_.empty() && out_.back() == ' ')
        out_.pop_back();
      out_ += '\n';
      at_line_start_ = true;
    } else {
      out_ += c;
    }
  }
}

void PlainRenderer::start_block() {
  if (!out_.empty()) {
    if (!at_line_start_) write("\n");
    if (gap_ == 2) write("\n");
  }
  gap_ = 0;
}

void PlainRenderer::enter(MD_BLOCKTYPE type, void* detail) {
  switch (type) {
    case MD_BLOCK_QUOTE:
      start_block();
      containers_.push_back({type, "", 2});
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
      start_block();
      const bool ordered = type == MD_BLOCK_OL;
      const bool tight = ordered ? static_cast<MD_BLOCK_OL_DETAIL*>(detail)->is_tight != 0
                                 : static_cast<MD_BLOCK_UL_DETAIL*>(detail)->is_tight != 0;
      lists_.push_back(
          {ordered, tight, ordered ? static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start : 0});
      break;
    }
    case MD_BLOCK_LI: {
      if (!out_.empty() && !at_line_start_) write("\n");
      if (gap_ == 2 && !out_.empty()) write("\n");
      gap_ = 0;
      List& list = lists_.back();
      std::string marker = list.ordered ? std::to_string(list.next++) + ". " : "- ";
      const std::size_t width = marker.size();
      containers_.push_back({type, std::move(marker), width});
      break;
    }
    case MD_BLOCK_CODE:
      start_block();
      containers_.push_back({type, "", 4});
      break;
    case MD_BLOCK_HTML:
      in_html_ = true;
      break;
    case MD_BLOCK_HR:
      start_block();
      write("----");
      break;
    case MD_BLOCK_P:
    case MD_BLOCK_H:
      start_block();
      break;
    default:  // the document; tables are not part of CommonMark
      break;
  }
}

void PlainRenderer::leave(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_LI:
      if (!containers_.back().marker.empty()) start_line();  // an empty item shows its marker
      containers_.pop_back();
      gap_ = lists_.back().tight ? 1 : 2;
      break;
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_CODE:
      containers_.pop_back();
      end_block();
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      lists_.pop_back();
      end_block();
      break;
    case MD_BLOCK_HTML:
      in_html_ = false;
      break;
    case MD_BLOCK_HR:
    case MD_BLOCK_P:
    case MD_BLOCK_H:
      end_block();
      break;
    default:
      break;
  }
}

void PlainRenderer::leave_span(MD_SPANTYPE type, void* detail) {
  if (type != MD_SPAN_A || link_starts_.empty()) return;
  const std::size_t start = link_starts_.back();
  link_starts_.pop_back();
  const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
  const std::string_view address(href.text, href.size);
  if (!address.empty() && out_.compare(start, std::string::npos, address) != 0) {
    write(" (");
    write(address);
    write(")");
  }
}

void PlainRenderer::text(MD_TEXTTYPE type, std::string_view text) {
  if (in_html_) return;
  switch (type) {
    case MD_TEXT_BR:
      write("\n");
      break;
    case MD_TEXT_SOFTBR:
      write(" ");
      break;
    case MD_TEXT_ENTITY:
      write(decode_entity(text));
      break;
    case MD_TEXT_NULLCHAR:
      write("\xEF\xBF\xBD");
      break;
    case MD_TEXT_HTML:
      break;
    default:
      write(text);
  }
}

}  // namespace

std::vector<MarkdownHeading> top_level_headings(std::string_view markdown) {
  Outline outline(markdown);
  walk(markdown, outline);
  return std::move(outline.headings);
}

std::string render_plain(std::string_view markdown) {
  PlainRenderer renderer;
  walk(markdown, renderer);
  return renderer.finish();
}

bool ends_before_next_heading(std::string_view markdown) {
  std::string probe(markdown);
  probe += "\n\n## end\n";
  const std::vector<MarkdownHeading> headings = top_level_headings(probe);
  return !headings.empty() && headings.back().level == 2 &&
         headings.back().begin == probe.size() - 7 && headings.back().text == "end";
}

}  // namespace rehearse
