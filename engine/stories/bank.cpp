#include "stories/bank.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "io/file.hpp"
#include "io/story_file.hpp"
#include "model/error.hpp"
#include "stats/coverage.hpp"
#include "stories/cards.hpp"
#include "stories/match.hpp"

namespace rehearse {
namespace {

// The line of `text` where `field:` starts the line, or 1.
int field_line(std::string_view text, std::string_view field) {
  int line = 1;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (text.substr(at, end - at).starts_with(std::string(field) + ":")) return line;
    at = end + 1;
    ++line;
  }
  return 1;
}

// The line of `value` in the list of `field`, or the field's line.
int value_line(std::string_view text, std::string_view field, std::string_view value) {
  const int first = field_line(text, field);
  int line = 1;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (line >= first && text.substr(at, end - at).find(value) != std::string_view::npos) {
      return line;
    }
    at = end + 1;
    ++line;
  }
  return first;
}

std::vector<std::filesystem::path> markdown_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<std::filesystem::path> story_paths(std::span<const std::filesystem::path> paths) {
  std::vector<std::filesystem::path> files;
  for (const std::filesystem::path& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      const auto found = markdown_files(path);
      if (found.empty()) throw Error("{}: no story files (*.md) in this folder", path.string());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, error)) {
      files.push_back(path);
    } else {
      throw Error("{}: no such file or folder", path.string());
    }
  }
  return files;
}

std::vector<StoryFile> read_story_files(std::span<const std::filesystem::path> files) {
  std::vector<StoryFile> read;
  std::unordered_map<std::string, std::size_t> by_id;
  for (const std::filesystem::path& path : files) {
    StoryFile file{path, read_file(path), {}};
    file.story = parse_story_file(file.text, path.string());
    const auto [it, added] = by_id.emplace(file.story.id, read.size());
    if (!added) {
      throw Error("{}:{}: story id \"{}\" is also the id of {}; story ids must be unique",
                  path.string(), field_line(file.text, "id"), file.story.id,
                  read[it->second].path.string());
    }
    read.push_back(std::move(file));
  }
  return read;
}

StoryUpdate story_update(const Story& story) {
  StoryUpdate update{{story.id, story.title, story.principles, story.tags, story.answers,
                      format_story_file(story)},
                     {}};
  for (StoryCard& card : story_cards(story))
    update.cards.push_back(std::move(card.content));
  return update;
}

void check_answers(const Collection& collection, std::span<const StoryFile> files) {
  for (const StoryFile& file : files) {
    const std::vector<std::string> missing = collection.missing_cards(file.story.answers);
    if (!missing.empty()) {
      throw Error(
          "{}:{}: \"answers\" names \"{}\", which is no card of the collection (import the deck "
          "that holds it first)",
          file.path.string(), value_line(file.text, "answers", missing[0]), missing[0]);
    }
  }
}

StoryImportReport import_stories(Collection& collection, std::span<const StoryFile> files,
                                 const sm2::Config& config) {
  // Cards are never deleted, so a card found here is still there when the import writes.
  check_answers(collection, files);
  std::vector<StoryUpdate> updates;
  for (const StoryFile& file : files)
    updates.push_back(story_update(file.story));
  return collection.import_stories(updates, sm2::new_card(config));
}

Story load_story(const StoredStory& stored) {
  return parse_story_file(stored.file, "story " + stored.id);
}

std::vector<Story> load_stories(const Collection& collection) {
  std::vector<Story> stories;
  for (const StoredStory& stored : collection.stories())
    stories.push_back(load_story(stored));
  return stories;
}

Story load_story(const Collection& collection, std::string_view story_id) {
  const std::optional<StoredStory> stored = collection.find_story(story_id);
  if (!stored) {
    throw Error("no story '{}' in {} ('rehearse story list' lists them)", story_id,
                collection.path().string());
  }
  return load_story(*stored);
}

