// Anki's template language as its manual describes it ("Card Templates", "Cloze Deletion"):
// a template is text with {{...}} tags; a cloze text is text with {{cN::...}} deletions.
// Both are parsed into small trees first, so that nesting is checked once.
#include "io/anki_template.hpp"

#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "io/html_text.hpp"
#include "io/interop_text.hpp"
#include "model/error.hpp"

namespace rehearse {
namespace {

// ---- Templates --------------------------------------------------------------------------------

struct Section;
using Node = std::variant<std::string, struct Replacement, std::unique_ptr<Section>>;

struct Replacement {
  std::string written;               // the tag as written, "{{text:Front}}"
  std::vector<std::string> filters;  // outermost first
  std::string field;
};

struct Section {
  std::string field;
  bool inverted = false;
  std::vector<Node> body;
};

Replacement parse_replacement(std::string_view inside, std::string_view written) {
  Replacement r{std::string(written), {}, {}};
  std::size_t start = 0;
  for (std::size_t colon = inside.find(':'); colon != std::string_view::npos;
       colon = inside.find(':', start)) {
    r.filters.emplace_back(trim(inside.substr(start, colon - start)));
    start = colon + 1;
  }
  r.field = std::string(trim(inside.substr(start)));
  return r;
}

// Parses `text` from `pos` up to the {{/NAME}} closing `open` (or the end when open is empty).
std::vector<Node> parse_nodes(std::string_view text, std::size_t& pos, std::string_view open) {
  std::vector<Node> nodes;
  while (pos < text.size()) {
    const std::size_t tag = text.find("{{", pos);
    const std::size_t end = tag == std::string_view::npos ? tag : text.find("}}", tag + 2);
    if (end == std::string_view::npos) {
      nodes.emplace_back(std::string(text.substr(pos)));
      pos = text.size();
      break;
    }
    if (tag > pos) nodes.emplace_back(std::string(text.substr(pos, tag - pos)));
    const std::string_view inside = trim(text.substr(tag + 2, end - tag - 2));
    pos = end + 2;
    if (inside.starts_with('/')) {
      const std::string_view name = trim(inside.substr(1));
      if (name == open) return nodes;
      if (open.empty()) throw Error("template: {{{{/{}}}}} closes no section", name);
      throw Error("template: {{{{#{}}}}} is closed by {{{{/{}}}}}", open, name);
    }
    if (inside.starts_with('#') || inside.starts_with('^')) {
      auto section = std::make_unique<Section>();
      section->field = std::string(trim(inside.substr(1)));
      section->inverted = inside.starts_with('^');
      section->body = parse_nodes(text, pos, section->field);
      nodes.emplace_back(std::move(section));
      continue;
    }
    nodes.emplace_back(parse_replacement(inside, text.substr(tag, end + 2 - tag)));
  }
  if (!open.empty()) throw Error("template: {{{{#{}}}}} is never closed", open);
  return nodes;
}

bool field_is_empty(std::string_view html) {
  return html.find("<img") == std::string_view::npos && html_to_text(html).empty();
}

class Renderer {
 public:
  Renderer(const NoteFields& fields, const TemplateContext& context)
      : fields_(fields), context_(context) {}

  void render(const std::vector<Node>& nodes, std::string& out) const {
    for (const Node& node : nodes) {
      if (const auto* text = std::get_if<std::string>(&node)) {
        out += *text;
      } else if (const auto* replacement = std::get_if<Replacement>(&node)) {
        out += replace(*replacement);
      } else {
        const Section& section = *std::get<std::unique_ptr<Section>>(node);
        const std::optional<std::string> value = lookup(section.field);
        if (field_is_empty(value.value_or("")) == section.inverted) render(section.body, out);
      }
    }
  }

 private:
  std::optional<std::string> lookup(std::string_view name) const {
    if (const auto it = fields_.find(name); it != fields_.end()) return it->second;
    if (name == "FrontSide") return context_.front_side;
    if (name == "Tags") return context_.tags;
    if (name == "Deck") return context_.deck;
    if (name == "Subdeck") {
      const std::size_t last = context_.deck.rfind("::");
      return last == std::string::npos ? context_.deck : context_.deck.substr(last + 2);
    }
    if (name == "Card") return context_.card_name;
    if (name == "Type") return context_.note_type;
    if (name == "CardFlag") return std::string();
    return std::nullopt;
  }

