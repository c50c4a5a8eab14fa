// story import, export, list, show, check, rm: the STAR story bank (docs/stories.md).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "app.hpp"
#include "io/file.hpp"
#include "io/json_writer.hpp"
#include "io/story_file.hpp"
#include "model/error.hpp"
#include "stories/bank.hpp"
#include "stories/check.hpp"
#include "story_editor.hpp"
#include "terminal.hpp"
#include "visible_text.hpp"

namespace rehearse::cli {
namespace {

std::string joined(const std::vector<std::string>& ids, std::string_view separator = ", ") {
  std::string text;
  for (const std::string& id : ids)
    text += (text.empty() ? "" : std::string(separator)) + id;
  return text;
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

void run_import(Context& context, const std::vector<std::string>& args) {
  const std::vector<std::filesystem::path> given(args.begin(), args.end());
  const std::vector<StoryFile> files = read_story_files(story_paths(given));
  context.allow_creating();
  const StoryImportReport r = import_stories(context.collection(), files);
  fmt::print(
      "{} read: {} added, {} updated, {} unchanged; cards: {} added, {} updated, {} "
      "retired\n",
      count_of(files.size(), "story", "stories"), r.added.size(), r.updated.size(),
      r.unchanged.size(), r.cards_added, r.cards_updated, r.cards_retired);
  if (r.cards_changed > 0) {
    fmt::print("  {} changed since reviewed, schedule kept: cards --search is:changed lists them\n",
               count_of(r.cards_changed, "card", "cards"));
  }
  if (!r.added.empty()) fmt::print("  added: {}\n", visible_line(joined(r.added)));
  if (!r.updated.empty()) fmt::print("  updated: {}\n", visible_line(joined(r.updated)));
  if (!r.not_listed.empty()) {
    fmt::print("  in the collection but not in these files (kept): {}\n",
               visible_line(joined(r.not_listed)));
  }
  if (r.added.empty() && r.updated.empty()) fmt::print("Nothing changed.\n");
}

void write_story_json(JsonWriter& json, const Story& story, bool full) {
  const auto strings = [&](const char* key, const std::vector<std::string>& values) {
    json.Key(key);
    json.StartArray();
    for (const std::string& v : values)
      json.String(v);
    json.EndArray();
  };
  json.StartObject();
  json.Key("id");
  json.String(story.id);
  json.Key("title");
  json.String(story.title);
  strings("principles", story.principles);
  strings("tags", story.tags);
  strings("answers", story.answers);
  json.Key("seconds");
  json.Int(spoken_seconds(story));
  if (full) {
    json.Key("sections");
    json.StartObject();
    for (const StorySection section : sections_of(story)) {
      if (section == StorySection::follow_ups) continue;
      const StoryText& text = *section_text(story, section);
      json.Key(section_heading(section));
      json.StartObject();
      json.Key("markdown");
      json.String(text.markdown);
      json.Key("plain");
      json.String(text.plain);
      json.EndObject();
    }
    json.EndObject();
    json.Key("follow_ups");
    json.StartArray();
    for (const FollowUp& f : story.follow_ups) {
      json.StartObject();
      json.Key("question");
      json.String(f.question_plain);
      json.Key("answer");
      json.String(f.answer.plain);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
}

void run_list(Context& context, const std::string& lp, bool json) {
  if (!lp.empty() && !find_principle(lp)) {
    throw Error("\"{}\" is not a principle (did you mean \"{}\"?)", lp,
                nearest_principle(lp)->slug);
  }
  std::vector<Story> stories = load_stories(context.collection());
  std::erase_if(stories, [&](const Story& s) {
    return !lp.empty() &&
           std::find(s.principles.begin(), s.principles.end(), lp) == s.principles.end();
  });
  if (json) {
    JsonWriter out;
    out.StartArray();
    for (const Story& s : stories)
      write_story_json(out, s, false);
    out.EndArray();
    fmt::print("{}\n", out.text());
    return;
  }
  if (stories.empty()) {
    fmt::print("No stories{}. Write one: rehearse story new (or see docs/stories.md)\n",
               lp.empty() ? "" : " claim " + lp);
    return;
  }
  for (const Story& s : stories) {
    fmt::print("{}  {}\n  {}  ({}, about {} s)\n", visible_line(s.id), visible_line(s.title),
               joined(s.principles), count_of(s.follow_ups.size(), "follow-up", "follow-ups"),
               spoken_seconds(s));
  }
}

void print_section(std::string_view heading, const std::string& plain) {
  fmt::print("\n{}\n{}\n", heading, visible(plain));
}

void run_show(Context& context, const std::string& id, bool json) {
  const Story story = load_story(context.collection(), id);
  if (json) {
    JsonWriter out;
    write_story_json(out, story, true);
    fmt::print("{}\n", out.text());
    return;
  }
  fmt::print("{}: {}\nPrinciples: {}\n", visible_line(story.id), visible_line(story.title),
             joined(story.principles));
  if (!story.tags.empty()) fmt::print("Tags: {}\n", visible_line(joined(story.tags, " ")));
  if (!story.answers.empty()) fmt::print("Answers: {}\n", visible_line(joined(story.answers, " ")));
  fmt::print("Told aloud: about {} s ({} words)\n", spoken_seconds(story), spoken_words(story));
  for (const StorySection section : sections_of(story)) {
    if (section == StorySection::follow_ups) {
      fmt::print("\nFollow-ups\n");
      for (const FollowUp& f : story.follow_ups)
        fmt::print("- {}\n  {}\n", visible_line(f.question_plain), visible(f.answer.plain));
      continue;
    }
    print_section(section_heading(section), section_text(story, section)->plain);
  }
}

const char* severity_name(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

void run_check(Context& context, const std::string& target, bool json) {
  std::vector<Story> bank = load_stories(context.collection());
  std::vector<Finding> findings;
  std::size_t checked = 0;
  if (!target.empty() && std::filesystem::is_regular_file(target)) {
    const Story story = read_story_file(target);  // a wrong file is an error, as import says
    std::erase_if(bank, [&](const Story& s) { return s.id == story.id; });
    bank.push_back(story);
    findings = check_story(story, bank);
    checked = 1;
  } else {
    if (!target.empty()) load_story(context.collection(), target);  // throws when unknown
    for (const Story& story : bank) {
      if (!target.empty() && story.id != target) continue;
      const std::vector<Finding> found = check_story(story, bank);
      findings.insert(findings.end(), found.begin(), found.end());
      ++checked;
    }
  }
  if (json) {
    JsonWriter out;
    out.StartArray();
    for (const Finding& f : findings) {
      out.StartObject();
      out.Key("story");
      out.String(f.story_id);
      out.Key("section");
      out.String(f.section);
      out.Key("severity");
      out.String(severity_name(f.severity));
      out.Key("message");
      out.String(f.message);
      out.EndObject();
    }
    out.EndArray();
    fmt::print("{}\n", out.text());
  } else {
    for (const Finding& f : findings) {
      fmt::print("{}: {}: {}: {}\n", visible_line(f.story_id), f.section, severity_name(f.severity),
                 visible_line(f.message));
    }
    fmt::print("{} checked: {}\n", count_of(checked, "story", "stories"),
               findings.empty() ? "no finding" : count_of(findings.size(), "finding", "findings"));
  }
  if (has_errors(findings)) context.exit_code = 1;
}

void run_export(Context& context, const std::string& target, const std::string& id) {
  std::vector<StoredStory> stories = context.collection().stories();
  if (!id.empty()) {
    std::erase_if(stories, [&](const StoredStory& s) { return s.id != id; });
    if (stories.empty()) load_story(context.collection(), id);  // throws: no such story
  }
  const std::filesystem::path path(target);
  if (target == "-" || path.extension() == ".md") {
    if (stories.size() != 1) {
      throw Error("{} holds one story: name it (rehearse story export {} ID), or give a folder",
                  target, target);
    }
    if (target == "-") {
      fmt::print("{}", stories[0].file);
      return;
    }
    write_file_atomically(path, stories[0].file);
    fmt::print("{}: wrote story {}\n", target, visible_line(stories[0].id));
    return;
  }
  std::filesystem::create_directories(path);
  for (const StoredStory& s : stories)
    write_file_atomically(path / (s.id + ".md"), s.file);
  fmt::print("{}: wrote {}\n", target, count_of(stories.size(), "story", "stories"));
}

void run_rm(Context& context, const std::string& id, bool yes) {
  load_story(context.collection(), id);  // throws when unknown
  if (!yes) {
    if (!is_terminal(stdin)) {
      throw Error("story rm asks before it removes a story: run it on a terminal, or pass --yes");
    }
    fmt::print("Remove story {} and retire its cards (their history is kept)? [y/N] ",
               visible_line(id));
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      fmt::print("Kept.\n");
      return;
    }
  }
  const int retired = context.collection().remove_story(id);
  fmt::print("Removed story {}; {} retired (history kept).\n", visible_line(id),
             count_of(static_cast<std::size_t>(retired), "card", "cards"));
}

}  // namespace

void add_story_commands(CLI::App& app, Context& context) {
  struct Args {
    std::vector<std::string> paths;
    std::string id;
    std::string target;
    std::string lp;
    bool json = false;
    bool yes = false;
  };
  auto args = std::make_shared<Args>();
  auto* story = app.add_subcommand(
      "story", "Your STAR story bank: import, check and drill your stories (docs/stories.md)");
  story->require_subcommand(1);

  auto* import_cmd = story->add_subcommand(
      "import",
      "Add or update stories from Markdown files or folders, with the cards they generate. "
      "Stories are matched by id: edited stories keep their cards' progress. A file with any "
      "error is refused and nothing is imported.");
  import_cmd->add_option("PATH", args->paths, "Story files (*.md) or folders of them")->required();
  import_cmd->callback([&context, args] { run_import(context, args->paths); });

  auto* new_cmd = story->add_subcommand(
      "new",
      "Write a new story in $VISUAL or $EDITOR, from a template that lists the principles; "
      "checked when saved (the editor reopens with the error at the top) and imported. With no "
      "editor or no terminal, asks for it section by section");
  new_cmd->callback([&context] { run_story_new(context); });

  auto* edit_cmd = story->add_subcommand(
      "edit",
      "Edit a story in $VISUAL or $EDITOR; checked when saved and imported again, its "
      "cards keeping their progress");
  edit_cmd->add_option("ID", args->id, "Story id (see 'rehearse story list')")->required();
  edit_cmd->callback([&context, args] { run_story_edit(context, args->id); });

  auto* export_cmd = story->add_subcommand(
      "export",
      "Write the stories as Markdown files: one per story into a folder, or one story "
      "to FILE.md or - (standard output)");
  export_cmd->add_option("DIR|FILE", args->target, "A folder, a .md file, or -")->required();
  export_cmd->add_option("ID", args->id, "Only this story");
  export_cmd->callback([&context, args] { run_export(context, args->target, args->id); });

  auto* list = story->add_subcommand("list", "List the stories with their principles");
  list->add_option("--lp", args->lp, "Only the stories that claim this principle (a slug)");
  list->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  list->callback([&context, args] { run_list(context, args->lp, args->json); });

  auto* show = story->add_subcommand("show", "Show a story as plain text");
  show->add_option("ID", args->id, "Story id (see 'rehearse story list')")->required();
  show->add_flag("--json", args->json, "Print JSON (docs/cli.md)");
  show->callback([&context, args] { run_show(context, args->id, args->json); });

  auto* check = story->add_subcommand(
      "check",
      "What an interviewer would notice in your stories (docs/stories.md). Exit code "
      "1 when a finding is an error, 0 with warnings only");
  check->add_option("ID|FILE", args->target,
                    "One story, by id or as a file (default: every story)");
  check->add_flag("--json", args->json, "Print the findings as JSON");
  check->callback([&context, args] { run_check(context, args->target, args->json); });

  auto* rm = story->add_subcommand(
      "rm", "Remove a story; its cards retire (suspended, their review history kept)");
  rm->add_option("ID", args->id, "Story id")->required();
  rm->add_flag("--yes", args->yes, "Do not ask");
  rm->callback([&context, args] { run_rm(context, args->id, args->yes); });
}

}  // namespace rehearse::cli
