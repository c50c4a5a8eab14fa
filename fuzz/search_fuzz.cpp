// libFuzzer target for the card search language (engine/model/search.hpp) and its SQL
// (engine/store/search_sql.cpp).
//
// For any input, parse_search either returns terms or throws rehearse::Error; any other
// exception escapes and is reported by libFuzzer as a crash. A refusal has the documented form
// "search: column N, '...': ..." with N a column of the input, or is the empty-query message.
// Accepted input:
//   - gives at least one term, and no text or pattern is empty;
//   - runs as a card filter on a small in-memory collection without an error: every query
//     that parses must be one SQLite takes, whatever characters it holds.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/error.hpp"
#include "model/search.hpp"
#include "store/collection.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "search_fuzz: %s for input '%.*s'\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

void check_refusal(std::string_view message, std::string_view input) {
  if (message.starts_with("search: the query is empty")) return;
  constexpr std::string_view kPrefix = "search: column ";
  if (!message.starts_with(kPrefix)) fail("a refusal without the search: column prefix", input);
  std::size_t column = 0;
  const char* digits = message.data() + kPrefix.size();
  const auto [end, error] = std::from_chars(digits, message.data() + message.size(), column);
  if (error != std::errc() || column < 1 || column > input.size() + 1) {
    fail("a refusal whose column is not one of the input", input);
  }
  if (std::string_view(end, 3) != ", '") fail("a refusal without the quoted term", input);
}

bool empty_text(const rehearse::SearchTerm& term) {
  if (const auto* text = std::get_if<rehearse::SearchTerm::Text>(&term.what)) {
    return text->text.empty();
  }
  if (const auto* deck = std::get_if<rehearse::SearchTerm::InDeck>(&term.what)) {
    return deck->pattern.empty();
  }
  if (const auto* tag = std::get_if<rehearse::SearchTerm::Tagged>(&term.what)) {
    return tag->pattern.empty();
  }
  return false;
}

rehearse::Collection& collection() {
  static rehearse::Collection collection = [] {
    rehearse::Collection c = rehearse::Collection::open(":memory:");
    rehearse::DeckFile deck{{"d", "Deck d", ""},
                            {{"d.1", "Front 50% _x_", "Back \\ \"q\"", {"lp:ownership"}}}};
    c.import_decks(std::span(&deck, 1), rehearse::sm2::new_card({}));
    return c;
  }();
  return collection;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  rehearse::Search search;
  try {
    search.terms = rehearse::parse_search(text);
  } catch (const rehearse::Error& e) {
    check_refusal(e.what(), text);
    return 0;
  }
  if (search.terms.empty()) fail("accepted a query with no term", text);
  for (const rehearse::SearchTerm& term : search.terms)
    if (empty_text(term)) fail("accepted an empty text or pattern", text);
  rehearse::CardFilter filter;
  filter.search = search;
  try {
    (void)collection().cards(filter);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_fuzz: %s\n", e.what());
    fail("a parsed query that the collection could not run", text);
  }
  return 0;
}