StoryCoverage story_coverage(const Collection& collection, Day today) {
  const std::vector<StoredStory> stories = collection.stories();
  std::unordered_map<std::string, StoryCardCounts> counts;
  for (StoryCardCounts& c : collection.story_card_counts(today))
    counts.emplace(c.story_id, std::move(c));
  StoryCoverage coverage;
  for (const PrincipleCoverage& p : principle_coverage(collection, today)) {
    PrincipleStories entry{p.principle, {}, 0, p.counts};
    int cards = 0, strong = 0;
    for (const StoredStory& story : stories) {
      if (std::find(story.principles.begin(), story.principles.end(), p.principle->slug) ==
          story.principles.end()) {
        continue;
      }
      entry.stories.push_back(story.id);
      if (const auto it = counts.find(story.id); it != counts.end()) {
        cards += it->second.cards;
        strong += it->second.strong;
      }
    }
    entry.strength = cards == 0 ? 0 : static_cast<double>(strong) / cards;
    coverage.principles.push_back(std::move(entry));
  }
  std::vector<const PrincipleStories*> weak;
  for (const PrincipleStories& p : coverage.principles) {
    if (p.stories.size() < kStoriesPerPrinciple) {
      coverage.gaps.emplace_back(p.principle->slug);
    } else if (p.strength < kWeakStrength) {
      weak.push_back(&p);
    }
  }
  std::stable_sort(weak.begin(), weak.end(),
                   [](const auto* a, const auto* b) { return a->strength < b->strength; });
  for (const PrincipleStories* p : weak)
    coverage.gaps.emplace_back(p->principle->slug);
  int none = 0;
  for (const Round& round : rounds())
    coverage.rounds.emplace_back(std::string(round.slug), 0);
  for (const StoredStory& story : stories) {
    bool any = false;
    for (auto& [slug, count] : coverage.rounds) {
      if (std::find(story.tags.begin(), story.tags.end(), "round:" + slug) != story.tags.end()) {
        ++count;
        any = true;
      }
    }
    none += any ? 0 : 1;
  }
  coverage.rounds.emplace_back("none", none);
  return coverage;
}

namespace {

// The values of the tags of `tags` that start with `prefix`, without it.
std::vector<std::string> tag_values(const std::vector<std::string>& tags, std::string_view prefix) {
  std::vector<std::string> values;
  for (const std::string& tag : tags) {
    if (tag.starts_with(prefix)) values.push_back(tag.substr(prefix.size()));
  }
  return values;
}

}  // namespace

bool is_question_card(const Card& card) {
  const std::vector<std::string>& tags = card.content.tags;
  const auto has = [&](std::string_view prefix) {
    return std::any_of(tags.begin(), tags.end(),
                       [&](const std::string& tag) { return tag.starts_with(prefix); });
  };
  const bool first = card.content.group.empty() || card.content.group == card.content.id;
  return card.deck_id != kStoryDeckId && first && has("round:") && has("lp:") &&
         std::find(tags.begin(), tags.end(), "topic:behavioral") != tags.end();
}

std::vector<UnansweredQuestion> unanswered_questions(const Collection& collection) {
  const std::vector<Story> stories = load_stories(collection);
  std::unordered_set<std::string> seen;
  for (const Story& story : stories)
    seen.insert(story.answers.begin(), story.answers.end());
  std::vector<UnansweredQuestion> questions;
  for (const Round& round : rounds()) {
    CardFilter filter;
    filter.tag = "round:" + std::string(round.slug);
    for (Card& card : collection.cards(filter)) {
      if (!is_question_card(card)) continue;
      if (!seen.insert(card.content.id).second) continue;  // answered, or listed for a round
      std::vector<std::string> principles = tag_values(card.content.tags, "lp:");
      UnansweredQuestion q{std::move(card), std::string(round.slug), std::move(principles), {}};
      for (const std::size_t i : stories_for_card(q.card.content.id, q.card.content.tags, stories))
        q.fitting.push_back(stories[i].id);
      questions.push_back(std::move(q));
    }
  }
  return questions;
}

}  // namespace rehearse
