#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehearse {

// The text of one part of a story, twice: as the author wrote it (Markdown, kept byte for byte
// for export, without the blank lines around it) and rendered as plain text for the terminal
// (no markup; list items as "- ", code indented by four spaces). `plain` is a function of
// `markdown` (io/markdown.hpp render_plain).
struct StoryText {
  std::string markdown;
  std::string plain;

  bool operator==(const StoryText&) const = default;
};

// A question an interviewer is likely to ask next, and the prepared answer. `question` is the
// heading's text as written (inline Markdown), `question_plain` its plain rendering.
struct FollowUp {
  std::string question;
  std::string question_plain;
  StoryText answer;

  bool operator==(const FollowUp&) const = default;
};

// The sections of a story's body (docs/stories.md), in the order export writes them.
enum class StorySection { situation, task, action, result, metrics, follow_ups, short_version };

// The heading of a section as written in the file ("Situation", "Follow-ups", "In 30 seconds").
std::string_view section_heading(StorySection section);

// A STAR story (Situation, Task, Action, Result) from the user's story bank.
// Invariants of a story read by io/story_file.hpp (and of every story in the collection):
// the id follows the card id rules and has at most 100 characters; the title is one line and
// not blank; 1 to 4 distinct principle slugs of `rehearse principles`, the first the primary
// one; tags valid and distinct; answers valid card ids, distinct; the four STAR sections not
// blank; a follow-up has a question and an answer.
struct Story {
  std::string id;
  std::string title;
  std::vector<std::string> principles;  // slugs; principles[0] is the primary principle
  std::vector<std::string> tags;        // e.g. round:technical, company:acme, year:2023
  std::vector<std::string> answers;     // ids of question cards the story is meant to answer
  StoryText situation;
  StoryText task;
  StoryText action;
  StoryText result;
  std::optional<StoryText> metrics;  // the numbers the result rests on
  std::vector<FollowUp> follow_ups;
  std::optional<StoryText> short_version;  // "In 30 seconds"

  bool operator==(const Story&) const = default;
};

// The text of `section`, or nullptr when the story has none (metrics, the short version) or
// the section is the follow-ups (several texts).
const StoryText* section_text(const Story& story, StorySection section);

// The sections the story has, in export's order.
std::vector<StorySection> sections_of(const Story& story);

}  // namespace rehearse
