#pragma once

#include <span>
#include <string>
#include <vector>

#include "model/story.hpp"

// `story check`: what an interviewer would notice in a story, as findings. Pure functions of
// the stories; nothing here reads or writes anything.
namespace rehearse {

enum class Severity { warning, error };

// One thing to fix in a story.
struct Finding {
  std::string story_id;
  std::string section;  // "Situation", "Task", "Action", "Result", "principles" or "story"
  Severity severity = Severity::warning;
  std::string message;  // what was found and why it matters to an interviewer

  bool operator==(const Finding&) const = default;
};

// How fast a story is told aloud, and the spoken length outside which a story is flagged.
inline constexpr int kWordsPerMinute = 150;
inline constexpr int kShortestSeconds = 60;
inline constexpr int kLongestSeconds = 180;

// Words of a plain text: runs without white space that hold a letter or a digit.
std::size_t word_count(std::string_view plain);

// The words of the four STAR sections, and how long they take told at kWordsPerMinute
// (rounded to the nearest second).
std::size_t spoken_words(const Story& story);
int spoken_seconds(const Story& story);

// The findings of `story` alone, in the order: sections (Situation, Task, Action, Result),
// then the whole story's length and balance, then its principles.
std::vector<Finding> check_story(const Story& story);

// The findings of `story` within its bank: check_story's, then a warning for each other story
// of `bank` that claims the same principles and the same non-empty `answers:` (a
// near-duplicate). `bank` may hold `story` itself (compared by id).
std::vector<Finding> check_story(const Story& story, std::span<const Story> bank);

// True when any finding is an error (`story check` exits 1).
bool has_errors(std::span<const Finding> findings);

}  // namespace rehearse
