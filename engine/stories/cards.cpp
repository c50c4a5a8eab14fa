#include "stories/cards.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "model/principle.hpp"

namespace rehearse {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The first sentence of a plain text, or its first line, whichever ends first.
std::string first_sentence(std::string_view plain) {
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    if (c == '\n') return std::string(plain.substr(0, i));
    if ((c == '.' || c == '!' || c == '?') &&
        (i + 1 == plain.size() || plain[i + 1] == ' ' || plain[i + 1] == '\n')) {
      return std::string(plain.substr(0, i + 1));
    }
  }
  return std::string(plain);
}

// The story's tags and its principles' lp: tags (for `principle`, that one only), each once.
std::vector<std::string> tags_for(const Story& story, const std::string* principle) {
  std::vector<std::string> tags;
  const auto add = [&](std::string tag) {
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
  };
  if (principle) {
    add("lp:" + *principle);
  } else {
    for (const std::string& slug : story.principles)
      add("lp:" + slug);
  }
  for (const std::string& tag : story.tags)
    add(tag);
  return tags;
}

std::string card_id(const Story& story, std::string_view kind, std::string_view detail = {}) {
  return detail.empty() ? fmt::format("story:{}:{}", story.id, kind)
                        : fmt::format("story:{}:{}:{}", story.id, kind, detail);
}

StoryCard card(const Story& story, StoryCardKind kind, std::string id, std::string front,
               std::string back, const std::string* principle = nullptr) {
  return {kind, CardContent{std::move(id), std::move(front), std::move(back),
                            tags_for(story, principle), "story:" + story.id}};
}

void principle_cards(const Story& story, std::vector<StoryCard>& out) {
  for (const std::string& slug : story.principles) {
    const Principle* principle = find_principle(slug);
    out.push_back(card(story, StoryCardKind::principle, card_id(story, "principle", slug),
                       fmt::format("{}: which of your stories, and what was its result?",
                                   principle ? principle->name : slug),
                       story.title + "\n" + first_sentence(story.result.plain), &slug));
  }
}

void beats_card(const Story& story, std::vector<StoryCard>& out) {
  out.push_back(
      card(story, StoryCardKind::beats, card_id(story, "beats"), story.title + ": the STAR beats?",
           fmt::format("Situation: {}\nTask: {}\nAction: {}\nResult: {}",
                       first_sentence(story.situation.plain), first_sentence(story.task.plain),
                       first_sentence(story.action.plain), first_sentence(story.result.plain))));
}

void follow_up_cards(const Story& story, std::vector<StoryCard>& out) {
  std::vector<std::string> slugs;
  for (const FollowUp& follow_up : story.follow_ups) {
    std::string slug = question_slug(follow_up.question_plain);
    const std::string base = slug;
    for (int n = 2; std::find(slugs.begin(), slugs.end(), slug) != slugs.end(); ++n)
      slug = fmt::format("{}-{}", base, n);
    slugs.push_back(slug);
    out.push_back(card(story, StoryCardKind::follow_up, card_id(story, "follow-up", slug),
                       story.title + ": " + follow_up.question_plain, follow_up.answer.plain));
  }
}

// A Metrics section's lines without their list markers ("- ", "* ", "1. ").
std::vector<std::string> metric_lines(std::string_view plain) {
  std::vector<std::string> lines;
  while (!plain.empty()) {
    const std::size_t end = std::min(plain.find('\n'), plain.size());
    std::string_view line = plain.substr(0, end);
    plain.remove_prefix(std::min(end + 1, plain.size()));
    if (line.starts_with("- ")) {
      line.remove_prefix(2);
    } else {
      const std::size_t digits = line.find_first_not_of("0123456789");
      if (digits > 0 && digits != std::string_view::npos && line.substr(digits).starts_with(". ")) {
        line.remove_prefix(digits + 2);
      }
    }
    if (line.find_first_not_of(' ') != std::string_view::npos) lines.emplace_back(line);
  }
  return lines;
}

