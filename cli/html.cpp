#include "html.hpp"

#include <fmt/core.h>

namespace rehearse::cli::html {
namespace {

std::string attributes_text(std::initializer_list<Attribute> attributes) {
  std::string text;
  for (const auto& [name, value] : attributes)
    text += fmt::format(" {}=\"{}\"", name, escape(value));
  return text;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += c;
        break;
      default:
        // XML allows no other control character, not even as a reference.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\uFFFD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string element(std::string_view name, std::initializer_list<Attribute> attributes,
                    std::string_view content) {
  return fmt::format("<{}{}>{}</{}>", name, attributes_text(attributes), content, name);
}

std::string empty_element(std::string_view name, std::initializer_list<Attribute> attributes) {
  return fmt::format("<{}{}/>", name, attributes_text(attributes));
}

std::string number(double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text == "-0" ? "0" : text;
}

}  // namespace rehearse::cli::html
