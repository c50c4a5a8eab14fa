#include "model/search.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

#include "model/error.hpp"

namespace rehearse {

namespace {

// One blank-separated piece of the query, with its quotes removed.
struct Token {
  std::string text;     // as the term means it: quotes removed
  std::string written;  // as typed, for messages
  std::size_t column;   // of its first character, from 1
  bool quoted = false;  // any part of it was in quotes: it is text, whatever it holds
  bool negated = false;
};

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Columns count characters, not bytes: UTF-8 continuation bytes do not start one.
std::size_t column_of(std::string_view query, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i)
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) ++column;
  return column;
}

[[noreturn]] void refuse(const Token& token, std::string_view expected) {
  throw Error("search: column {}, '{}': {}", token.column, token.written, expected);
}

std::vector<Token> tokens_of(std::string_view query) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < query.size()) {
    if (blank(query[i])) {
      ++i;
      continue;
    }
    Token token;
    token.column = column_of(query, i);
    const std::size_t start = i;
    if (query[i] == '-') {
      token.negated = true;
      ++i;
    }
    while (i < query.size() && !blank(query[i])) {
      if (query[i] != '"') {
        token.text += query[i++];
        continue;
      }
      const std::size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) {
        token.written = std::string(query.substr(start));
        refuse(token, "the quote is not closed; end the phrase with \"");
      }
      token.text += query.substr(i + 1, close - i - 1);
      token.quoted = true;
      i = close + 1;
    }
    token.written = std::string(query.substr(start, i - start));
    if (token.text.empty() && !token.quoted) {
      refuse(token, "expected a term after '-', as in -tag:lp:ownership");
    }
    if (token.text.empty()) refuse(token, "the phrase is empty");
    tokens.push_back(std::move(token));
  }
  return tokens;
}

SearchTerm::State state_named(const Token& token, std::string_view name) {
  using State = SearchTerm::State;
  static constexpr std::array<std::pair<std::string_view, State>, 6> kStates{{
      {"new", State::new_card},
      {"due", State::due},
      {"suspended", State::suspended},
      {"leech", State::leech},
      {"reask", State::reask},
      {"changed", State::changed},
  }};
  for (const auto& [known, state] : kStates)
    if (name == known) return state;
  refuse(token, "expected is:new, is:due, is:suspended, is:leech, is:reask or is:changed");
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// "2", "2.5" or "2.05" in hundredths; nullopt for anything else (a third decimal included).
std::optional<std::int64_t> hundredths(std::string_view text) {
  const std::size_t dot = text.find('.');
  const std::optional<std::int64_t> whole = whole_number(text.substr(0, dot));
  if (!whole || dot == 0 || *whole > 1'000'000) return std::nullopt;
  if (dot == std::string_view::npos) return *whole * 100;
  const std::string_view fraction = text.substr(dot + 1);
  if (fraction.empty() || fraction.size() > 2) return std::nullopt;
  const std::optional<std::int64_t> digits = whole_number(fraction);
  if (!digits) return std::nullopt;
  return *whole * 100 + (fraction.size() == 1 ? *digits * 10 : *digits);
}

// ease<2.0, interval>=30, lapses=3 (also lapses:3); nullopt when the token is not one.
std::optional<SearchTerm::Compare> comparison(const Token& token) {
  using Field = SearchTerm::Field;
  using Op = SearchTerm::Op;
  static constexpr std::array<std::pair<std::string_view, Field>, 3> kFields{{
      {"ease", Field::ease},
      {"interval", Field::interval},
      {"lapses", Field::lapses},
  }};
  // Longest first, so that <= is not read as < followed by "=2".
  static constexpr std::array<std::pair<std::string_view, Op>, 6> kOps{{
      {"<=", Op::less_or_equal},
      {">=", Op::greater_or_equal},
      {"<", Op::less},
      {">", Op::greater},
      {"=", Op::equal},
      {":", Op::equal},
  }};
  for (const auto& [name, field] : kFields) {
    if (!token.text.starts_with(name)) continue;
    const std::string_view rest = std::string_view(token.text).substr(name.size());
    for (const auto& [symbol, op] : kOps) {
      if (!rest.starts_with(symbol)) continue;
      const std::string_view number = rest.substr(symbol.size());
      const std::optional<std::int64_t> value =
          field == Field::ease ? hundredths(number) : whole_number(number);
      if (!value) {
        refuse(token, field == Field::ease
                          ? fmt::format("expected a number with at most two decimals after "
                                        "'{}{}', as in ease<2.5",
                                        name, symbol)
                          : fmt::format("expected a whole number after '{}{}', as in {}>3", name,
                                        symbol, name));
      }
      return SearchTerm::Compare{field, op, *value};
    }
  }
  return std::nullopt;
}

SearchTerm term_of(const Token& token) {
  SearchTerm term;
  term.negated = token.negated;
  if (token.quoted) {
    term.what = SearchTerm::Text{token.text};
    return term;
  }
  if (const std::optional<SearchTerm::Compare> compare = comparison(token)) {
    term.what = *compare;
    return term;
  }
  const std::size_t colon = token.text.find(':');
  if (colon == std::string::npos) {
    term.what = SearchTerm::Text{token.text};
    return term;
  }
  const std::string key = token.text.substr(0, colon);
  const std::string value = token.text.substr(colon + 1);
  if (value.empty()) refuse(token, fmt::format("expected a value after '{}:'", key));
  if (key == "deck") {
    term.what = SearchTerm::InDeck{value};
  } else if (key == "tag") {
    term.what = SearchTerm::Tagged{value};
  } else if (key == "is") {
    term.what = SearchTerm::Is{state_named(token, value)};
  } else if (key == "rated") {
    const std::optional<std::int64_t> days = whole_number(value);
    if (!days || *days < 1 || *days > 36'500) {
      refuse(token, "expected a number of days from 1 to 36500 after 'rated:', as in rated:7");
    }
    term.what = SearchTerm::Rated{static_cast<int>(*days)};
  } else {
    refuse(token,
           fmt::format("unknown field '{}:'; expected deck:, tag:, is:, rated:, ease, interval "
                       "or lapses (quote text that holds a colon)",
                       key));
  }
  return term;
}

}  // namespace

std::vector<SearchTerm> parse_search(std::string_view query) {
  std::vector<SearchTerm> terms;
  for (const Token& token : tokens_of(query))
    terms.push_back(term_of(token));
  if (terms.empty()) {
    throw Error("search: the query is empty; give a word or a term such as tag:lp:ownership");
  }
  return terms;
}

}  // namespace rehearse
