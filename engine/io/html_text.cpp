#include "io/html_text.hpp"

#include <cstring>
#include <memory>
#include <string_view>

#include "io/interop_text.hpp"
#include "io/libxml2.hpp"

namespace rehearse {
namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { libxml2().xmlFreeDoc(doc); }
};

bool is_named(const xmlNode* node, const char* name) {
  return node->name != nullptr && std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

bool is_block(const xmlNode* node) {
  static constexpr const char* kBlocks[] = {
      "p",       "div",    "ul",     "ol", "li",    "h1",         "h2",  "h3",
      "h4",      "h5",     "h6",     "tr", "table", "blockquote", "pre", "section",
      "article", "header", "footer", "dl", "dt",    "dd"};
  for (const char* name : kBlocks) {
    if (is_named(node, name)) return true;
  }
  return false;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = libxml2().xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  libxml2().xmlFree(value);
  return out;
}

// Builds the text; `out_` ends in at most one pending space, added only before more text.
class TextWriter {
 public:
  void walk(const xmlNode* node, int ordered_index = 0) {
    for (; node != nullptr; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        text(reinterpret_cast<const char*>(node->content));
      } else if (node->type == XML_ELEMENT_NODE) {
        element(node, ordered_index);
        if (is_named(node, "li") && ordered_index > 0) ++ordered_index;
      }
    }
  }

  std::string finish() {
    std::string tidy;
    std::size_t blank_run = 0;
    std::size_t start = 0;
    while (start <= out_.size()) {
      const std::size_t end = std::min(out_.find('\n', start), out_.size());
      std::string_view line(out_.data() + start, end - start);
      while (!line.empty() && line.back() == ' ')
        line.remove_suffix(1);
      blank_run = line.empty() ? blank_run + 1 : 0;
      if (blank_run <= 1) tidy.append(line).append("\n");
      start = end + 1;
    }
    return std::string(trim(tidy));
  }

 private:
  void element(const xmlNode* node, int ordered_index) {
    if (is_named(node, "script") || is_named(node, "style") || is_named(node, "head")) return;
    if (is_named(node, "br")) return newline();
    if (is_named(node, "hr")) return end_line(), out_ += "---", newline();
    if (is_named(node, "img")) return text("[image: " + attribute(node, "src") + "]");
    if (is_named(node, "td") || is_named(node, "th")) {
      if (!at_line_start()) out_ += " | ";
      space_ = false;
    }
    const bool block = is_block(node);
    if (block) end_line();
    if (is_named(node, "li")) {
      out_ += ordered_index > 0 ? std::to_string(ordered_index) + ". " : "- ";
      space_ = false;
    }
    const bool was_pre = pre_;
    pre_ = pre_ || is_named(node, "pre");
    walk(node->children, is_named(node, "ol") ? 1 : 0);
    pre_ = was_pre;
    if (block) end_line();
  }

  void text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const bool nbsp = text.substr(i, 2) == "\xC2\xA0";
      const char c = text[i];
      if (pre_ && !nbsp) {
        out_ += c;
      } else if (nbsp) {  // a space that does not collapse, as in a browser
        if (space_) out_ += ' ';
        space_ = false;
        out_ += ' ';
        ++i;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space_ = space_ || !at_line_start();
      } else {
        if (space_) out_ += ' ';
        space_ = false;
        out_ += c;
      }
    }
  }

  bool at_line_start() const { return out_.empty() || out_.back() == '\n'; }

  void end_line() {
    if (!at_line_start()) newline();
  }

  void newline() {
    space_ = false;
    out_ += '\n';
  }

  std::string out_;
  bool space_ = false;
  bool pre_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
  // A fragment is parsed inside a body of its own, so that text before the first tag is kept
  // and never read as a document's <head>.
  const std::string document = "<html><body>" + std::string(html) + "</body></html>";
  const std::unique_ptr<xmlDoc, DocFree> doc(libxml2().htmlReadMemory(
      document.data(), static_cast<int>(document.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!doc) return std::string(trim(html));
  TextWriter writer;
  writer.walk(libxml2().xmlDocGetRootElement(doc.get()));
  return writer.finish();
}

}  // namespace rehearse
