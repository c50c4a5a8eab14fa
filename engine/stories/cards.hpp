#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/card.hpp"
#include "model/story.hpp"

// The cards a story generates (docs/stories.md, "Cards"): ordinary cards, so that reviews,
// statistics and the JSON interface treat them like any other, in a deck of their own.
namespace rehearse {

// The deck every story card belongs to.
inline constexpr std::string_view kStoryDeckId = "stories";
Deck story_deck();

enum class StoryCardKind {
  principle,      // principle -> which story, and its result
  beats,          // title -> the STAR beats
  follow_up,      // follow-up question -> the prepared answer
  metrics,        // the result -> its numbers, cloze-style
  short_version,  // title -> the 30-second version
};

// A generated card. Its id derives from the story id, the kind and the principle or the
// follow-up's question only, so that editing the rest of a story keeps the card's
// scheduling; the cards of one story form one sibling group, "story:ID" (content.group).
struct StoryCard {
  StoryCardKind kind;
  CardContent content;

  bool operator==(const StoryCard&) const = default;
};

// The cards of `story`, in the order of StoryCardKind (principles in the story's order,
// follow-ups in theirs). A metrics card needs a Metrics section with a number in it, a
// 30-second card an "In 30 seconds" section.
// REQUIRES: `story` satisfies the invariants of Story.
std::vector<StoryCard> story_cards(const Story& story);

// "what-would-you-do-differently" for "What would you do differently?": ASCII letters and
// digits lowercased, every other run of characters one '-', at most 60 characters; "q" when
// nothing is left.
std::string question_slug(std::string_view question);

// `line` with one number (and its unit: "120 ms", "40%", "$2.5M") replaced by "___": the one
// after the last arrow ("->" or U+2192) when there is one, else the last. `line` itself when
// it holds no digit.
std::string cloze(std::string_view line);

}  // namespace rehearse
