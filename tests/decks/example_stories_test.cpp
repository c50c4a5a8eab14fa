// The example stories shipped in decks/stories/examples/: valid, in export form, free of
// findings, and answering questions that the shipped decks hold.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "io/deck_file.hpp"
#include "io/file.hpp"
#include "io/story_file.hpp"
#include "stories/check.hpp"

using namespace rehearse;

namespace {

std::vector<std::filesystem::path> example_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(REHEARSE_SOURCE_DIR "/decks/stories/examples")) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::set<std::string> shipped_card_ids() {
  std::set<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(REHEARSE_SOURCE_DIR "/decks")) {
    if (entry.path().extension() != ".json") continue;
    for (const CardContent& card : read_deck_file(entry.path()).cards)
      ids.insert(card.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("the two example stories are marked as examples and pass every check") {
  const auto files = example_files();
  REQUIRE(files.size() == 2);
  std::vector<Story> bank;
  for (const auto& file : files)
    bank.push_back(read_story_file(file));
  for (const Story& story : bank) {
    INFO(story.id);
    CHECK(story.id.starts_with("example-"));
    CHECK(story.title.starts_with("Example: "));
    CHECK(std::find(story.tags.begin(), story.tags.end(), "example") != story.tags.end());
    CHECK(check_story(story, bank).empty());
  }
}

TEST_CASE("the example stories are in export form and answer shipped questions") {
  const std::set<std::string> cards = shipped_card_ids();
  for (const auto& file : example_files()) {
    INFO(file);
    const std::string text = read_file(file);
    const Story story = parse_story_file(text, file.string());
    CHECK(format_story_file(story) == text);
    CHECK(file.filename() == story.id + ".md");
    for (const std::string& id : story.answers)
      CHECK(cards.count(id) == 1);
  }
}