void metrics_card(const Story& story, std::vector<StoryCard>& out) {
  if (!story.metrics) return;
  std::string front = story.title + ": fill in the numbers.";
  std::string back;
  bool any = false;
  for (const std::string& line : metric_lines(story.metrics->plain)) {
    const std::string blanked = cloze(line);
    any = any || blanked != line;
    front += "\n- " + blanked;
    back += (back.empty() ? "- " : "\n- ") + line;
  }
  if (!any) return;
  out.push_back(card(story, StoryCardKind::metrics, card_id(story, "metrics"), std::move(front),
                     std::move(back)));
}

void short_card(const Story& story, std::vector<StoryCard>& out) {
  if (!story.short_version) return;
  out.push_back(card(story, StoryCardKind::short_version, card_id(story, "30s"),
                     story.title + ": tell it in 30 seconds.", story.short_version->plain));
}

// Units that belong to the number before them in a metric.
bool is_unit(std::string_view word) {
  static constexpr std::array<std::string_view, 30> kUnits{
      "ms",     "s",       "sec",    "secs", "second", "seconds", "min",  "mins",
      "minute", "minutes", "h",      "hour", "hours",  "day",     "days", "week",
      "weeks",  "month",   "months", "year", "years",  "percent", "pp",   "points",
      "x",      "k",       "KB",     "MB",   "GB",     "TB"};
  return std::find(kUnits.begin(), kUnits.end(), word) != kUnits.end();
}

}  // namespace

Deck story_deck() {
  return {std::string(kStoryDeckId), "My stories",
          "Cards generated from your STAR stories (rehearse story import)"};
}

std::vector<StoryCard> story_cards(const Story& story) {
  std::vector<StoryCard> out;
  principle_cards(story, out);
  beats_card(story, out);
  follow_up_cards(story, out);
  metrics_card(story, out);
  short_card(story, out);
  return out;
}

std::string question_slug(std::string_view question) {
  std::string slug;
  for (const char c : question) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 60) break;
  }
  while (!slug.empty() && slug.back() == '-')
    slug.pop_back();
  return slug.empty() ? "q" : slug;
}

std::string cloze(std::string_view line) {
  // After an arrow ("900 ms -> 120 ms"), the number the arrow leads to; else the last one.
  std::size_t arrow = line.rfind("->");
  if (arrow == std::string_view::npos) arrow = line.rfind("\xE2\x86\x92");  // U+2192
  std::size_t last = std::string_view::npos;
  if (arrow != std::string_view::npos) {
    const std::size_t first = line.find_first_of("0123456789", arrow);
    if (first != std::string_view::npos) {
      last = std::min(line.find_first_not_of("0123456789.,", first), line.size()) - 1;
    }
  }
  if (last == std::string_view::npos) last = line.find_last_of("0123456789");
  if (last == std::string_view::npos) return std::string(line);
  while (last > 0 && (line[last] == '.' || line[last] == ','))
    --last;
  // The number: digits with the separators and signs around them ("$2.5", "1,200", "-3").
  std::size_t begin = last;
  while (begin > 0 && (is_digit(line[begin - 1]) || line[begin - 1] == '.' ||
                       line[begin - 1] == ',' || line[begin - 1] == '$' || line[begin - 1] == '-' ||
                       line[begin - 1] == '~' || line[begin - 1] == '+')) {
    --begin;
  }
  while (begin < last && (line[begin] == '.' || line[begin] == ','))
    ++begin;
  std::size_t end = last + 1;
  // Letters or a sign stuck to it ("2.5M", "40%", "3x"), or a unit word after a space.
  while (end < line.size() &&
         (std::isalpha(static_cast<unsigned char>(line[end])) || line[end] == '%')) {
    ++end;
  }
  if (end == last + 1 && end < line.size() && line[end] == ' ') {
    const std::size_t word_end = std::min(line.find_first_of(" ,.;)", end + 1), line.size());
    if (is_unit(line.substr(end + 1, word_end - end - 1))) end = word_end;
  }
  return std::string(line.substr(0, begin)) + "___" + std::string(line.substr(end));
}

}  // namespace rehearse
