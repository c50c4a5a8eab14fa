// story new, story edit: a story written in the user's editor ($VISUAL, $EDITOR), checked when
// saved and reopened with the error at the top until it is valid; with no editor or no
// terminal, the story is asked for section by section.
#include "story_editor.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>

#include "editor.hpp"
#include "io/story_file.hpp"
#include "model/card.hpp"
#include "model/error.hpp"
#include "model/principle.hpp"
#include "stories/bank.hpp"
#include "stories/check.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

// The guide a new story's front matter starts with, as YAML comments.
std::string guide() {
  std::string text =
      "# A new story (docs/stories.md). Save to check and import it; save an empty file to\n"
      "# cancel. principles: 1 to 4 of these slugs, the primary one first:\n";
  std::string line = "#  ";
  for (const Principle& p : principles()) {
    const std::string item = fmt::format(" {}", p.slug);
    if (line.size() + item.size() > 78) {
      text += line + "\n";
      line = "#  ";
    }
    line += item;
  }
  text += line + "\n";
  text +=
      "# tags: e.g. round:people, company:acme, year:2023 (rounds: people, technical, strategy,\n"
      "# culture). answers: ids of question cards the story answers (rehearse coverage\n"
      "# --questions lists them). After Result you may add ## Metrics, ## Follow-ups (each\n"
      "# ### question, then its answer) and ## In 30 seconds.\n";
  return text;
}

std::string new_template() {
  return "---\n" + guide() +
         "id:\ntitle:\nprinciples: []\ntags: []\n---\n"
         "## Situation\n\n## Task\n\n## Action\n\n## Result\n\n";
}

// What story new and story edit require of the story saved.
struct Expected {
  std::optional<std::string> id;  // edit: the id may not change
};

// The saved text as a story file, checked as an import checks it and against `expected`; throws
// Error naming what is wrong. Writes nothing.
StoryFile checked(Context& context, const std::filesystem::path& path, const std::string& text,
                  const Expected& expected) {
  StoryFile file{path, text, parse_story_file(text, path.string())};
  if (expected.id && file.story.id != *expected.id) {
    throw Error(
        "the id changed from \"{}\" to \"{}\": the id keeps a story's cards and their "
        "progress; put it back (rehearse story new writes another story)",
        *expected.id, file.story.id);
  }
  if (!expected.id && context.collection().find_story(file.story.id)) {
    throw Error(
        "story \"{}\" exists already: choose another id, or edit it with rehearse "
        "story edit {}",
        file.story.id, file.story.id);
  }
  check_answers(context.collection(), std::span<const StoryFile>(&file, 1));
  return file;
}

StoryImportReport save(Context& context, const StoryFile& file) {
  return import_stories(context.collection(), std::span<const StoryFile>(&file, 1));
}

void print_saved(Context& context, const std::string& id, const StoryImportReport& report) {
  if (report.added.empty() && report.updated.empty()) {
    fmt::print("Story {} unchanged.\n", visible_line(id));
  } else {
    fmt::print("{} story {}: cards: {} added, {} updated, {} retired.\n",
               report.added.empty() ? "Updated" : "Added", visible_line(id), report.cards_added,
               report.cards_updated, report.cards_retired);
  }
  const std::vector<Story> bank = load_stories(context.collection());
  const Story story = load_story(context.collection(), id);
  for (const Finding& f : check_story(story, bank)) {
    fmt::print("{}: {}: {}: {}\n", visible_line(f.story_id), f.section,
               f.severity == Severity::error ? "error" : "warning", visible_line(f.message));
  }
}

// The editor loop: open, check on save, reopen with the error until valid or emptied.
void edit_in_editor(Context& context, const std::string& editor, const std::string& start,
                    const std::string& file_name, const Expected& expected) {
  EditLoop loop;
  loop.editor = editor;
  loop.start = start;
  loop.file_name = file_name;
  loop.comment_mark = "# rehearse: ";
  loop.check = [&](const std::filesystem::path& path, const std::string& text) {
    checked(context, path, text, expected);
  };
  loop.save = [&](const std::filesystem::path& path, const std::string& text) {
    const StoryFile file = checked(context, path, text, expected);
    print_saved(context, file.story.id, save(context, file));
  };
  if (!edit_until_accepted(loop)) fmt::print("The file was empty: nothing was imported.\n");
}

// --- No editor or no terminal: the story asked for section by section ------------------------

// A line of input; a terminal echoes it, piped input is echoed here.
std::optional<std::string> read_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!is_terminal(stdin)) fmt::print("{}\n", visible_line(line));
  return line;
}

std::optional<std::string> ask_line(const std::string& prompt) {
  fmt::print("{}", prompt);
  std::fflush(stdout);
  return read_line();
}

