#include "model/word_diff.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace rehearse {
namespace {

bool is_space(utf8proc_int32_t code) {
  if (code == ' ' || (code >= 0x09 && code <= 0x0D) || code == 0x85 || code == 0x200B) return true;
  if (code < 0x80) return false;
  const utf8proc_category_t category = utf8proc_category(code);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

bool is_punctuation(utf8proc_int32_t code) {
  const utf8proc_category_t category = utf8proc_category(code);
  return category >= UTF8PROC_CATEGORY_PC && category <= UTF8PROC_CATEGORY_PO;
}

// The code point at text[at] and its length in bytes; a byte that is not UTF-8 reads as
// itself, one byte long, so that nothing stops the walk.
std::pair<utf8proc_int32_t, std::size_t> code_at(std::string_view text, std::size_t at) {
  utf8proc_int32_t code = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at);
  const utf8proc_ssize_t length =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - at), &code);
  if (length <= 0) return {static_cast<unsigned char>(text[at]), 1};
  return {code, static_cast<std::size_t>(length)};
}

// `text` case folded and composed (NFC); `text` itself when libutf8proc refuses it.
std::string folded(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (length < 0) return std::string(text);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
}

// The longest common subsequence lengths of a[i..] and b[j..], row-major, (n+1) x (m+1).
std::vector<std::uint32_t> suffix_lcs(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::uint32_t> table((n + 1) * (m + 1), 0);
  const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      table[at(i, j)] = a[i] == b[j] ? table[at(i + 1, j + 1)] + 1
                                     : std::max(table[at(i + 1, j)], table[at(i, j + 1)]);
    }
  }
  return table;
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t at = 0; at < text.size();) {
    const auto [code, length] = code_at(text, at);
    if (is_space(code)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text.substr(at, length));
    }
    at += length;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string word_key(std::string_view word) {
  std::size_t from = 0;
  while (from < word.size()) {
    const auto [code, length] = code_at(word, from);
    if (!is_punctuation(code)) break;
    from += length;
  }
  std::size_t to = from;  // the end of the last character that is not punctuation
  for (std::size_t at = from; at < word.size();) {
    const auto [code, length] = code_at(word, at);
    at += length;
    if (!is_punctuation(code)) to = at;
  }
  return folded(word.substr(from, to - from));
}

std::vector<DiffWord> word_diff(std::string_view back, std::string_view typed) {
  const std::vector<std::string> back_words = split_words(back);
  std::vector<std::string> typed_words;
  for (std::string& word : split_words(typed)) {
    if (!word_key(word).empty()) typed_words.push_back(std::move(word));
  }
  std::vector<std::string> a, b;      // the keys of the back's words that count, and the typed
  std::vector<std::size_t> index_of;  // the index in back_words of each of `a`
  for (std::size_t i = 0; i < back_words.size(); ++i) {
    std::string key = word_key(back_words[i]);
    if (key.empty()) continue;
    a.push_back(std::move(key));
    index_of.push_back(i);
  }
  for (const std::string& word : typed_words)
    b.push_back(word_key(word));

  const std::vector<std::uint32_t> lcs = suffix_lcs(a, b);
  const auto at = [&](std::size_t i, std::size_t j) { return lcs[i * (b.size() + 1) + j]; };
  std::vector<DiffWord> diff;
  std::size_t shown = 0;  // the back's words shown so far, punctuation included
  const auto back_word = [&](std::size_t i, DiffWord::Kind kind) {
    for (; shown < index_of[i]; ++shown)
      diff.push_back({DiffWord::Kind::punctuation, back_words[shown]});
    diff.push_back({kind, back_words[shown++]});
  };
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      back_word(i++, DiffWord::Kind::matched);
      ++j;
    } else if (i < a.size() && (j == b.size() || at(i + 1, j) >= at(i, j + 1))) {
      back_word(i++, DiffWord::Kind::missing);
    } else {
      diff.push_back({DiffWord::Kind::extra, typed_words[j++]});
    }
  }
  for (; shown < back_words.size(); ++shown)
    diff.push_back({DiffWord::Kind::punctuation, back_words[shown]});
  return diff;
}

DiffCounts count_words(const std::vector<DiffWord>& diff) {
  DiffCounts counts;
  for (const DiffWord& word : diff) {
    counts.matched += word.kind == DiffWord::Kind::matched ? 1 : 0;
    counts.expected += word.kind == DiffWord::Kind::matched || word.kind == DiffWord::Kind::missing;
    counts.extra += word.kind == DiffWord::Kind::extra ? 1 : 0;
  }
  return counts;
}

}  // namespace rehearse
