// A card search (model/search.hpp) as SQL conditions on `cards c`. Every value the user typed
// is a bound parameter, never part of the SQL text.
#include <SQLiteCpp/Statement.h>
#include <fmt/core.h>

#include "store/collection_impl.hpp"

namespace rehearse::store {

namespace {

std::string parameter(std::size_t term) {
  return fmt::format(":q{}", term);
}

std::string_view operator_sql(SearchTerm::Op op) {
  switch (op) {
    case SearchTerm::Op::less:
      return "<";
    case SearchTerm::Op::less_or_equal:
      return "<=";
    case SearchTerm::Op::greater:
      return ">";
    case SearchTerm::Op::greater_or_equal:
      return ">=";
    case SearchTerm::Op::equal:
      return "=";
  }
  return "=";
}

std::string_view column_of(SearchTerm::Field field) {
  switch (field) {
    case SearchTerm::Field::ease:
      return "c.ease";
    case SearchTerm::Field::interval:
      return "c.interval_days";
    case SearchTerm::Field::lapses:
      return "c.lapses";
  }
  return "c.ease";
}

std::string state_sql(SearchTerm::State state, const std::string& p) {
  switch (state) {
    case SearchTerm::State::new_card:
      return "c.due IS NULL";
    case SearchTerm::State::due:
      return due_on(p);
    case SearchTerm::State::suspended:
      return "c.suspended = 1";
    case SearchTerm::State::leech:
      return fmt::format("c.lapses >= {}", p);
    case SearchTerm::State::reask:
      return reask_on(p);
    case SearchTerm::State::changed:
      return "c.changed = 1";
  }
  return "0";
}

// The condition of one term, with its parameter `p` (a term has at most one).
std::string term_sql(const SearchTerm& term, const std::string& p) {
  struct Writer {
    const std::string& p;
    std::string operator()(const SearchTerm::Text&) const {
      return fmt::format(
          "EXISTS (SELECT 1 FROM card_texts t WHERE t.card = c.id AND (t.front LIKE {0} ESCAPE "
          "'\\' OR t.back LIKE {0} ESCAPE '\\'))",
          p);
    }
    std::string operator()(const SearchTerm::InDeck&) const {
      return fmt::format("c.deck IN (SELECT id FROM decks WHERE slug GLOB {})", p);
    }
    std::string operator()(const SearchTerm::Tagged&) const {
      return fmt::format(
          "c.id IN (SELECT card FROM card_tags WHERE tag IN (SELECT id FROM tags WHERE name "
          "GLOB {}))",
          p);
    }
    std::string operator()(const SearchTerm::Is& is) const { return state_sql(is.state, p); }
    std::string operator()(const SearchTerm::Compare& compare) const {
      return fmt::format("{} {} {}", column_of(compare.field), operator_sql(compare.op), p);
    }
    std::string operator()(const SearchTerm::Rated&) const {
      return fmt::format(
          "c.id IN (SELECT r.card FROM reviews r WHERE r.day > {} AND NOT EXISTS (SELECT 1 FROM "
          "undos u WHERE u.review = r.id))",
          p);
    }
  };
  return std::visit(Writer{p}, term.what);
}

// LIKE's pattern for text found anywhere: %text%, with % _ and \ taken literally.
std::string like_pattern(const std::string& text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// GLOB's pattern with only * special: ? and [ are taken literally.
std::string glob_pattern(const std::string& text) {
  std::string pattern;
  for (const char c : text) {
    if (c == '?' || c == '[') {
      pattern += '[';
      pattern += c;
      pattern += ']';
    } else {
      pattern += c;
    }
  }
  return pattern;
}

}  // namespace

std::string search_sql(const Search& search) {
  std::string sql;
  for (std::size_t i = 0; i < search.terms.size(); ++i) {
    const SearchTerm& term = search.terms[i];
    sql += fmt::format(" AND {}({})", term.negated ? "NOT " : "", term_sql(term, parameter(i)));
  }
  return sql;
}

void bind_search(SQLite::Statement& statement, const Search& search) {
  const std::int64_t today = day_number(search.today);
  for (std::size_t i = 0; i < search.terms.size(); ++i) {
    const std::string p = parameter(i);
    const auto& what = search.terms[i].what;
    if (const auto* text = std::get_if<SearchTerm::Text>(&what)) {
      statement.bind(p, like_pattern(text->text));
    } else if (const auto* deck = std::get_if<SearchTerm::InDeck>(&what)) {
      statement.bind(p, glob_pattern(deck->pattern));
    } else if (const auto* tag = std::get_if<SearchTerm::Tagged>(&what)) {
      statement.bind(p, glob_pattern(tag->pattern));
    } else if (const auto* is = std::get_if<SearchTerm::Is>(&what)) {
      if (is->state == SearchTerm::State::due || is->state == SearchTerm::State::reask) {
        statement.bind(p, today);
      } else if (is->state == SearchTerm::State::leech) {
        statement.bind(p, search.leech_threshold);
      }
    } else if (const auto* compare = std::get_if<SearchTerm::Compare>(&what)) {
      statement.bind(p, compare->value);
    } else if (const auto* rated = std::get_if<SearchTerm::Rated>(&what)) {
      statement.bind(p, today - rated->days);
    }
  }
}

}  // namespace rehearse::store
