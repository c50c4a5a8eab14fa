#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rehearse {

// Small text facts the readers of other tools' formats (CSV, Anki, Markdown) share.

// The byte offset of the first byte that is not part of valid UTF-8 (overlong forms, UTF-16
// surrogates and code points past U+10FFFF included), or nullopt when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The 1-based line holding byte `offset` of `text`.
std::size_t line_at(std::string_view text, std::size_t offset);

// `text` without leading and trailing spaces, tabs, carriage returns and newlines.
std::string_view trim(std::string_view text);

// `text` with every CRLF and lone CR turned into LF.
std::string normalize_newlines(std::string_view text);

// 64-bit FNV-1a of `text`, as 16 lowercase hex digits. Stable across platforms and releases:
// ids derived from it are kept in users' collections.
std::string text_hash(std::string_view text);

// An Anki tag as a rehearse tag: unchanged, except one in a namespace rehearse checks (lp:,
// round:) with a value it does not know ("lp::ownership"), which becomes "anki:" + the tag.
std::string anki_tag(std::string tag);

// Whether `text` is 1-200 characters from a-z A-Z 0-9 . _ - : (what deck and card ids may be).
bool is_id_text(std::string_view text);

// A card id derived from a card's question, for formats whose cards carry no id:
// "DECK.HASH", HASH the text_hash of the question trimmed and with LF newlines. The same
// question always gives the same id; a changed question gives a new one.
std::string derived_card_id(std::string_view deck_id, std::string_view question);

// A deck id made from a name (a file name, an Anki deck name): lowercase ASCII letters and
// digits kept, "::" becomes ".", every other run of characters one "-". When that drops
// characters other than separators (non-ASCII letters) or leaves nothing, "-" and the first
// 8 digits of the name's text_hash are added, so that two names never share an id.
// At most 100 characters.
std::string deck_id_from_name(std::string_view name);

}  // namespace rehearse
