#include "model/search.hpp"

#include <catch2/catch.hpp>

#include "model/error.hpp"

namespace rehearse {
namespace {

// A term as text, to compare parses at a glance: "-tag:lp:*", "ease<205", "text:a b".
std::string describe(const SearchTerm& term) {
  struct Describe {
    std::string operator()(const SearchTerm::Text& t) const { return "text:" + t.text; }
    std::string operator()(const SearchTerm::InDeck& d) const { return "deck:" + d.pattern; }
    std::string operator()(const SearchTerm::Tagged& t) const { return "tag:" + t.pattern; }
    std::string operator()(const SearchTerm::Is& is) const {
      constexpr const char* kNames[] = {"new", "due", "suspended", "leech", "reask", "changed"};
      return std::string("is:") + kNames[static_cast<int>(is.state)];
    }
    std::string operator()(const SearchTerm::Compare& c) const {
      constexpr const char* kFields[] = {"ease", "interval", "lapses"};
      constexpr const char* kOps[] = {"<", "<=", ">", ">=", "="};
      return std::string(kFields[static_cast<int>(c.field)]) + kOps[static_cast<int>(c.op)] +
             std::to_string(c.value);
    }
    std::string operator()(const SearchTerm::Rated& r) const {
      return "rated:" + std::to_string(r.days);
    }
  };
  std::string text = term.negated ? "-" : "";
  text += std::visit(Describe{}, term.what);
  return text;
}

std::vector<std::string> parsed(std::string_view query) {
  std::vector<std::string> terms;
  for (const SearchTerm& term : parse_search(query))
    terms.push_back(describe(term));
  return terms;
}

std::string refusal(std::string_view query) {
  try {
    parse_search(query);
  } catch (const Error& e) {
    return e.what();
  }
  return "(accepted)";
}

using Terms = std::vector<std::string>;

TEST_CASE("a search reads words, phrases and fields, each term negatable") {
  CHECK(parsed("queue") == Terms{"text:queue"});
  CHECK(parsed("  two\twords ") == Terms{"text:two", "text:words"});
  CHECK(parsed("\"back pressure\" -\"rate limit\"") ==
        Terms{"text:back pressure", "-text:rate limit"});
  CHECK(parsed("deck:system-design deck:sys*") == Terms{"deck:system-design", "deck:sys*"});
  CHECK(parsed("tag:lp:ownership -tag:round:*") == Terms{"tag:lp:ownership", "-tag:round:*"});
  CHECK(parsed("is:new is:due is:suspended is:leech -is:reask is:changed") ==
        Terms{"is:new", "is:due", "is:suspended", "is:leech", "-is:reask", "is:changed"});
  CHECK(parsed("rated:7 -rated:1") == Terms{"rated:7", "-rated:1"});
  // A quote anywhere makes the term text, colon and all.
  CHECK(parsed("\"tag:x\" a\"b c\"d") == Terms{"text:tag:x", "text:ab cd"});
}

TEST_CASE("a search compares ease in exact hundredths and intervals and lapses in whole numbers") {
  CHECK(parsed("ease<2") == Terms{"ease<200"});
  CHECK(parsed("ease<=2.5") == Terms{"ease<=250"});
  CHECK(parsed("ease>2.05") == Terms{"ease>205"});
  CHECK(parsed("ease>=1.3 ease=2.50 ease:2.5") == Terms{"ease>=130", "ease=250", "ease=250"});
  CHECK(parsed("interval>30 -interval<=1") == Terms{"interval>30", "-interval<=1"});
  CHECK(parsed("lapses>=3 lapses:0") == Terms{"lapses>=3", "lapses=0"});
  // A word that only starts like a field is text.
  CHECK(parsed("easel intervals") == Terms{"text:easel", "text:intervals"});
}

TEST_CASE("a search that does not parse points at the term and says what was expected") {
  CHECK(refusal("") ==
        "search: the query is empty; give a word or a term such as tag:lp:ownership");
  CHECK(refusal("   ") ==
        "search: the query is empty; give a word or a term such as tag:lp:ownership");
  CHECK(refusal("tag:a ease<x") ==
        "search: column 7, 'ease<x': expected a number with at most two decimals after "
        "'ease<', as in ease<2.5");
  CHECK(refusal("ease>2.555") ==
        "search: column 1, 'ease>2.555': expected a number with at most two decimals after "
        "'ease>', as in ease<2.5");
  CHECK(refusal("ease<.5") ==
        "search: column 1, 'ease<.5': expected a number with at most two decimals after "
        "'ease<', as in ease<2.5");
  CHECK(refusal("interval>-1") ==
        "search: column 1, 'interval>-1': expected a whole number after 'interval>', as in "
        "interval>3");
  CHECK(refusal("lapses>=") ==
        "search: column 1, 'lapses>=': expected a whole number after 'lapses>=', as in "
        "lapses>3");
  CHECK(refusal("is:fresh") ==
        "search: column 1, 'is:fresh': expected is:new, is:due, is:suspended, is:leech, "
        "is:reask or is:changed");
  CHECK(refusal("rated:0") ==
        "search: column 1, 'rated:0': expected a number of days from 1 to 36500 after "
        "'rated:', as in rated:7");
  CHECK(refusal("rated:week") ==
        "search: column 1, 'rated:week': expected a number of days from 1 to 36500 after "
        "'rated:', as in rated:7");
  CHECK(refusal("a tag:") == "search: column 3, 'tag:': expected a value after 'tag:'");
  CHECK(refusal("a - b") ==
        "search: column 3, '-': expected a term after '-', as in -tag:lp:ownership");
  CHECK(refusal("x \"\"") == "search: column 3, '\"\"': the phrase is empty");
  CHECK(refusal("a \"open phrase") ==
        "search: column 3, '\"open phrase': the quote is not closed; end the phrase with \"");
  CHECK(refusal("http://x") ==
        "search: column 1, 'http://x': unknown field 'http:'; expected deck:, tag:, is:, "
        "rated:, ease, interval or lapses (quote text that holds a colon)");
}

TEST_CASE("a search's columns count characters, not bytes") {
  CHECK(refusal("żółw is:x") ==
        "search: column 6, 'is:x': expected is:new, is:due, is:suspended, is:leech, is:reask or "
        "is:changed");
}

}  // namespace
}  // namespace rehearse
