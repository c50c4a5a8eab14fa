#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "model/principle.hpp"
#include "model/story.hpp"
#include "scheduler/sm2.hpp"
#include "store/collection.hpp"

// The story bank between files and the collection: `story import` reads a folder of story
// files, checks them together and writes them, with the cards they generate, in one
// transaction; the rest reads the stories back.
namespace rehearse {

// A story file as read.
struct StoryFile {
  std::filesystem::path path;
  std::string text;
  Story story;
};

// The story files `paths` name: a file as given, a folder's *.md files (searched through its
// subfolders), each folder's files sorted by name. Throws Error for a path that does not exist.
std::vector<std::filesystem::path> story_paths(std::span<const std::filesystem::path> paths);

// Reads and parses each file. Throws Error for the first wrong file ("FILE:LINE: ..."), and
// for a story id given in two files.
std::vector<StoryFile> read_story_files(std::span<const std::filesystem::path> files);

// Throws Error when an `answers:` id of a file is no card of the collection ("FILE:LINE: ...").
void check_answers(const Collection& collection, std::span<const StoryFile> files);

// Imports the stories in one transaction (store/stories.hpp), their new cards in SM-2's
// initial state. Throws Error, importing nothing, when an `answers:` id is no card of the
// collection ("FILE:LINE: ...").
StoryImportReport import_stories(Collection& collection, std::span<const StoryFile> files,
                                 const sm2::Config& config = {});

// What the collection keeps of a story, and the story back from it.
StoryUpdate story_update(const Story& story);
Story load_story(const StoredStory& stored);
// Every story of the collection, by id.
std::vector<Story> load_stories(const Collection& collection);
// The story with this id. Throws Error when there is none.
Story load_story(const Collection& collection, std::string_view story_id);

// How well one principle is covered by the user's stories, and by the cards that probe it.
struct PrincipleStories {
  const Principle* principle = nullptr;
  std::vector<std::string> stories;  // the ids of the stories that claim it, by id
  double strength = 0;  // the share of those stories' cards last answered >= 4, not overdue
  TagCounts counts;     // the cards tagged lp:SLUG, as `coverage` has always counted them
};

// The principles x stories matrix of `coverage`.
struct StoryCoverage {
  std::vector<PrincipleStories> principles;  // the 16, in canonical order
  // Principles with fewer than 2 stories (canonical order), then those whose stories are weak
  // (strength under kWeakStrength), weakest first.
  std::vector<std::string> gaps;
  // For each round slug, the number of stories tagged round:SLUG; "none" for the stories
  // with no round tag. In loop order, "none" last.
  std::vector<std::pair<std::string, int>> rounds;
};

inline constexpr int kStoriesPerPrinciple = 2;
inline constexpr double kWeakStrength = 0.5;

StoryCoverage story_coverage(const Collection& collection, Day today);

// A question card no story names in `answers:`.
struct UnansweredQuestion {
  Card card;
  std::string round;                    // the slug of its first round: tag
  std::vector<std::string> principles;  // the slugs of its lp: tags
  std::vector<std::string> fitting;     // stories that fit it by principle, best first
};

// Whether `card` is a behavioural question a story may answer: outside the story deck, tagged
// topic:behavioral, a round: tag and an lp: tag, with no sibling group or the group named by
// its own id (the question, not its follow-up drills).
bool is_question_card(const Card& card);

// The question cards (is_question_card) no story names in `answers:`, by round (loop order)
// then deck order. `fitting` ranks the stories as stories/match.hpp does.
std::vector<UnansweredQuestion> unanswered_questions(const Collection& collection);

}  // namespace rehearse