// Lines up to an empty line (or the end of input), joined.
std::string ask_text(const std::string& prompt) {
  fmt::print("{} (end with an empty line):\n", prompt);
  std::fflush(stdout);
  std::string text;
  for (std::optional<std::string> line = read_line(); line && !line->empty(); line = read_line())
    text += *line + "\n";
  return text;
}

std::string ask_required(const std::string& prompt) {
  const std::optional<std::string> line = ask_line(prompt);
  if (!line) throw Error("the input ended before the story was complete; nothing was imported");
  return *line;
}

std::string yaml_quoted(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// The items of "a, b c": split at commas and spaces.
std::vector<std::string> items_of(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (const char c : text + ",") {
    if (c == ',' || c == ' ') {
      if (!item.empty()) items.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return items;
}

std::string yaml_list(const std::string& text) {
  std::string list;
  for (const std::string& item : items_of(text))
    list += (list.empty() ? "" : ", ") + yaml_quoted(item);
  return "[" + list + "]";
}

// Asks until `problem` finds nothing wrong with the answer, saying what was wrong each time.
std::string ask_until_valid(
    const std::string& prompt,
    const std::function<std::optional<std::string>(const std::string&)>& problem) {
  for (;;) {
    std::string answer = ask_required(prompt);
    const std::optional<std::string> wrong = problem(answer);
    if (!wrong) return answer;
    fmt::print("{}\n", visible_line(*wrong));
  }
}

std::optional<std::string> new_id_problem(Context& context, const std::string& id) {
  if (const auto problem = id_problem(id, kMaxStoryIdLength)) {
    return fmt::format("the id {}; try again", *problem);
  }
  if (context.collection().find_story(id)) {
    return fmt::format("story \"{}\" exists already (rehearse story edit {}); choose another id",
                       id, id);
  }
  return std::nullopt;
}

std::optional<std::string> principles_problem(const std::string& answer) {
  const std::vector<std::string> slugs = items_of(answer);
  if (slugs.empty() || slugs.size() > 4) {
    return fmt::format("{} principles listed; a story shows 1 to 4, the primary one first",
                       slugs.size());
  }
  for (std::size_t i = 0; i < slugs.size(); ++i) {
    if (!find_principle(slugs[i])) {
      return fmt::format("\"{}\" is not a principle (did you mean \"{}\"?)", slugs[i],
                         nearest_principle(slugs[i])->slug);
    }
    if (std::find(slugs.begin(), slugs.begin() + static_cast<std::ptrdiff_t>(i), slugs[i]) !=
        slugs.begin() + static_cast<std::ptrdiff_t>(i)) {
      return fmt::format("\"{}\" is listed twice", slugs[i]);
    }
  }
  return std::nullopt;
}

void ask_story(Context& context) {
  fmt::print("A new story, section by section (docs/stories.md). principles: 1 to 4 of:\n");
  for (const Principle& p : principles())
    fmt::print("  {}\n", p.slug);
  std::string text = "---\n";
  const auto id_check = [&](const std::string& id) { return new_id_problem(context, id); };
  text += "id: " + yaml_quoted(ask_until_valid("id (e.g. payments-cutover): ", id_check)) + "\n";
  text += "title: " + yaml_quoted(ask_required("title: ")) + "\n";
  text += "principles: " +
          yaml_list(ask_until_valid("principles, the primary one first: ", principles_problem)) +
          "\n";
  text +=
      "tags: " + yaml_list(ask_required("tags (e.g. round:people year:2023), or empty: ")) + "\n";
  text += "answers: " +
          yaml_list(ask_required("answers: question card ids (rehearse coverage --questions), "
                                 "or empty: ")) +
          "\n---\n";
  for (const char* section : {"Situation", "Task", "Action", "Result"})
    text += fmt::format("## {}\n\n{}\n", section, ask_text(section));
  const std::string metrics = ask_text("Metrics, as a list (- p99 900 ms -> 120 ms), or empty");
  if (!metrics.empty()) text += "## Metrics\n\n" + metrics + "\n";
  const StoryFile file = checked(context, "(the story typed)", text, {});
  print_saved(context, file.story.id, save(context, file));
}

}  // namespace

void run_story_new(Context& context) {
  const std::optional<std::string> editor = editor_on_terminal();
  if (!editor) {
    ask_story(context);
    return;
  }
  edit_in_editor(context, *editor, new_template(), "new-story.md", {});
}

void run_story_edit(Context& context, const std::string& id) {
  const std::optional<StoredStory> stored = context.collection().find_story(id);
  if (!stored) {
    throw Error("no story '{}' in {} ('rehearse story list' lists them)", id,
                context.collection().path().string());
  }
  const std::optional<std::string> editor = editor_on_terminal();
  if (!editor) {
    throw Error(
        "story edit needs an editor on a terminal: set VISUAL or EDITOR, or edit the "
        "file from 'rehearse story export' and import it again");
  }
  edit_in_editor(context, *editor, stored->file, id + ".md", {id});
}

}  // namespace rehearse::cli
