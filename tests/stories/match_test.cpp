#include "stories/match.hpp"

#include <catch2/catch.hpp>

#include "stories/support.hpp"

using namespace rehearse;

namespace {

Story story(std::string id, std::vector<std::string> principles,
            std::vector<std::string> answers = {}, std::vector<std::string> tags = {}) {
  Story s = make_story(std::move(id), std::move(principles), "S.", "T.", "A.", "R.");
  s.answers = std::move(answers);
  s.tags = std::move(tags);
  return s;
}

}  // namespace

TEST_CASE("stories naming the card come first, then by shared principles, then by round") {
  const std::vector<Story> stories{
      story("one-shared", {"ownership", "frugality"}),
      story("unrelated", {"think-big"}),
      story("two-shared", {"dive-deep", "ownership"}),
      story("names-it", {"frugality"}, {"q.outage"}),
      story("one-shared-same-round", {"dive-deep"}, {}, {"round:technical"}),
      story("also-one-shared", {"ownership"}),
      story("names-it-and-shares", {"ownership"}, {"q.other", "q.outage"}),
  };
  const std::vector<std::string> tags{"round:technical", "lp:ownership", "lp:dive-deep",
                                      "lp:earn-trust"};
  std::vector<std::string> order;
  for (const std::size_t i : stories_for_card("q.outage", tags, stories))
    order.push_back(stories[i].id);
  CHECK(order == std::vector<std::string>{"names-it-and-shares", "names-it", "two-shared",
                                          "one-shared-same-round", "also-one-shared",
                                          "one-shared"});
}

TEST_CASE("a card without lp: tags is fitted only by the stories that name it") {
  const std::vector<Story> stories{story("a", {"ownership"}), story("b", {"ownership"}, {"q"})};
  CHECK(stories_for_card("q", {}, stories) == std::vector<std::size_t>{1});
  CHECK(stories_for_card("other", {}, stories).empty());
}
