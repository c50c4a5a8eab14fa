#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "model/story.hpp"

namespace rehearse {

// The longest story file read: a story told in two minutes is about 2 KB.
inline constexpr std::size_t kMaxStoryFileBytes = 1 << 20;

// The longest story id (card ids derived from it stay under their 200 characters).
inline constexpr std::size_t kMaxStoryIdLength = 100;

// Parses and checks the text of a story file (docs/stories.md): a YAML front matter between
// two "---" lines, then Markdown sections. `source` names the file in messages. Throws Error
// for the first problem found, as "SOURCE:LINE: what is wrong" (with ":COLUMN" after the line
// for bad bytes and bad YAML). A story that parses satisfies the invariants of Story.
// Line ends may be "\n" or "\r\n"; the text keeps "\n".
Story parse_story_file(std::string_view text, std::string_view source);

// Reads and parses the story file at `path`.
Story read_story_file(const std::filesystem::path& path);

// The story file text for `story`, in export form: the fields in the order id, title,
// principles, tags, answers (the last two only when not empty), then the sections in the order
// of StorySection, each heading followed by a blank line, its Markdown and a blank line.
// parse_story_file(format_story_file(s)) == s for every story parse_story_file returns.
std::string format_story_file(const Story& story);

// Writes `story` to `path` through a temporary file renamed into place.
void write_story_file(const Story& story, const std::filesystem::path& path);

// The Markdown text of `markdown` for a story: `markdown` and its plain rendering.
StoryText story_text(std::string markdown);

}  // namespace rehearse