  std::string replace(const Replacement& r) const {
    std::optional<std::string> value = lookup(r.field);
    if (!value) return r.written;
    for (auto filter = r.filters.rbegin(); filter != r.filters.rend(); ++filter) {
      if (*filter == "cloze") {
        *value = cloze_text(*value, context_.cloze, context_.answer);
      } else if (*filter == "type") {
        if (!context_.answer) return std::string();
      } else if (*filter == "text") {
        *value = html_to_text(*value);
      }
    }
    return *value;
  }

  const NoteFields& fields_;
  const TemplateContext& context_;
};

// ---- Cloze deletions --------------------------------------------------------------------------

struct Cloze;
using ClozeNode = std::variant<std::string, std::unique_ptr<Cloze>>;

struct Cloze {
  int number = 0;
  std::vector<ClozeNode> content;
  std::optional<std::string> hint;
};

// The number of a deletion opening at `pos` ("{{c12::" gives 12 and its length), if one does.
std::optional<std::pair<int, std::size_t>> cloze_opening(std::string_view text, std::size_t pos) {
  if (text.substr(pos, 3) != "{{c" && text.substr(pos, 3) != "{{C") return std::nullopt;
  std::size_t i = pos + 3;
  int number = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - pos < 9) {
    number = number * 10 + (text[i++] - '0');
  }
  if (i == pos + 3 || text.substr(i, 2) != "::") return std::nullopt;
  return std::pair{number, i + 2 - pos};
}

// Parses deletions from `pos`; inside one (`inside`), stops after its "}}" and fills `hint`
// from a "::" at its own level. Returns false when the text ends before the deletion closes.
bool parse_cloze(std::string_view text, std::size_t& pos, bool inside, Cloze& into) {
  std::string plain;
  const auto flush = [&] {
    if (!plain.empty()) into.content.emplace_back(std::move(plain));
    plain.clear();
  };
  while (pos < text.size()) {
    if (const auto opening = cloze_opening(text, pos)) {
      const std::size_t start = pos;
      auto nested = std::make_unique<Cloze>();
      nested->number = opening->first;
      pos += opening->second;
      if (!parse_cloze(text, pos, true, *nested)) {
        pos = start + opening->second;
        plain += text.substr(start, opening->second);
        continue;
      }
      flush();
      into.content.emplace_back(std::move(nested));
    } else if (inside && text.substr(pos, 2) == "}}") {
      pos += 2;
      flush();
      return true;
    } else if (inside && !into.hint && text.substr(pos, 2) == "::") {
      const std::size_t close = text.find("}}", pos + 2);
      const std::size_t nested = text.find("{{c", pos + 2);
      if (close == std::string_view::npos) return false;
      if (nested == std::string_view::npos || nested > close) {
        into.hint = std::string(text.substr(pos + 2, close - pos - 2));
        pos = close;
        continue;
      }
      plain += "::";
      pos += 2;
    } else {
      plain += text[pos++];
    }
  }
  flush();
  return !inside;
}

void render_cloze(const std::vector<ClozeNode>& nodes, int number, bool answer, std::string& out) {
  for (const ClozeNode& node : nodes) {
    if (const auto* text = std::get_if<std::string>(&node)) {
      out += *text;
      continue;
    }
    const Cloze& cloze = *std::get<std::unique_ptr<Cloze>>(node);
    if (!answer && cloze.number == number) {
      out += '[';
      out += cloze.hint ? std::string_view(*cloze.hint) : std::string_view("...");
      out += ']';
    } else {
      render_cloze(cloze.content, number, answer, out);
    }
  }
}

void collect_numbers(const std::vector<ClozeNode>& nodes, std::set<int>& numbers) {
  for (const ClozeNode& node : nodes) {
    if (const auto* cloze = std::get_if<std::unique_ptr<Cloze>>(&node)) {
      numbers.insert((*cloze)->number);
      collect_numbers((*cloze)->content, numbers);
    }
  }
}

Cloze parse_cloze_text(std::string_view text) {
  Cloze root;
  std::size_t pos = 0;
  parse_cloze(text, pos, false, root);
  return root;
}

}  // namespace

std::string render_template(std::string_view text, const NoteFields& fields,
                            const TemplateContext& context) {
  std::size_t pos = 0;
  const std::vector<Node> nodes = parse_nodes(text, pos, "");
  std::string out;
  Renderer(fields, context).render(nodes, out);
  return out;
}

std::set<int> cloze_numbers(std::string_view text) {
  std::set<int> numbers;
  collect_numbers(parse_cloze_text(text).content, numbers);
  return numbers;
}

std::string cloze_text(std::string_view text, int number, bool answer) {
  std::string out;
  render_cloze(parse_cloze_text(text).content, number, answer, out);
  return out;
}

}  // namespace rehearse
