#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/time.hpp"

namespace rehearse {

// A card search, as typed after `cards --search`, `review --search` or `next --search`
// (docs/cli.md, "Searching cards"): terms separated by blanks, all of which a card must match.
//
//   free text       a word or a "quoted phrase" found in the front or the back (ASCII letters
//                   match either case)
//   deck:NAME       the card's deck; * matches any run of characters (deck:sys*)
//   tag:T           a tag of the card (tag:lp:ownership, tag:round:*); * as for deck:
//   is:STATE        new (never answered), due (due today or overdue, not suspended), suspended,
//                   leech (lapsed leech-threshold times), reask (to be asked again today),
//                   changed (front or back edited by an import since its last answer)
//   ease OP N       ease compared with N (ease<2.0); OP is one of < <= > >= =
//   interval OP N   the interval in days
//   lapses OP N     the number of lapses
//   rated:N         answered in the last N days, today included
//   -TERM           any term negated
struct SearchTerm {
  enum class Op { less, less_or_equal, greater, greater_or_equal, equal };
  enum class State { new_card, due, suspended, leech, reask, changed };
  enum class Field { ease, interval, lapses };

  struct Text {
    std::string text;
  };
  struct InDeck {
    std::string pattern;
  };
  struct Tagged {
    std::string pattern;
  };
  struct Is {
    State state;
  };
  struct Compare {
    Field field;
    Op op;
    std::int64_t value;  // ease in hundredths, as stored
  };
  struct Rated {
    int days;  // >= 1
  };

  bool negated = false;
  std::variant<Text, InDeck, Tagged, Is, Compare, Rated> what;
};

struct Search {
  std::vector<SearchTerm> terms;  // all of them must match
  Day today{};                    // what is:due, is:reask and rated: count from
  int leech_threshold = 8;        // what is:leech counts from (the setting leech-threshold)
};

// Parses `query` into terms (today and leech_threshold are left for the caller). Throws Error
// naming the term, its column (from 1) and what was expected, as in
//   search: column 7, 'ease<x': expected a number after 'ease<', as in ease<2.5
std::vector<SearchTerm> parse_search(std::string_view query);

}  // namespace rehearse
