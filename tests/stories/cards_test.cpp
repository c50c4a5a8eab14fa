#include "stories/cards.hpp"

#include <catch2/catch.hpp>

#include "io/story_file.hpp"

using namespace rehearse;

namespace {

const std::string kStory =
    "---\n"
    "id: cutover\n"
    "title: The ledger cutover\n"
    "principles: [ownership, deliver-results]\n"
    "tags: [round:technical, lp:ownership]\n"
    "---\n"
    "## Situation\n\nThe ledger could not shard. It paged weekly.\n\n"
    "## Task\n\nI owned the move. No downtime allowed.\n\n"
    "## Action\n\nI *phased* it. I paused for a bug.\n\n"
    "## Result\n\np99 fell from 900 ms to 120 ms. We saved $180,000.\n\n"
    "## Metrics\n\n- p99 latency 900 ms -> 120 ms\n- licences saved: $180,000 a year\n"
    "- no number here\n\n"
    "## Follow-ups\n\n### What would you do differently?\n\nReconcile first.\n\n"
    "### What would you do *differently*!\n\nNothing.\n\n"
    "## In 30 seconds\n\nI moved payments with no downtime.\n";

std::vector<std::string> ids(const std::vector<StoryCard>& cards) {
  std::vector<std::string> out;
  for (const StoryCard& card : cards)
    out.push_back(card.content.id);
  return out;
}

}  // namespace

TEST_CASE(
    "a story generates one card per principle, its beats, follow-ups, metrics, short version") {
  const std::vector<StoryCard> cards = story_cards(parse_story_file(kStory, "s.md"));
  CHECK(ids(cards) == std::vector<std::string>{
                          "story:cutover:principle:ownership",
                          "story:cutover:principle:deliver-results",
                          "story:cutover:beats",
                          "story:cutover:follow-up:what-would-you-do-differently",
                          "story:cutover:follow-up:what-would-you-do-differently-2",
                          "story:cutover:metrics",
                          "story:cutover:30s",
                      });
  for (const StoryCard& card : cards)
    CHECK(card.content.group == "story:cutover");
  CHECK(cards[0].kind == StoryCardKind::principle);
  CHECK(cards[0].content ==
        CardContent{"story:cutover:principle:ownership",
                    "Ownership: which of your stories, and what was its result?",
                    "The ledger cutover\np99 fell from 900 ms to 120 ms.",
                    {"lp:ownership", "round:technical"},
                    "story:cutover"});
  CHECK(cards[1].content.tags ==
        std::vector<std::string>{"lp:deliver-results", "round:technical", "lp:ownership"});
  CHECK(cards[2].content.front == "The ledger cutover: the STAR beats?");
  CHECK(cards[2].content.back ==
        "Situation: The ledger could not shard.\nTask: I owned the move.\nAction: I phased it.\n"
        "Result: p99 fell from 900 ms to 120 ms.");
  CHECK(cards[2].content.tags ==
        std::vector<std::string>{"lp:ownership", "lp:deliver-results", "round:technical"});
  CHECK(cards[3].content.front == "The ledger cutover: What would you do differently?");
  CHECK(cards[3].content.back == "Reconcile first.");
  CHECK(cards[5].content.front ==
        "The ledger cutover: fill in the numbers.\n- p99 latency 900 ms -> ___\n"
        "- licences saved: ___ a year\n- no number here");
  CHECK(cards[5].content.back ==
        "- p99 latency 900 ms -> 120 ms\n- licences saved: $180,000 a year\n- no number here");
  CHECK(cards[6].content.front == "The ledger cutover: tell it in 30 seconds.");
  CHECK(cards[6].content.back == "I moved payments with no downtime.");
  CHECK(story_deck().id == "stories");
}

TEST_CASE("editing a story's text keeps its card ids, and a removed follow-up loses its card") {
  Story story = parse_story_file(kStory, "s.md");
  const std::vector<std::string> before = ids(story_cards(story));
  story.title = "A new title";
  story.result = story_text("Latency fell by 87%. Nobody was paged.");
  story.follow_ups[0].answer = story_text("Something else.");
  CHECK(ids(story_cards(story)) == before);
  story.follow_ups.pop_back();
  story.short_version.reset();
  CHECK(ids(story_cards(story)) ==
        std::vector<std::string>{"story:cutover:principle:ownership",
                                 "story:cutover:principle:deliver-results", "story:cutover:beats",
                                 "story:cutover:follow-up:what-would-you-do-differently",
                                 "story:cutover:metrics"});
}

TEST_CASE("a story without metrics or a number in them has no metrics card") {
  Story story = parse_story_file(kStory, "s.md");
  story.metrics = story_text("- none of it counted");
  CHECK(ids(story_cards(story)).size() == 6);
  story.metrics.reset();
  CHECK(ids(story_cards(story)).size() == 6);
}

TEST_CASE("question slugs keep ASCII letters and digits, lowercased, 60 at most") {
  CHECK(question_slug("What would you do *differently*?") == "what-would-you-do-differently");
  CHECK(question_slug("  Why p99, not p50?  ") == "why-p99-not-p50");
  CHECK(question_slug("¿Qué?") == "qu");
  CHECK(question_slug("???") == "q");
  CHECK(question_slug(std::string(80, 'a')) == std::string(60, 'a'));
}

TEST_CASE("a cloze blanks the number an arrow leads to, else the last number, with its unit") {
  // {line, cloze}
  const std::vector<std::pair<std::string, std::string>> cases{
      {"p99 latency 900 ms -> 120 ms", "p99 latency 900 ms -> ___"},
      {"cut p99 latency from 900 ms to 120 ms", "cut p99 latency from 900 ms to ___"},
      {"acceptance 45% -> 70% in a year", "acceptance 45% -> ___ in a year"},
      {"revenue up $2.5M.", "revenue up ___."},
      {"1,200 tickets closed", "___ tickets closed"},
      {"3x faster builds", "___ faster builds"},
      {"trust 2.9 \xE2\x86\x92 4.4 out of 5", "trust 2.9 \xE2\x86\x92 ___ out of 5"},
      {"shipped in 6 weeks, not 10", "shipped in 6 weeks, not ___"},
      {"no digits", "no digits"},
  };
  for (const auto& [line, expected] : cases) {
    INFO(line);
    CHECK(cloze(line) == expected);
  }
}
