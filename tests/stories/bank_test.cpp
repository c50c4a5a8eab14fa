// The story bank in a collection: import_stories keeps cards in step with the stories, and
// story_coverage counts what the stories claim. Expected values counted by hand.
#include "stories/bank.hpp"

#include <catch2/catch.hpp>

#include "answer/answer.hpp"
#include "io/story_file.hpp"
#include "scheduler/sm2.hpp"
#include "stories/cards.hpp"
#include "support.hpp"

using namespace rehearse;

namespace {

StoryFile file_of(const Story& story) {
  return {story.id + ".md", format_story_file(story), story};
}

Story two_principles(const std::string& id) {
  Story story = make_story(id, {"ownership", "frugality"}, words(30), words(30), words(100),
                           "I cut the cost by 40%. It stayed low.");
  story.follow_ups.push_back({"Why?", "Why?", story_text("Because it paid.")});
  return story;
}

Moment at(int day) {
  using namespace std::chrono;
  const sys_days utc = sys_days{year{2026} / 11 / 25} + days{day};
  return {utc + hours{9}, local_days{year{2026} / 11 / 25} + days{day}};
}

void answer(Collection& collection, const std::string& card, int grade, int day) {
  answer_card(collection, card, Grade::from_int(grade), at(day), std::chrono::milliseconds(0));
}

}  // namespace

TEST_CASE("importing stories adds their cards once, and an edit keeps the cards it still makes") {
  Collection collection = Collection::open(":memory:");
  const std::vector<StoryFile> files{file_of(two_principles("a"))};
  const StoryImportReport first = import_stories(collection, files);
  CHECK(first.added == std::vector<std::string>{"a"});
  // 2 principles, the beats, 1 follow-up; no metrics section and no short version.
  CHECK(first.cards_added == 4);
  CardFilter deck;
  deck.deck = std::string(kStoryDeckId);
  CHECK(collection.cards(deck).size() == 4);
  const StoryImportReport again = import_stories(collection, files);
  CHECK(again.unchanged == std::vector<std::string>{"a"});
  CHECK(again.cards_added + again.cards_updated + again.cards_retired == 0);

  Story edited = two_principles("a");
  edited.principles = {"ownership"};
  const std::vector<StoryFile> edited_files{file_of(edited)};
  const StoryImportReport edit = import_stories(collection, edited_files);
  CHECK(edit.updated == std::vector<std::string>{"a"});
  CHECK(edit.cards_retired == 1);  // story:a:principle:frugality
  const std::optional<Card> retired = collection.find_card("story:a:principle:frugality");
  REQUIRE(retired);
  CHECK(retired->suspended);
  CHECK(retired->content.group.empty());
}

TEST_CASE("removing a story retires its cards and keeps them") {
  Collection collection = Collection::open(":memory:");
  const std::vector<StoryFile> files{file_of(two_principles("a")), file_of(two_principles("b"))};
  import_stories(collection, files);
  CHECK(collection.remove_story("a") == 4);
  CHECK(collection.find_story("a") == std::nullopt);
  CHECK(collection.find_story("b"));
  CHECK(collection.find_card("story:a:beats")->suspended);
  CHECK_FALSE(collection.find_card("story:b:beats")->suspended);
}

TEST_CASE(
    "a principle's strength is the share of its stories' cards last answered 4 or better "
    "and not overdue") {
  Collection collection = Collection::open(":memory:");
  const std::vector<StoryFile> files{file_of(two_principles("a")), file_of(two_principles("b"))};
  import_stories(collection, files);
  // 8 cards in all claim ownership; two are known on day 0, one failed.
  answer(collection, "story:a:beats", 5, 0);
  answer(collection, "story:b:beats", 4, 0);
  answer(collection, "story:a:principle:ownership", 2, 0);
  const StoryCoverage today = story_coverage(collection, at(0).day);
  const PrincipleStories& ownership = today.principles[1];
  CHECK(ownership.principle->slug == "ownership");
  CHECK(ownership.stories == std::vector<std::string>{"a", "b"});
  CHECK(ownership.strength == Approx(2.0 / 8));
  // On day 2 the known cards (due on day 1) are overdue.
  CHECK(story_coverage(collection, at(2).day).principles[1].strength == 0);
  // Both stories claim both principles: the same 8 cards, equally weak, after the 14
  // principles with fewer than 2 stories, in canonical order.
  CHECK(today.principles[9].strength == Approx(2.0 / 8));
  REQUIRE(today.gaps.size() == 16);
  CHECK(today.gaps[13] == "success-and-scale-bring-broad-responsibility");
  CHECK(today.gaps[14] == "ownership");
  CHECK(today.gaps[15] == "frugality");
}
