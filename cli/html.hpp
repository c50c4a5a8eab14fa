#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

// Pieces of the report's page (report_command.cpp): XHTML that an XML parser reads too.
namespace rehearse::cli::html {

// `text` with & < > " ' written as references, safe in text and in attribute values; a control
// character other than tab and line ends (which XML refuses) becomes U+FFFD.
std::string escape(std::string_view text);

// An attribute: its name and its value as text (escaped when written).
using Attribute = std::pair<std::string_view, std::string>;

// <name a="v" ...>content</name>; `content` is markup already (escape text first).
std::string element(std::string_view name, std::initializer_list<Attribute> attributes,
                    std::string_view content);
// <name a="v" .../>: an element without content (an SVG shape).
std::string empty_element(std::string_view name, std::initializer_list<Attribute> attributes);

// A number for an SVG coordinate: at most one decimal, no trailing zero ("12", "12.5").
std::string number(double value);

}  // namespace rehearse::cli::html
